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
    /// <summary>Ether.fi's protocol fees may be at most 1/5 of the report's total rewards (fees·5 ≤ fees + accrued).</summary>
    public const ulong EtherFiMaxProtocolFeeInvRatio = 5;
    public const string EtherFiFeeRecipient = EtherFiPool.FeeRecipient;

    /// <summary>A beacon slot is 12 s (EtherFiAdmin: elapsedTime = slots · 12 seconds).</summary>
    public const long SecondsPerSlot = 12;
    public const long SecondsPerYear = 365L * 86_400;

    /// <summary>Ether.fi: the slot the last handled report reached (upstream lastHandledReportRefSlot); the LRT's creation slot at first.</summary>
    public long LastReportSlot { get; internal set; }

    /// <summary>The engine clock as a beacon slot counted from genesis.</summary>
    public static long SlotAt(Protocol.State.NetworkState s) => (s.Time - s.Params.GenesisTime) / SecondsPerSlot;

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
                case not LrtPreset.EtherFi when c.ProtocolFees is { IsZero: false }:
                    throw Refuse("ProtocolFeesUnsupported", $"{Name} takes no protocol fees on reports (eETH only)");
                case LrtPreset.EtherFi: Rebase(s, c.Value, c.ProtocolFees ?? UInt256.Zero); break;
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
    /// <paramref name="fees"/> is the part of the rise that is protocol fees: the rebase credits holders with the rest
    /// (accrued), then the fees buy eETH for the fee recipient at the post-rebase rate, as upstream's report does
    /// (rebase, then payProtocolFees), so holders' rate rises by the rewards net of the fees.
    /// </summary>
    private void Rebase(Protocol.State.NetworkState s, UInt256? value, UInt256 fees)
    {
        var tvl = ReportedValue;
        var maxLoss = Bps.Down(tvl, EtherFiMaxLossBps);
        var maxGain = Bps.Down(tvl, EtherFiMaxGainBps);
        var supply = Token.TotalSupply;
        if (supply.IsZero)
        {
            if (!fees.IsZero)
            {
                throw Refuse("InvalidAmount", "protocol fees with no eETH to share the rewards with");
            }
            ReportedValue = Nav(s);
            LastReportSlot = SlotAt(s);
            return;
        }
        // EtherFiAdmin's APR check (opt-in here: acceptable_rebase_apr_bps): the report spans whole slots since the last
        // one, and |accrued|·1e4·365 days/(TVL·elapsed), truncated, is at most the acceptable APR.
        var elapsed = (SlotAt(s) - LastReportSlot) * SecondsPerSlot;
        var apr = Rules.AcceptableRebaseAprBps;
        if (apr is not null && elapsed <= 0)
        {
            throw Refuse("ReportSpansZeroSlots", $"no slot has passed since the last report (slot {LastReportSlot}); roll first");
        }
        if (apr is { } bound && value is null)
        {
            // Moving toward NAV, one report goes no further than the APR allows: ⌊bound·TVL·elapsed/(1e4·365 days)⌋.
            var aprMove = UInt256.MulDiv(tvl * bound, (ulong)elapsed, Bps.Denominator * (ulong)SecondsPerYear);
            maxLoss = UInt256.Min(maxLoss, aprMove);
            maxGain = UInt256.Min(maxGain, aprMove);
        }
        UInt256 next;
        if (value is { } v)
        {
            if (apr is { } limit)
            {
                var move = v > tvl ? v - tvl - UInt256.Min(fees, v - tvl) : tvl - v;
                var reported = tvl.IsZero ? UInt256.Zero : UInt256.MulDiv(move * Bps.Denominator, (ulong)SecondsPerYear, tvl * (ulong)elapsed);
                if (reported > limit)
                {
                    throw Refuse("TvlChangedTooMuch", $"the report's APR of {reported} bps over {elapsed} s exceeds the acceptable {limit} bps");
                }
            }
            if (v < tvl && (tvl - v) * Bps.Denominator > tvl * EtherFiMaxLossBps)
            {
                throw Refuse("ReportValidationFailed", $"a loss of {tvl - v} exceeds the negative rebase cap of {EtherFiMaxLossBps} bps of {tvl}");
            }
            next = v;
        }
        else
        {
            var nav = Nav(s);
            next = nav < tvl ? tvl - UInt256.Min(tvl - nav, maxLoss) : tvl + UInt256.Min(nav - tvl, maxGain);
        }
        if (!fees.IsZero && (next < tvl || fees * EtherFiMaxProtocolFeeInvRatio > next - tvl))
        {
            // The rise is fees + accrued rewards; upstream refuses fees above a fifth of it.
            throw Refuse("ReportValidationFailed", $"protocol fees {fees} exceed 20 % of the total rewards {(next > tvl ? next - tvl : UInt256.Zero)}");
        }
        // Only the accrued rewards are bounded by the positive rebase cap; the fees are paid beside the rebase.
        var accrued = next > tvl ? next - tvl - fees : UInt256.Zero;
        if (accrued > maxGain)
        {
            throw Refuse("RebaseExceedsPositiveCap", $"a gain of {accrued} exceeds {maxGain} ({EtherFiMaxGainBps} bps of {tvl})");
        }
        var feeShares = UInt256.Zero;
        if (!fees.IsZero)
        {
            // At the post-rebase rate (TVL without the fees), rounded down: the recipient's eETH is worth the fees less the floors (a wei or two near rate 1).
            feeShares = UInt256.MulDiv(fees, supply, next - fees);
            if (feeShares.IsZero)
            {
                throw Refuse("InvalidAmount", $"protocol fees {fees} buy no eETH");
            }
        }
        ReportedValue = next;
        LastReportSlot = SlotAt(s);
        if (!feeShares.IsZero)
        {
            Token.Mint(EtherFiFeeRecipient, feeShares);
        }
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
        var feeShares = fee.IsZero ? UInt256.Zero : Wad.DivDown(fee, price);
        var (periodStart, minted) = KelpFeeDay(s.Time);
        if (Rules.MaxFeeMintPerDay is { } cap && minted + feeShares > cap)
        {
            throw Refuse("DailyFeeMintLimitExceeded", $"{minted} rsETH minted as fees today plus {feeShares} exceeds the daily cap {cap}");
        }
        KelpFeePeriodStart = periodStart;
        KelpMintedInPeriod = minted + feeShares;
        if (!feeShares.IsZero)
        {
            Token.Mint(KelpTreasury, feeShares);
        }
        KelpPrice = price;
        KelpHighest = UInt256.Max(KelpHighest, price);
        Paused = false;
    }

    /// <summary>
    /// Kelp's fee-mint day at <paramref name="now"/>: a new day starts a whole number of days after the last one
    /// (as KelpPool counts them) and forgets what was minted, so the cap bounds fees per day, not per report.
    /// </summary>
    private (long Start, UInt256 Minted) KelpFeeDay(long now)
    {
        const long day = 86_400;
        return now >= KelpFeePeriodStart + day
            ? (KelpFeePeriodStart + (now - KelpFeePeriodStart) / day * day, UInt256.Zero)
            : (KelpFeePeriodStart, KelpMintedInPeriod);
    }
}
