using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests;

public class EtherFiTests
{
    private static EtherFiPool Pool(EtherFiParams? p = null)
    {
        var pool = new EtherFiPool(p);
        // First deposit is 1:1: 100e18 shares. Second: 50e18 * 100e18 / 100e18 = 50e18 shares.
        Assert.Equal(Eth(100), pool.Deposit("alice", Eth(100)));
        Assert.Equal(Eth(50), pool.Deposit("bob", Eth(50)));
        return pool;
    }

    [Fact]
    public void Rewards_and_protocol_fee_raise_the_rate_and_mint_fee_shares()
    {
        var pool = Pool();
        // TVL 150e18. Rewards 0.3e18 <= cap 150e18*25/1e4 = 0.375e18; fees 0.05e18*5 = 0.25e18 <= 0.35e18.
        // Out of LP: 0 + 0.3e18 = 0.3e18; TVL 150.3e18.
        // Fee shares = floor(0.05e18 * 150e18 / 150.3e18) = 49_900_199_600_798_403; then TVL 150.35e18.
        var fee = pool.ApplyReport(Accrual.Reward(Eth(0, 3, 10)), Eth(0, 5, 100));
        Assert.Equal(W("49900199600798403"), fee);
        Assert.Equal(fee, pool.Shares.BalanceOf(EtherFiPool.FeeRecipient));
        Assert.Equal(Eth(150, 35, 100), pool.Tvl);
        // Rate = floor(1e18 * 150.35e18 / 150_049_900_199_600_798_403) = 1.002e18.
        Assert.Equal(W("1002000000000000000"), pool.Rate);
    }

    [Fact]
    public void Positive_rebase_above_25_bps_is_rejected_at_the_boundary_plus_one()
    {
        var pool = Pool();
        // Cap = floor(150e18 * 25 / 1e4) = 375e15.
        Rejects("RebaseExceedsPositiveCap", pool.Describe, () => pool.ApplyReport(Accrual.Reward(W("375000000000000001")), default));
        pool.ApplyReport(Accrual.Reward(W("375000000000000000")), default);
        Assert.Equal(W("150375000000000000000"), pool.Tvl);
    }

    [Fact]
    public void Negative_rebase_above_3_bps_is_rejected_and_a_smaller_slash_lowers_the_rate()
    {
        var pool = Pool();
        // Cap: drop * 1e4 > 150e18 * 3 fails, i.e. drop > 45e15.
        Rejects("ReportValidationFailed", pool.Describe, () => pool.ApplyReport(Accrual.Loss(W("45000000000000001")), default));
        // The pool has nothing out of the LP yet; put 100 ETH in validators through a fee-free move.
        var slashable = Pool();
        slashable.ApplyReport(Accrual.Reward(W("45000000000000000")), default); // out = 0.045e18, TVL 150.045e18
        var before = slashable.Rate;
        slashable.ApplyReport(Accrual.Loss(W("45000000000000000")), default);   // 0.045e18*1e4 = 4.5e20 <= 150.045e18*3
        Assert.True(slashable.Rate < before);
        Assert.Equal(E, slashable.Rate); // back to 150e18 / 150e18
    }

    [Fact]
    public void Protocol_fees_above_a_fifth_of_rewards_are_rejected()
    {
        var pool = Pool();
        // fees 0.1e18: 0.5e18 > 0.1e18 + 0.3e18.
        Rejects("ReportValidationFailed", pool.Describe, () => pool.ApplyReport(Accrual.Reward(Eth(0, 3, 10)), Eth(0, 1, 10)));
    }

    [Fact]
    public void Queued_withdrawal_pays_the_lower_of_amount_and_shares_at_the_frozen_rate()
    {
        var pool = Pool();
        pool.ApplyReport(Accrual.Reward(W("45000000000000000")), default); // TVL 150.045e18, out 0.045e18
        // Request 10e18: shares = floor(10e18 * 150e18 / 150.045e18) = 9_997_000_899_730_080_975.
        var r = pool.Queue.Request("alice", Eth(10));
        Assert.Equal(W("9997000899730080975"), r.ShareOfEEth);
        pool.ApplyReport(Accrual.Loss(W("45000000000000000")), default); // TVL 150e18, rate 1e18
        pool.Queue.Finalize(1);
        // Payout = min(10e18, 9_997_000_899_730_080_975 * 1e18 / 1e18) = the shares' value: the queue bore the slash.
        Assert.Equal(W("9997000899730080975"), pool.Queue.ClaimableAmount(1));
        // Rewards after finalisation do not change the frozen payout.
        pool.ApplyReport(Accrual.Reward(W("30000000000000000")), default);
        Assert.Equal(W("9997000899730080975"), pool.Queue.Claim(1));
        Rejects("RequestNotValid", pool.Describe, () => pool.Queue.Claim(1));
    }

    [Fact]
    public void Queued_withdrawal_caps_at_the_amount_when_the_rate_rose()
    {
        var pool = Pool();
        var r = pool.Queue.Request("alice", Eth(10)); // 10e18 shares at rate 1
        Rejects("RequestNotFinalized", pool.Describe, () => pool.Queue.Claim(r.Id));
        pool.ApplyReport(Accrual.Reward(W("300000000000000000")), default); // rate 1.002e18
        pool.Queue.Finalize(1);
        Assert.Equal(Eth(10), pool.Queue.ClaimableAmount(1)); // min(10e18, 10.02e18)
    }

    [Fact]
    public void Instant_redemption_charges_the_exit_fee_and_splits_it()
    {
        var pool = Pool();
        // shares = 10e18; receiver gets amountForShare(10e18 * 9970 / 1e4) = 9.97e18; burn ceil(9.97e18) = 9.97e18;
        // fee shares 0.03e18, treasury 10 % = 0.003e18, stakers 0.027e18 burned.
        var q = pool.RedeemEEth("alice", Eth(10), 0);
        Assert.Equal(Eth(9, 97, 100), q.AmountToReceiver);
        Assert.Equal(Eth(0, 3, 1000), q.FeeSharesToTreasury);
        Assert.Equal(Eth(0, 27, 1000), q.FeeSharesToStakers);
        Assert.Equal(Eth(140, 3, 100), pool.TotalValueInLp);
        Assert.Equal(Eth(140, 3, 1000), pool.Shares.TotalSupply);
        Assert.True(pool.BalanceOf("bob") > Eth(50)); // the stakers' share of the fee stays in the pool
    }

    [Fact]
    public void Instant_redemption_respects_the_low_watermark_and_the_bucket()
    {
        var floor = Pool(new EtherFiParams(LowWatermarkBpsOfTvl: 9_000));
        // Watermark = 150e18 * 9000 / 1e4 = 135e18; 15e18 available.
        Rejects("ExceededRedeemable", floor.Describe, () => floor.RedeemEEth("alice", Eth(16), 0));

        var limited = Pool(new EtherFiParams(BucketCapacityUnits: 5_000_000, BucketRefillUnitsPerSecond: 1_000_000));
        limited.RedeemEEth("alice", Eth(5), 0); // 5e18 / 1e12 = 5e6 units: the whole bucket
        Rejects("ExceededRedeemable", limited.Describe, () => limited.RedeemEEth("alice", Eth(1), 0));
        limited.RedeemEEth("alice", Eth(1), 1); // one second refills 1e6 units = 1 ETH
    }
}
