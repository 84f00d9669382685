using System.Numerics;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Rewards;

/// <summary>
/// The off-chain rewards calculation (docs/rewards-calculation.md): for every submission and every
/// snapshot day it pays, the daily amounts to stakers, operators and (refunds) AVSs, with the
/// reference calculator's rounding; their cumulative sums per earner and token make the distribution.
/// Days are walked in order over a replay of the ledger, so each day's snapshot is built once from
/// the previous one; each (submission, day) is paid once and kept, as the reference keeps its gold tables.
/// </summary>
public sealed class RewardsCalculator
{
    private readonly StakeLedger _ledger = new();
    private readonly Dictionary<string, long> _computedThrough = [];
    private readonly Dictionary<string, TokenTotals> _cumulative = [];
    private readonly List<DailyPayout> _payouts = [];


    /// <summary>
    /// Which rounding the divisions follow: the reference calculator's (PostgreSQL numeric, rounded then
    /// floored; bit-exact with the reference, which can pay a wei per day more than was escrowed), or
    /// plain floors (never pays more than was submitted).
    /// </summary>
    public RewardsRounding Rounding { get; init; } = RewardsRounding.Sidecar;

    /// <summary>Keep every daily amount for reports (off for very large networks, where only the totals matter).</summary>
    public bool RecordPayouts { get; init; } = true;

    public StakeLedger Ledger => _ledger;

    /// <summary>Every daily amount computed so far (when <see cref="RecordPayouts"/>).</summary>
    public IReadOnlyList<DailyPayout> Payouts => _payouts;

    public void Observe(long time, IEnumerable<ProtocolEvent> events) => _ledger.Observe(time, events);

    private sealed record Work(RewardsSubmission Submission, long First, long Last, UInt256 PerDay, int[] Strategies, UInt256[] Multipliers, UInt256? CommonMultiplier);

    /// <summary>
    /// Pays every day up to <paramref name="end"/> (a midnight) not paid yet, for the submissions made
    /// by <paramref name="end"/> + 1 day, and returns the cumulative distribution.
    /// </summary>
    public Distribution Calculate(NetworkState state, long end)
    {
        var work = new List<Work>();
        foreach (var s in state.Rewards.Submissions)
        {
            if (s.SubmittedAt > end + Days.Seconds)
            {
                continue;
            }
            var first = Math.Max(s.Start + Days.Seconds, _computedThrough.GetValueOrDefault(s.Id, long.MinValue) + Days.Seconds);
            var last = Math.Min(s.Start + s.Duration, end);
            if (first > last)
            {
                continue;
            }
            var strategies = s.Strategies.Select(x => _ledger.StrategyId(x.Strategy.Name)).ToArray();
            var multipliers = s.Strategies.Select(x => x.Multiplier).ToArray();
            UInt256? common = multipliers.All(m => m == multipliers[0]) && !multipliers[0].IsZero ? multipliers[0] : null;
            var perDay = Divide(s.Amount, s.Duration / Days.Seconds);
            work.Add(new Work(s, first, last, perDay, strategies, multipliers, common));
        }
        if (work.Count > 0)
        {
            var memberships = _ledger.Memberships();
            var replay = new LedgerReplay(_ledger);
            for (var day = work.Min(w => w.First); day <= end; day += Days.Seconds)
            {
                replay.AdvanceTo(day);
                foreach (var w in work)
                {
                    if (day >= w.First && day <= w.Last)
                    {
                        Pay(state, replay, memberships, w, day);
                    }
                }
            }
            foreach (var w in work)
            {
                _computedThrough[w.Submission.Id] = w.Last;
            }
        }
        return Distribution.FromLedger(end, _ledger, _cumulative);
    }

    private void Pay(NetworkState state, LedgerReplay replay, IReadOnlyList<Membership> memberships, Work w, long day)
    {
        if (w.Submission.Kind is RewardsKind.Avs or RewardsKind.AllEarners)
        {
            PayStakeWeighted(state, replay, memberships, w, day);
        }
        else
        {
            PayOperatorDirected(state, replay, memberships, w, day);
        }
    }

    /// <summary>§3 and §4: stake-weighted across every eligible staker; commission taken per staker.</summary>
    private void PayStakeWeighted(NetworkState state, LedgerReplay replay, IReadOnlyList<Membership> memberships, Work w, long day)
    {
        var s = w.Submission;
        // Eligible operators and, per operator, which of the submission's strategies count.
        var counted = new Dictionary<int, bool[]>();
        foreach (var m in memberships)
        {
            if (!m.Covers(day) || state.OperatorSetByKey(m.SetKey) is not { } set || (s.Kind == RewardsKind.Avs && set.Avs.Name != s.Submitter))
            {
                continue;
            }
            if (!counted.TryGetValue(m.Operator, out var mask))
            {
                mask = new bool[w.Strategies.Length];
                counted[m.Operator] = mask;
            }
            for (var i = 0; i < w.Strategies.Length; i++)
            {
                mask[i] |= s.Kind == RewardsKind.AllEarners || set.Contains(s.Strategies[i].Strategy);
            }
        }
        var operators = counted.Keys.ToArray();
        var masks = operators.Select(op => counted[op]).ToArray();
        var parallel = !RecordPayouts && Environment.ProcessorCount > 1;
        var parts = parallel ? Environment.ProcessorCount : 1;
        EnsureParts(parts);
        // Gather: each part takes every parts-th operator and collects its stakers' weights.
        void Gather(int p)
        {
            var buffer = _parts[p];
            buffer.Clear(operators.Length);
            for (var o = p; o < operators.Length; o += parts)
            {
                foreach (var staker in replay.DelegatorsOf(operators[o]))
                {
                    var (weight, reduced) = Weight(replay, staker, w, masks[o]);
                    if (!weight.IsZero)
                    {
                        buffer.Add(staker, o, weight, reduced);
                    }
                }
            }
        }
        if (parallel)
        {
            Parallel.For(0, parts, Gather);
        }
        else
        {
            Gather(0);
        }
        UInt256 total = UInt256.Zero, totalReduced = UInt256.Zero;
        for (var p = 0; p < parts; p++)
        {
            total += _parts[p].Total;
            totalReduced += _parts[p].TotalReduced;
        }
        if (w.CommonMultiplier is { } multiplier)
        {
            total = totalReduced * multiplier;
        }
        if (total.IsZero)
        {
            return;
        }
        var token = s.Token.Symbol;
        var avs = s.Kind == RewardsKind.Avs ? s.Submitter : null;
        var job = new PayJob(
            new PgNumericFast.Divisor(total, totalReduced, w.CommonMultiplier, roundsUp: Rounding == RewardsRounding.Sidecar),
            new PgNumericFast.DailyAmount(w.PerDay),
            operators.Select(op => SplitBips(state, new SplitKey(_ledger.NameOf(op), avs, null), day)).ToArray(),
            TotalsOf(token),
            Rounding);
        job.Totals.EnsureCapacity(_ledger.NameCount);
        if (parallel)
        {
            Parallel.For(0, parts, p => PayStakers(_parts[p], job, null));
        }
        else
        {
            PayStakers(_parts[0], job, RecordPayouts ? (staker, amount) => _payouts.Add(new DailyPayout(s.Id, day, _ledger.NameOf(staker), token, (BigInteger)amount)) : null);
        }
        // Each operator gets one row per day: the commissions of all its stakers.
        for (var o = 0; o < operators.Length; o++)
        {
            var commission = UInt256.Zero;
            var paid = false;
            for (var p = 0; p < parts; p++)
            {
                paid |= _parts[p].HasStakers[o];
                commission += _parts[p].Commissions[o];
            }
            if (paid)
            {
                Credit(job.Totals, s, day, operators[o], commission);
            }
        }
    }

    private sealed record PayJob(PgNumericFast.Divisor Divisor, PgNumericFast.DailyAmount PerDay, int[] Bips, TokenTotals Totals, RewardsRounding Rounding);

    /// <summary>FLOOR(a ⊘ b) as the chosen rounding has it.</summary>
    private UInt256 Divide(UInt256 a, long b) =>
        Rounding == RewardsRounding.Floor ? a / (ulong)b : (UInt256)PgNumeric.FloorDivide(a, b);

    private static UInt256 Commission(UInt256 payout, int bips, RewardsRounding rounding) =>
        rounding == RewardsRounding.Floor ? payout * (ulong)bips / 10_000UL : PgNumericFast.Commission(payout, bips);

    /// <summary>The hot loop: each staker's floored proportion of the day, less its operator's commission.</summary>
    private static void PayStakers(StakerBuffer buffer, PayJob job, Action<int, UInt256>? record)
    {
        var divisor = job.Divisor;
        var perDay = job.PerDay;
        var bips = job.Bips;
        var totals = job.Totals;
        var commissions = buffer.Commissions;
        for (var i = 0; i < buffer.Count; i++)
        {
            var p15 = divisor.Multiplier is null
                ? PgNumericFast.Proportion15(buffer.Weights[i], buffer.Reduced[i], divisor)
                : PgNumericFast.Proportion15Reduced(buffer.Reduced[i], divisor);
            var payout = perDay.Payout(p15);
            var op = buffer.Operators[i];
            var commission = Commission(payout, bips[op], job.Rounding);
            var staker = buffer.Stakers[i];
            totals.Add(staker, payout - commission);
            commissions[op] += commission;
            record?.Invoke(staker, payout - commission);
        }
    }

    private StakerBuffer[] _parts = [];

    private void EnsureParts(int parts)
    {
        if (_parts.Length < parts)
        {
            _parts = Enumerable.Range(0, parts).Select(_ => new StakerBuffer()).ToArray();
        }
    }

    /// <summary>One part's eligible stakers for a (submission, day), in arrays reused from day to day.</summary>
    private sealed class StakerBuffer
    {
        public int Count;
        public int[] Stakers = new int[1024];
        public int[] Operators = new int[1024];
        public UInt256[] Weights = new UInt256[1024];
        public UInt256[] Reduced = new UInt256[1024];
        public UInt256 Total;
        public UInt256 TotalReduced;
        public UInt256[] Commissions = [];
        public bool[] HasStakers = [];

        public void Clear(int operators)
        {
            Count = 0;
            Total = UInt256.Zero;
            TotalReduced = UInt256.Zero;
            Commissions = new UInt256[operators];
            HasStakers = new bool[operators];
        }

        public void Add(int staker, int op, UInt256 weight, UInt256 reduced)
        {
            if (Count == Stakers.Length)
            {
                var size = Count * 2;
                Array.Resize(ref Stakers, size);
                Array.Resize(ref Operators, size);
                Array.Resize(ref Weights, size);
                Array.Resize(ref Reduced, size);
            }
            Stakers[Count] = staker;
            Operators[Count] = op;
            Weights[Count] = weight;
            Reduced[Count] = reduced;
            Count++;
            Total += weight;
            TotalReduced += reduced;
            HasStakers[op] = true;
        }
    }

    /// <summary>§5: per-operator amounts over the days each operator was registered; refunds for operators never registered.</summary>
    private void PayOperatorDirected(NetworkState state, LedgerReplay replay, IReadOnlyList<Membership> memberships, Work w, long day)
    {
        var s = w.Submission;
        var days = s.Duration / Days.Seconds;
        var refund = UInt256.Zero;
        var token = s.Token.Symbol;
        var inSet = s.Kind == RewardsKind.OperatorDirectedSet
            ? s.Strategies.Select(x => s.Set!.Contains(x.Strategy)).ToArray()
            : s.Strategies.Select(_ => true).ToArray();
        foreach (var reward in s.OperatorRewards)
        {
            var op = _ledger.Id(reward.Operator);
            var registeredDays = 0;
            for (var d = s.Start + Days.Seconds; d <= s.Start + s.Duration; d += Days.Seconds)
            {
                if (IsRegistered(state, memberships, s, op, d))
                {
                    registeredDays++;
                }
            }
            if (registeredDays == 0)
            {
                refund += Divide(reward.Amount, days);
                continue;
            }
            if (!IsRegistered(state, memberships, s, op, day))
            {
                continue;
            }
            var perDay = Divide(reward.Amount, registeredDays);
            var key = s.Kind == RewardsKind.OperatorDirectedSet ? new SplitKey(reward.Operator, s.Submitter, s.Set!.Id) : new SplitKey(reward.Operator, s.Submitter, null);
            var commission = Commission(perDay, SplitBips(state, key, day), Rounding);
            Credit(s, day, op, token, commission);
            var stakersPart = perDay - commission;
            if (!inSet.Any(x => x))
            {
                refund += stakersPart;
                continue;
            }
            var stakers = new List<(int Staker, UInt256 Weight, UInt256 Reduced)>();
            UInt256 total = UInt256.Zero, totalReduced = UInt256.Zero;
            foreach (var staker in replay.DelegatorsOf(op))
            {
                var (weight, reduced) = Weight(replay, staker, w, inSet);
                if (!weight.IsZero)
                {
                    stakers.Add((staker, weight, reduced));
                    total += weight;
                    totalReduced += reduced;
                }
            }
            if (total.IsZero)
            {
                continue;
            }
            if (w.CommonMultiplier is { } multiplier)
            {
                total = totalReduced * multiplier;
            }
            var divisor = new PgNumericFast.Divisor(total, totalReduced, w.CommonMultiplier, roundsUp: Rounding == RewardsRounding.Sidecar);
            foreach (var (staker, weight, reduced) in stakers)
            {
                var p15 = w.CommonMultiplier is null ? PgNumericFast.Proportion15(weight, reduced, divisor) : PgNumericFast.Proportion15Reduced(reduced, divisor);
                Credit(s, day, staker, token, PgNumericFast.Payout(p15, stakersPart));
            }
        }
        if (!refund.IsZero)
        {
            Credit(s, day, _ledger.Id(s.Submitter), token, refund);
        }
    }

    private bool IsRegistered(NetworkState state, IReadOnlyList<Membership> memberships, RewardsSubmission s, int op, long day)
    {
        foreach (var m in memberships)
        {
            if (m.Operator == op && m.Covers(day) && (s.Kind == RewardsKind.OperatorDirectedSet
                    ? m.SetKey == s.Set!.Key
                    : state.OperatorSetByKey(m.SetKey)?.Avs.Name == s.Submitter))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// w = Σ multiplier · shares over the strategies that count (positive share sums only); with one
    /// common multiplier also the reduced weight Σ shares, which has the same proportions.
    /// </summary>
    private static (UInt256 Weight, UInt256 Reduced) Weight(LedgerReplay replay, int staker, Work w, bool[] counts)
    {
        UInt256 weight = UInt256.Zero, reduced = UInt256.Zero;
        var common = w.CommonMultiplier is not null;
        for (var i = 0; i < w.Strategies.Length; i++)
        {
            if (!counts[i])
            {
                continue;
            }
            var shares = replay.Shares(staker, w.Strategies[i]);
            if (shares > 0)
            {
                var s = (UInt256)(UInt128)shares;
                reduced += s;
                if (!common)
                {
                    weight += s * w.Multipliers[i];
                }
            }
        }
        // With one common multiplier the full weight is m·reduced; only its total is needed here.
        return common ? (reduced, reduced) : (weight, weight);
    }

    /// <summary>
    /// The split in force in the snapshot of <paramref name="day"/>: the newest change whose
    /// activation date is before that day (the calculator counts a split from its activation date + 1),
    /// else the default.
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


    private TokenTotals TotalsOf(string token)
    {
        if (!_cumulative.TryGetValue(token, out var totals))
        {
            totals = new TokenTotals(token);
            _cumulative[token] = totals;
        }
        return totals;
    }

    private void Credit(RewardsSubmission s, long day, int earner, string token, UInt256 amount) => Credit(TotalsOf(token), s, day, earner, amount);

    private void Credit(TokenTotals totals, RewardsSubmission s, long day, int earner, UInt256 amount)
    {
        totals.Add(earner, amount, _ledger.NameCount);
        if (RecordPayouts)
        {
            _payouts.Add(new DailyPayout(s.Id, day, _ledger.NameOf(earner), totals.Token, amount));
        }
    }
}

/// <summary>Cumulative earnings of one token by earner id; an earner paid 0 still has a row (and a leaf).</summary>
public sealed class TokenTotals(string token)
{
    public string Token { get; } = token;

    private UInt256[] _amounts = [];
    private bool[] _paid = [];

    public int Count => _amounts.Length;

    /// <summary>Makes room for every earner id below <paramref name="count"/> (before parallel writes).</summary>
    public void EnsureCapacity(int count)
    {
        if (count > _amounts.Length)
        {
            Array.Resize(ref _amounts, count);
            Array.Resize(ref _paid, count);
        }
    }

    /// <summary>Adds to an earner already within capacity (safe from parallel writers of distinct earners).</summary>
    public void Add(int earner, UInt256 amount)
    {
        _amounts[earner] += amount;
        _paid[earner] = true;
    }

    public void Add(int earner, UInt256 amount, int capacityHint)
    {
        if (earner >= _amounts.Length)
        {
            var size = Math.Max(earner + 1, Math.Max(capacityHint, _amounts.Length * 2));
            Array.Resize(ref _amounts, size);
            Array.Resize(ref _paid, size);
        }
        _amounts[earner] += amount;
        _paid[earner] = true;
    }

    public bool Has(int earner) => earner < _paid.Length && _paid[earner];

    public UInt256 Of(int earner) => earner < _amounts.Length ? _amounts[earner] : UInt256.Zero;
}

public enum RewardsRounding
{
    /// <summary>The reference calculator's PostgreSQL numeric divisions (rounded at ~16 digits, then floored).</summary>
    Sidecar,
    /// <summary>Plain floors everywhere.</summary>
    Floor,
}

/// <summary>One earner's amount from one submission for one snapshot day.</summary>
public sealed record DailyPayout(string Submission, long Day, string Earner, string Token, BigInteger Amount);
