using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Lrt.OnEngine;

/// <summary>
/// The LRT exits validators it staked: each exited validator's balance leaves the beacon chain for its node delegator's
/// EigenPod, and one checkpoint per pod proves it (the validator at 0, the pod's ETH up by the same amount), so the pod
/// can pay queued beaconETH withdrawals as ETH. <paramref name="Validators"/> names them; <paramref name="Count"/> takes
/// the LRT's first active ones in staking order (of <paramref name="Node"/> only, when given).
/// </summary>
public sealed record LrtExitValidators(string Lrt, IReadOnlyList<long>? Validators = null, int Count = 0, string? Node = null) : LrtAction;

// Validator exits through the engine's pod flow: an exit moves value from a validator's balance to the pod's ETH without
// changing the node delegator's beaconETH shares (a checkpoint's delta is 0), so NAV and every rate stay where they are.
public sealed partial class LrtVault
{
    internal void ExitValidators(Engine engine, LrtExitValidators c)
    {
        var s = engine.State;
        if (Preset is not (LrtPreset.EtherFi or LrtPreset.Puffer))
        {
            throw Refuse("NativeStakingUnsupported", $"{Name} runs no validators of its own");
        }
        if (NativeAsset(s) is null)
        {
            throw Refuse("UnsupportedAsset", $"{Name} does not accept native ETH");
        }
        if (c.Node is { } named && Nodes.All(n => n.Name != named))
        {
            throw Refuse("UnknownNodeDelegator", $"'{named}' is not one of {Name}'s node delegators");
        }
        var active = ActiveValidators(s).Where(a => c.Node is null || a.Node == c.Node).ToList();
        List<(string Node, long Index)> exits;
        if (c.Validators is { Count: > 0 } given)
        {
            if (given.Distinct().Count() != given.Count)
            {
                throw Refuse("InputArrayLengthMismatch", "a validator is listed twice");
            }
            exits = [];
            foreach (var index in given)
            {
                var found = active.FirstOrDefault(a => a.Index == index);
                if (found.Node is null)
                {
                    throw Refuse("ValidatorNotActiveInPod", $"validator {index} is not an active validator of {Name}{(c.Node is null ? "" : $" in {c.Node}'s pod")}");
                }
                exits.Add(found);
            }
        }
        else if (c.Count > 0)
        {
            if (c.Count > active.Count)
            {
                throw Refuse("InvalidValidators", $"{Name} has {active.Count} active validator(s){(c.Node is null ? "" : $" in {c.Node}'s pod")}, fewer than {c.Count}");
            }
            exits = active.Take(c.Count).ToList();
        }
        else
        {
            throw Refuse("InvalidValidators", "exit at least one validator (validators or count)");
        }
        var byPod = exits.GroupBy(e => e.Node).ToList();
        foreach (var g in byPod.Where(g => s.Pods[g.Key].LastCheckpointBlock == s.Block))
        {
            throw Refuse("CannotCheckpointTwiceInSingleBlock", $"{g.Key}'s pod was already checkpointed in this block (roll first)");
        }
        foreach (var g in byPod)
        {
            var pod = s.Pods[g.Key];
            var exitedGwei = g.Aggregate(0UL, (a, e) => a + pod.Validators[e.Index].RestakedBalanceGwei);
            var podBalance = pod.BalanceWei + ((UInt256)exitedGwei * Amounts.WeiPerGwei);
            Must(engine, new Checkpoint(g.Key, [.. g.Select(e => new ValidatorBalance(e.Index, 0))], podBalance));
        }
    }

    /// <summary>The LRT's validators still active on the beacon chain, in staking order, with their node delegator.</summary>
    private IEnumerable<(string Node, long Index)> ActiveValidators(NetworkState s) =>
        Nodes.Where(nd => s.Pods.ContainsKey(nd.Name) && _validators.ContainsKey(nd.Name))
            .SelectMany(nd => _validators[nd.Name].Where(i => s.Pods[nd.Name].Validators.TryGetValue(i, out var v) && v.Status == ValidatorStatus.Active).Select(i => (nd.Name, i)));

    /// <summary>
    /// A queued beaconETH withdrawal pays out of its pod's checkpointed ETH, in whole gwei (EigenPod.withdrawRestakedBeaconChainETH):
    /// check every pod can pay what the completions will ask before the first one runs, so a refusal changes nothing.
    /// </summary>
    private static void CheckPodsCanPay(NetworkState s, IEnumerable<string> engineIds)
    {
        var owed = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var id in engineIds)
        {
            var w = s.Withdrawals[id];
            if (!w.Strategy.IsBeacon)
            {
                continue;
            }
            var m = s.MaxMagnitudeAt(w.DelegatedTo, w.Strategy, w.StartBlock + s.Params.WithdrawalDelayBlocks);
            var shares = SlashingMath.ScaleForCompleteWithdrawal(w.ScaledShares, s.SlashingFactor(w.Staker, w.Strategy, m));
            owed[w.Staker] = owed.GetValueOrDefault(w.Staker) + (ulong)(shares / Amounts.WeiPerGwei);
        }
        foreach (var (staker, gwei) in owed)
        {
            var held = s.Pods.TryGetValue(staker, out var pod) ? pod.RestakedExecutionLayerGwei : 0UL;
            if (gwei > held)
            {
                throw Refuse("InsufficientWithdrawableBalance", $"{staker}'s pod holds {held} gwei of checkpointed ETH, less than the {gwei} gwei owed: exit validators first (lrt_exit_validators)");
            }
        }
    }
}
