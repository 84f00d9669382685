using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.Rewards;

namespace Restake.Rewards;

/// <summary>
/// What the reference calculator knows of the network (docs/rewards-calculation.md §1), kept as a
/// compact, time-ordered log of changes read from the engine's events: share deltas by its own
/// rules (deposits in, withdrawable shares out when queued), delegations, slashes (applied at replay
/// to whoever is delegated then, as ⌊s·wadSlashed/1e18⌋ each), beacon-chain slashes, and operator-set
/// memberships. Names become dense ids so millions of stakers fit in arrays.
/// </summary>
public sealed class StakeLedger
{
    internal enum Kind : byte
    {
        Shares,
        Delegate,
        Undelegate,
        Slash,
        BeaconSlash,
    }

    /// <summary>One change; <c>Amount</c> is a signed share delta or, for slashes, the wad slashed.</summary>
    internal readonly record struct Change(long Time, Kind What, int Staker, int Strategy, int Operator, Int128 Amount);

    private readonly Dictionary<string, int> _ids = [];
    private readonly List<string> _names = [];
    private readonly List<Address?> _addresses = [];
    private readonly Dictionary<string, int> _strategyIds = [];
    private readonly List<string> _strategies = [];
    private readonly List<Change> _changes = [];
    private readonly Dictionary<(int Operator, string SetKey), List<(long Time, bool Registered)>> _membership = [];
    private readonly Dictionary<string, (int Staker, int Strategy)> _withdrawals = [];
    private readonly HashSet<int> _stakers = [];

    internal IReadOnlyList<Change> Changes => _changes;

    public int NameCount => _names.Count;

    public string NameOf(int id) => _names[id];

    public IReadOnlyList<string> StrategyNames => _strategies;

    /// <summary>Ids of every account that ever held shares or delegated.</summary>
    public IReadOnlyCollection<int> StakerIds => _stakers;

    public int Id(string name)
    {
        if (!_ids.TryGetValue(name, out var id))
        {
            id = _names.Count;
            _ids[name] = id;
            _names.Add(name);
            _addresses.Add(null);
        }
        return id;
    }

    /// <summary>The account's 20-byte address, derived once.</summary>
    public Address AddressOf(int id) => _addresses[id] ??= Address.Of(_names[id]);

    public int StrategyId(string name)
    {
        if (!_strategyIds.TryGetValue(name, out var id))
        {
            id = _strategies.Count;
            _strategyIds[name] = id;
            _strategies.Add(name);
        }
        return id;
    }

    public void Observe(long time, IEnumerable<ProtocolEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case Deposited d:
                    Shares(time, d.Staker, d.Strategy, (Int128)(UInt128)d.Shares);
                    break;
                case PodSharesUpdated p:
                    Shares(time, p.Owner, ProtocolConstants.BeaconStrategy, (Int128)(UInt128)p.SharesDelta);
                    break;
                case SlashingWithdrawalQueued q:
                    _withdrawals[q.Id] = (Id(q.Staker), StrategyId(q.Strategy));
                    Shares(time, q.Staker, q.Strategy, -(Int128)(UInt128)q.WithdrawableShares);
                    break;
                case SlashingWithdrawalCompleted c when !c.AsTokens && _withdrawals.TryGetValue(c.Id, out var w) && _strategies[w.Strategy] != ProtocolConstants.BeaconStrategy:
                    // Native ETH comes back through PodSharesUpdated; tokens through the deposit path.
                    _changes.Add(new Change(time, Kind.Shares, w.Staker, w.Strategy, -1, (Int128)(UInt128)c.Shares));
                    break;
                case StakerDelegated d:
                    _stakers.Add(Id(d.Staker));
                    _changes.Add(new Change(time, Kind.Delegate, Id(d.Staker), -1, Id(d.Operator), 0));
                    break;
                case StakerUndelegated u:
                    _changes.Add(new Change(time, Kind.Undelegate, Id(u.Staker), -1, Id(u.Operator), 0));
                    break;
                case OperatorSlashed s:
                    for (var i = 0; i < s.Strategies.Count; i++)
                    {
                        if (!s.WadsSlashed[i].IsZero)
                        {
                            _changes.Add(new Change(time, Kind.Slash, -1, StrategyId(s.Strategies[i]), Id(s.Operator), (Int128)(UInt128)s.WadsSlashed[i]));
                        }
                    }
                    break;
                case BeaconChainSlashingFactorDecreased b:
                    var wad = Wad.Unit - UInt256.MulDiv(Wad.Unit, b.New, b.Previous);
                    _changes.Add(new Change(time, Kind.BeaconSlash, Id(b.Owner), StrategyId(ProtocolConstants.BeaconStrategy), -1, (Int128)(UInt128)wad));
                    break;
                case OperatorAddedToOperatorSet a:
                    Membership(Id(a.Operator), $"{a.Avs}/{a.Set}").Add((time, true));
                    break;
                case OperatorRemovedFromOperatorSet r:
                    Membership(Id(r.Operator), $"{r.Avs}/{r.Set}").Add((time, false));
                    break;
                default:
                    break;
            }
        }
    }

    private void Shares(long time, string staker, string strategy, Int128 delta)
    {
        var id = Id(staker);
        _stakers.Add(id);
        _changes.Add(new Change(time, Kind.Shares, id, StrategyId(strategy), -1, delta));
    }

    private List<(long Time, bool Registered)> Membership(int op, string setKey)
    {
        if (!_membership.TryGetValue((op, setKey), out var list))
        {
            list = [];
            _membership[(op, setKey)] = list;
        }
        return list;
    }

    /// <summary>
    /// Each operator's membership of each set as ranges of snapshot days (inclusive): a registration on
    /// day X counts from X+1, a deregistration on day Y ends the range at Y−1, and the two on one date cancel.
    /// </summary>
    public IReadOnlyList<Membership> Memberships()
    {
        var result = new List<Membership>();
        foreach (var ((op, setKey), changes) in _membership)
        {
            long? since = null;
            foreach (var (time, registered) in changes)
            {
                var day = Days.Floor(time);
                if (registered)
                {
                    since ??= day;
                }
                else if (since is { } start)
                {
                    if (day - start >= 2 * Days.Seconds)
                    {
                        result.Add(new Membership(op, setKey, start + Days.Seconds, day - Days.Seconds));
                    }
                    since = null;
                }
            }
            if (since is { } open)
            {
                result.Add(new Membership(op, setKey, open + Days.Seconds, long.MaxValue));
            }
        }
        return result;
    }
}

/// <summary>An operator in an operator set for the snapshot days <see cref="From"/> through <see cref="To"/>.</summary>
public readonly record struct Membership(int Operator, string SetKey, long From, long To)
{
    public bool Covers(long day) => day >= From && day <= To;
}
