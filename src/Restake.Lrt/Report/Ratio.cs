using System.Globalization;
using System.Numerics;

namespace Restake.Lrt.Report;

/// <summary>
/// An exact fraction (measures are computed in integers and only turned into decimals at the edge).
/// A zero denominator means "undefined" (e.g. a share of an empty pool) and prints as "n/a".
/// </summary>
public readonly record struct Ratio(BigInteger Numerator, BigInteger Denominator)
{
    public static Ratio Zero => new(BigInteger.Zero, BigInteger.One);

    public bool IsDefined => !Denominator.IsZero;

    /// <summary>Basis points, rounded toward zero (exact for the worked examples in the tests).</summary>
    public long Bps => IsDefined ? (long)(Numerator * 10_000 / Denominator) : 0;

    /// <summary>For display and JSON only; never fed back into state.</summary>
    public double ToDouble() => IsDefined ? (double)Numerator / (double)Denominator : double.NaN;

    public string Percent(int decimals = 2) =>
        IsDefined ? (ToDouble() * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " %" : "n/a";
}
