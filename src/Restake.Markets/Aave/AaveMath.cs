using Restake.Primitives;

namespace Restake.Markets.Aave;

/// <summary>
/// Aave v3's fixed-point helpers (aave/aave-v3-core contracts/protocol/libraries/math: WadRayMath, PercentageMath,
/// MathUtils). Unlike the engine's floors these round half up, as upstream does.
/// </summary>
public static class AaveMath
{
    public static readonly UInt256 Wad = Primitives.Wad.Unit;
    public static readonly UInt256 Ray = UInt256.Pow10(27);
    public static readonly UInt256 HalfRay = UInt256.Pow10(27) / 2UL;
    public static readonly UInt256 HalfWad = Primitives.Wad.Unit / 2UL;
    public const ulong PercentageFactor = 10_000;
    private const ulong HalfPercentage = 5_000;
    public const ulong SecondsPerYear = 365 * 86_400;

    public static UInt256 RayMul(UInt256 a, UInt256 b) => (a * b + HalfRay) / Ray;
    public static UInt256 RayDiv(UInt256 a, UInt256 b) => (a * Ray + b / 2UL) / b;
    public static UInt256 WadMul(UInt256 a, UInt256 b) => (a * b + HalfWad) / Wad;
    public static UInt256 WadDiv(UInt256 a, UInt256 b) => (a * Wad + b / 2UL) / b;
    public static UInt256 PercentMul(UInt256 value, ulong percentage) => (value * percentage + HalfPercentage) / PercentageFactor;
    public static UInt256 PercentDiv(UInt256 value, ulong percentage) => (value * PercentageFactor + percentage / 2) / percentage;

    /// <summary>MathUtils.calculateLinearInterest: 1 + rate·Δt/year, ray.</summary>
    public static UInt256 LinearInterest(UInt256 rate, ulong seconds) => Ray + rate * seconds / SecondsPerYear;

    /// <summary>MathUtils.calculateCompoundedInterest: the binomial expansion of (1 + rate/year)^Δt to the third term, ray.</summary>
    public static UInt256 CompoundedInterest(UInt256 rate, ulong seconds)
    {
        if (seconds == 0)
        {
            return Ray;
        }
        var expMinusOne = seconds - 1;
        var expMinusTwo = seconds > 2 ? seconds - 2 : 0;
        var basePowerTwo = RayMul(rate, rate) / ((UInt256)SecondsPerYear * SecondsPerYear);
        var basePowerThree = RayMul(basePowerTwo, rate) / SecondsPerYear;
        var secondTerm = (UInt256)seconds * expMinusOne * basePowerTwo / 2UL;
        var thirdTerm = (UInt256)seconds * expMinusOne * expMinusTwo * basePowerThree / 6UL;
        return Ray + rate * seconds / SecondsPerYear + secondTerm + thirdTerm;
    }
}

/// <summary>
/// The two-slope borrow curve of Aave v3's DefaultReserveInterestRateStrategy (rays): below the optimal usage the
/// rate climbs slope1 in proportion; above it slope2 is added on the excess. Suppliers earn the borrow rate times
/// usage, less the reserve factor.
/// </summary>
public sealed record InterestRateCurve(UInt256 OptimalUsage, UInt256 BaseRate, UInt256 Slope1, UInt256 Slope2)
{
    public (UInt256 Borrow, UInt256 Liquidity) Rates(UInt256 totalDebt, UInt256 availableLiquidity, ulong reserveFactorBps)
    {
        if (totalDebt.IsZero)
        {
            return (BaseRate, UInt256.Zero);
        }
        var usage = AaveMath.RayDiv(totalDebt, availableLiquidity + totalDebt);
        UInt256 borrow;
        if (usage > OptimalUsage)
        {
            var excess = AaveMath.RayDiv(usage - OptimalUsage, AaveMath.Ray - OptimalUsage);
            borrow = BaseRate + Slope1 + AaveMath.RayMul(Slope2, excess);
        }
        else
        {
            borrow = BaseRate + AaveMath.RayDiv(AaveMath.RayMul(Slope1, usage), OptimalUsage);
        }
        var liquidity = AaveMath.PercentMul(AaveMath.RayMul(borrow, usage), AaveMath.PercentageFactor - reserveFactorBps);
        return (borrow, liquidity);
    }
}
