using Restake.Primitives;

namespace Restake.Protocol;

/// <summary>
/// The share-accounting formulas of the reference's SlashingLib, with its rounding:
/// k deposit scaling factor, s deposit shares, SF slashing factor (m, or m·l for native ETH).
/// </summary>
public static class SlashingMath
{
    /// <summary>a = floor(floor(s·k)·SF): what a staker could withdraw (rounded down twice).</summary>
    public static UInt256 CalcWithdrawable(UInt256 scalingFactor, UInt256 depositShares, UInt256 slashingFactor) =>
        Wad.MulDown(Wad.MulDown(depositShares, scalingFactor), slashingFactor);

    /// <summary>s = floor(floor(a/k)/SF), the inverse view.</summary>
    public static UInt256 CalcDepositShares(UInt256 scalingFactor, UInt256 withdrawableShares, UInt256 slashingFactor) =>
        Wad.DivDown(Wad.DivDown(withdrawableShares, scalingFactor), slashingFactor);

    /// <summary>Shares an operator loses when its max magnitude drops: op − ceil(op·new/prev), so the kept part rounds up.</summary>
    public static UInt256 CalcSlashedAmount(UInt256 operatorShares, UInt256 prevMaxMagnitude, UInt256 newMaxMagnitude) =>
        operatorShares - Wad.MulDivUp(operatorShares, newMaxMagnitude, prevMaxMagnitude);

    /// <summary>q = floor(x·k): scaled shares stored in a queued withdrawal.</summary>
    public static UInt256 ScaleForQueueWithdrawal(UInt256 scalingFactor, UInt256 depositSharesToWithdraw) =>
        Wad.MulDown(depositSharesToWithdraw, scalingFactor);

    /// <summary>floor(q·SF) with SF read at startBlock + delay (and the current beacon factor).</summary>
    public static UInt256 ScaleForCompleteWithdrawal(UInt256 scaledShares, UInt256 slashingFactor) =>
        Wad.MulDown(scaledShares, slashingFactor);

    /// <summary>
    /// The new deposit scaling factor after adding shares (SlashingLib.update). A first deposit
    /// forgives earlier slashing, k = k/SF; later deposits keep what the staker could withdraw:
    /// k = (a + added)/(s + added)/SF. The caller has checked SF != 0 and added != 0.
    /// </summary>
    public static UInt256 UpdatedScalingFactor(UInt256 scalingFactor, UInt256 prevDepositShares, UInt256 addedShares, UInt256 slashingFactor)
    {
        if (prevDepositShares.IsZero)
        {
            return Wad.DivDown(scalingFactor, slashingFactor);
        }
        var current = CalcWithdrawable(scalingFactor, prevDepositShares, slashingFactor);
        var updated = Wad.DivDown(Wad.DivDown(current + addedShares, prevDepositShares + addedShares), slashingFactor);
        if (updated.IsZero)
        {
            throw Revert.With("InvalidDepositScalingFactor", "the deposit scaling factor would become 0");
        }
        return updated;
    }
}
