using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Protocol;

// EigenPodManager and EigenPod: native ETH restaking.
public sealed partial class Engine
{
    private static readonly UInt256 WeiPerGwei = Amounts.WeiPerGwei;

    private Pod PodOf(string owner) =>
        _s.PodsByOwner.TryGetValue(owner, out var pod) ? pod : throw Revert.With("EigenPodNotFound", $"{owner} has no EigenPod (create_pod first)");

    private void Handle(CreatePod c)
    {
        Revert.If(_s.PodsByOwner.ContainsKey(c.Owner), "EigenPodAlreadyExists", $"{c.Owner} already has an EigenPod");
        _s.PodsByOwner[c.Owner] = new Pod(c.Owner);
        Emit(new PodDeployed(c.Owner));
    }

    private void Handle(VerifyValidators c)
    {
        var pod = PodOf(c.Owner);
        Revert.If(c.Validators.Count == 0, "InputArrayLengthZero", "name at least one validator");
        var seen = new HashSet<long>();
        ulong totalGwei = 0;
        foreach (var v in c.Validators)
        {
            Revert.If(!seen.Add(v.Index) || (pod.ValidatorsByIndex.TryGetValue(v.Index, out var known) && known.Status != ValidatorStatus.Inactive),
                "CredentialsAlreadyVerified", $"validator {v.Index} is already restaked in this pod");
            Revert.If(v.BalanceGwei == 0, "ValidatorInactiveOnBeaconChain", $"validator {v.Index} has no effective balance");
            totalGwei = checked(totalGwei + v.BalanceGwei);
        }
        var credit = PlanBeaconCredit(c.Owner, totalGwei * WeiPerGwei);

        foreach (var v in c.Validators)
        {
            pod.ValidatorsByIndex[v.Index] = new Validator(v.Index) { Status = ValidatorStatus.Active, RestakedBalanceGwei = v.BalanceGwei };
            pod.ActiveValidatorCount++;
            Emit(new ValidatorRestaked(c.Owner, v.Index, v.BalanceGwei));
        }
        ApplyBeaconCredit(credit);
    }

    private void Handle(Checkpoint c)
    {
        var pod = PodOf(c.Owner);
        Revert.If(pod.LastCheckpointBlock == _s.Block, "CannotCheckpointTwiceInSingleBlock", "this pod was already checkpointed in this block (roll first)");
        var podBalanceWei = c.PodBalanceWei ?? pod.BalanceWei;
        var podGweiTotal = (ulong)(podBalanceWei / WeiPerGwei);
        Revert.If(podGweiTotal < pod.RestakedExecutionLayerGwei, "InsufficientFunds",
            $"the pod balance cannot fall below the {pod.RestakedExecutionLayerGwei} gwei already credited (withdraw it through the queue)");
        var podBalanceGwei = podGweiTotal - pod.RestakedExecutionLayerGwei;

        // Every active validator is proven; those not listed keep their balance (delta 0).
        var updates = new Dictionary<long, ulong>();
        foreach (var b in c.Balances)
        {
            Revert.If(!pod.ValidatorsByIndex.TryGetValue(b.Index, out var v) || v.Status != ValidatorStatus.Active,
                "ValidatorNotActiveInPod", $"validator {b.Index} is not active in {c.Owner}'s pod");
            Revert.If(!updates.TryAdd(b.Index, b.BalanceGwei), "InputArrayLengthMismatch", $"validator {b.Index} is listed twice");
        }
        long prevBeaconGwei = 0;
        long deltasGwei = 0;
        foreach (var v in pod.ValidatorsByIndex.Values)
        {
            if (v.Status != ValidatorStatus.Active)
            {
                continue;
            }
            prevBeaconGwei = checked(prevBeaconGwei + (long)v.RestakedBalanceGwei);
            if (updates.TryGetValue(v.Index, out var next))
            {
                deltasGwei = checked(deltasGwei + ((long)next - (long)v.RestakedBalanceGwei));
            }
        }
        var prevRestakedGwei = checked((long)pod.RestakedExecutionLayerGwei + prevBeaconGwei);
        var balanceDeltaGwei = checked((long)podBalanceGwei + deltasGwei);

        ShareCredit? credit = null;
        (ulong NewFactor, UInt256 OperatorDecrease)? debit = null;
        if (balanceDeltaGwei > 0)
        {
            credit = PlanBeaconCredit(c.Owner, (ulong)balanceDeltaGwei * WeiPerGwei);
        }
        else if (balanceDeltaGwei < 0)
        {
            debit = PlanBeaconDebit(c.Owner, pod, (UInt256)(ulong)prevRestakedGwei * WeiPerGwei, (ulong)(-balanceDeltaGwei) * WeiPerGwei);
        }

        pod.BalanceWei = podBalanceWei;
        foreach (var (index, gwei) in updates)
        {
            var v = pod.ValidatorsByIndex[index];
            v.RestakedBalanceGwei = gwei;
            Emit(new ValidatorBalanceUpdated(c.Owner, index, gwei));
            if (gwei == 0)
            {
                v.Status = ValidatorStatus.Withdrawn;
                pod.ActiveValidatorCount--;
                Emit(new ValidatorWithdrawn(c.Owner, index));
            }
        }
        pod.RestakedExecutionLayerGwei += podBalanceGwei;
        pod.LastCheckpointBlock = _s.Block;
        Emit(new CheckpointFinalized(c.Owner, _s.Block, (balanceDeltaGwei * (System.Numerics.BigInteger)1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (credit is { } cr)
        {
            ApplyBeaconCredit(cr);
        }
        if (debit is { } d)
        {
            ApplyBeaconDebit(c.Owner, pod, d.NewFactor, d.OperatorDecrease);
        }
    }

    /// <summary>recordBeaconChainETHBalanceUpdate with a positive delta: new deposit shares, then increaseDelegatedShares.</summary>
    private ShareCredit PlanBeaconCredit(string owner, UInt256 deltaWei) =>
        PlanAddShares(FindStaker(owner), owner, _s.Beacon, deltaWei);

    private void ApplyBeaconCredit(ShareCredit credit)
    {
        if (credit.Added.IsZero)
        {
            return;
        }
        ApplyAddShares(credit);
        _s.Beacon.TotalShares += credit.Added;
        Emit(new PodSharesUpdated(credit.StakerName, credit.Added, credit.PrevShares + credit.Added));
    }

    /// <summary>
    /// recordBeaconChainETHBalanceUpdate with a negative delta: deposit shares stay, the beacon chain
    /// slashing factor drops to l·(new/prev) (rounded down), and the operator loses s·k·m·(l_prev − l_new).
    /// </summary>
    private (ulong NewFactor, UInt256 OperatorDecrease) PlanBeaconDebit(string owner, Pod pod, UInt256 prevRestakedWei, UInt256 decreaseWei)
    {
        var newRestakedWei = prevRestakedWei - decreaseWei;
        var prevFactor = pod.BeaconChainSlashingFactor;
        var newFactor = (ulong)Wad.MulDivDown(prevFactor, newRestakedWei, prevRestakedWei);
        var decrease = prevFactor - newFactor;
        var operatorDecrease = UInt256.Zero;
        if (FindStaker(owner) is { DelegatedTo: { } op } staker && staker.Find(_s.Beacon) is { } position)
        {
            var m = _s.MaxMagnitude(op, _s.Beacon);
            operatorDecrease = SlashingMath.CalcWithdrawable(position.ScalingFactor, position.DepositShares, Wad.MulDown(m, decrease));
            RequireOperatorShares(_s.OperatorsByName[op], _s.Beacon, operatorDecrease);
        }
        return (newFactor, operatorDecrease);
    }

    private void ApplyBeaconDebit(string owner, Pod pod, ulong newFactor, UInt256 operatorDecrease)
    {
        var prev = pod.BeaconChainSlashingFactor;
        pod.BeaconChainSlashingFactor = newFactor;
        Emit(new BeaconChainSlashingFactorDecreased(owner, prev, newFactor));
        if (_s.StakersByName.TryGetValue(owner, out var staker) && staker.DelegatedTo is { } op)
        {
            var os = _s.OperatorsByName[op].GetOrAdd(_s.Beacon);
            os.Shares -= operatorDecrease;
            Emit(new OperatorSharesDecreased(op, owner, _s.Beacon.Name, operatorDecrease));
        }
    }
}
