using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.OnEngine;

/// <summary>
/// Ether.fi and Puffer run their own validators: idle ETH of a node delegator goes to the beacon chain, 32 ETH a validator,
/// and the node delegator's EigenPod verifies them (explicit <paramref name="Validators"/> with their verified
/// balances in gwei, or <paramref name="Count"/> fresh indices at 32 ETH). <paramref name="Node"/> picks the node
/// delegator; without it, the first one holding enough idle ETH.
/// </summary>
public sealed record LrtStakeValidators(string Lrt, IReadOnlyList<ValidatorBalance>? Validators = null, int Count = 0, string? Node = null) : LrtAction;

// Native restaking through EigenPods. The pod's beaconETH shares are engine positions like any other, so NAV,
// the beacon chain slashing factor (a checkpoint showing a lower balance) and AVS slashing all reach the LRT.
public sealed partial class LrtVault
{
    /// <summary>What one validator takes from the pool (the beacon deposit), in gwei.</summary>
    public const ulong ValidatorGwei = 32_000_000_000;
    /// <summary>Where staked ETH goes: it leaves the execution layer, so it is held by no one the LRT counts.</summary>
    public const string BeaconDepositHolder = "beacon:deposit-contract";

    private readonly SortedDictionary<string, List<long>> _validators = new(StringComparer.Ordinal);

    /// <summary>Validator indices each node delegator staked, in staking order.</summary>
    public IReadOnlyDictionary<string, List<long>> StakedValidators => _validators;

    /// <summary>The native-ETH asset this LRT accepts (the beacon strategy), or null.</summary>
    public string? NativeAsset(Protocol.State.NetworkState s) => Assets.FirstOrDefault(a => s.Strategies[a].IsBeacon);

    /// <summary>A node delegator's withdrawable beaconETH, in ETH wei: what its pod's validators are worth to the LRT.</summary>
    public UInt256 BeaconValue(Protocol.State.NetworkState s, NodeDelegator nd)
    {
        if (NativeAsset(s) is not { } asset || s.Stakers.GetValueOrDefault(nd.Name) is not { } staker || staker.Find(s.Strategies[asset]) is not { } position)
        {
            return UInt256.Zero;
        }
        return Wad.MulDown(s.WithdrawableShares(staker, position), PricesWad[asset]);
    }

    internal void StakeValidators(Engine engine, LrtStakeValidators c)
    {
        var s = engine.State;
        if (Preset is not (LrtPreset.EtherFi or LrtPreset.Puffer))
        {
            throw Refuse("NativeStakingUnsupported", $"{Name} does not run its own validators here; Ether.fi (eETH) and Puffer (pufETH) stake native ETH through pods");
        }
        var asset = NativeAsset(s) ?? throw Refuse("UnsupportedAsset", $"{Name} does not accept native ETH (create it with the asset {ProtocolConstants.BeaconStrategy})");
        var used = s.Pods.Values.SelectMany(p => p.Validators.Keys).ToHashSet();
        List<ValidatorBalance> validators;
        if (c.Validators is { Count: > 0 } given)
        {
            if (c.Count != 0 && c.Count != given.Count)
            {
                throw Refuse("InvalidValidators", $"count {c.Count} does not match the {given.Count} validators listed");
            }
            validators = [.. given];
        }
        else if (c.Count > 0)
        {
            // Fresh indices after every index any pod has seen: a beacon validator index is never reused.
            var next = used.Count == 0 ? 0 : used.Max() + 1;
            validators = [.. Enumerable.Range(0, c.Count).Select(i => new ValidatorBalance(next + i, ValidatorGwei))];
        }
        else
        {
            throw Refuse("InvalidValidators", "stake at least one validator (validators or count)");
        }
        var seen = new HashSet<long>();
        foreach (var v in validators)
        {
            if (v.Index < 0 || used.Contains(v.Index) || !seen.Add(v.Index))
            {
                throw Refuse("ValidatorAlreadyUsed", $"validator {v.Index} is already restaked in a pod (or listed twice)");
            }
            if (v.BalanceGwei == 0 || v.BalanceGwei > ValidatorGwei)
            {
                throw Refuse("InvalidValidatorBalance", $"validator {v.Index}: a verified balance is above 0 and at most the 32 ETH deposited");
            }
        }
        var token = s.Strategies[asset].Token.Symbol;
        var cost = (UInt256)((ulong)validators.Count * ValidatorGwei) * Amounts.WeiPerGwei;
        NodeDelegator nd;
        if (c.Node is { } named)
        {
            nd = Nodes.FirstOrDefault(n => n.Name == named) ?? throw Refuse("UnknownNodeDelegator", $"'{named}' is not one of {Name}'s node delegators");
            if (s.BalanceOf(nd.Name, token) < cost)
            {
                throw Refuse("InsufficientIdleEth", $"{nd.Name} holds {s.BalanceOf(nd.Name, token)} wei idle, less than the {cost} {validators.Count} validators need");
            }
        }
        else
        {
            nd = Nodes.FirstOrDefault(n => s.BalanceOf(n.Name, token) >= cost)
                ?? throw Refuse("InsufficientIdleEth", $"no node delegator of {Name} holds the {cost} wei idle ETH {validators.Count} validators need");
        }
        // Everything that could refuse is checked above, so creating the pod first cannot leave a stray one.
        if (!s.Pods.ContainsKey(nd.Name))
        {
            Must(engine, new CreatePod(nd.Name));
        }
        Must(engine, new VerifyValidators(nd.Name, validators));
        Must(engine, new TransferToken(nd.Name, BeaconDepositHolder, token, cost));
        if (!_validators.TryGetValue(nd.Name, out var list))
        {
            _validators[nd.Name] = list = [];
        }
        list.AddRange(validators.Select(v => v.Index));
    }
}
