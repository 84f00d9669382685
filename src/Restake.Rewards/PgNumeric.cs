using System.Numerics;

namespace Restake.Rewards;

/// <summary>
/// The reference calculator computes in PostgreSQL <c>numeric</c>, whose division rounds (half away
/// from zero) at a result scale chosen from the operands (<c>select_div_scale</c>): about 16
/// significant digits, never fewer than 0 decimals. Large quotients are therefore rounded to an
/// integer before any FLOOR. These functions reproduce that for non-negative integer operands.
/// </summary>
public static class PgNumeric
{
    private const int MinSignificantDigits = 16;
    private const int MaxDisplayScale = 1000;
    private static readonly BigInteger NBase = 10_000;

    /// <summary>The decimal scale PostgreSQL gives a / b for integers (scale 0) a, b &gt; 0.</summary>
    public static int DivisionScale(BigInteger a, BigInteger b)
    {
        var (wa, da) = Lead(a);
        var (wb, db) = Lead(b);
        var qweight = wa - wb;
        if (da <= db)
        {
            qweight--;
        }
        var scale = MinSignificantDigits - (qweight * 4);
        return Math.Clamp(scale, 0, MaxDisplayScale);
    }

    /// <summary>Weight and first digit of x in base 10000 (10000^w ≤ x &lt; 10000^(w+1)).</summary>
    private static (int Weight, BigInteger Digit) Lead(BigInteger x)
    {
        if (x.IsZero)
        {
            return (0, 0);
        }
        var weight = 0;
        var power = BigInteger.One;
        while (power * NBase <= x)
        {
            power *= NBase;
            weight++;
        }
        return (weight, x / power);
    }

    /// <summary>a ⊘ b as round_half_up(a·10^r / b), an integer counting units of 10^-r; returns it with r.</summary>
    public static (BigInteger Scaled, int Scale) Divide(BigInteger a, BigInteger b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }
        if (a.IsZero)
        {
            return (BigInteger.Zero, 0);
        }
        var scale = DivisionScale(a, b);
        var numerator = a * BigInteger.Pow(10, scale);
        return (((2 * numerator) + b) / (2 * b), scale);
    }

    /// <summary>FLOOR(a ⊘ b): the rounded division, then floored to an integer.</summary>
    public static BigInteger FloorDivide(BigInteger a, BigInteger b)
    {
        var (scaled, scale) = Divide(a, b);
        return scale == 0 ? scaled : scaled / BigInteger.Pow(10, scale);
    }

    /// <summary>P15 = FLOOR((w ⊘ W) × 10^15): a proportion in units of 10^-15.</summary>
    public static BigInteger Proportion15(BigInteger w, BigInteger total)
    {
        var (scaled, scale) = Divide(w, total);
        return scale >= 15 ? scaled / BigInteger.Pow(10, scale - 15) : scaled * BigInteger.Pow(10, 15 - scale);
    }
}

/// <summary>The same rules on <see cref="Restake.Primitives.UInt256"/>, fast enough for millions of stakers a day.</summary>
public static class PgNumericFast
{
    private static readonly Restake.Primitives.UInt256[] Pow10000 = Powers(10_000, 20);
    private static readonly Restake.Primitives.UInt256[] Pow10 = Powers(10, 78);
    private const ulong TenTo15 = 1_000_000_000_000_000UL;
    private static readonly UInt128 MaxScalable = UInt128.MaxValue / TenTo15 / 2;
    private static readonly Restake.Primitives.UInt256 CommissionRoundingFrom = Restake.Primitives.UInt256.Pow10(20) * 2UL;
    private static readonly UInt128 CommissionRoundingFromSmall = (UInt128)200_000_000_000_000_000_000.0;

    private static Restake.Primitives.UInt256[] Powers(ulong b, int count)
    {
        var result = new Restake.Primitives.UInt256[count];
        result[0] = Restake.Primitives.UInt256.One;
        for (var i = 1; i < count; i++)
        {
            result[i] = result[i - 1] * b;
        }
        return result;
    }

    /// <summary>Weight and first digit of x &gt; 0 in base 10000.</summary>
    public static (int Weight, ulong Digit) Lead(Restake.Primitives.UInt256 x)
    {
        int lo = 0, hi = Pow10000.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Pow10000[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        // The leading digit is below 10000; a double estimate is exact except next to an integer, so check it exactly there.
        var pow = Pow10000[lo];
        var ratio = x.ToDouble() / pow.ToDouble();
        var estimate = Math.Clamp((ulong)ratio, 1UL, 9_999UL);
        var fraction = ratio - Math.Floor(ratio);
        if (fraction > 1e-9 && fraction < 1 - 1e-9)
        {
            return (lo, estimate);
        }
        while (estimate > 1 && pow * estimate > x)
        {
            estimate--;
        }
        while (estimate < 9_999 && pow * (estimate + 1) <= x)
        {
            estimate++;
        }
        return (lo, estimate);
    }

    public static int DivisionScale(Restake.Primitives.UInt256 a, Restake.Primitives.UInt256 b) => DivisionScale(Lead(a), Lead(b));

    public static int DivisionScale((int Weight, ulong Digit) a, (int Weight, ulong Digit) b)
    {
        var qweight = a.Weight - b.Weight - (a.Digit <= b.Digit ? 1 : 0);
        return Math.Clamp(16 - (qweight * 4), 0, 1000);
    }

    /// <summary>
    /// A divisor W prepared for many P15 = FLOOR((w ⊘ W) × 10^15): its base-10000 lead and, per rounding
    /// depth, the remainder gap below which rounding can carry, so each staker costs one 256-by-128 division.
    /// </summary>
    public sealed class Divisor
    {
        private readonly Restake.Primitives.UInt256?[] _carryBelow = new Restake.Primitives.UInt256?[39];

        public Divisor(Restake.Primitives.UInt256 total, Restake.Primitives.UInt256 totalReduced, Restake.Primitives.UInt256? multiplier = null, bool roundsUp = true)
        {
            RoundsUp = roundsUp;
            Total = total;
            TotalReduced = totalReduced;
            Multiplier = multiplier;
            Lead = PgNumericFast.Lead(total);
            if (totalReduced.FitsIn128)
            {
                Small = totalReduced.Low128;
                SmallCarryBound = (totalReduced / 20UL).Low128;
            }
        }

        /// <summary>The reduced total when it fits in 128 bits (else 0): the common case, done in 128-bit arithmetic.</summary>
        public UInt128 Small { get; }

        /// <summary>⌊W/20⌋: a remainder gap above it cannot carry at any rounding depth.</summary>
        public UInt128 SmallCarryBound { get; }

        public Restake.Primitives.UInt256 Total { get; }

        /// <summary>The common multiplier when weights are reduced weights times it (so the full weight is only formed when needed).</summary>
        public Restake.Primitives.UInt256? Multiplier { get; }
        public Restake.Primitives.UInt256 TotalReduced { get; }
        public (int Weight, ulong Digit) Lead { get; }

        /// <summary>Rounding at k extra digits carries iff 2·10^k·gap ≤ W (gap = W − remainder): gap ≤ ⌊W / (2·10^k)⌋.</summary>
        /// <summary>False for plain floors: the rounded division never carries.</summary>
        public bool RoundsUp { get; }

        /// <summary>No rounding depth can carry when the remainder is further than W/20 from W (the bound at k = 1).</summary>
        public bool MayCarry(Restake.Primitives.UInt256 gap) => Carries(1, gap);

        public bool Carries(int k, Restake.Primitives.UInt256 gap)
        {
            if (!RoundsUp || k < 1 || k >= 39)
            {
                return false;
            }
            var bound = _carryBelow[k] ??= TotalReduced / (Pow10[k] * 2UL);
            return gap <= bound;
        }
    }

    /// <summary>P15 against a prepared divisor (see <see cref="Divisor"/>).</summary>
    public static ulong Proportion15(Restake.Primitives.UInt256 w, Restake.Primitives.UInt256 wReduced, Divisor d)
    {
        if (w == d.Total)
        {
            return TenTo15;
        }
        return Proportion15Reduced(wReduced, d, w);
    }

    /// <summary>P15 from the reduced weight alone, the full weight formed only if a carry needs its scale.</summary>
    public static ulong Proportion15Reduced(Restake.Primitives.UInt256 wReduced, Divisor d, Restake.Primitives.UInt256? w = null)
    {
        if (wReduced == d.TotalReduced)
        {
            return TenTo15;
        }
        if (d.Small != 0 && wReduced.FitsIn128 && wReduced.Low128 <= MaxScalable)
        {
            var x = wReduced.Low128 * TenTo15;
            // The quotient is at most 10^15: estimate it in double precision, then correct exactly.
            var quotient = (UInt128)(ulong)((double)x / (double)d.Small);
            var product = quotient * d.Small;
            while (product > x)
            {
                quotient--;
                product -= d.Small;
            }
            while (x - product >= d.Small)
            {
                quotient++;
                product += d.Small;
            }
            var smallGap = d.Small - (x - product);
            if (!d.RoundsUp || smallGap > d.SmallCarryBound)
            {
                return (ulong)quotient;
            }
        }
        ulong q;
        Restake.Primitives.UInt256 gap;
        if (d.TotalReduced.FitsIn128)
        {
            q = (ulong)Restake.Primitives.UInt256.MulDiv(wReduced, TenTo15, d.TotalReduced);
            var rem = (wReduced.Low128 * TenTo15) - (d.TotalReduced.Low128 * q);
            gap = d.TotalReduced.Low128 - rem;
        }
        else
        {
            var quotient = System.Numerics.BigInteger.DivRem((System.Numerics.BigInteger)wReduced * TenTo15, d.TotalReduced, out var remainder);
            q = (ulong)quotient;
            gap = (Restake.Primitives.UInt256)((System.Numerics.BigInteger)d.TotalReduced - remainder);
        }
        if (!d.MayCarry(gap))
        {
            return q;
        }
        var full = w ?? (d.Multiplier is { } m ? wReduced * m : wReduced);
        var k = DivisionScale(Lead(full), d.Lead) - 15;
        return d.Carries(k, gap) ? q + 1 : q;
    }

    /// <summary>⌊x / 10^15⌋ for x &lt; 2^110: a double estimate, then corrected exactly (the estimate is off by at most one).</summary>
    private static UInt128 DivideByTen15(UInt128 x)
    {
        var q = (UInt128)(ulong)((double)x / 1e15);
        var product = q * TenTo15;
        while (product > x)
        {
            q--;
            product -= TenTo15;
        }
        while (x - product >= TenTo15)
        {
            q++;
            product += TenTo15;
        }
        return q;
    }

    /// <summary>⌊P15 · perDay / 10^15⌋ (exact; the proportion has at most 15 decimals).</summary>
    public static Restake.Primitives.UInt256 Payout(ulong p15, Restake.Primitives.UInt256 perDay) =>
        Restake.Primitives.UInt256.MulDiv(p15, perDay, TenTo15);

    /// <summary>A daily amount split as perDay = high·10^15 + low, so each payout is two small multiplies.</summary>
    public readonly struct DailyAmount
    {
        private readonly UInt128 _high;
        private readonly ulong _low;
        private readonly Restake.Primitives.UInt256 _whole;
        private readonly bool _fast;

        public DailyAmount(Restake.Primitives.UInt256 perDay)
        {
            _whole = perDay;
            var high = perDay / TenTo15;
            _fast = high.FitsIn64;
            _high = _fast ? high.Low128 : 0;
            _low = (ulong)(perDay % TenTo15);
        }

        public Restake.Primitives.UInt256 Payout(ulong p15) =>
            _fast ? (p15 * _high) + DivideByTen15((UInt128)p15 * _low) : PgNumericFast.Payout(p15, _whole);
    }

    /// <summary>
    /// FLOOR((payout × bips) ⊘ 10000). The division scale is 0 (round half up) from 2·10^20 on and at
    /// least 4 (exact, so a plain floor) below it.
    /// </summary>
    public static Restake.Primitives.UInt256 Commission(Restake.Primitives.UInt256 payout, int bips)
    {
        if (payout.FitsIn64)
        {
            // payout·bips/10000 split as (payout/10000)·bips + (payout%10000)·bips/10000, all in 64 bits.
            var p = (ulong)payout;
            var whole = (UInt128)(p / 10_000UL) * (ulong)bips;
            var part = (p % 10_000UL) * (ulong)bips;
            var rounding = (UInt128)p * (ulong)bips >= CommissionRoundingFromSmall ? 5_000UL : 0UL;
            return whole + ((part + rounding) / 10_000UL);
        }
        var n = payout * (ulong)bips;
        return n >= CommissionRoundingFrom ? (n + 5_000UL) / 10_000UL : n / 10_000UL;
    }
}
