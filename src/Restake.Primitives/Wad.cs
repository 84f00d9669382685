namespace Restake.Primitives;

/// <summary>
/// Fixed-point arithmetic on WAD-scaled integers (1e18 = 1.0). Each function names its rounding,
/// because the reference contracts choose the direction per quantity: down for what a user
/// receives, up for what is taken away.
/// </summary>
public static class Wad
{
    public const ulong One = 1_000_000_000_000_000_000UL;
    public static readonly UInt256 Unit = One;

    /// <summary>floor(x * y / 1e18)</summary>
    public static UInt256 MulDown(UInt256 x, UInt256 y) => UInt256.MulDiv(x, y, Unit);

    /// <summary>ceil(x * y / 1e18)</summary>
    public static UInt256 MulUp(UInt256 x, UInt256 y) => UInt256.MulDivUp(x, y, Unit);

    /// <summary>floor(x * 1e18 / y)</summary>
    public static UInt256 DivDown(UInt256 x, UInt256 y) => UInt256.MulDiv(x, Unit, y);

    /// <summary>ceil(x * 1e18 / y)</summary>
    public static UInt256 DivUp(UInt256 x, UInt256 y) => UInt256.MulDivUp(x, Unit, y);

    /// <summary>floor(x * y / d)</summary>
    public static UInt256 MulDivDown(UInt256 x, UInt256 y, UInt256 d) => UInt256.MulDiv(x, y, d);

    /// <summary>ceil(x * y / d)</summary>
    public static UInt256 MulDivUp(UInt256 x, UInt256 y, UInt256 d) => UInt256.MulDivUp(x, y, d);
}
