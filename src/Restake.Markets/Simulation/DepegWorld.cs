using Restake.Markets.Morpho;
using Restake.Primitives;

namespace Restake.Markets.Simulation;

/// <summary>One lending market in a depeg run: its name, the market, and the loops opened on it.</summary>
public sealed record LoopMarket(string Name, MorphoMarket Market);

/// <summary>What happened in one minute of a run (integers are wei; the report turns them into decimals).</summary>
public sealed record Minute(long Time, UInt256 PoolPrice, UInt256 OraclePrice, UInt256 PoolWeth, int Liquidations, UInt256 LiquidatedDebt, UInt256 BadDebt, UInt256 Underwater);

/// <summary>One liquidation, as a liquidator executed it.</summary>
public sealed record LiquidationEvent(long Time, string Market, string Borrower, UInt256 Repaid, UInt256 Seized, UInt256 Proceeds, UInt256 BadDebt);

/// <summary>
/// A minute-by-minute world for an LRT depeg: a stable pool where the LRT trades against WETH, a market-price oracle
/// reading the pool, Morpho-style markets with looped positions, and agents acting each minute in a fixed order
/// (sellers, buyers, then liquidators), all deterministic given the seed.
/// </summary>
public sealed class DepegWorld
{
    private readonly List<IAgent> _agents = [];

    public DepegWorld(StableSwapPool pool, PriceFeed oracle, IReadOnlyList<LoopMarket> markets, long start, int seed)
    {
        Pool = pool;
        Oracle = oracle;
        Markets = markets;
        Now = start;
        Random = new Random(seed);
    }

    public StableSwapPool Pool { get; }
    public PriceFeed Oracle { get; }
    public IReadOnlyList<LoopMarket> Markets { get; }
    public long Now { get; private set; }
    public Random Random { get; }
    public List<Minute> Timeline { get; } = [];
    public List<LiquidationEvent> Liquidations { get; } = [];
    public const string Lrt = "LRT";
    public const string Weth = "WETH";

    /// <summary>Oracle feeds give loan-token units per collateral unit scaled by 1e36; the pool's wad price times 1e18.</summary>
    public static UInt256 MorphoPrice(UInt256 wad) => wad * Wad.Unit;

    /// <summary>A pool quote, or null when the pool cannot pay for the trade (agents then try a smaller one).</summary>
    public UInt256? Quote(string tokenIn, UInt256 amount)
    {
        try
        {
            return Pool.Quote(tokenIn, amount);
        }
        catch (Protocol.RevertException)
        {
            return null;
        }
    }

    public DepegWorld With(IAgent agent)
    {
        _agents.Add(agent);
        return this;
    }

    /// <summary>Runs minute by minute until <paramref name="end"/>.</summary>
    public void RunUntil(long end)
    {
        while (Now < end)
        {
            Step();
        }
    }

    private void Step()
    {
        Now += 60;
        var before = Liquidations.Count;
        Oracle.Observe(Now, Pool.SpotPrice(Lrt));
        foreach (var m in Markets)
        {
            m.Market.SetPrice(MorphoPrice(Oracle.Answer));
        }
        foreach (var agent in _agents)
        {
            agent.Act(this);
        }
        var minute = Liquidations.Skip(before).ToList();
        Timeline.Add(new Minute(Now, Pool.SpotPrice(Lrt), Oracle.Answer, Pool.Balance(Weth), minute.Count,
            minute.Aggregate(UInt256.Zero, (s, l) => s + l.Repaid), BadDebt, Underwater()));
    }

    public UInt256 BadDebt => Markets.Aggregate(UInt256.Zero, (s, m) => s + m.Market.BadDebt);

    /// <summary>The health factors (wad) of every open borrow position in a market, at its current price.</summary>
    public IReadOnlyList<UInt256> HealthFactors(int market)
    {
        var m = Markets[market].Market;
        return [.. m.Positions.Where(p => !p.Value.BorrowShares.IsZero).Select(p => m.HealthFactor(p.Key))];
    }

    /// <summary>Debt not covered by its collateral at the oracle price: bad debt not yet realized.</summary>
    public UInt256 Underwater()
    {
        var total = UInt256.Zero;
        foreach (var m in Markets)
        {
            foreach (var (user, p) in m.Market.Positions)
            {
                if (p.BorrowShares.IsZero)
                {
                    continue;
                }
                var debt = m.Market.DebtOf(user);
                var value = UInt256.MulDiv(p.Collateral, m.Market.Price, MorphoMath.OraclePriceScale);
                if (debt > value)
                {
                    total += debt - value;
                }
            }
        }
        return total;
    }
}

/// <summary>Something that acts once a minute.</summary>
public interface IAgent
{
    void Act(DepegWorld world);
}
