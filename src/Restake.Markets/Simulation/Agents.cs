using Restake.Markets.Morpho;
using Restake.Primitives;

namespace Restake.Markets.Simulation;

/// <summary>
/// Opens a leveraged loop at the start: supplies the LRT as collateral and borrows WETH so the position sits at
/// <paramref name="HealthFactor"/> (wad) at the oracle price. Each WETH borrowed went to buy more LRT, so collateral C
/// at leverage L = 1/(1 − LLTV/HF) came from C/L of the looper's own (reference/risk-lrt.md §4's leverage formula).
/// </summary>
public sealed record Loop(string Owner, UInt256 Collateral, UInt256 HealthFactor)
{
    public void Open(LoopMarket m, long now)
    {
        var market = m.Market;
        market.SupplyCollateral(Owner, Collateral);
        var debt = Wad.DivDown(market.MaxBorrowFor(Collateral), HealthFactor);
        market.Borrow(Owner, debt, now);
    }
}

/// <summary>Sells the LRT into the pool on a schedule: minute → amount (the panic after an airdrop, or farmers leaving).</summary>
public sealed class PanicSeller(IReadOnlyDictionary<long, UInt256> schedule) : IAgent
{
    public UInt256 Sold { get; private set; }

    public void Act(DepegWorld world)
    {
        if (!schedule.TryGetValue(world.Now, out var amount) || amount.IsZero)
        {
            return;
        }
        world.Pool.Swap(DepegWorld.Lrt, amount, UInt256.Zero);
        Sold += amount;
    }
}

/// <summary>
/// Buys the LRT back below a price it trusts (its fundamental rate less a margin), spending at most
/// <paramref name="wethPerMinute"/> a minute from <paramref name="from"/> on: the patient capital that restores a peg
/// while withdrawals are shut, or the redeeming arbitrageur when they are open.
/// </summary>
public sealed class DipBuyer(UInt256 belowPrice, UInt256 wethPerMinute, long from) : IAgent
{
    public UInt256 Spent { get; private set; }

    public void Act(DepegWorld world)
    {
        if (world.Now < from || world.Pool.SpotPrice(DepegWorld.Lrt) >= belowPrice)
        {
            return;
        }
        // Spend the budget, halving it until the trade does not push the price past the target.
        var budget = wethPerMinute;
        for (var i = 0; i < 12 && !budget.IsZero; i++, budget /= 2UL)
        {
            if (world.Quote(DepegWorld.Weth, budget) is not { } got || got.IsZero)
            {
                continue;
            }
            if (Wad.DivDown(budget, got) <= belowPrice)
            {
                world.Pool.Swap(DepegWorld.Weth, budget, UInt256.Zero);
                Spent += budget;
                return;
            }
        }
    }
}

/// <summary>
/// A profit-seeking, gas-aware liquidator with a flash loan. For each unhealthy position (worst first) it seizes the most
/// collateral it can profit from, halving the size until that holds: it sells into the pool as long as the sale's average
/// price stays at or above <paramref name="sellFloor"/> and keeps the rest, valued at <paramref name="holdValue"/> (what it
/// expects to get for the LRT later: redemption when withdrawals open, or the recovered peg). Profit = proceeds + held value
/// − debt repaid − gas. It sells what it holds when the pool pays <paramref name="holdValue"/> again. Its own sales move the
/// price the next liquidation sees. It keeps at most <paramref name="inventoryCap"/> (its balance sheet); beyond that a
/// liquidation must pay for itself in the pool. With <paramref name="holdValue"/> at 0 it dumps everything.
/// </summary>
public sealed class Liquidator(UInt256 gasCostWeth, UInt256 holdValue, UInt256 sellFloor, UInt256 inventoryCap, int maxPerMinute = 40) : IAgent
{
    public UInt256 Inventory { get; private set; }

    public void Act(DepegWorld world)
    {
        var done = 0;
        foreach (var m in world.Markets)
        {
            var market = m.Market;
            var unhealthy = market.Positions.Where(p => !p.Value.BorrowShares.IsZero && !market.IsHealthy(p.Key))
                .OrderBy(p => market.HealthFactor(p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
            var misses = 0;
            foreach (var borrower in unhealthy)
            {
                // Gas-aware: after three positions in a row that do not pay, the rest of this market waits for the next minute.
                if (done >= maxPerMinute || misses >= 3)
                {
                    break;
                }
                if (TryLiquidate(world, m, borrower))
                {
                    done++;
                    misses = 0;
                }
                else
                {
                    misses++;
                }
            }
        }
        SellInventory(world);
    }

    /// <summary>The most of <paramref name="amount"/> that sells at an average price of at least the floor, and what it fetches.</summary>
    private (UInt256 Sold, UInt256 Proceeds) Sellable(DepegWorld world, UInt256 amount)
    {
        // A sale's average price is below the spot price, so nothing sells at the floor when the spot is under it.
        if (!sellFloor.IsZero && world.Pool.SpotPrice(DepegWorld.Lrt) < sellFloor)
        {
            return (UInt256.Zero, UInt256.Zero);
        }
        var part = amount;
        for (var step = 0; step < 12 && !part.IsZero; step++, part /= 2UL)
        {
            UInt256 proceeds;
            try
            {
                proceeds = world.Pool.Quote(DepegWorld.Lrt, part);
            }
            catch (Protocol.RevertException)
            {
                continue;
            }
            if (Wad.DivDown(proceeds, part) >= sellFloor)
            {
                return (part, proceeds);
            }
        }
        return (UInt256.Zero, UInt256.Zero);
    }

    private bool TryLiquidate(DepegWorld world, LoopMarket m, string borrower)
    {
        var market = m.Market;
        var seize = market.MaxSeizable(borrower);
        for (var attempt = 0; attempt < 8 && !seize.IsZero; attempt++, seize /= 2UL)
        {
            var repaid = market.RepaidFor(seize);
            var (sold, proceeds) = Sellable(world, seize);
            if (Inventory + (seize - sold) > inventoryCap)
            {
                continue; // its balance sheet is full: it cannot keep more of the LRT
            }
            var value = proceeds + Wad.MulDown(seize - sold, holdValue);
            if (value <= repaid + gasCostWeth)
            {
                continue;
            }
            MorphoLiquidation l;
            try
            {
                l = market.Liquidate(borrower, seize, world.Now);
            }
            catch (Protocol.RevertException)
            {
                continue; // e.g. the seizure would repay more shares than the debt: try a smaller one
            }
            var got = sold.IsZero ? UInt256.Zero : world.Pool.Swap(DepegWorld.Lrt, sold, UInt256.Zero);
            Inventory += seize - sold;
            world.Liquidations.Add(new LiquidationEvent(world.Now, m.Name, borrower, l.RepaidAssets, seize, got, l.BadDebtAssets));
            return true;
        }
        return false;
    }

    private void SellInventory(DepegWorld world)
    {
        if (Inventory.IsZero || holdValue.IsZero || world.Pool.SpotPrice(DepegWorld.Lrt) < holdValue)
        {
            return;
        }
        var part = Inventory;
        for (var step = 0; step < 12 && !part.IsZero; step++, part /= 2UL)
        {
            try
            {
                if (Wad.DivDown(world.Pool.Quote(DepegWorld.Lrt, part), part) >= holdValue)
                {
                    world.Pool.Swap(DepegWorld.Lrt, part, UInt256.Zero);
                    Inventory -= part;
                    return;
                }
            }
            catch (Protocol.RevertException)
            {
            }
        }
    }
}

/// <summary>
/// Sells the LRT in chunks within its first minute until the pool's price reaches <paramref name="target"/>, then stops:
/// an exogenous depeg of a chosen depth, arriving faster than the oracle and the liquidators can follow.
/// </summary>
public sealed class DepthSeller(UInt256 target, UInt256 chunk) : IAgent
{
    public bool Reached { get; private set; }

    public void Act(DepegWorld world)
    {
        if (Reached)
        {
            return;
        }
        while (world.Pool.SpotPrice(DepegWorld.Lrt) > target)
        {
            world.Pool.Swap(DepegWorld.Lrt, chunk, UInt256.Zero);
        }
        Reached = true;
    }
}

/// <summary>
/// The arbitrage that open withdrawals allow: below the fundamental rate less its costs (fees, the wait, gas; in basis
/// points) it buys the LRT in the pool with up to <paramref name="wethPerMinute"/> of its capital and queues the LRT for
/// redemption at the fundamental rate, getting the WETH back after <paramref name="delayMinutes"/>. In April 2024 ezETH had
/// no withdrawals, so none of this capital came; the replay can add it to show what it would have done.
/// </summary>
public sealed class RedemptionArbitrageur(UInt256 fundamental, ulong costBps, UInt256 capital, UInt256 wethPerMinute, long delayMinutes) : IAgent
{
    private readonly Queue<(long Due, UInt256 Weth)> _redemptions = new();

    public UInt256 Capital { get; private set; } = capital;
    public UInt256 Bought { get; private set; }

    public void Act(DepegWorld world)
    {
        while (_redemptions.Count > 0 && _redemptions.Peek().Due <= world.Now)
        {
            Capital += _redemptions.Dequeue().Weth;
        }
        var threshold = fundamental * (10_000UL - costBps) / 10_000UL;
        for (var budget = UInt256.Min(wethPerMinute, Capital); !budget.IsZero; budget /= 2UL)
        {
            if (world.Pool.SpotPrice(DepegWorld.Lrt) >= threshold)
            {
                return;
            }
            if (world.Quote(DepegWorld.Weth, budget) is not { } got || got.IsZero)
            {
                continue;
            }
            // Buy only while the average price stays under the threshold.
            if (Wad.DivDown(budget, got) <= threshold)
            {
                world.Pool.Swap(DepegWorld.Weth, budget, UInt256.Zero);
                Capital -= budget;
                Bought += got;
                _redemptions.Enqueue((world.Now + delayMinutes * 60, Wad.MulDown(got, fundamental)));
                return;
            }
        }
    }
}
