using CsCheck;
using Restake.Primitives;
using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests;

/// <summary>Conservation laws over random amounts: slashes never raise a rate, round trips never profit, holders never exceed the pool.</summary>
public class PropertyTests
{
    private static readonly Gen<ulong> Milli = Gen.ULong[1_000, 10_000_000]; // 0.001 .. 10,000 ETH in milli-ether
    private static UInt256 M(ulong milli) => E * milli / 1_000UL;

    [Fact]
    public void EEth_slash_never_raises_the_rate_and_a_round_trip_never_profits() =>
        Gen.Select(Milli, Milli, Gen.ULong[0, 3]).Sample((a, b, lossBps) =>
        {
            var pool = new EtherFiPool(new EtherFiParams(ExitFeeBps: 0, LowWatermarkBpsOfTvl: 0, BucketCapacityUnits: ulong.MaxValue / 2));
            pool.Deposit("alice", M(a));
            pool.ApplyReport(Accrual.Reward(Bps.Down(pool.Tvl, 25)), default);
            var rate = pool.Rate;
            pool.ApplyReport(Accrual.Loss(Bps.Down(pool.Tvl, lossBps)), default);
            Assert.True(pool.Rate <= rate);
            var shares = pool.Deposit("bob", M(b));
            var value = pool.AmountForShare(shares);
            Assert.True(value <= M(b));
            Assert.True(pool.AmountForShare(pool.Shares.BalanceOf("alice")) + value <= pool.Tvl);
        });

    [Fact]
    public void PufEth_round_trip_never_profits_and_holders_never_exceed_assets() =>
        Gen.Select(Milli, Milli, Gen.ULong[0, 250]).Sample((a, b, fee) =>
        {
            var v = new PufferVault();
            v.SetExitFeeBps(fee);
            v.Deposit("alice", M(a));
            v.AccrueRewards(M(a) / 100UL);
            var shares = v.Deposit("bob", M(b));
            Assert.True(v.Redeem("bob", shares) <= M(b));
            var all = v.ConvertToAssets(v.Shares.BalanceOf("alice"));
            Assert.True(all <= v.TotalAssets);
        });

    [Fact]
    public void RsEth_price_never_rises_on_a_slash() =>
        Gen.Select(Milli, Gen.ULong[1, 900]).Sample((a, cutPermille) =>
        {
            var k = new KelpPool(pricePercentageLimit: UInt256.Zero);
            k.AddAsset("stETH", E, UInt256.MaxValue / 4UL, UInt256.One);
            k.Deposit("alice", "stETH", M(a));
            var before = k.RsEthPrice;
            k.RemoveDeposits("stETH", k.Assets["stETH"].Deposits * cutPermille / 1_000UL);
            k.UpdatePrice(1);
            Assert.True(k.RsEthPrice <= before);
            Assert.True(Wad.MulDown(k.RsEth.TotalSupply, k.RsEthPrice) <= k.TotalEth);
        });

    [Fact]
    public void EzEth_deposit_then_withdraw_never_profits() =>
        Gen.Select(Milli, Milli).Sample((a, b) =>
        {
            var r = new RenzoPool { CoolDownSeconds = 0 };
            r.AddToken("stETH", E, 0);
            r.Deposit("alice", "stETH", M(a), 0);
            r.AddBalance("stETH", M(a) / 50UL);
            var minted = r.Deposit("bob", "stETH", M(b), 0);
            r.RequestWithdraw("bob", minted, "stETH", 0);
            Assert.True(r.Claim(0, 0) <= M(b));
        });
}
