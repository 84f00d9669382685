using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Protocol;

// AllocationManager.slashOperator and DelegationManager.slashOperatorShares; the burn ledger.
public sealed partial class Engine
{
    private void Handle(Slash c)
    {
        var set = SetNamed(c.Avs, c.Set);
        var op = _s.OperatorsByName.GetValueOrDefault(c.Operator);
        Revert.If(op is null || !_s.IsOperatorSlashable(op, set), "OperatorNotSlashable", $"{c.Operator} is not slashable by {set.Key}");
        RequireCaller(c.Caller, "InvalidCaller", c.Avs);
        var targets = new List<(Strategy Strategy, UInt256 Wad)>(c.Strategies.Count);
        foreach (var s in c.Strategies)
        {
            var strategy = StrategyNamed(s.Strategy);
            // The reference demands strictly ascending addresses, which rules out duplicates; names have no address order here.
            Revert.If(targets.Exists(t => ReferenceEquals(t.Strategy, strategy)), "StrategiesMustBeInAscendingOrder", $"{s.Strategy} is listed twice");
            Revert.If(s.Wad.IsZero || s.Wad > Wad.Unit, "InvalidWadToSlash", $"a slash must take more than 0 and at most 1 (got {s.Wad} wad)");
            Revert.If(!set.Contains(strategy), "StrategyNotInOperatorSet", $"{set.Key} cannot slash {s.Strategy}");
            targets.Add((strategy, s.Wad));
        }

        set.SlashCount++;
        var slashId = set.SlashCount;
        var wadsSlashed = new List<UInt256>(targets.Count);
        foreach (var (strategy, wadToSlash) in targets)
        {
            wadsSlashed.Add(SlashStrategy(op!, set, strategy, wadToSlash));
        }
        if (Recording)
        {
            Emit(new OperatorSlashed(op!.Name, c.Avs, c.Set, slashId, targets.Select(t => t.Strategy.Name).ToList(), wadsSlashed, c.Description));
        }
    }

    /// <summary>One strategy of a slash; cannot fail once the slash has been validated.</summary>
    private UInt256 SlashStrategy(Operator op, OperatorSet set, Strategy strategy, UInt256 wadToSlash)
    {
        var os = op.Find(strategy);
        if (os is null || !os.AllocationsBySet.TryGetValue(set, out var allocation))
        {
            return UInt256.Zero;
        }
        Materialize(os, allocation);
        if (allocation.CurrentMagnitude == 0)
        {
            return UInt256.Zero;
        }
        // Magnitude is taken rounding UP, so every slash costs at least one unit (no dust-sized free slashes).
        var slashed = (ulong)Wad.MulUp(allocation.CurrentMagnitude, wadToSlash);
        var prevMax = os.MaxMagnitude;
        var wadSlashed = Wad.DivDown(slashed, prevMax);
        var newMax = prevMax - slashed;
        allocation.CurrentMagnitude -= slashed;
        os.EncumberedMagnitude -= slashed;
        if (allocation.PendingDiff < 0)
        {
            // A pending deallocation is still slashable and shrinks by the same proportion.
            var slashedPending = (ulong)Wad.MulUp((ulong)(-allocation.PendingDiff), wadToSlash);
            allocation.PendingDiff += (long)slashedPending;
            if (Recording)
            {
                Emit(new AllocationUpdated(op.Name, set.Avs.Name, set.Id, strategy.Name, (ulong)((long)allocation.CurrentMagnitude + allocation.PendingDiff), allocation.EffectBlock));
            }
        }
        if (Recording)
        {
            Emit(new AllocationUpdated(op.Name, set.Avs.Name, set.Id, strategy.Name, allocation.CurrentMagnitude, _s.Block));
        }
        if (Recording)
        {
            Emit(new EncumberedMagnitudeUpdated(op.Name, strategy.Name, os.EncumberedMagnitude));
        }
        os.MaxMagnitudeHistory.Push(_s.Block, newMax);
        if (Recording)
        {
            Emit(new MaxMagnitudeUpdated(op.Name, strategy.Name, newMax));
        }

        // Delegated stakers are not touched: their withdrawable shares read m live (O(1) in delegators).
        var fromOperator = SlashingMath.CalcSlashedAmount(os.Shares, prevMax, newMax);
        var fromQueue = SlashableSharesInQueue(os, prevMax, newMax);
        var total = fromOperator + fromQueue;
        os.Shares -= fromOperator;
        strategy.BurnableShares += total;
        if (Recording)
        {
            Emit(new OperatorSharesSlashed(op.Name, strategy.Name, total, fromOperator, fromQueue));
        }
        return wadSlashed;
    }

    /// <summary>
    /// Shares queued for withdrawal within the last MIN_WITHDRAWAL_DELAY_BLOCKS (still slashable) lose
    /// the same proportion; they are counted from the operator's cumulative scaled-shares history.
    /// </summary>
    private UInt256 SlashableSharesInQueue(OperatorStrategy os, ulong prevMax, ulong newMax)
    {
        if (prevMax == 0)
        {
            return UInt256.Zero;
        }
        var current = os.CumulativeScaledShares.Latest;
        var before = os.CumulativeScaledShares.At(_s.Block - _s.Params.WithdrawalDelayBlocks - 1);
        var added = current - before;
        return SlashingMath.CalcSlashedAmount(Wad.MulDown(added, prevMax), prevMax, newMax);
    }

    private void Handle(BurnSlashed c)
    {
        var strategy = StrategyNamed(c.Strategy);
        Revert.If(strategy.IsBeacon, "InvalidStrategy", "slashed native ETH stays locked in its pods; the reference only counts it (burnableETHShares)");
        var shares = strategy.BurnableShares;
        if (shares.IsZero)
        {
            return;
        }
        var amount = PlanStrategyWithdraw(strategy, shares);
        strategy.BurnableShares = UInt256.Zero;
        ApplyStrategyWithdraw(strategy, shares, amount, ProtocolConstants.BurnAccount);
        Emit(new SlashedSharesBurned(strategy.Name, shares, amount));
    }
}
