using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Protocol;

/// <summary>The result of one command: accepted, or rejected with a named error and no change.</summary>
public readonly record struct Outcome(ProtocolError? Error)
{
    public static Outcome Ok => default;
    public bool Accepted => Error is null;
}

/// <summary>
/// EigenLayer's core contracts as one deterministic state machine. Every command is validated
/// against the state first; a rejection leaves the state exactly as it was. Time and block
/// numbers are inputs (<see cref="Roll"/>), never read from a clock.
/// </summary>
public sealed partial class Engine
{
    private readonly NetworkState _s;
    private readonly List<ProtocolEvent>? _events;

    public Engine(ProtocolParams? parameters = null, bool recordEvents = true)
    {
        _s = new NetworkState(parameters ?? new ProtocolParams());
        _events = recordEvents ? [] : null;
    }

    public NetworkState State => _s;

    /// <summary>Every event emitted so far (empty when the engine was built without recording).</summary>
    public IReadOnlyList<ProtocolEvent> Events => (IReadOnlyList<ProtocolEvent>?)_events ?? [];

    public Outcome Execute(Command command)
    {
        var mark = _events?.Count ?? 0;
        try
        {
            Dispatch(command);
            return Outcome.Ok;
        }
        catch (RevertException revert)
        {
            Truncate(mark);
            return new Outcome(revert.Error);
        }
        catch (OverflowException)
        {
            Truncate(mark);
            return new Outcome(new ProtocolError("ArithmeticOverflow", "an amount overflowed uint256 (Solidity panic 0x11)"));
        }
    }

    /// <summary>Drops the recorded events (a long run that hands them on as it goes need not keep them).</summary>
    public void ForgetEvents() => _events?.Clear();

    private void Truncate(int mark)
    {
        if (_events is not null && _events.Count > mark)
        {
            _events.RemoveRange(mark, _events.Count - mark);
        }
    }

    /// <summary>False in benchmarks and sweeps that ask for no events: hot paths then skip building them.</summary>
    private bool Recording => _events is not null;

    private void Emit(ProtocolEvent e) => _events?.Add(e);

    private void Dispatch(Command command)
    {
        switch (command)
        {
            case AddToken c: Handle(c); break;
            case AddStrategy c: Handle(c); break;
            case Mint c: Handle(c); break;
            case Deposit c: Handle(c); break;
            case Donate c: Handle(c); break;
            case TransferToken c: Handle(c); break;
            case SetCaps c: Handle(c); break;
            case CreatePod c: Handle(c); break;
            case VerifyValidators c: Handle(c); break;
            case Checkpoint c: Handle(c); break;
            case RegisterOperator c: RequireStage(2, "register_operator"); Handle(c); break;
            case DelegateTo c: RequireStage(2, "delegate"); Handle(c); break;
            case Undelegate c: RequireStage(2, "undelegate"); Handle(c); break;
            case Redelegate c: RequireStage(2, "redelegate"); Handle(c); break;
            case QueueWithdrawal c: Handle(c); break;
            case CompleteWithdrawal c: Handle(c); break;
            case RegisterAvs c: RequireStage(2, "register_avs"); Handle(c); break;
            case CreateOperatorSet c: RequireStage(2, "create_operator_set"); Handle(c); break;
            case RegisterForSets c: RequireStage(2, "register_for_sets"); Handle(c); break;
            case DeregisterFromSets c: RequireStage(2, "deregister_from_sets"); Handle(c); break;
            case SetAllocationDelay c: RequireStage(2, "set_allocation_delay"); Handle(c); break;
            case Allocate c: RequireStage(3, "allocate"); Handle(c); break;
            case Slash c: RequireStage(3, "slash"); Handle(c); break;
            case BurnSlashed c: RequireStage(3, "burn_slashed"); Handle(c); break;
            case SubmitRewards c: RequireStage(3, "rewards"); Handle(c); break;
            case SetOperatorSplit c: RequireStage(3, "set_operator_split"); Handle(c); break;
            case SetClaimer c: RequireStage(3, "set_claimer"); Handle(c); break;
            case SubmitRoot c: RequireStage(3, "rewards roots"); Handle(c); break;
            case DisableRoot c: RequireStage(3, "disable_root"); Handle(c); break;
            case Claim c: RequireStage(3, "claim"); Handle(c); break;
            case Roll c: Handle(c); break;
            case SetStage c: Handle(c); break;
            default: throw new ArgumentException($"unknown command {command.GetType().Name}", nameof(command));
        }
    }

    /// <summary>Stages gate features as mainnet's launch did: 1 stakers only, 2 operators and AVSs, 3 slashing.</summary>
    private void RequireStage(int stage, string what) =>
        Revert.If(_s.Stage < stage, "NotAvailableInStage", $"{what} needs stage {stage}; the network is at stage {_s.Stage}");

    private void Handle(Roll c)
    {
        Revert.If(c.Blocks < 0, "InvalidBlocks", $"cannot roll back ({c.Blocks} blocks)");
        var from = _s.Block;
        _s.Block = checked(_s.Block + c.Blocks);
        Emit(new BlocksRolled(from, _s.Block));
    }

    private void Handle(SetStage c)
    {
        Revert.If(c.Stage is < 1 or > 3, "InvalidStage", $"stage must be 1, 2 or 3, not {c.Stage}");
        Revert.If(c.Stage < _s.Stage, "InvalidStage", $"stages only move forward (the network is at stage {_s.Stage})");
        _s.Stage = c.Stage;
        Emit(new StageChanged(c.Stage));
    }

    // --- lookups used while validating: they never create anything ---

    private Strategy StrategyNamed(string name) =>
        _s.StrategiesByName.TryGetValue(name, out var s) ? s : throw Revert.With("StrategyNotWhitelisted", $"there is no strategy '{name}'");

    private Operator OperatorNamed(string name, string error = "OperatorNotRegistered") =>
        _s.OperatorsByName.TryGetValue(name, out var o) ? o : throw Revert.With(error, $"'{name}' is not a registered operator");

    private OperatorSet SetNamed(string avs, long id)
    {
        if (_s.AvsByName.TryGetValue(avs, out var a) && a.SetsById.TryGetValue(id, out var set))
        {
            return set;
        }
        throw Revert.With("InvalidOperatorSet", $"operator set {avs}/{id} does not exist");
    }

    private Staker? FindStaker(string name) => _s.StakersByName.GetValueOrDefault(name);

    private Staker StakerForWrite(string name)
    {
        if (!_s.StakersByName.TryGetValue(name, out var staker))
        {
            staker = new Staker(name);
            _s.StakersByName[name] = staker;
        }
        return staker;
    }

    private static void RequireCaller(string? caller, string error, params ReadOnlySpan<string> allowed)
    {
        if (caller is not null && !allowed.Contains(caller))
        {
            throw Revert.With(error, $"'{caller}' may not do this (only {string.Join(" or ", allowed.ToArray().Select(a => $"'{a}'"))})");
        }
    }

}
