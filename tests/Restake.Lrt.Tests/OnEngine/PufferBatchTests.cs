using CsCheck;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>pufETH's withdrawal manager on the engine: full batches finalized at the rate then, claims at the lower rate; ERC-4626 redeem's fees.</summary>
public class PufferBatchTests
{
    private static readonly UInt256 Eth = Wad.Unit;

    private static Net Puffer(int batch, LrtRules? rules = null, params string[] ops)
    {
        var net = new Net(ops);
        net.Do(Net.Create("pufETH", LrtPreset.Puffer, "WETH", default, ops) with { Rules = (rules ?? new LrtRules()) with { BatchSize = batch } });
        return net;
    }

    [Fact]
    public void batches_finalize_when_full_and_claims_pay_the_lower_rate()
    {
        var net = Puffer(2, null, "a");
        var s = net.Engine.State;
        var v = net.Vault("pufETH");
        net.Do(new LrtDeposit("pufETH", "u", "WETH", Eth * 50UL, MintShortfall: true), new LrtRequestWithdrawal("pufETH", "u", Eth * 5UL, "w1"));
        net.Refused("BatchesAreNotFull", new LrtFinalizeWithdrawals("pufETH", 1));
        net.Refused("BatchAlreadyFinalized", new LrtFinalizeWithdrawals("pufETH", 0)); // upstream's empty first batch
        net.Refused("NotFinalized", new LrtClaimWithdrawal("w1"));
        net.Must(new Donate("WETH", Eth * 5UL)); // the rate rises after w1 asked: w1 keeps its own, lower rate
        net.Do(new LrtRequestWithdrawal("pufETH", "u", Eth * 5UL, "w2"));
        net.Refused("WithdrawalDelayNotElapsed", new LrtFinalizeWithdrawals("pufETH", 1));
        net.Must(new Roll(51));
        var rate = v.Rate(s);
        net.Do(new LrtFinalizeWithdrawals("pufETH", 1));
        var batch = v.Batches[1];
        Assert.Equal(UInt256.Min(batch.ToTransfer, Wad.MulDown(batch.ToBurn, batch.Rate!.Value)), batch.Transferred);
        Assert.True(batch.Rate >= v.PufferRequest("w1")!.Value.Rate);
        Assert.Equal(Eth * 40UL, v.Token.TotalSupply); // the batch's 10 pufETH burned
        net.Refused("BatchAlreadyFinalized", new LrtFinalizeWithdrawals("pufETH", 1));
        net.Do(new LrtClaimWithdrawal("w1"));
        Assert.Equal(Wad.MulDown(Eth * 5UL, v.PufferRequest("w1")!.Value.Rate), s.BalanceOf("u", "WETH"));
        net.Do(new LrtClaimWithdrawal("w2"));
        Assert.Equal(UInt256.Zero, s.BalanceOf(v.EscrowHolder, "WETH")); // the last claim returned the dust to the vault
        Assert.True(rate <= v.Rate(s)); // what w1 was not paid stayed with the holders
    }

    [Fact]
    public void refusals_are_named_and_change_nothing()
    {
        var net = Puffer(1, new LrtRules(MaxWithdrawal: Eth * 10UL), "a", "b");
        net.Do(new LrtDeposit("pufETH", "u", "WETH", Eth * 20UL, MintShortfall: true), new LrtDeposit("pufETH", "u", "WETH", Eth * 20UL, MintShortfall: true));
        Assert.Equal(Eth * 20UL, net.Vault("pufETH").NodeValue(net.Engine.State, net.Vault("pufETH").Nodes[1]));
        net.Refused("WithdrawalAmountTooHigh", new LrtRequestWithdrawal("pufETH", "u", Eth * 10UL + UInt256.One, "x"));
        net.Refused("InvalidBatchSize", Net.Create("pufX", LrtPreset.Puffer, "WETH", default, "a") with { Rules = new LrtRules(BatchSize: 0) });
        net.Refused("InvalidExitFeeBasisPoints", Net.Create("pufX", LrtPreset.Puffer, "WETH", default, "a") with { Rules = new LrtRules(TreasuryFeeBps: 251) });
        net.Do(Net.Create("ezETH", LrtPreset.Renzo, "stETH", default, "a"));
        net.Refused("BatchWithdrawalsUnsupported", new LrtFinalizeWithdrawals("ezETH", 1));

        // The request unstakes from a's node delegator; a loses half, b nothing: the queue returns less than the batch
        // pays at the vault's rate, so finalizing would need ETH the vault does not have liquid (upstream's transferETH reverts).
        net.Do(new LrtRequestWithdrawal("pufETH", "u", Eth * 10UL, "w"));
        net.Must(new Slash("avs", 0, "a", [new SlashStrategy("WETH", Eth / 2UL)]), new Roll(51));
        net.Refused("ETHTransferFailed", new LrtFinalizeWithdrawals("pufETH", 1));
    }

    [Fact]
    public void redeem_charges_the_exit_fee_to_the_pool_and_pays_the_treasury_fee_out()
    {
        var net = Puffer(10, new LrtRules(ExitFeeBps: 100, TreasuryFeeBps: 50, BufferBps: 5_000), "a");
        var s = net.Engine.State;
        var v = net.Vault("pufETH");
        net.Do(new LrtDeposit("pufETH", "u", "WETH", Eth * 20UL, MintShortfall: true)); // 10 idle, 10 restaked
        net.Refused("ERC4626ExceededMaxRedeem", new LrtInstantRedeem("pufETH", "u", Eth * 11UL));
        net.Do(new LrtInstantRedeem("pufETH", "u", Eth * 10UL));
        // gross ⌊10·(20 + 1 wei)/(20 + 1 wei)⌋ = 10; exit ⌈1 %⌉ = 0.1 stays; treasury ⌈0.5 %⌉ = 0.05 leaves; the holder gets 9.85
        Assert.Equal(Eth * 985UL / 100UL, s.BalanceOf("u", "WETH"));
        Assert.Equal(Eth * 5UL / 100UL, s.BalanceOf(LrtVault.PufferTreasury, "WETH"));
        Assert.Equal(Eth * 5UL / 100UL, v.TreasuryFeesPaid);
        Assert.Equal(Eth * 101UL / 10UL, v.Nav(s));
        Assert.Equal(Eth * 10UL, v.Token.TotalSupply);
    }

    [Fact]
    public void random_batches_pay_what_finalization_moved_and_never_more_than_the_vault_held() =>
        Gen.Select(Gen.ULong[1, 100].Array[6], Gen.ULong[0, 5], Gen.Int[1, 3]).Sample((amounts, slashTenths, size) =>
        {
            var net = Puffer(size, null, "a", "b");
            var s = net.Engine.State;
            var v = net.Vault("pufETH");
            net.Do(new LrtDeposit("pufETH", "u", "WETH", Eth * 1_000UL, MintShortfall: true));
            var before = v.Token.BalanceOf("u");
            for (var i = 0; i < amounts.Length; i++)
            {
                net.Do(new LrtRequestWithdrawal("pufETH", "u", Eth * amounts[i] / 10UL, $"w{i}"));
            }
            if (slashTenths > 0)
            {
                net.Slash("a", slashTenths);
                net.Slash("b", slashTenths); // an even loss: the queue returns what the batches pay
            }
            net.Must(new Roll(51));
            var full = (amounts.Length + size) / size - 1;
            var nav = v.Nav(s);
            net.Do(new LrtFinalizeWithdrawals("pufETH", full));
            var moved = UInt256.Zero;
            for (var b = 1; b <= full; b++)
            {
                var batch = v.Batches[b];
                Assert.Equal(UInt256.Min(batch.ToTransfer, Wad.MulDown(batch.ToBurn, batch.Rate!.Value)), batch.Transferred);
                moved += batch.Transferred;
            }
            Assert.True(moved <= nav);
            var paid = UInt256.Zero;
            foreach (var (id, w) in v.Withdrawals.Where(kv => v.PufferRequest(kv.Key)!.Value.Index / size <= full))
            {
                net.Do(new LrtClaimWithdrawal(id));
                paid += w.Paid;
                Assert.True(w.Paid <= w.ValueAtRequest);
            }
            Assert.True(paid <= moved);
        }, iter: 25);
}
