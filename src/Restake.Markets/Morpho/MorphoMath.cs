using Restake.Primitives;

namespace Restake.Markets.Morpho;

/// <summary>
/// Morpho Blue's math (morpho-org/morpho-blue src/libraries: MathLib, SharesMathLib, ConstantsLib): shares priced with
/// 1e6 virtual shares and 1 virtual asset (so a first depositor cannot inflate the share price), interest compounded by
/// the third-order Taylor expansion, prices scaled by 1e36.
/// </summary>
public static class MorphoMath
{
    public const ulong VirtualShares = 1_000_000;
    public const ulong VirtualAssets = 1;
    public static readonly UInt256 OraclePriceScale = UInt256.Pow10(36);
    public static readonly UInt256 LiquidationCursor = 300_000_000_000_000_000UL;
    public static readonly UInt256 MaxLiquidationIncentiveFactor = 1_150_000_000_000_000_000UL;

    public static UInt256 ToSharesDown(UInt256 assets, UInt256 totalAssets, UInt256 totalShares) =>
        UInt256.MulDiv(assets, totalShares + VirtualShares, totalAssets + VirtualAssets);

    public static UInt256 ToSharesUp(UInt256 assets, UInt256 totalAssets, UInt256 totalShares) =>
        UInt256.MulDivUp(assets, totalShares + VirtualShares, totalAssets + VirtualAssets);

    public static UInt256 ToAssetsDown(UInt256 shares, UInt256 totalAssets, UInt256 totalShares) =>
        UInt256.MulDiv(shares, totalAssets + VirtualAssets, totalShares + VirtualShares);

    public static UInt256 ToAssetsUp(UInt256 shares, UInt256 totalAssets, UInt256 totalShares) =>
        UInt256.MulDivUp(shares, totalAssets + VirtualAssets, totalShares + VirtualShares);

    /// <summary>e^(x·n) − 1 to the third term: x·n + (x·n)²/2 + (x·n)³/6, each term rounded down (wad).</summary>
    public static UInt256 TaylorCompounded(UInt256 ratePerSecond, ulong seconds)
    {
        var first = ratePerSecond * seconds;
        var second = UInt256.MulDiv(first, first, Wad.Unit * 2UL);
        var third = UInt256.MulDiv(second, first, Wad.Unit * 3UL);
        return first + second + third;
    }

    /// <summary>min(1.15, 1 / (1 − 0.3·(1 − LLTV))), wad.</summary>
    public static UInt256 LiquidationIncentiveFactor(UInt256 lltv) =>
        UInt256.Min(MaxLiquidationIncentiveFactor, Wad.DivDown(Wad.Unit, Wad.Unit - Wad.MulDown(LiquidationCursor, Wad.Unit - lltv)));
}
