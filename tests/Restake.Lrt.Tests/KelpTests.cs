using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests;

public class KelpTests
{
    private static KelpPool Pool()
    {
        var k = new KelpPool(protocolFeeBps: 1_000);
        k.AddAsset("stETH", E, Eth(1_000), Eth(0, 1, 100));
        k.AddAsset("ETHx", Eth(1, 2, 100), Eth(1_000), Eth(0, 1, 100));
        Assert.Equal(Eth(100), k.Deposit("alice", "stETH", Eth(100))); // 100e18 * 1e18 / 1e18
        Assert.Equal(Eth(51), k.Deposit("bob", "ETHx", Eth(50)));      // 50e18 * 1.02e18 / 1e18
        return k;
    }

    [Fact]
    public void Rewards_raise_the_price_and_the_fee_is_minted_to_the_treasury()
    {
        var k = Pool();
        k.SetAssetPrice("stETH", Eth(1, 1, 100)); // totalETH 101e18 + 51e18 = 152e18
        // previous TVL 151e18; fee = 1e18 * 1000 / 1e4 = 0.1e18; price = floor(151.9e18 * 1e18 / 151e18).
        Assert.Equal(KelpPriceOutcome.Updated, k.UpdatePrice(1));
        Assert.Equal(W("1005960264900662251"), k.RsEthPrice);
        Assert.Equal(W("99407504937458854"), k.RsEth.BalanceOf(KelpPool.Treasury)); // floor(0.1e18 * 1e18 / price)
    }

    [Fact]
    public void A_rise_beyond_the_percentage_limit_reverts_unless_a_manager_calls()
    {
        var k = Pool();
        k.SetAssetPrice("stETH", Eth(1, 3, 100)); // price -> 153.7/151 = +1.79 % > 1 %
        Rejects("PriceAboveDailyThreshold", k.Describe, () => k.UpdatePrice(1));
        k.UpdatePrice(1, asManager: true);
        Assert.True(k.RsEthPrice > E);
    }

    [Fact]
    public void A_slash_lowers_the_price_and_a_drop_beyond_the_limit_pauses_instead()
    {
        var k = Pool();
        k.RemoveDeposits("stETH", Eth(1)); // 150/151: -0.66 %
        k.UpdatePrice(1);
        Assert.Equal(W("993377483443708609"), k.RsEthPrice);
        var deep = Pool();
        deep.RemoveDeposits("stETH", Eth(2)); // 149/151: -1.32 % > 1 %
        Assert.Equal(KelpPriceOutcome.PausedOnDrop, deep.UpdatePrice(1));
        Assert.Equal(E, deep.RsEthPrice);
        Assert.True(deep.Paused);
    }

    [Fact]
    public void Deposit_limits_and_minimum_are_enforced()
    {
        var k = Pool();
        Rejects("InvalidAmountToDeposit", k.Describe, () => k.Deposit("carol", "stETH", W("9999999999999999")));
        Rejects("MaximumDepositLimitReached", k.Describe, () => k.Deposit("carol", "stETH", Eth(901)));
        Rejects("AssetNotSupported", k.Describe, () => k.Deposit("carol", "rETH", Eth(1)));
    }

    [Fact]
    public void Withdrawal_after_the_delay_pays_the_lower_value()
    {
        var k = Pool();
        var w = k.Withdrawals.Initiate("alice", "stETH", Eth(10), 100); // expected 10e18 * 1e18 / 1e18
        Assert.Equal(Eth(10), w.ExpectedAmount);
        k.RemoveDeposits("stETH", Eth(1));
        k.UpdatePrice(1); // price 993_377_483_443_708_609
        Rejects("WithdrawalLocked", k.Describe, () => k.Withdrawals.Complete(0, 100 + 57_599));
        // min(10e18, 10e18 * 993_377_483_443_708_609 / 1e18) = 9_933_774_834_437_086_090
        Assert.Equal(W("9933774834437086090"), k.Withdrawals.Complete(0, 100 + 57_600));
    }
}
