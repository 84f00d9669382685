using System.Numerics;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Rewards;

namespace Restake.Protocol.Tests.Oracle;

/// <summary>
/// Test oracle: the first, plain implementation of the calculator's ledger (random access by day),
/// kept to check the streaming calculator against. What the reference calculator knows of the network, rebuilt from the engine's events as they
/// happen (docs/rewards-calculation.md §1): its own running share sums per staker and strategy
/// (deposits in, withdrawable shares out when queued, slashes taken as ⌊s·wadSlashed/1e18⌋ per
/// staker), delegations, and operator-set memberships, each with the time it changed.
/// </summary>
public sealed class OracleLedger
{
    private static readonly BigInteger WadBig = BigInteger.Pow(10, 18);

    private readonly Dictionary<(string Staker, string Strategy), Timeline<BigInteger>> _shares = [];
    private readonly Dictionary<string, List<string>> _strategiesOf = [];
    private readonly Dictionary<string, Timeline<string?>> _delegation = [];
    private readonly Dictionary<string, HashSet<string>> _delegators = [];
    private readonly Dictionary<(string Operator, string SetKey), List<(long Time, bool Registered)>> _membership = [];
    private readonly Dictionary<string, (string Staker, string Strategy)> _withdrawals = [];

    /// <summary>Stakers in the order the ledger first saw them.</summary>
    public IReadOnlyCollection<string> Stakers => _delegation.Keys;

    public void Observe(long time, IEnumerable<ProtocolEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case Deposited d:
                    Add(time, d.Staker, d.Strategy, d.Shares);
                    break;
                case PodSharesUpdated p:
                    Add(time, p.Owner, ProtocolConstants.BeaconStrategy, p.SharesDelta);
                    break;
                case SlashingWithdrawalQueued q:
                    _withdrawals[q.Id] = (q.Staker, q.Strategy);
                    Add(time, q.Staker, q.Strategy, -(BigInteger)q.WithdrawableShares);
                    break;
                case SlashingWithdrawalCompleted c when !c.AsTokens && _withdrawals.TryGetValue(c.Id, out var w) && w.Strategy != ProtocolConstants.BeaconStrategy:
                    // Native ETH comes back through PodSharesUpdated; tokens through the deposit path.
                    Add(time, w.Staker, w.Strategy, c.Shares);
                    break;
                case StakerDelegated d:
                    Delegation(d.Staker).Set(time, d.Operator);
                    Delegators(d.Operator).Add(d.Staker);
                    break;
                case StakerUndelegated u:
                    Delegation(u.Staker).Set(time, null);
                    Delegators(u.Operator).Remove(u.Staker);
                    break;
                case OperatorSlashed s:
                    for (var i = 0; i < s.Strategies.Count; i++)
                    {
                        foreach (var staker in Delegators(s.Operator))
                        {
                            Slash(time, staker, s.Strategies[i], s.WadsSlashed[i]);
                        }
                    }
                    break;
                case BeaconChainSlashingFactorDecreased b:
                    var kept = UInt256.MulDiv(Wad.Unit, b.New, b.Previous);
                    Slash(time, b.Owner, ProtocolConstants.BeaconStrategy, Wad.Unit - kept);
                    break;
                case OperatorAddedToOperatorSet a:
                    Membership(a.Operator, $"{a.Avs}/{a.Set}").Add((time, true));
                    break;
                case OperatorRemovedFromOperatorSet r:
                    Membership(r.Operator, $"{r.Avs}/{r.Set}").Add((time, false));
                    break;
                default:
                    break;
            }
        }
    }

    private void Add(long time, string staker, string strategy, BigInteger delta)
    {
        var line = Shares(staker, strategy);
        line.Set(time, line.Current + delta);
        Delegation(staker);
    }

    private void Slash(long time, string staker, string strategy, UInt256 wadSlashed)
    {
        if (wadSlashed.IsZero || !_shares.TryGetValue((staker, strategy), out var line) || line.Current.Sign <= 0)
        {
            return;
        }
        var s = line.Current;
        line.Set(time, s - (s * (BigInteger)wadSlashed / WadBig));
    }

    private Timeline<BigInteger> Shares(string staker, string strategy)
    {
        if (!_shares.TryGetValue((staker, strategy), out var line))
        {
            line = new Timeline<BigInteger>(BigInteger.Zero);
            _shares[(staker, strategy)] = line;
            if (!_strategiesOf.TryGetValue(staker, out var list))
            {
                list = [];
                _strategiesOf[staker] = list;
            }
            list.Add(strategy);
        }
        return line;
    }

    private Timeline<string?> Delegation(string staker)
    {
        if (!_delegation.TryGetValue(staker, out var line))
        {
            line = new Timeline<string?>(null);
            _delegation[staker] = line;
        }
        return line;
    }

    private HashSet<string> Delegators(string op)
    {
        if (!_delegators.TryGetValue(op, out var set))
        {
            set = [];
            _delegators[op] = set;
        }
        return set;
    }

    private List<(long Time, bool Registered)> Membership(string op, string setKey)
    {
        if (!_membership.TryGetValue((op, setKey), out var list))
        {
            list = [];
            _membership[(op, setKey)] = list;
        }
        return list;
    }

    /// <summary>The operator a staker is delegated to in the snapshot of <paramref name="day"/> (a midnight).</summary>
    public string? DelegatedTo(string staker, long day) => _delegation.TryGetValue(staker, out var line) ? line.Before(day) : null;

    /// <summary>A staker's share sum in the snapshot of <paramref name="day"/>.</summary>
    public BigInteger SharesAt(string staker, string strategy, long day) =>
        _shares.TryGetValue((staker, strategy), out var line) ? line.Before(day) : BigInteger.Zero;

    public IReadOnlyList<string> StrategiesOf(string staker) => _strategiesOf.GetValueOrDefault(staker) ?? [];

    /// <summary>
    /// Membership of an operator set in the snapshot of <paramref name="day"/>: a registration counts
    /// from the next day, a deregistration from its own day (rounded down), and a registration and
    /// deregistration on the same date cancel out.
    /// </summary>
    public bool IsMember(string op, string setKey, long day)
    {
        if (!_membership.TryGetValue((op, setKey), out var changes))
        {
            return false;
        }
        long? since = null;
        foreach (var (time, registered) in changes)
        {
            var changeDay = Days.Floor(time);
            if (registered)
            {
                since ??= changeDay;
            }
            else if (since is { } start)
            {
                if (day > start && day < changeDay)
                {
                    return true;
                }
                since = null;
            }
        }
        return since is { } open && day > open;
    }

    public IEnumerable<string> SetKeysOf(string op) => _membership.Keys.Where(k => k.Operator == op).Select(k => k.SetKey);

    public IEnumerable<string> Operators => _membership.Keys.Select(k => k.Operator).Distinct();
}

