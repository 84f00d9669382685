using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>EtherFiAdmin's APR check on eETH reports: |accrued|·1e4·365 days/(TVL·elapsed) over whole 12 s slots.</summary>
public class EtherFiAprTests
{
    private static readonly UInt256 Eth = Wad.Unit;
    private const long Day = 86_400 / 12; // slots (and engine blocks) in a day

    private static Net EEth(ulong aprBps)
    {
        var net = new Net("op");
        net.Do(Net.Create("eETH", LrtPreset.EtherFi, "WETH") with { Rules = new LrtRules(AcceptableRebaseAprBps: aprBps) },
            new LrtDeposit("eETH", "alice", "WETH", Eth * 1_000UL, MintShortfall: true));
        return net;
    }

    [Fact]
    public void upstream_vector_a_day_of_1_eth_on_1000_passes_100_percent_and_10_eth_does_not()
    {
        // etherfi-protocol/smart-contracts test/EtherFiOracle.t.sol test_huge_positive_rebaes: TVL 1000 ETH, APR cap
        // 10,000 bps, the clock moved 1 day / 12 s: 1 ETH (3,650 bps) is accepted, then 10 ETH (36,500 bps) is refused.
        var net = EEth(10_000);
        var v = net.Vault("eETH");
        net.Must(new Roll(Day));
        net.Do(new LrtOracleReport("eETH", Value: Eth * 1_001UL));
        net.Must(new Roll(Day));
        net.Refused("TvlChangedTooMuch", new LrtOracleReport("eETH", Value: Eth * 1_011UL));
        Assert.Equal(Eth * 1_001UL, v.ReportedValue);
    }

    [Fact]
    public void losses_count_by_their_absolute_apr_and_zero_slots_are_refused()
    {
        var net = EEth(500);
        net.Refused("ReportSpansZeroSlots", new LrtOracleReport("eETH", Value: Eth * 1_000UL));
        net.Must(new Roll(Day));
        // ⌊1e4·0.2·365/1000⌋ = 730 bps: a loss within the −3 bps cap (0.3) but beyond the APR
        net.Refused("TvlChangedTooMuch", new LrtOracleReport("eETH", Value: Eth * 9_998UL / 10UL));
        // ⌊1e4·0.1·365/1000⌋ = 365 bps: accepted
        net.Do(new LrtOracleReport("eETH", Value: Eth * 9_999UL / 10UL));
        Assert.Equal(Eth * 9_999UL / 10UL, net.Vault("eETH").ReportedValue);
        net.Refused("InvalidAcceptableRebaseApr", Net.Create("eX", LrtPreset.EtherFi, "WETH") with { Rules = new LrtRules(AcceptableRebaseAprBps: 10_001) });
    }

    [Fact]
    public void a_report_toward_nav_moves_no_further_than_the_apr_allows()
    {
        var net = EEth(500);
        var v = net.Vault("eETH");
        net.Must(new Donate("WETH", Eth * 5UL), new Roll(Day));
        net.Do(new LrtOracleReport("eETH"));
        var step = UInt256.MulDiv(Eth * 1_000UL * 500UL, (ulong)(Day * 12), 10_000UL * 31_536_000UL); // ⌊bound·T·elapsed/(1e4·365 days)⌋
        Assert.Equal(Eth * 1_000UL + step, v.ReportedValue);
        Assert.Equal(UInt256.Parse("136986301369863013"), step); // 1000·0.05/365, floored
    }
}
