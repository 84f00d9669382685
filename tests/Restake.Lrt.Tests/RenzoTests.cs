using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests;

public class RenzoTests
{
    private static RenzoPool Pool()
    {
        var r = new RenzoPool();
        r.AddToken("stETH", E, 0);
        Assert.Equal(Eth(100), r.Deposit("alice", "stETH", Eth(100), 0)); // first mint 1:1
        // infl = floor(1e18 * 10e18 / 110e18) = 90_909_090_909_090_909;
        // newSupply = floor(100e18 * 1e18 / (1e18 - infl)); mint = newSupply - 100e18 = 10e18 - 11 wei.
        Assert.Equal(W("9999999999999999989"), r.Deposit("bob", "stETH", Eth(10), 0));
        return r;
    }

    [Fact]
    public void Prices_older_than_a_day_and_a_minute_are_rejected()
    {
        var r = Pool();
        r.Deposit("carol", "stETH", Eth(1), 86_460); // timestamp 0 < 86_460 - 86_460 is false: accepted
        Rejects("OraclePriceExpired", r.Describe, () => r.Deposit("carol", "stETH", Eth(1), 86_461));
    }

    [Fact]
    public void Rewards_raise_the_rate_and_a_slash_lowers_it()
    {
        var r = Pool();
        var start = r.Rate(0);
        r.AddBalance("stETH", Eth(11));
        Assert.True(r.Rate(0) > start);
        r.RemoveBalance("stETH", Eth(22));
        Assert.True(r.Rate(0) < start);
    }

    [Fact]
    public void Withdraw_queue_pays_the_lower_of_request_and_claim_amounts()
    {
        var r = Pool();
        // request: floor(110e18 * 10e18 / 109_999_999_999_999_999_989) = 10_000_000_000_000_000_001
        var w = r.RequestWithdraw("alice", Eth(10), "stETH", 10);
        Assert.Equal(W("10000000000000000001"), w.AmountToRedeem);
        r.RemoveBalance("stETH", Eth(11)); // 10 % slash
        r.SetPrice("stETH", E, 10 + r.CoolDownSeconds);
        Rejects("EarlyClaim", r.Describe, () => r.Claim(0, 10 + r.CoolDownSeconds - 1));
        // claim: floor(99e18 * 10e18 / supply) = 9e18
        Assert.Equal(Eth(9), r.Claim(0, 10 + r.CoolDownSeconds));
    }

    [Fact]
    public void L2_mint_takes_the_bridge_fee_and_prices_at_the_pushed_rate()
    {
        var l2 = new RenzoL2Deposit(Eth(1, 5, 100), 0);
        // fee = 1e18 * 5 / 1e4 = 5e14; xezETH = floor(1e18 * 0.9995e18 / 1.05e18)
        Assert.Equal(W("951904761904761904"), l2.Deposit("alice", E, 10));
        Assert.Equal(W("500000000000000"), l2.BridgeFeesCollected);
        Rejects("OraclePriceExpired", l2.Describe, () => l2.Deposit("alice", E, 86_401));
    }

    [Fact]
    public void L2_price_pushes_are_bounded()
    {
        var l2 = new RenzoL2Deposit(Eth(1, 5, 100), 0);
        // band = 1.05e18 / 100 = 1.05e16: exactly 1 % is allowed, one wei more is not.
        Rejects("InvalidOraclePrice", l2.Describe, () => l2.UpdatePrice(W("1060500000000000001"), 5, 10));
        Rejects("InvalidTimestamp", l2.Describe, () => l2.UpdatePrice(W("1060500000000000000"), 11, 10));
        l2.UpdatePrice(W("1060500000000000000"), 5, 10);
        Rejects("InvalidTimestamp", l2.Describe, () => l2.UpdatePrice(W("1060500000000000000"), 5, 10));
        var low = new RenzoL2Deposit(W("1005000000000000000"), 0);
        Rejects("InvalidOraclePrice", low.Describe, () => low.UpdatePrice(W("999000000000000000"), 1, 1));
    }
}
