using System.Numerics;
using Restake.Primitives;

namespace Restake.Markets;

/// <summary>
/// Ethereum's consensus-layer issuance under full participation (consensus-specs phase0/altair: base_reward_per_increment =
/// EFFECTIVE_BALANCE_INCREMENT·BASE_REWARD_FACTOR // integer_squareroot(total active balance in Gwei); each validator's
/// reward weights add to the whole base reward): per epoch, every 1 ETH increment earns base_reward_per_increment Gwei.
/// A year is 365.25 days of 225 epochs. So issuance ≈ 166.3·√N ETH a year and the APR ≈ 166.3/√N for N ETH staked
/// (reference/risk-lrt.md §5). Exact integers in Gwei; no priority fees or MEV.
/// </summary>
public static class Issuance
{
    public const ulong GweiPerEth = 1_000_000_000;
    public const ulong EffectiveBalanceIncrement = GweiPerEth;
    public const ulong BaseRewardFactor = 64;

    /// <summary>Epochs a year, ×4 to stay integral: 365.25 days × 225 epochs = 82,181.25.</summary>
    public const ulong EpochsPerYearTimes4 = 328_725;

    /// <summary>The spec's integer_squareroot (Newton's method, floor).</summary>
    public static BigInteger IntegerSquareRoot(BigInteger n)
    {
        if (n.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "no square root of a negative number");
        }
        if (n < 2)
        {
            return n;
        }
        var x = n;
        var y = (x + 1) / 2;
        while (y < x)
        {
            x = y;
            y = (x + n / x) / 2;
        }
        return x;
    }

    public static ulong BaseRewardPerIncrement(ulong totalActiveGwei)
    {
        MarketRevert.If(totalActiveGwei < EffectiveBalanceIncrement, "NoStake", "at least 1 ETH must be staked");
        return (ulong)(EffectiveBalanceIncrement * BaseRewardFactor / IntegerSquareRoot(totalActiveGwei));
    }

    /// <summary>Gwei issued in one epoch when <paramref name="stakedEth"/> whole ETH of effective balance attest perfectly.</summary>
    public static UInt256 EpochIssuanceGwei(ulong stakedEth) => (UInt256)stakedEth * BaseRewardPerIncrement(stakedEth * GweiPerEth);

    /// <summary>Wei issued in a year.</summary>
    public static UInt256 AnnualIssuanceWei(ulong stakedEth) => EpochIssuanceGwei(stakedEth) * EpochsPerYearTimes4 * GweiPerEth / 4UL;

    /// <summary>The consensus-layer APR as a wad: annual issuance over the stake.</summary>
    public static UInt256 Apr(ulong stakedEth) => UInt256.MulDiv(AnnualIssuanceWei(stakedEth), Wad.Unit, (UInt256)stakedEth * Wad.Unit);
}
