using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Protocol;

// DelegationManager: operators, delegation, undelegation, the withdrawal queue.
public sealed partial class Engine
{
    private void Handle(RegisterOperator c)
    {
        var staker = FindStaker(c.Operator);
        Revert.If(staker?.IsDelegated == true, "ActivelyDelegated", $"{c.Operator} is delegated (to {staker?.DelegatedTo}); operators delegate only to themselves");
        var plan = PlanDelegation(staker, c.Operator, slashingOperator: null);

        var op = new Operator(c.Operator)
        {
            // A new operator's allocation delay takes effect at once (AllocationManager._setAllocationDelay, newlyRegistered).
            AllocationDelay = c.AllocationDelay,
            PendingAllocationDelay = c.AllocationDelay,
            AllocationDelayIsSet = true,
            AllocationDelayEffectBlock = _s.Block,
        };
        _s.OperatorsByName[c.Operator] = op;
        Emit(new AllocationDelaySet(c.Operator, c.AllocationDelay, _s.Block));
        ApplyDelegation(staker, c.Operator, op, plan);
        Emit(new OperatorRegistered(c.Operator));
    }

    private void Handle(DelegateTo c)
    {
        var staker = FindStaker(c.Staker);
        Revert.If(staker?.IsDelegated == true, "ActivelyDelegated", $"{c.Staker} is already delegated to {staker?.DelegatedTo}");
        var op = OperatorNamed(c.Operator);
        var plan = PlanDelegation(staker, c.Staker, op);
        ApplyDelegation(staker, c.Staker, op, plan);
    }

    private void Handle(Undelegate c)
    {
        var staker = FindStaker(c.Staker);
        Revert.If(staker is not { IsDelegated: true }, "NotActivelyDelegated", $"{c.Staker} is not delegated");
        Revert.If(_s.OperatorsByName.ContainsKey(c.Staker), "OperatorsCannotUndelegate", $"{c.Staker} is an operator and stays delegated to itself");
        RequireCaller(c.Caller, "CallerCannotUndelegate", c.Staker, staker!.DelegatedTo!);
        var plans = PlanUndelegation(staker!, c.Ids);
        ApplyUndelegation(staker!, plans, forced: c.Caller is not null && c.Caller != c.Staker);
    }

    private void Handle(Redelegate c)
    {
        var staker = FindStaker(c.Staker);
        Revert.If(staker is not { IsDelegated: true }, "NotActivelyDelegated", $"{c.Staker} is not delegated");
        Revert.If(_s.OperatorsByName.ContainsKey(c.Staker), "OperatorsCannotUndelegate", $"{c.Staker} is an operator and stays delegated to itself");
        OperatorNamed(c.Operator);
        var plans = PlanUndelegation(staker!, c.Ids);
        ApplyUndelegation(staker!, plans, forced: false);
        // Every deposit share is now queued, so the new delegation moves no shares and cannot fail.
        ApplyDelegation(staker, c.Staker, _s.OperatorsByName[c.Operator], []);
    }

    private readonly record struct DelegationCredit(Position Position, UInt256 Added, UInt256 NewScalingFactor);

    /// <summary>
    /// DelegationManager._delegate: every deposited strategy moves to the operator. ERC-20 shares move
    /// as deposit shares s; native ETH as s·k·l. The scaling factor becomes k/m of the new operator.
    /// </summary>
    private List<DelegationCredit> PlanDelegation(Staker? staker, string stakerName, Operator? slashingOperator)
    {
        var plan = new List<DelegationCredit>();
        if (staker is null)
        {
            return plan;
        }
        foreach (var position in staker.Positions)
        {
            if (position.DepositShares.IsZero)
            {
                continue;
            }
            var m = slashingOperator?.Find(position.Strategy)?.MaxMagnitude ?? Wad.One;
            Revert.If(m == 0, "FullySlashed", $"{slashingOperator?.Name ?? stakerName} is fully slashed in {position.Strategy.Name}");
            var added = position.Strategy.IsBeacon
                ? SlashingMath.CalcWithdrawable(position.ScalingFactor, position.DepositShares, _s.BeaconChainSlashingFactor(stakerName))
                : position.DepositShares;
            if (added.IsZero)
            {
                continue;
            }
            plan.Add(new DelegationCredit(position, added, SlashingMath.UpdatedScalingFactor(position.ScalingFactor, UInt256.Zero, added, m)));
        }
        return plan;
    }

    private void ApplyDelegation(Staker? found, string stakerName, Operator op, List<DelegationCredit> plan)
    {
        var staker = found ?? StakerForWrite(stakerName);
        var operatorName = op.Name;
        staker.DelegatedTo = operatorName;
        op.DelegatorCount++;
        if (Recording)
        {
            Emit(new StakerDelegated(stakerName, operatorName));
        }
        foreach (var credit in plan)
        {
            credit.Position.StoredScalingFactor = credit.NewScalingFactor;
            if (Recording)
            {
                Emit(new DepositScalingFactorUpdated(stakerName, credit.Position.Strategy.Name, credit.NewScalingFactor));
            }
            op.GetOrAdd(credit.Position.Strategy).Shares += credit.Added;
            if (Recording)
            {
                Emit(new OperatorSharesIncreased(operatorName, stakerName, credit.Position.Strategy.Name, credit.Added));
            }
        }
    }

    private List<WithdrawalPlan> PlanUndelegation(Staker staker, IReadOnlyList<string>? ids)
    {
        var positions = staker.DepositedPositions();
        Revert.If(ids is not null && ids.Count != positions.Count, "InputArrayLengthMismatch",
            $"{staker.Name} holds {positions.Count} strategies ({string.Join(", ", positions.Select(p => p.Strategy.Name))}) but {ids?.Count} ids were given");
        var plans = new List<WithdrawalPlan>(positions.Count);
        var nonce = staker.WithdrawalNonce;
        var taken = new HashSet<string>();
        for (var i = 0; i < positions.Count; i++)
        {
            var id = ids?[i] ?? DefaultWithdrawalId(staker.Name, nonce);
            Revert.If(!taken.Add(id), "WithdrawalIdTaken", $"withdrawal id '{id}' is given twice");
            plans.Add(PlanWithdrawal(staker, positions[i], positions[i].DepositShares, id, nonce++));
        }
        return plans;
    }

    private void ApplyUndelegation(Staker staker, List<WithdrawalPlan> plans, bool forced)
    {
        var op = staker.DelegatedTo!;
        if (forced)
        {
            Emit(new StakerForceUndelegated(staker.Name, op));
        }
        staker.DelegatedTo = null;
        _s.OperatorsByName[op].DelegatorCount--;
        Emit(new StakerUndelegated(staker.Name, op));
        foreach (var plan in plans)
        {
            ApplyWithdrawal(staker, plan);
        }
    }

    private static string DefaultWithdrawalId(string staker, long nonce) => $"{staker}/{nonce}";
}
