using Restake.Primitives;

namespace Restake.Markets;

/// <summary>
/// The staking-ratio economics of the seed's FAQ Q6. A marginal staker who restakes earns the consensus-layer APR of
/// <see cref="Issuance"/> (which falls as 1/√N with N ETH staked), plus the AVS rewards R a year shared over the restaked
/// ETH ρ·N after the operators' and LRTs' fee f, minus the expected slashing loss s a year. Stakers come in while that net
/// yield beats what they could earn elsewhere (the required yield r), so the equilibrium N* solves y(N*) = r; a band
/// [r_low, r_high] of required yields gives a band of N*. Yields are wad (1e18 = 100 %) in exact integers; N in whole ETH.
/// </summary>
/// <param name="RewardsEthPerYear">R in wei a year</param>
public sealed record StakingRatio(UInt256 RewardsEthPerYear, ulong RestakedShareBps = 10_000, ulong FeeBps = 1_000, UInt256 ExpectedSlashingLossWad = default)
{
    /// <summary>Ether's supply the ratio is taken of (about 120.5M ETH in 2025).</summary>
    public const ulong EtherSupply = 120_500_000;

    /// <summary>The net yield at <paramref name="stakedEth"/> (wad).</summary>
    public UInt256 NetYield(ulong stakedEth)
    {
        var restaked = (UInt256)stakedEth * RestakedShareBps / 10_000UL;
        var restaking = restaked.IsZero ? UInt256.Zero : UInt256.MulDiv(RewardsEthPerYear * (10_000UL - FeeBps) / 10_000UL, Wad.Unit, restaked * Wad.Unit);
        var gross = Issuance.Apr(stakedEth) + restaking;
        return gross > ExpectedSlashingLossWad ? gross - ExpectedSlashingLossWad : UInt256.Zero;
    }

    /// <summary>The stake N* (whole ETH) at which the net yield falls to <paramref name="requiredYieldWad"/>: the largest N with y(N) ≥ r, by bisection (y falls with N).</summary>
    public ulong Equilibrium(UInt256 requiredYieldWad, ulong low = 1_000_000, ulong high = EtherSupply)
    {
        if (NetYield(high) >= requiredYieldWad)
        {
            return high;
        }
        if (NetYield(low) < requiredYieldWad)
        {
            return low;
        }
        while (high - low > 1)
        {
            var mid = low + (high - low) / 2;
            if (NetYield(mid) >= requiredYieldWad)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
