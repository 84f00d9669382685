using System.Numerics;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;
using Restake.Rewards;

namespace Restake.Protocol.Tests.Oracle;

/// <summary>
/// Test oracle: the first, plain implementation of the calculation (it rescans every staker for every
/// submission and day). The off-chain rewards calculation (docs/rewards-calculation.md): for every submission and every
/// snapshot day it pays, the daily amounts to stakers, operators and (refunds) AVSs, with the
/// reference calculator's rounding; their cumulative sums per earner and token make the distribution.
/// Each (submission, day) is computed once and kept, as the reference keeps its gold tables.
/// </summary>
public sealed class OracleCalculator
{
    private static readonly BigInteger TenTo15 = BigInteger.Pow(10, 15);

    private readonly OracleLedger _ledger = new();
    private readonly Dictionary<string, long> _computedThrough = [];
    private readonly Dictionary<(string Earner, string Token), BigInteger> _cumulative = [];
    private readonly List<DailyPayout> _payouts = [];

    public OracleLedger Ledger => _ledger;

    /// <summary>Every daily amount computed so far, for reports.</summary>
    public IReadOnlyList<DailyPayout> Payouts => _payouts;

    public void Observe(long time, IEnumerable<ProtocolEvent> events) => _ledger.Observe(time, events);

    /// <summary>
    /// Computes every day up to <paramref name="end"/> (a midnight) not computed yet, for the
    /// submissions made by <paramref name="end"/> + 1 day, and returns the cumulative distribution.
    /// </summary>
    public Distribution Calculate(NetworkState state, long end)
    {
        foreach (var submission in state.Rewards.Submissions)
        {
            if (submission.SubmittedAt > end + Days.Seconds)
            {
                continue;
            }
            var first = Math.Max(submission.Start + Days.Seconds, _computedThrough.GetValueOrDefault(submission.Id, long.MinValue) + Days.Seconds);
            var last = Math.Min(submission.Start + submission.Duration, end);
            for (var day = first; day <= last; day += Days.Seconds)
            {
                Pay(state, submission, day);
            }
            if (last >= first)
            {
                _computedThrough[submission.Id] = last;
            }
        }
        var cumulative = _cumulative.ToDictionary(kv => kv.Key, kv => (UInt256)kv.Value);
        return new Distribution(end, cumulative);
    }

    private void Pay(NetworkState state, RewardsSubmission s, long day)
    {
        switch (s.Kind)
        {
            case RewardsKind.Avs:
            case RewardsKind.AllEarners:
                PayStakeWeighted(state, s, day);
                break;
            default:
                PayOperatorDirected(state, s, day);
                break;
        }
    }

    /// <summary>§3 and §4: stake-weighted across all eligible stakers; commission taken per staker.</summary>
    private void PayStakeWeighted(NetworkState state, RewardsSubmission s, long day)
    {
        var days = s.Duration / Days.Seconds;
        var perDay = PgNumeric.FloorDivide(s.Amount, days);
        var eligible = new Dictionary<string, HashSet<string>>(); // operator → strategies it counts
        foreach (var op in _ledger.Operators)
        {
            var sets = _ledger.SetKeysOf(op).Where(k => _ledger.IsMember(op, k, day)).Select(k => state.OperatorSetByKey(k)).Where(x => x is not null).ToList();
            if (s.Kind == RewardsKind.Avs)
            {
                sets = sets.Where(x => x!.Avs.Name == s.Submitter).ToList();
                if (sets.Count > 0)
                {
                    eligible[op] = sets.SelectMany(x => x!.Strategies.Select(st => st.Name)).ToHashSet();
                }
            }
            else if (sets.Count > 0)
            {
                eligible[op] = s.Strategies.Select(x => x.Strategy.Name).ToHashSet();
            }
        }
        var weights = new List<(string Staker, string Operator, BigInteger Weight)>();
        var total = BigInteger.Zero;
        foreach (var staker in _ledger.Stakers)
        {
            if (_ledger.DelegatedTo(staker, day) is not { } op || !eligible.TryGetValue(op, out var counted))
            {
                continue;
            }
            var w = Weight(staker, s, day, counted);
            if (w.Sign > 0)
            {
                weights.Add((staker, op, w));
                total += w;
            }
        }
        if (total.IsZero)
        {
            return;
        }
        foreach (var (staker, op, w) in weights)
        {
            var payout = PgNumeric.Proportion15(w, total) * perDay / TenTo15;
            var bips = s.Kind == RewardsKind.Avs
                ? SplitBips(state, new SplitKey(op, s.Submitter, null), day)
                : SplitBips(state, new SplitKey(op, null, null), day);
            var commission = PgNumeric.FloorDivide(payout * bips, 10_000);
            Credit(s, day, staker, payout - commission);
            Credit(s, day, op, commission);
        }
    }

    /// <summary>§5: per-operator amounts over the days each operator was registered; refunds for operators never registered.</summary>
    private void PayOperatorDirected(NetworkState state, RewardsSubmission s, long day)
    {
        var days = s.Duration / Days.Seconds;
        var refund = BigInteger.Zero;
        foreach (var reward in s.OperatorRewards)
        {
            var registeredDays = 0;
            for (var d = s.Start + Days.Seconds; d <= s.Start + s.Duration; d += Days.Seconds)
            {
                if (IsRegistered(state, s, reward.Operator, d))
                {
                    registeredDays++;
                }
            }
            if (registeredDays == 0)
            {
                refund += PgNumeric.FloorDivide(reward.Amount, days);
                continue;
            }
            if (!IsRegistered(state, s, reward.Operator, day))
            {
                continue;
            }
            var perDay = PgNumeric.FloorDivide(reward.Amount, registeredDays);
            var key = s.Kind == RewardsKind.OperatorDirectedSet ? new SplitKey(reward.Operator, s.Submitter, s.Set!.Id) : new SplitKey(reward.Operator, s.Submitter, null);
            var commission = PgNumeric.FloorDivide(perDay * SplitBips(state, key, day), 10_000);
            Credit(s, day, reward.Operator, commission);
            var stakersPart = perDay - commission;
            var counted = s.Kind == RewardsKind.OperatorDirectedSet
                ? s.Strategies.Select(x => x.Strategy).Where(st => s.Set!.Contains(st)).Select(st => st.Name).ToHashSet()
                : s.Strategies.Select(x => x.Strategy.Name).ToHashSet();
            if (s.Kind == RewardsKind.OperatorDirectedSet && counted.Count == 0)
            {
                refund += stakersPart;
                continue;
            }
            var weights = new List<(string Staker, BigInteger Weight)>();
            var total = BigInteger.Zero;
            foreach (var staker in _ledger.Stakers)
            {
                if (_ledger.DelegatedTo(staker, day) != reward.Operator)
                {
                    continue;
                }
                var w = Weight(staker, s, day, counted);
                if (w.Sign > 0)
                {
                    weights.Add((staker, w));
                    total += w;
                }
            }
            foreach (var (staker, w) in weights)
            {
                Credit(s, day, staker, PgNumeric.Proportion15(w, total) * stakersPart / TenTo15);
            }
        }
        if (!refund.IsZero)
        {
            Credit(s, day, s.Submitter, refund);
        }
    }

    private bool IsRegistered(NetworkState state, RewardsSubmission s, string op, long day) =>
        s.Kind == RewardsKind.OperatorDirectedSet
            ? _ledger.IsMember(op, s.Set!.Key, day)
            : state.Avss.TryGetValue(s.Submitter, out var avs) && avs.Sets.Values.Any(set => _ledger.IsMember(op, set.Key, day));

    /// <summary>w = Σ multiplier · shares over the submission's strategies that count for this operator (shares &gt; 0 only).</summary>
    private BigInteger Weight(string staker, RewardsSubmission s, long day, HashSet<string> counted)
    {
        var w = BigInteger.Zero;
        foreach (var (strategy, multiplier) in s.Strategies)
        {
            if (!counted.Contains(strategy.Name))
            {
                continue;
            }
            var shares = _ledger.SharesAt(staker, strategy.Name, day);
            if (shares.Sign > 0)
            {
                w += shares * (BigInteger)multiplier;
            }
        }
        return w;
    }

    /// <summary>
    /// The split in force in the snapshot of <paramref name="day"/>: the newest change whose
    /// activation date is before that day (the calculator counts a split from its activation date + 1),
    /// else the default, else 1000 bips.
    /// </summary>
    private static int SplitBips(NetworkState state, SplitKey key, long day)
    {
        int? bips = null;
        foreach (var change in state.Rewards.SplitChanges)
        {
            if (change.Key == key && Days.Floor(change.ActivatedAt) + Days.Seconds <= day)
            {
                bips = change.Bips;
            }
        }
        return bips ?? Math.Min(state.Params.Rewards.DefaultOperatorSplitBips, ProtocolConstants.OneHundredPercentBips);
    }


    private void Credit(RewardsSubmission s, long day, string earner, BigInteger amount)
    {
        var key = (earner, s.Token.Symbol);
        _cumulative[key] = _cumulative.GetValueOrDefault(key) + amount;
        _payouts.Add(new DailyPayout(s.Id, day, earner, s.Token.Symbol, amount));
    }
}


