using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Protocol;

// AllocationManager: AVSs, operator sets, registration, allocation delay, magnitudes.
public sealed partial class Engine
{
    private void Handle(RegisterAvs c)
    {
        if (!_s.AvsByName.ContainsKey(c.Avs))
        {
            _s.AvsByName[c.Avs] = new Avs(c.Avs);
        }
        Emit(new AvsRegistered(c.Avs));
    }

    private void Handle(CreateOperatorSet c)
    {
        Revert.If(!_s.AvsByName.TryGetValue(c.Avs, out var avs), "NonexistentAVSMetadata", $"'{c.Avs}' has not registered as an AVS (register_avs first)");
        Revert.If(c.Set < 0 || c.Set > uint.MaxValue, "InvalidOperatorSet", $"operator set ids are uint32, not {c.Set}");
        Revert.If(avs!.SetsById.ContainsKey(c.Set), "InvalidOperatorSet", $"operator set {c.Avs}/{c.Set} already exists");
        var strategies = new List<Strategy>();
        foreach (var name in c.Strategies)
        {
            Revert.If(!_s.StrategiesByName.TryGetValue(name, out var strategy), "InvalidStrategy", $"there is no strategy '{name}'");
            Revert.If(strategies.Contains(strategy!), "StrategyAlreadyInOperatorSet", $"{name} is listed twice");
            strategies.Add(strategy!);
        }
        var set = new OperatorSet(avs, c.Set);
        set.StrategyList.AddRange(strategies);
        avs.SetsById[c.Set] = set;
        _s.SetsByKey[set.Key] = set;
        Emit(new OperatorSetCreated(c.Avs, c.Set, c.Strategies));
    }

    private void Handle(RegisterForSets c)
    {
        RequireCaller(c.Caller, "InvalidPermissions", c.Operator);
        var op = OperatorNamed(c.Operator, "InvalidOperator");
        var sets = new List<OperatorSet>();
        foreach (var id in c.Sets)
        {
            var set = SetNamed(c.Avs, id);
            Revert.If(sets.Contains(set) || _s.IsOperatorSlashable(op, set), "AlreadyMemberOfSet",
                $"{c.Operator} is already in {set.Key} (or still slashable by it after leaving)");
            sets.Add(set);
        }
        foreach (var set in sets)
        {
            if (!op.RegistrationsBySet.TryGetValue(set, out var status))
            {
                status = new RegistrationStatus();
                op.RegistrationsBySet[set] = status;
            }
            status.Registered = true;
            set.MemberList.Add(op.Name);
            Emit(new OperatorAddedToOperatorSet(op.Name, c.Avs, set.Id));
        }
    }

    private void Handle(DeregisterFromSets c)
    {
        RequireCaller(c.Caller, "InvalidCaller", c.Operator, c.Avs);
        var op = OperatorNamed(c.Operator, "NotMemberOfSet");
        var sets = new List<OperatorSet>();
        foreach (var id in c.Sets)
        {
            var set = SetNamed(c.Avs, id);
            Revert.If(sets.Contains(set) || !op.RegistrationsBySet.TryGetValue(set, out var status) || !status.Registered,
                "NotMemberOfSet", $"{c.Operator} is not registered in {set.Key}");
            sets.Add(set);
        }
        foreach (var set in sets)
        {
            var status = op.RegistrationsBySet[set];
            status.Registered = false;
            status.SlashableUntil = _s.Block + _s.Params.DeallocationDelayBlocks;
            set.MemberList.Remove(op.Name);
            Emit(new OperatorRemovedFromOperatorSet(op.Name, c.Avs, set.Id, status.SlashableUntil));
        }
    }

    private void Handle(SetAllocationDelay c)
    {
        RequireCaller(c.Caller, "InvalidPermissions", c.Operator);
        var op = OperatorNamed(c.Operator, "InvalidOperator");
        if (op.AllocationDelayEffectBlock != 0 && _s.Block >= op.AllocationDelayEffectBlock)
        {
            op.AllocationDelay = op.PendingAllocationDelay;
            op.AllocationDelayIsSet = true;
        }
        op.PendingAllocationDelay = c.Blocks;
        op.AllocationDelayEffectBlock = _s.Block + _s.Params.AllocationConfigurationDelayBlocks + 1;
        Emit(new AllocationDelaySet(op.Name, c.Blocks, op.AllocationDelayEffectBlock));
    }

    private void Handle(Allocate c)
    {
        RequireCaller(c.Caller, "InvalidPermissions", c.Operator);
        var op = _s.OperatorsByName.GetValueOrDefault(c.Operator);
        var (isSet, delay) = op?.AllocationDelayAt(_s.Block) ?? (false, 0u);
        Revert.If(op is null || !isSet, "UninitializedAllocationDelay", $"'{c.Operator}' is not an operator with an allocation delay");
        var set = SetNamed(c.Avs, c.Set);
        var strategy = StrategyNamed(c.Strategy);
        Revert.If(!c.Magnitude.FitsIn64, "InsufficientMagnitude", $"magnitude {c.Magnitude} exceeds the operator's max magnitude");
        var newMagnitude = (ulong)c.Magnitude;

        // Clearing due deallocations first, as the reference does, only writes down what every view
        // already shows, so a rejection below still leaves the observable state unchanged.
        var os = op!.Find(strategy);
        if (os is not null)
        {
            MaterializeDeallocations(os);
        }
        var (current, pending, effect, encumbered) = os is null ? (0UL, 0L, 0L, 0UL) : _s.UpdatedAllocation(os, set);
        Revert.If(effect != 0, "ModificationAlreadyPending", $"{op.Name}'s allocation to {set.Key} in {strategy.Name} changes at block {effect}; wait for it");
        var maxMagnitude = os?.MaxMagnitude ?? Wad.One;
        var isSlashable = set.Contains(strategy) && _s.IsOperatorSlashable(op, set) && current != 0;
        var diff = (long)newMagnitude - (long)current;
        Revert.If(diff == 0, "SameMagnitude", $"the allocation is already {newMagnitude}");

        long effectBlock;
        if (diff < 0)
        {
            if (isSlashable)
            {
                // A deallocation stays slashable for DEALLOCATION_DELAY blocks.
                pending = diff;
                effectBlock = _s.Block + _s.Params.DeallocationDelayBlocks + 1;
            }
            else
            {
                encumbered = (ulong)((long)encumbered + diff);
                current = newMagnitude;
                pending = 0;
                effectBlock = _s.Block;
            }
        }
        else
        {
            encumbered = checked(encumbered + (ulong)diff);
            Revert.If(encumbered > maxMagnitude, "InsufficientMagnitude",
                $"{op.Name} would allocate {encumbered} of its {maxMagnitude} magnitude in {strategy.Name}");
            pending = diff;
            effectBlock = _s.Block + delay;
        }

        os = op.GetOrAdd(strategy);
        if (!os.AllocationsBySet.TryGetValue(set, out var allocation))
        {
            allocation = new Allocation();
            os.AllocationsBySet[set] = allocation;
        }
        if (diff < 0 && isSlashable)
        {
            os.DeallocationQueue.AddLast(set);
        }
        SetEncumbered(op, os, encumbered);
        allocation.CurrentMagnitude = current;
        allocation.PendingDiff = pending;
        allocation.EffectBlock = effectBlock;
        Emit(new AllocationUpdated(op.Name, c.Avs, c.Set, strategy.Name, (ulong)((long)current + pending), effectBlock));
    }

    /// <summary>_clearDeallocationQueue: apply due deallocations in order, stopping at the first that is not due.</summary>
    private void MaterializeDeallocations(OperatorStrategy os)
    {
        while (os.DeallocationQueue.First is { } node)
        {
            var a = os.AllocationsBySet[node.Value];
            if (_s.Block < a.EffectBlock)
            {
                break;
            }
            Materialize(os, a);
            os.DeallocationQueue.RemoveFirst();
        }
    }

    /// <summary>Writes the allocation's current view into storage (what _getUpdatedAllocation computes on the fly).</summary>
    private void Materialize(OperatorStrategy os, Allocation a)
    {
        if (_s.Block < a.EffectBlock)
        {
            return;
        }
        a.CurrentMagnitude = (ulong)((long)a.CurrentMagnitude + a.PendingDiff);
        if (a.PendingDiff < 0)
        {
            os.EncumberedMagnitude = (ulong)((long)os.EncumberedMagnitude + a.PendingDiff);
        }
        a.PendingDiff = 0;
        a.EffectBlock = 0;
    }

    private void SetEncumbered(Operator op, OperatorStrategy os, ulong encumbered)
    {
        if (os.EncumberedMagnitude != encumbered)
        {
            os.EncumberedMagnitude = encumbered;
            Emit(new EncumberedMagnitudeUpdated(op.Name, os.Strategy.Name, encumbered));
        }
    }
}
