using CsCheck;
using Restake.Picasso;

namespace Restake.Picasso.Tests;

public class VaultTests
{
    private const ulong Sol = 1_000_000_000;
    private static readonly PubKey V1 = SigningKey.FromName("v1").PubKey;
    private static readonly PubKey V2 = SigningKey.FromName("v2").PubKey;

    private static RestakingVault NewVault(StakeWeighting w = StakeWeighting.OneForOne, ulong cap = 1_000_000 * Sol) =>
        new(RestakingVault.DemoTokens, cap, w);

    [Fact]
    public void A_deposit_mints_a_receipt_and_credits_the_chosen_validator()
    {
        var vault = NewVault();
        var r = vault.Deposit("alice", "mSOL", 10 * Sol, V1, nowSec: 100).Value;
        Assert.Equal(1ul, r.Id);
        Assert.Equal(10 * Sol, r.Amount);
        Assert.Equal((UInt128)(10 * Sol), vault.StakeOf(V1));
        Assert.Equal(UInt128.Zero, vault.StakeOf(V2));
        Assert.Equal((UInt128)(10 * Sol), vault.TotalDeposited);
    }

    [Fact]
    public void One_for_one_counts_raw_tokens_price_aware_counts_lamports_and_the_report_shows_the_difference()
    {
        // Hand-worked: 10 mSOL at 1.28 SOL = 12.8 SOL; 4 jitoSOL at 1.25 = 5 SOL; 3 SOL = 3 SOL.
        // One-for-one (upstream): 10 + 4 + 3 = 17 SOL of stake; price-aware: 12.8 + 5 + 3 = 20.8 SOL.
        var vault = NewVault();
        vault.Deposit("alice", "mSOL", 10 * Sol, V1, 0);
        vault.Deposit("bob", "jitoSOL", 4 * Sol, V1, 0);
        vault.Deposit("carol", "SOL", 3 * Sol, V2, 0);
        var rows = vault.WeightingReport().ToDictionary(r => r.Validator);
        Assert.Equal((UInt128)(14 * Sol), rows[V1].OneForOne);
        Assert.Equal((UInt128)17_800_000_000, rows[V1].PriceAware);
        Assert.Equal(3_800_000_000, rows[V1].Difference);
        Assert.Equal(rows[V2].OneForOne, rows[V2].PriceAware);
        Assert.Equal((UInt128)17_800_000_000, vault.StakeOf(V1, StakeWeighting.PriceAware));
    }

    [Fact]
    public void Price_aware_rounds_each_receipt_down_to_the_lamport()
    {
        // 3 base units of mSOL at 1.28: 3.84 lamports -> 3; two such receipts give 6, not 7.
        var vault = NewVault(StakeWeighting.PriceAware);
        vault.Deposit("a", "mSOL", 3, V1, 0);
        vault.Deposit("b", "mSOL", 3, V1, 0);
        Assert.Equal((UInt128)6, vault.StakeOf(V1));
    }

    [Fact]
    public void Bad_deposits_are_refused_by_name_and_change_nothing()
    {
        var vault = NewVault(cap: 5 * Sol);
        Assert.Equal("InvalidTokenMint", vault.Deposit("a", "stETH", Sol, V1, 0).Error!.Name);
        Assert.Equal("ZeroAmount", vault.Deposit("a", "SOL", 0, V1, 0).Error!.Name);
        vault.Deposit("a", "SOL", 4 * Sol, V1, 0);
        Assert.Equal("StakingCapExceeded", vault.Deposit("a", "SOL", Sol + 1, V1, 0).Error!.Name);
        Assert.Single(vault.Receipts);
        Assert.Equal((UInt128)(4 * Sol), vault.TotalDeposited);
        Assert.True(vault.Deposit("a", "SOL", Sol, V1, 0).IsOk); // exactly at the cap is allowed (upstream: > cap fails)
    }

    [Fact]
    public void Withdrawal_waits_out_the_seven_day_unbonding_period()
    {
        Assert.Equal(604_800, RestakingVault.UnbondingPeriodSec);
        var vault = NewVault();
        var r = vault.Deposit("alice", "SOL", 2 * Sol, V1, 0).Value;
        Assert.Equal("NoWithdrawalRequest", vault.Withdraw(r.Id, 10).Error!.Name);
        Assert.Equal("NotReceiptOwner", vault.RequestWithdrawal(r.Id, "mallory", 1000).Error!.Name);
        vault.RequestWithdrawal(r.Id, "alice", 1000);
        Assert.Equal("WithdrawalAlreadyRequested", vault.RequestWithdrawal(r.Id, "alice", 1001).Error!.Name);
        Assert.Equal("CannotWithdrawDuringUnbondingPeriod", vault.Withdraw(r.Id, 1000 + 604_799).Error!.Name);
        Assert.Equal((UInt128)(2 * Sol), vault.StakeOf(V1)); // still at stake while unbonding
        Assert.Equal(2 * Sol, vault.Withdraw(r.Id, 1000 + 604_800).Value);
        Assert.Equal(UInt128.Zero, vault.StakeOf(V1));
        Assert.Equal((UInt128)(2 * Sol), vault.Ledger["SOL"].PaidTo["alice"]);
        Assert.Equal("UnknownReceipt", vault.Withdraw(r.Id, 2_000_000).Error!.Name);
    }

    [Fact]
    public void A_cancelled_request_returns_the_receipt()
    {
        var vault = NewVault();
        var r = vault.Deposit("alice", "SOL", Sol, V1, 0).Value;
        Assert.Equal("NoWithdrawalRequest", vault.CancelWithdrawal(r.Id, "alice").Error!.Name);
        vault.RequestWithdrawal(r.Id, "alice", 5);
        Assert.True(vault.CancelWithdrawal(r.Id, "alice").IsOk);
        Assert.Equal("NoWithdrawalRequest", vault.Withdraw(r.Id, 10_000_000).Error!.Name);
    }

    [Fact]
    public void A_slash_takes_the_rate_of_each_pool_and_shares_it_pro_rata()
    {
        // Hand-worked: SOL receipts 100, 200, 300 at 10 %: 60 taken, 10 / 20 / 30.
        var vault = NewVault();
        vault.Deposit("a", "SOL", 100, V1, 0);
        vault.Deposit("b", "SOL", 200, V1, 0);
        vault.Deposit("c", "SOL", 300, V1, 0);
        vault.Deposit("d", "SOL", 1000, V2, 0);
        var report = vault.SlashAllReceipts(V1, RestakingVault.Wad / 10, "test").Value;
        Assert.Equal(((ulong)600, (ulong)60), report.Tokens["SOL"]);
        Assert.Equal([10ul, 20ul, 30ul], report.Losses.Select(l => l.Lost));
        Assert.Equal((UInt128)600, report.StakeBefore);
        Assert.Equal((UInt128)540, report.StakeAfter);
        Assert.Equal(1000ul, vault.Find(4)!.Amount); // the other validator's depositor is untouched
    }

    [Fact]
    public void Slash_rounding_is_up_for_the_pool_and_largest_remainder_for_depositors()
    {
        // Hand-worked: three receipts of 1 at 50 %: ceil(1.5) = 2 taken; floors 0, remainders equal -> the two oldest lose 1.
        var vault = NewVault();
        vault.Deposit("a", "SOL", 1, V1, 0);
        vault.Deposit("b", "SOL", 1, V1, 0);
        vault.Deposit("c", "SOL", 1, V1, 0);
        var report = vault.SlashAllReceipts(V1, RestakingVault.Wad / 2, "test").Value;
        Assert.Equal([1ul, 1ul, 0ul], report.Losses.Select(l => l.Lost));
        // 7 and 3 at 1/3: ceil(10/3) = 4; 7*4/10 = 2.8, 3*4/10 = 1.2 -> 2 + 1 = 3, the remainder 1 goes to the larger fraction (7's).
        var v2 = NewVault();
        v2.Deposit("a", "SOL", 7, V1, 0);
        v2.Deposit("b", "SOL", 3, V1, 0);
        Assert.Equal([3ul, 1ul], v2.SlashAllReceipts(V1, 333_333_333_333_333_334, "t").Value.Losses.Select(l => l.Lost));
    }

    [Fact]
    public void Bad_slash_rates_are_refused()
    {
        var vault = NewVault();
        vault.Deposit("a", "SOL", 100, V1, 0);
        Assert.Equal("BadSlashRate", vault.SlashAllReceipts(V1, 0, "t").Error!.Name);
        Assert.Equal("BadSlashRate", vault.SlashAllReceipts(V1, RestakingVault.Wad + 1, "t").Error!.Name);
        Assert.Equal(100ul, vault.Find(1)!.Amount);
    }

    [Fact]
    public void Conservation_deposits_minus_slashed_equals_what_depositors_can_withdraw_to_the_lamport()
    {
        string[] tokens = ["SOL", "mSOL", "jitoSOL", "bSOL"];
        string[] owners = ["a", "b", "c", "d"];
        PubKey[] validators = [V1, V2];
        var op = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 1], Gen.ULong[1, 1_000_000_000_000], Gen.ULong[1, RestakingVault.Wad]);
        op.Array[1, 40].Sample(ops =>
        {
            var vault = NewVault(StakeWeighting.PriceAware, cap: ulong.MaxValue);
            long now = 0;
            foreach (var (kind, who, v, amount, wad) in ops)
            {
                now += 100_000;
                switch (kind)
                {
                    case 0:
                        vault.Deposit(owners[who], tokens[(int)(amount % 4)], amount, validators[v], now);
                        break;
                    case 1:
                        vault.SlashAllReceipts(validators[v], wad, "prop");
                        break;
                    case 2:
                        if (vault.Receipts.FirstOrDefault(r => r.WithdrawalRequestSec is null) is { } req)
                        {
                            vault.RequestWithdrawal(req.Id, req.Owner, now);
                        }
                        break;
                    default:
                        if (vault.Receipts.FirstOrDefault(r => r.WithdrawalRequestSec is { } t && now >= t + RestakingVault.UnbondingPeriodSec) is { } w)
                        {
                            vault.Withdraw(w.Id, now);
                        }
                        break;
                }
            }
            foreach (var t in tokens)
            {
                var l = vault.Ledger[t];
                var held = vault.Receipts.Where(r => r.Token == t).Aggregate(UInt128.Zero, (s, r) => s + r.Amount);
                Assert.Equal(l.Deposited - l.Slashed - l.Withdrawn, held);
            }
            Assert.All(vault.Receipts, r => Assert.True(r.Amount <= r.Deposited));
            Assert.Equal(vault.TotalDeposited, vault.Receipts.Aggregate(UInt128.Zero, (s, r) => s + r.Amount));
            // Everyone leaves: what depositors are paid is exactly what they deposited minus what was slashed.
            foreach (var r in vault.Receipts.Where(r => r.WithdrawalRequestSec is null).ToList())
            {
                vault.RequestWithdrawal(r.Id, r.Owner, now);
            }
            foreach (var r in vault.Receipts.ToList())
            {
                Assert.True(vault.Withdraw(r.Id, now + RestakingVault.UnbondingPeriodSec).IsOk);
            }
            foreach (var t in tokens)
            {
                var l = vault.Ledger[t];
                Assert.Equal(l.Deposited - l.Slashed, l.PaidTo.Values.Aggregate(UInt128.Zero, (s, x) => s + x));
            }
            Assert.Equal(UInt128.Zero, vault.TotalDeposited);
        }, iter: 300);
    }

    [Fact]
    public void A_slash_takes_exactly_the_rounded_up_share_and_each_loss_is_within_a_lamport_of_pro_rata()
    {
        Gen.Select(Gen.ULong[1, 1_000_000_000_000].Array[1, 12], Gen.ULong[1, RestakingVault.Wad]).Sample((amounts, wad) =>
        {
            var vault = NewVault();
            foreach (var a in amounts)
            {
                vault.Deposit("x", "SOL", a, V1, 0);
            }
            var report = vault.SlashAllReceipts(V1, wad, "prop").Value;
            var pool = amounts.Aggregate(System.Numerics.BigInteger.Zero, (s, a) => s + a);
            var take = (pool * wad + RestakingVault.Wad - 1) / RestakingVault.Wad;
            Assert.Equal(take, report.Losses.Aggregate(System.Numerics.BigInteger.Zero, (s, l) => s + l.Lost));
            foreach (var l in report.Losses)
            {
                var exact = take * l.Before;
                Assert.True(l.Lost <= l.Before);
                Assert.True(l.Lost * pool >= exact - pool && l.Lost * pool <= exact + pool, "within one lamport of pro rata");
            }
        }, iter: 300);
    }

    [Fact]
    public void A_new_exchange_rate_moves_price_aware_stake_on_the_chain_and_leaves_one_for_one_alone()
    {
        // Hand-worked: 10 mSOL at 1.28 = 12.8 SOL; at 1.10 it is 11 SOL. The chain's candidate stake follows.
        var n = new PicassoNetwork(new NetworkOptions { Weighting = StakeWeighting.PriceAware });
        n.AddValidator("v1");
        n.AddValidator("v2");
        n.Deposit("a", "mSOL", 10 * Sol, "v1");
        n.Deposit("b", "SOL", 10 * Sol, "v2");
        n.Launch();
        var v1 = n.KeyOf("v1").Value;
        Assert.Equal((UInt128)12_800_000_000, n.Chain!.Candidates.StakeOf(v1));
        Assert.Equal("BadExchangeRate", n.Vault.SetExchangeRate("mSOL", 0).Error!.Name);
        Assert.Equal("InvalidTokenMint", n.Vault.SetExchangeRate("stETH", 1).Error!.Name);
        Assert.True(n.Vault.SetExchangeRate("mSOL", 1_100_000_000).IsOk);
        Assert.Equal((UInt128)11_000_000_000, n.Chain.Candidates.StakeOf(v1));
        Assert.Equal((UInt128)(10 * Sol), n.Chain.Candidates.StakeOf(n.KeyOf("v2").Value));
        Assert.Equal((UInt128)(10 * Sol), n.Vault.StakeOf(v1, StakeWeighting.OneForOne));
        Assert.True(n.Chain.Candidates.Changed);
    }
}
