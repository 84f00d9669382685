using System.Numerics;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Lrt.Report;

/// <summary>
/// Where the pool's value is and how fast it can leave. Restaked + in the engine's queue + idle = NAV (idle is the
/// remainder, so per-asset rounding lands there). The LRT queue is what holders asked for and were not yet paid.
/// </summary>
public sealed record Liquidity(
    UInt256 RestakedEth, UInt256 EngineQueueEth, UInt256 IdleEth, int PendingRequests, UInt256 PendingLrt, UInt256 PendingValueEth,
    long DelayBlocks, double DelayDays);

/// <summary>
/// The rate's change over the run, annualized: (rate₁ − rate₀)/rate₀ · 365 days / elapsed. It is net of fees and of
/// losses (both are already in the rate). Fees taken = what the fee holders' LRT is worth now.
/// </summary>
public sealed record RealizedYield(RateMark? From, RateMark To, Ratio Growth, Ratio Annualized, UInt256 FeesEth, Ratio FeesShareOfNav, string Note);

/// <summary>An LRT's due-diligence report after a run (seed FAQ Q5): facts, concentration, AVS exposure, liquidity, yield.</summary>
public sealed record LrtReport(
    string Name, LrtPreset Preset, LrtFacts Facts, UInt256 Supply, UInt256 Nav, UInt256 AccountedValue, UInt256 Rate, bool Paused,
    Concentration Concentration, IReadOnlyList<SetExposure> Exposure, UInt256 SlashableEth, Ratio SlashableShareOfNav,
    Liquidity Liquidity, RealizedYield Yield)
{
    public const long SecondsPerYear = 365L * 86_400;

    public static LrtReport Build(NetworkState s, LrtVault v, RateMark? first)
    {
        var nav = v.Nav(s);
        var exposure = AvsExposure.Of(s, v, nav);
        var slashable = exposure.Aggregate(UInt256.Zero, (a, e) => a + e.ValueEth);
        var facts = LrtFacts.For(v.Preset);
        return new LrtReport(v.Name, v.Preset, facts, v.Token.TotalSupply, nav, v.AccountedValue(s), v.Rate(s), v.Paused,
            Concentration.Of(v.Nodes.GroupBy(nd => nd.Operator, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Aggregate(UInt256.Zero, (a, nd) => a + Restaked(s, v, nd))))),
            exposure, slashable, new Ratio(slashable, nav), LiquidityOf(s, v, nav), YieldOf(s, v, facts, nav, first));
    }

    /// <summary>A node delegator's withdrawable shares as tokens, priced: the part that is with its operator.</summary>
    public static UInt256 Restaked(NetworkState s, LrtVault v, NodeDelegator nd)
    {
        var total = UInt256.Zero;
        if (!s.Stakers.TryGetValue(nd.Name, out var staker))
        {
            return total;
        }
        foreach (var asset in v.Assets)
        {
            var strategy = s.Strategies[asset];
            if (staker.Find(strategy) is { } position)
            {
                total += Wad.MulDown(strategy.SharesToUnderlying(s.WithdrawableShares(staker, position)), v.Prices[asset]);
            }
        }
        return total;
    }

    private static Liquidity LiquidityOf(NetworkState s, LrtVault v, UInt256 nav)
    {
        var restaked = v.Nodes.Aggregate(UInt256.Zero, (a, nd) => a + Restaked(s, v, nd));
        var names = v.Nodes.Select(nd => nd.Name).ToHashSet(StringComparer.Ordinal);
        var queued = UInt256.Zero;
        foreach (var w in s.Withdrawals.Values.Where(w => names.Contains(w.Staker) && w.Status == Protocol.State.WithdrawalStatus.Queued))
        {
            if (v.Prices.TryGetValue(w.Strategy.Name, out var price))
            {
                var until = w.StartBlock + s.Params.WithdrawalDelayBlocks;
                var m = s.MaxMagnitudeAt(w.DelegatedTo, w.Strategy, Math.Min(s.Block, until));
                queued += Wad.MulDown(w.Strategy.SharesToUnderlying(Protocol.SlashingMath.ScaleForCompleteWithdrawal(w.ScaledShares, m)), price);
            }
        }
        var inside = restaked + queued;
        var idle = nav > inside ? nav - inside : UInt256.Zero;
        var pending = v.Withdrawals.Values.Where(w => !w.Claimed).ToList();
        var delay = s.Params.WithdrawalDelayBlocks;
        return new Liquidity(restaked, queued, idle, pending.Count,
            pending.Aggregate(UInt256.Zero, (a, w) => a + w.Amount), pending.Aggregate(UInt256.Zero, (a, w) => a + w.ValueAtRequest),
            delay, delay * s.Params.SecondsPerBlock / 86_400.0);
    }

    private static RealizedYield YieldOf(NetworkState s, LrtVault v, LrtFacts facts, UInt256 nav, RateMark? first)
    {
        var now = new RateMark(s.Block, s.Time, v.Rate(s));
        // Fee LRT valued at the rate, plus fees paid out of the vault in tokens (pufETH's treasury exit fee).
        var fees = facts.FeeHolders.Aggregate(UInt256.Zero, (a, h) => a + v.ValueOf(s, v.Token.BalanceOf(h))) + v.TreasuryFeesPaid;
        var feeShare = new Ratio(fees, nav);
        if (first is not { } f || f.Rate.IsZero || now.Time <= f.Time)
        {
            return new RealizedYield(first, now, Ratio.Zero, Ratio.Zero, fees, feeShare, "no time has passed since the first deposit: no yield to report");
        }
        var change = (BigInteger)now.Rate - f.Rate;
        var growth = new Ratio(change, f.Rate);
        var annual = new Ratio(change * SecondsPerYear, (BigInteger)f.Rate * (now.Time - f.Time));
        var note = change.IsZero ? "the rate did not move: no rewards reached it in this run"
            : change.Sign < 0 ? "the rate fell: losses (slashing) outweighed rewards in this run"
            : "rewards reached the rate, net of fees and losses";
        return new RealizedYield(f, now, growth, annual, fees, feeShare, note);
    }
}
