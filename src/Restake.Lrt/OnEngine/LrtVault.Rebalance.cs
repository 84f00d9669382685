using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Lrt.OnEngine;

/// <summary>
/// Moves restaked value between the LRT's node delegators toward the policy's targets: queues engine withdrawals
/// from over-weight ones; a later rebalance, after the engine's delay, completes them and redeposits the tokens
/// into under-weight ones. NAV and the rate do not move (docs/lrt.md, "Rebalancing").
/// </summary>
public sealed record LrtRebalance(string Lrt) : LrtAction;

/// <summary>One engine withdrawal a rebalance queued: from which node delegator, in which asset.</summary>
public sealed record RebalanceLeg(string EngineId, string Node, string Asset);

public sealed partial class LrtVault
{
    private readonly List<RebalanceLeg> _rebalancing = [];
    private int _rebalances;

    /// <summary>Engine withdrawals a rebalance queued that have not been redeposited yet.</summary>
    public IReadOnlyList<RebalanceLeg> Rebalancing => _rebalancing;

    /// <summary>What the pending rebalance withdrawals are worth now, in ETH wei (slashable until they complete; part of NAV).</summary>
    public UInt256 RebalancePending(NetworkState s) =>
        _rebalancing.Aggregate(UInt256.Zero, (a, leg) => a + QueuedValue(s, s.Withdrawals[leg.EngineId]));

    /// <summary>
    /// A node delegator is moved only when it is more than 1 bp of the placed value above its target: smaller gaps are rounding
    /// or a deposit's worth of drift, and each move costs a withdrawal delay.
    /// </summary>
    public const ulong RebalanceThresholdBps = 1;

    /// <summary>
    /// What a rebalance balances: a node delegator's restaked value plus its rebalance withdrawals in flight. Idle
    /// tokens (eETH's liquidity) and withdrawals users asked for are leaving or kept liquid on purpose, so they
    /// neither count toward a target nor move.
    /// </summary>
    public UInt256 PlacedValue(NetworkState s, NodeDelegator nd)
    {
        var total = UInt256.Zero;
        if (s.Stakers.GetValueOrDefault(nd.Name) is { } staker)
        {
            foreach (var asset in Assets)
            {
                var strategy = s.Strategies[asset];
                if (staker.Find(strategy) is { } position)
                {
                    total += Wad.MulDown(strategy.SharesToUnderlying(s.WithdrawableShares(staker, position)), PricesWad[asset]);
                }
            }
        }
        foreach (var leg in _rebalancing.Where(l => l.Node == nd.Name))
        {
            total += QueuedValue(s, s.Withdrawals[leg.EngineId]);
        }
        return total;
    }

    internal void Rebalance(Engine engine)
    {
        var s = engine.State;
        if (NativeAsset(s) is { } native)
        {
            // Moving staked ETH between pods needs validator exits, which are not modelled yet.
            throw Refuse("NativeRebalanceUnsupported", $"{Name} holds {native}; rebalancing native ETH between pods is not modelled");
        }
        var matured = _rebalancing.Where(leg => s.Block > s.Withdrawals[leg.EngineId].StartBlock + s.Params.WithdrawalDelayBlocks).ToList();
        var queue = PlanRebalance(s);
        if (matured.Count == 0 && queue.Count == 0)
        {
            var waiting = _rebalancing.Count == 0 ? "" :
                $"; {_rebalancing.Count} withdrawal(s) are pending; they complete from block {_rebalancing.Max(l => s.Withdrawals[l.EngineId].StartBlock) + s.Params.WithdrawalDelayBlocks + 1}";
            throw Refuse("NothingToRebalance", $"every node delegator of {Name} is within {RebalanceThresholdBps} bp of its target{waiting}");
        }
        var before = NodeValues(s);
        if (matured.Count > 0)
        {
            Redeposit(engine, matured);
        }
        foreach (var (q, leg) in queue)
        {
            Must(engine, q);
            _rebalancing.Add(leg);
        }
        if (queue.Count > 0)
        {
            _rebalances++;
        }
        ShiftMarks(before, s);
    }

    /// <summary>
    /// Engine withdrawals (as shares) of each over-weight node delegator's excess over its target, asset by asset,
    /// rounded down so a node never goes below target. Node delegators with a rebalance in flight wait for it.
    /// </summary>
    private List<(QueueWithdrawal Command, RebalanceLeg Leg)> PlanRebalance(NetworkState s)
    {
        var plan = new List<(QueueWithdrawal, RebalanceLeg)>();
        // While any rebalance is in flight (matured ones are about to be redeposited toward the targets) nothing new is planned.
        if (_rebalancing.Count > 0)
        {
            return plan;
        }
        var values = Nodes.Select(nd => PlacedValue(s, nd)).ToList();
        var placed = values.Aggregate(UInt256.Zero, (a, b) => a + b);
        var threshold = Bps.Down(placed, RebalanceThresholdBps);
        for (var i = 0; i < Nodes.Count; i++)
        {
            var nd = Nodes[i];
            var target = UInt256.MulDiv(placed, nd.WeightBps, Bps.Denominator);
            if (values[i] <= target || values[i] - target <= threshold || s.Stakers.GetValueOrDefault(nd.Name) is not { } staker)
            {
                continue;
            }
            var excess = values[i] - target;
            foreach (var asset in Assets)
            {
                var strategy = s.Strategies[asset];
                if (excess.IsZero || staker.Find(strategy) is not { } position || position.DepositShares.IsZero)
                {
                    continue;
                }
                var tokens = strategy.SharesToUnderlying(s.WithdrawableShares(staker, position));
                var worth = Wad.MulDown(tokens, PricesWad[asset]);
                if (worth.IsZero)
                {
                    continue;
                }
                var take = UInt256.Min(excess, worth);
                var shares = take == worth ? position.DepositShares : UInt256.MulDiv(position.DepositShares, take, worth);
                if (shares.IsZero)
                {
                    continue;
                }
                var id = $"{Name}:rebalance{_rebalances}/{nd.Name}/{asset}";
                if (s.Withdrawals.ContainsKey(id))
                {
                    throw Refuse("WithdrawalIdTaken", $"an engine withdrawal named '{id}' already exists");
                }
                plan.Add((new QueueWithdrawal(nd.Name, asset, shares, id), new RebalanceLeg(id, nd.Name, asset)));
                excess -= take;
            }
        }
        return plan;
    }

    /// <summary>
    /// Completes the matured withdrawals as tokens (they land with the node delegator that queued them) and
    /// spreads them, asset by asset, over the node delegators furthest below target (<see cref="Spread"/>; the
    /// cap is kept where it can be). A part that would mint 0 engine shares stays idle with its source, in NAV.
    /// </summary>
    private void Redeposit(Engine engine, List<RebalanceLeg> matured)
    {
        var s = engine.State;
        var freed = new Dictionary<(string Node, string Asset), UInt256>();
        foreach (var leg in matured)
        {
            var token = s.Strategies[leg.Asset].Token.Symbol;
            var held = s.BalanceOf(leg.Node, token);
            Must(engine, new CompleteWithdrawal(leg.EngineId, AsTokens: true));
            freed[(leg.Node, leg.Asset)] = freed.GetValueOrDefault((leg.Node, leg.Asset)) + (s.BalanceOf(leg.Node, token) - held);
            _rebalancing.Remove(leg);
        }
        // The freed tokens are idle now, so each node's placed value is what stays restaked.
        var values = Nodes.Select(nd => PlacedValue(s, nd)).ToList();
        foreach (var asset in Assets)
        {
            var sources = Nodes.Select(nd => (nd.Name, Left: freed.GetValueOrDefault((nd.Name, asset)))).Where(x => !x.Left.IsZero).ToList();
            var amount = sources.Aggregate(UInt256.Zero, (a, x) => a + x.Left);
            if (amount.IsZero)
            {
                continue;
            }
            var price = PricesWad[asset];
            var parts = Tokens(Spread(values, Wad.MulDown(amount, price), strict: false), amount, price);
            var strategy = s.Strategies[asset];
            for (var i = 0; i < Nodes.Count; i++)
            {
                var want = parts[i];
                for (var j = 0; j < sources.Count && !want.IsZero; j++)
                {
                    var move = UInt256.Min(want, sources[j].Left);
                    if (move.IsZero || Wad.MulDivDown(move, strategy.VirtualShares, strategy.VirtualBalance).IsZero
                        || (strategy.MaxPerDeposit is { } per && move > per))
                    {
                        continue; // left idle with its source (still in NAV)
                    }
                    Must(engine, new Protocol.Deposit(Nodes[i].Name, asset, move, From: sources[j].Name));
                    sources[j] = (sources[j].Name, sources[j].Left - move);
                    want -= move;
                }
                values[i] += Wad.MulDown(parts[i] - want, price);
            }
        }
    }
}
