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
