using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;
using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>Protocol fees on the engine: eETH's per-report fees and rsETH's daily fee-mint cap.</summary>
public class ProtocolFeeTests
{
    [Fact]
    public void eETH_fees_go_to_the_fee_recipient_and_holders_keep_the_rest_of_the_rise()
    {
        var net = new Net("op");
        net.Do(Net.Create("eETH", LrtPreset.EtherFi, "WETH"), new LrtDeposit("eETH", "alice", "WETH", Eth(100), MintShortfall: true));
        var v = net.Vault("eETH");
        var s = net.Engine.State;
        net.Must(new Donate("WETH", Eth(0, 25, 100)));
        var supply = v.Token.TotalSupply;
        net.Refused("ReportValidationFailed", new LrtOracleReport("eETH", Value: Eth(100, 25, 100), ProtocolFees: Eth(0, 5, 100) + UInt256.One));
        Assert.Equal(supply, v.Token.TotalSupply);
        Assert.Equal(Eth(100), v.ReportedValue);

        // +0.25 with a fee of exactly a fifth of it: 0.2 accrues to holders.
        net.Do(new LrtOracleReport("eETH", Value: Eth(100, 25, 100), ProtocolFees: Eth(0, 5, 100)));
        Assert.Equal(Eth(100, 25, 100), v.ReportedValue);
        var feeShares = v.Token.BalanceOf(LrtVault.EtherFiFeeRecipient);
        Assert.Equal(UInt256.MulDiv(Eth(0, 5, 100), Eth(100), Eth(100, 2, 10)), feeShares);
        Assert.Equal(Eth(1, 2, 1000), v.Rate(s)); // 0.2 of the 0.25 reached holders
        Assert.Equal(Eth(0, 5, 100) - UInt256.One, v.ValueOf(s, feeShares)); // the fee, less the wei the share floor keeps
        Assert.Equal(Eth(100, 2, 10), v.ValueOf(s, v.Token.BalanceOf("alice")));
    }

    [Fact]
    public void rsETH_fee_mints_stop_at_the_daily_cap_until_the_next_day()
    {
        var net = new Net("op");
        net.Do(Net.Create("rsETH", LrtPreset.Kelp, "stETH") with { Rules = new LrtRules(MaxFeeMintPerDay: Eth(0, 6, 100)) },
            new LrtDeposit("rsETH", "alice", "stETH", Eth(100), MintShortfall: true));
        var v = net.Vault("rsETH");
        net.Do(new LrtOracleReport("rsETH", new Dictionary<string, UInt256> { ["stETH"] = Eth(1, 5, 1000) }));
        var first = v.Token.BalanceOf(LrtVault.KelpTreasury);
        Assert.Equal(first, v.KelpMintedInPeriod);
        var price = v.KelpPrice;
        var higher = new LrtOracleReport("rsETH", new Dictionary<string, UInt256> { ["stETH"] = Eth(1, 1, 100) });
        net.Refused("DailyFeeMintLimitExceeded", higher);
        Assert.Equal(price, v.KelpPrice);
        Assert.Equal(first, v.Token.BalanceOf(LrtVault.KelpTreasury));

        net.Must(new Roll(7_200)); // a day of 12 s blocks
        net.Do(higher);
        Assert.True(v.KelpPrice > price);
        Assert.Equal(v.Token.BalanceOf(LrtVault.KelpTreasury) - first, v.KelpMintedInPeriod);
    }

    [Fact]
    public void Only_eETH_reports_carry_protocol_fees()
    {
        var net = new Net("op");
        net.Do(Net.Create("pufETH", LrtPreset.Puffer, "WETH"));
        net.Refused("ProtocolFeesUnsupported", new LrtOracleReport("pufETH", ProtocolFees: Eth(1)));
    }
}
