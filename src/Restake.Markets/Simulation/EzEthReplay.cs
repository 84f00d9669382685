using Restake.Markets.Morpho;
using Restake.Primitives;

namespace Restake.Markets.Simulation;

/// <summary>
/// The ezETH depeg of 24 April 2024 (reference/risk-lrt.md §3.3), replayed minute by minute from 02:00 to 14:00 UTC.
/// Set from the reference: Morpho's ezETH/WETH market at 0.86 LLTV with about 7.6k WETH supplied and a market-price
/// oracle, loops of 5× and more, a Balancer ezETH/WETH pool holding 4k WETH, withdrawals shut (so no redeeming
/// arbitrage: only patient buyers below the peg), panic selling after the REZ airdrop from 02:20. Assumed where the
/// reference is silent (and said so in the report): the pool's amplification (50) and LRT side (4k), the loops'
/// health factors and sizes, the selling schedule, the lower-LLTV market beside it, gas, and the buyers' pace.
/// </summary>
public static class EzEthReplay
{
    /// <summary>2024-04-24T02:00:00Z.</summary>
    public const long Start = 1_713_924_000;
    public const long End = Start + 12 * 3_600;
    public static readonly UInt256 HighLltv = 860_000_000_000_000_000UL;
    public static readonly UInt256 LowLltv = 770_000_000_000_000_000UL;

    /// <summary>The published figures the run is compared with.</summary>
    public static readonly IReadOnlyList<(string What, string Reference)> ReferenceFigures =
    [
        ("oracle below 1.0", "02:25"),
        ("first liquidation (0.86 market)", "02:29:47"),
        ("liquidations done by 02:52:35", "145 of 146"),
        ("last liquidation", "13:00:47"),
        ("bad debt (0.86 market)", "10.96 WETH"),
        ("WETH in the Balancer pool", "4k → about 500"),
    ];

    /// <summary>The assumed parameters, in one place so a sweep or a user can vary them.</summary>
    public sealed record Settings(
        int Seed = 2024,
        ulong PanicEzEth = 2_600,
        ulong PoolWeth = 4_000,
        ulong Amplification = 50,
        int HighLoops = 146,
        ulong HighHfMinMilli = 1_005,
        ulong HighHfMaxMilli = 1_150,
        ulong HighSizeMin = 8,
        ulong HighSizeMax = 50,
        int LowLoops = 40,
        ulong LowHfMinMilli = 1_300,
        ulong LowHfMaxMilli = 1_800,
        ulong BuyerWethPerMinute = 12,
        long BuyerFromMinute = 60,
        int Whales = 6,
        ulong WhaleSizeMin = 150,
        ulong WhaleSizeMax = 320,
        ulong LiquidatorInventory = 4_500,
        int DumperPerMinute = 1,
        bool WithdrawalsOpen = false,
        ulong HoldValueMilli = 970,
        ulong SellFloorMilli = 900);

    public static DepegWorld Build(Settings? settings = null)
    {
        var k = settings ?? new Settings();
        var (seed, panicEzEth, poolWeth) = (k.Seed, k.PanicEzEth, k.PoolWeth);
        var pool = new StableSwapPool(DepegWorld.Lrt, DepegWorld.Weth, Eth(poolWeth), Eth(poolWeth), amplification: k.Amplification, fee: 4_000_000);
        var oracle = new PriceFeed("ezETH/ETH market feed", Wad.Unit, deviationBps: 50, heartbeatSeconds: 86_400, lagSeconds: 60, startTime: Start);
        var high = new LoopMarket("ezETH/WETH 86%", new MorphoMarket(DepegWorld.Weth, DepegWorld.Lrt, HighLltv, DepegWorld.MorphoPrice(Wad.Unit), new KinkRate(900_000_000_000_000_000UL, UInt256.Zero, 40_000_000_000_000_000UL, 1_000_000_000_000_000_000UL), Start));
        var low = new LoopMarket("ezETH/WETH 77%", new MorphoMarket(DepegWorld.Weth, DepegWorld.Lrt, LowLltv, DepegWorld.MorphoPrice(Wad.Unit), new KinkRate(900_000_000_000_000_000UL, UInt256.Zero, 40_000_000_000_000_000UL, 1_000_000_000_000_000_000UL), Start));
        high.Market.Supply("lrt-core-vault", Eth(4_940), Start); // 65 % of about 7.6k
        high.Market.Supply("other-lenders", Eth(2_660), Start);
        low.Market.Supply("lenders", Eth(3_000), Start);

        var world = new DepegWorld(pool, oracle, [high, low], Start, seed);
        var rng = world.Random;
        // 146 loops on the 0.86 market (the reference's count of liquidations), mostly 5× and more: HF 1.005–1.20.
        for (var i = 0; i < k.HighLoops; i++)
        {
            var hf = Milli(k.HighHfMinMilli) + (ulong)rng.NextInt64(0, (long)(k.HighHfMaxMilli - k.HighHfMinMilli) * 1_000) * 1_000_000_000_000UL;
            var size = (ulong)rng.NextInt64((long)k.HighSizeMin, (long)k.HighSizeMax);
            new Loop($"looper{i:D3}", Eth(size), hf).Open(high, Start);
        }
        // A few large loops: liquidating them takes more than one pool trade can absorb.
        for (var i = 0; i < k.Whales; i++)
        {
            var hf = Milli(1_010) + (ulong)rng.NextInt64(0, 50_000) * 1_000_000_000_000UL;
            new Loop($"whale{i}", Eth((ulong)rng.NextInt64((long)k.WhaleSizeMin, (long)k.WhaleSizeMax)), hf).Open(high, Start);
        }
        // A more careful market beside it: 40 loops at 0.77 LLTV, HF 1.10–1.60.
        for (var i = 0; i < k.LowLoops; i++)
        {
            var hf = Milli(k.LowHfMinMilli) + (ulong)rng.NextInt64(0, (long)(k.LowHfMaxMilli - k.LowHfMinMilli) * 1_000) * 1_000_000_000_000UL;
            new Loop($"careful{i:D2}", Eth((ulong)rng.NextInt64(10, 60)), hf).Open(low, Start);
        }

        world.With(new PanicSeller(PanicSchedule(panicEzEth, rng)))
             .With(new DipBuyer(990_000_000_000_000_000UL, Eth(k.BuyerWethPerMinute), Start + k.BuyerFromMinute * 60))
             .With(new Liquidator(10_000_000_000_000_000UL, Milli(k.HoldValueMilli), Milli(k.SellFloorMilli), Eth(k.LiquidatorInventory)))
             .With(new Liquidator(10_000_000_000_000_000UL, UInt256.Zero, UInt256.Zero, UInt256.Zero, k.DumperPerMinute));
        if (k.WithdrawalsOpen)
        {
            // Redeeming at 1 after a 7-day queue, for 1 % all in: capital that comes only when withdrawals work.
            world.With(new RedemptionArbitrageur(Wad.Unit, 100, Eth(20_000), Eth(400), 7 * 24 * 60));
        }
        return world;
    }

    /// <summary>Front-loaded selling from 02:20 for 40 minutes: each minute a share that halves every ten minutes, with noise.</summary>
    private static Dictionary<long, UInt256> PanicSchedule(ulong totalEzEth, Random rng)
    {
        var weights = Enumerable.Range(0, 40).Select(m => Math.Pow(0.5, m / 10.0) * (0.75 + 0.5 * rng.NextDouble())).ToArray();
        var sum = weights.Sum();
        var schedule = new Dictionary<long, UInt256>();
        for (var m = 0; m < weights.Length; m++)
        {
            var milli = (ulong)Math.Round(totalEzEth * 1_000 * weights[m] / sum);
            schedule[Start + (20 + m) * 60] = (UInt256)milli * 1_000_000_000_000_000UL;
        }
        return schedule;
    }

    private static UInt256 Eth(ulong whole) => (UInt256)whole * Wad.Unit;

    private static UInt256 Milli(ulong milli) => (UInt256)milli * 1_000_000_000_000_000UL;
}
