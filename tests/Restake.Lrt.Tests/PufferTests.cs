using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests;

public class PufferTests
{
    [Fact]
    public void Deposit_rewards_and_withdraw_follow_erc4626_with_the_virtual_share()
    {
        var v = new PufferVault();
        Assert.Equal(Eth(100), v.Deposit("alice", Eth(100)));          // 100e18 * (0+1) / (0+1)
        v.AccrueRewards(Eth(1));                                        // TA 101e18
        Assert.Equal(W("1009999999999999999"), v.Rate);                 // floor(1e18 * (101e18+1) / (100e18+1))
        Assert.Equal(Eth(10), v.Deposit("bob", Eth(10, 1, 10)));        // floor(10.1e18 * (100e18+1) / (101e18+1))
        // withdraw 9.9e18 at 100 bps: assetsWithFee = 9.9e18 * 1e4 / 9900 = 10e18;
        // shares = ceil(10e18 * (110e18+1) / (111.1e18+1)) = 9_900_990_099_009_900_991.
        Assert.Equal(W("9900990099009900991"), v.Withdraw("alice", Eth(9, 9, 10)));
        Assert.Equal(Eth(100, 2, 10), v.LiquidEth); // 110.1e18 - 9.9e18: the 0.1e18 fee stays
    }

    [Fact]
    public void Exit_fee_above_250_bps_is_rejected()
    {
        var v = new PufferVault();
        Rejects("InvalidExitFeeBasisPoints", v.Describe, () => v.SetExitFeeBps(251));
        Rejects("InvalidExitFeeBasisPoints", v.Describe, () => v.SetTreasuryExitFeeBps(251));
        v.SetExitFeeBps(250);
    }

    [Fact]
    public void Bond_absorbs_a_small_loss_and_a_slash_beyond_it_is_socialised()
    {
        var v = new PufferVault();
        var bonds = new PufferBonds(v);
        v.Deposit("alice", Eth(64));
        bonds.Provision("op", Eth(2)); // 2e18 bond shares; liquid 34e18, locked 32e18
        var rate = v.Rate;
        // Returns 31 ETH: burn ceil(1e18 * (66e18+1) / (66e18+1)) = 1e18 of the bond; 1e18 goes back to op.
        var (burned, returned) = bonds.Exit(0, Eth(31), wasSlashed: false);
        Assert.Equal(Eth(1), burned);
        Assert.Equal(Eth(1), returned);
        Assert.Equal(rate, v.Rate); // depositors untouched

        bonds.Provision("op2", Eth(1));
        // Slashed, returns 29 ETH: whole 1e18 bond burned; 3 ETH lost, 2 ETH reach the vault.
        var before = v.Rate;
        bonds.Exit(1, Eth(29), wasSlashed: true);
        Assert.True(v.Rate < before);
    }

    [Fact]
    public void Queued_withdrawal_pays_the_lower_of_request_and_batch_rate()
    {
        var v = new PufferVault();
        var bonds = new PufferBonds(v);
        var wm = new PufferWithdrawalManager(v, batchSize: 2);
        v.Deposit("alice", Eth(100));
        v.Deposit("bob", Eth(100));
        bonds.Provision("op", Eth(0, 1, 1_000_000));
        Rejects("WithdrawalAmountTooLow", () => v.Describe() + wm.Describe(), () => wm.Request("alice", W("9999999999999999")));
        wm.Request("alice", Eth(10)); // rate 1e18: expects 10e18
        Rejects("BatchesAreNotFull", () => v.Describe() + wm.Describe(), () => wm.Finalize(0));
        wm.Request("bob", Eth(10));
        v.AbsorbLoss(Eth(20)); // TA ~180e18 over ~200e18 shares: rate ~0.9e18
        var batchRate = v.Rate;
        wm.Finalize(0);
        Assert.Equal(Restake.Primitives.Wad.MulDown(Eth(10), batchRate), wm.Complete(0));
        Rejects("WithdrawalAlreadyCompleted", wm.Describe, () => wm.Complete(0));
    }
}
