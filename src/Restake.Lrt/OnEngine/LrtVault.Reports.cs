using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.OnEngine;

// Oracle reports: new asset prices, then the preset's own update (Ether.fi rebase, Puffer bond burn, Kelp price).
public sealed partial class LrtVault
{
    /// <summary>Ether.fi's bounds per report: a loss of at most 3 bps of TVL, a gain of at most 25 bps.</summary>
    public const ulong EtherFiMaxLossBps = 3;
    public const ulong EtherFiMaxGainBps = 25;
    /// <summary>Kelp's defaults: 10 % protocol fee on the rise, a 1 % band around the highest price (1e18-scaled).</summary>
    public const ulong KelpFeeBps = 1_000;
    public static readonly UInt256 KelpBand = UInt256.Pow10(16);
    public const string KelpTreasury = "kelp:treasury";

    internal void Report(Engine engine, LrtOracleReport c)
    {
        var s = engine.State;
        var oldPrices = new Dictionary<string, UInt256>(PricesWad);
        var oldTimes = new Dictionary<string, long>(PriceTimes);
        foreach (var (asset, price) in c.Prices ?? new Dictionary<string, UInt256>())
        {
            if (!PricesWad.ContainsKey(asset))
            {
                throw Refuse("UnsupportedAsset", $"{Name} does not hold {asset}");
            }
            if (price.IsZero)
            {
                throw Refuse("InvalidOraclePrice", $"a price of 0 for {asset}");
            }
        }
        foreach (var (asset, price) in c.Prices ?? new Dictionary<string, UInt256>())
        {
            PricesWad[asset] = price;
            PriceTimes[asset] = s.Time;
        }
        try
        {
            switch (Preset)
            {
                case LrtPreset.EtherFi: Rebase(s, c.Value); break;
                case LrtPreset.Puffer: BurnBonds(s); break;
                case LrtPreset.Kelp: UpdateKelpPrice(s, c.AsManager); break;
                default: break; // Renzo prices ezETH from live TVL: new prices are the whole report.
            }
        }
        catch (RevertException)
        {
            PricesWad.Clear();
            foreach (var (k, v) in oldPrices)
            {
                PricesWad[k] = v;
            }
            PriceTimes.Clear();
            foreach (var (k, v) in oldTimes)
            {
                PriceTimes[k] = v;
            }
            throw;
        }
    }

    /// <summary>
    /// Ether.fi's rebase: the reported TVL moves to <paramref name="value"/> (refused beyond the bounds), or, with no
    /// value given, toward the engine's NAV as far as one report may: a big slash takes several reports.
    /// </summary>
    private void Rebase(Protocol.State.NetworkState s, UInt256? value)
    {
        var tvl = ReportedValue;
        var maxLoss = Bps.Down(tvl, EtherFiMaxLossBps);
        var maxGain = Bps.Down(tvl, EtherFiMaxGainBps);
        if (Token.TotalSupply.IsZero)
        {
            ReportedValue = Nav(s);
            return;
        }
        if (value is { } v)
        {
            if (v < tvl && (tvl - v) * Bps.Denominator > tvl * EtherFiMaxLossBps)
            {
                throw Refuse("ReportValidationFailed", $"a loss of {tvl - v} exceeds the negative rebase cap of {EtherFiMaxLossBps} bps of {tvl}");
            }
            if (v > tvl && v - tvl > maxGain)
            {
                throw Refuse("RebaseExceedsPositiveCap", $"a gain of {v - tvl} exceeds {maxGain} ({EtherFiMaxGainBps} bps of {tvl})");
            }
            ReportedValue = v;
            return;
        }
        var nav = Nav(s);
        ReportedValue = nav < tvl ? tvl - UInt256.Min(tvl - nav, maxLoss) : tvl + UInt256.Min(nav - tvl, maxGain);
    }

    /// <summary>
    /// Puffer: a node delegator's loss since it was last accounted burns its operator's bond first, priced
    /// at the rate before the loss (shares rounded up), so only what the bond cannot cover lowers the rate.
    /// </summary>
    private void BurnBonds(Protocol.State.NetworkState s)
    {
        var now = NodeValues(s);
        var totalLoss = UInt256.Zero;
        foreach (var nd in Nodes)
        {
            var mark = Marks.GetValueOrDefault(nd.Name);
            if (now[nd.Name] < mark)
            {
                totalLoss += mark - now[nd.Name];
            }
        }
        var preNav = Nav(s) + totalLoss;
        var supply = Token.TotalSupply;
        foreach (var nd in Nodes)
        {
            var mark = Marks.GetValueOrDefault(nd.Name);
            if (now[nd.Name] < mark)
            {
                var holder = BondHolder(nd.Operator);
                var burn = UInt256.Min(Token.BalanceOf(holder), UInt256.MulDivUp(mark - now[nd.Name], supply + UInt256.One, preNav + UInt256.One));
                if (!burn.IsZero)
                {
                    Token.Burn(holder, burn);
                }
            }
            Marks[nd.Name] = now[nd.Name];
        }
    }

    /// <summary>Kelp's updateRSETHPrice against the engine's NAV: fee on the rise, band around the highest price.</summary>
    private void UpdateKelpPrice(Protocol.State.NetworkState s, bool asManager)
    {
        var supply = Token.TotalSupply;
        if (supply.IsZero)
        {
            return;
        }
        var total = Nav(s);
        var previous = Wad.MulDown(supply, KelpPrice);
        var fee = !Paused && total > previous ? Bps.Down(total - previous, KelpFeeBps) : UInt256.Zero;
        var price = Wad.DivDown(total - fee, supply);
        var band = Wad.MulDown(KelpBand, KelpHighest);
        if (price > KelpHighest && price - KelpHighest > band && !asManager)
        {
            throw Refuse("PriceAboveDailyThreshold", $"price {price} rises more than {band} above the highest {KelpHighest}");
        }
        if (price < KelpHighest && KelpHighest - price > band && !asManager)
        {
            Paused = true; // upstream pauses and keeps the old price; a manager's report applies it
            return;
        }
        if (!fee.IsZero)
        {
            Token.Mint(KelpTreasury, Wad.DivDown(fee, price));
        }
        KelpPrice = price;
        KelpHighest = UInt256.Max(KelpHighest, price);
        Paused = false;
    }
}
