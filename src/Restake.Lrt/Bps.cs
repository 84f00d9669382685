using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>Basis-point helpers; the rounding is named at each call because upstream differs per site.</summary>
public static class Bps
{
    public const ulong Scale = 10_000UL;
    public static readonly UInt256 Denominator = Scale;

    /// <summary>floor(x * bps / 10_000).</summary>
    public static UInt256 Down(UInt256 x, ulong bps) => UInt256.MulDiv(x, bps, Denominator);

    /// <summary>ceil(x * bps / 10_000).</summary>
    public static UInt256 Up(UInt256 x, ulong bps) => UInt256.MulDivUp(x, bps, Denominator);
}
