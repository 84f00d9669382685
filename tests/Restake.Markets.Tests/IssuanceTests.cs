using Restake.Primitives;
using static Restake.Markets.Tests.Units;

namespace Restake.Markets.Tests;

public class IssuanceTests
{
    /// <summary>
    /// 24M ETH staked: √(24e15 Gwei) = 154,919,333.8…, so base_reward_per_increment = ⌊64e9/154,919,333⌋ = 413 Gwei;
    /// per epoch 24e6·413 = 9,912,000,000 Gwei; a year of 82,181.25 epochs issues 814,580.55 ETH, APR 3.394 %
    /// (reference/risk-lrt.md §5 table: 815k ETH, 3.40 %).
    /// </summary>
    [Fact]
    public void issuance_at_24m_eth_by_hand()
    {
        Assert.Equal(413UL, Issuance.BaseRewardPerIncrement(24_000_000UL * Issuance.GweiPerEth));
        Assert.Equal((UInt256)9_912_000_000UL, Issuance.EpochIssuanceGwei(24_000_000));
        Assert.Equal(U("814580550000000000000000"), Issuance.AnnualIssuanceWei(24_000_000));
        Assert.Equal(33_940_856_250_000_000UL, (ulong)Issuance.Apr(24_000_000));
    }

    /// <summary>
    /// The spec's integer issuance beside the reference's continuous 166.32·√N (reference/risk-lrt.md §5, table rows 24–40M):
    /// the floor in base_reward_per_increment (413, 369, 347, 337, 320 Gwei) keeps the exact figure within 0.15 % of it.
    /// </summary>
    [Theory]
    [InlineData(24, "814580550000000000000000", 815)]
    [InlineData(30, "909746437500000000000000", 911)]
    [InlineData(34, "969574387500000000000000", 970)]
    [InlineData(36, "997022925000000000000000", 998)]
    [InlineData(40, "1051920000000000000000000", 1052)]
    public void the_exact_issuance_tracks_the_reference_curve(ulong millions, string exactWei, ulong referenceThousands)
    {
        var issued = Issuance.AnnualIssuanceWei(millions * 1_000_000);
        Assert.Equal(U(exactWei), issued);
        var continuous = 166.32 * Math.Sqrt(millions * 1e6);
        Assert.InRange(issued.ToDouble() / 1e18 / continuous, 0.9985, 1.0015);
        Assert.InRange(continuous / 1_000, referenceThousands - 1.0, referenceThousands + 1.0);
    }

    [Fact]
    public void the_integer_square_root_is_the_floor()
    {
        Assert.Equal(154_919_333, (long)Issuance.IntegerSquareRoot(24_000_000_000_000_000));
        Assert.Equal(3, (long)Issuance.IntegerSquareRoot(15));
        Assert.Equal(4, (long)Issuance.IntegerSquareRoot(16));
    }
}
