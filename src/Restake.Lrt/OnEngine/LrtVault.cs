using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Lrt.OnEngine;

/// <summary>A node delegator: an engine staker the protocol owns, delegated to one operator (EigenLayer allows one).</summary>
public sealed record NodeDelegator(string Name, string Operator, ulong WeightBps);

/// <summary>
/// A liquid restaking protocol running on the engine. Its deposits are engine positions of its node
/// delegators, so its value (NAV) is read from the engine: withdrawable shares in underlying tokens,
/// priced in ETH, plus idle tokens and its queued engine withdrawals. A slash lowers withdrawable
/// shares and so NAV; each preset's rate sees that as its upstream does (see docs/lrt.md).
/// </summary>
public sealed partial class LrtVault
{
    internal LrtVault(LrtCreate c, IReadOnlyList<NodeDelegator> nodes)
    {
        Name = c.Lrt;
        Preset = c.Preset;
        Policy = c.Policy;
        Assets = c.Assets.Select(a => a.Strategy).ToList();
        foreach (var a in c.Assets)
        {
            PricesWad[a.Strategy] = a.PriceWad;
        }
        Nodes = nodes;
        Token = new ShareLedger(c.Lrt);
        Rules = c.Rules ?? LrtRules.Defaults;
    }

    public string Name { get; }
    public LrtPreset Preset { get; }
    public DelegationPolicy Policy { get; }
    /// <summary>Fees, limits and delays as created (null fields: the preset's upstream defaults).</summary>
    public LrtRules Rules { get; }
    /// <summary>Accepted assets by strategy name, in the order given; withdrawals pay in the first.</summary>
    public IReadOnlyList<string> Assets { get; }
    public IReadOnlyList<NodeDelegator> Nodes { get; }
    /// <summary>The LRT itself: a token users hold and transfer.</summary>
    public ShareLedger Token { get; }
    internal SortedDictionary<string, UInt256> PricesWad { get; } = new(StringComparer.Ordinal);
    /// <summary>When each asset's price was last set (Renzo refuses deposits at a stale price).</summary>
    internal Dictionary<string, long> PriceTimes { get; } = [];
    internal SortedDictionary<string, LrtWithdrawal> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>Ether.fi: the TVL the oracle last reported (the rate follows it, not the engine).</summary>
    public UInt256 ReportedValue { get; internal set; }
    /// <summary>Kelp: the stored rsETH price and the highest it has been (the band is measured from it).</summary>
    public UInt256 KelpPrice { get; internal set; } = Wad.Unit;
    public UInt256 KelpHighest { get; internal set; } = Wad.Unit;
    /// <summary>Kelp: the start of the fee-mint day and the rsETH minted as fees in it (the daily cap counts against it).</summary>
    public long KelpFeePeriodStart { get; internal set; }
    public UInt256 KelpMintedInPeriod { get; internal set; }
    /// <summary>Kelp: a drop beyond the band pauses deposits and withdrawal requests.</summary>
    public bool Paused { get; internal set; }
    /// <summary>Puffer: each node delegator's value when last accounted, so a loss is found and charged to its operator's bond.</summary>
    internal Dictionary<string, UInt256> Marks { get; } = [];

    public IReadOnlyDictionary<string, UInt256> Prices => PricesWad;
    public IReadOnlyDictionary<string, LrtWithdrawal> Withdrawals => Requests;
    public static string BondHolder(string op) => $"puffer:bond/{op}";
    public string EscrowHolder => $"{Name}:withdrawals";

    /// <summary>What one node delegator holds, in ETH wei: restaked, idle and on its way out of the engine.</summary>
    public UInt256 NodeValue(NetworkState s, NodeDelegator nd)
    {
        var total = UInt256.Zero;
        var staker = s.Stakers.GetValueOrDefault(nd.Name);
        foreach (var asset in Assets)
        {
            var strategy = s.Strategies[asset];
            var tokens = s.BalanceOf(nd.Name, strategy.Token.Symbol);
            if (staker?.Find(strategy) is { } position)
            {
                tokens += strategy.SharesToUnderlying(s.WithdrawableShares(staker, position));
            }
            total += Wad.MulDown(tokens, PricesWad[asset]);
        }
        foreach (var w in s.Withdrawals.Values)
        {
            if (w.Staker == nd.Name)
            {
                total += QueuedValue(s, w);
            }
        }
        // stETH in Lido's queue counts 1:1 as ETH until Lido pays (pufETH's upstream totalAssets).
        return total + PendingLidoOf(nd.Name);
    }

    /// <summary>An engine withdrawal still queued, in ETH wei (0 once completed or in an asset not priced here).</summary>
    public UInt256 QueuedValue(NetworkState s, Withdrawal w)
    {
        if (w.Status != WithdrawalStatus.Queued || !PricesWad.TryGetValue(w.Strategy.Name, out var price))
        {
            return UInt256.Zero;
        }
        // Queued shares stay slashable until the delay ends: read the magnitude the completion will read.
        var until = w.StartBlock + s.Params.WithdrawalDelayBlocks;
        var m = s.MaxMagnitudeAt(w.DelegatedTo, w.Strategy, Math.Min(s.Block, until));
        return Wad.MulDown(w.Strategy.SharesToUnderlying(SlashingMath.ScaleForCompleteWithdrawal(w.ScaledShares, m)), price);
    }

    /// <summary>The engine's value of everything the protocol holds, in ETH wei.</summary>
    public UInt256 Nav(NetworkState s)
    {
        var total = UInt256.Zero;
        foreach (var nd in Nodes)
        {
            total += NodeValue(s, nd);
        }
        return total;
    }

    /// <summary>The ETH value of <paramref name="lrt"/> units as the protocol prices them (what a withdrawal request records).</summary>
    public UInt256 ValueOf(NetworkState s, UInt256 lrt)
    {
        var supply = Token.TotalSupply;
        return Preset switch
        {
            LrtPreset.EtherFi => supply.IsZero ? lrt : UInt256.MulDiv(lrt, ReportedValue, supply),
            // ERC-4626 convertToAssets with the +1 virtual share and asset (decimals offset 0).
            LrtPreset.Puffer => UInt256.MulDiv(lrt, Nav(s) + UInt256.One, supply + UInt256.One),
            LrtPreset.Kelp => Wad.MulDown(lrt, KelpPrice),
            _ => supply.IsZero ? lrt : UInt256.MulDiv(lrt, Nav(s), supply),
        };
    }

    /// <summary>The ETH value of one LRT, in wad.</summary>
    public UInt256 Rate(NetworkState s) => ValueOf(s, Wad.Unit);

    /// <summary>The value the protocol's own books show (Ether.fi's reported TVL, Kelp's supply times price; else the engine's NAV).</summary>
    public UInt256 AccountedValue(NetworkState s) => Preset switch
    {
        LrtPreset.EtherFi => ReportedValue,
        LrtPreset.Kelp => Wad.MulDown(Token.TotalSupply, KelpPrice),
        _ => Nav(s),
    };

    /// <summary>ETH value of each operator's node delegators (the operator concentration a holder is exposed to).</summary>
    public SortedDictionary<string, UInt256> OperatorValues(NetworkState s)
    {
        var map = new SortedDictionary<string, UInt256>(StringComparer.Ordinal);
        foreach (var nd in Nodes)
        {
            map[nd.Operator] = map.GetValueOrDefault(nd.Operator) + NodeValue(s, nd);
        }
        return map;
    }

    internal static RevertException Refuse(string name, string message) => new(new ProtocolError(name, message));

    /// <summary>Runs an engine command for the protocol; a refusal aborts the LRT action before it wrote anything of its own.</summary>
    internal static void Must(Engine engine, Command command)
    {
        var outcome = engine.Execute(command);
        if (!outcome.Accepted)
        {
            throw new RevertException(outcome.Error!);
        }
    }

    /// <summary>Puffer: after an action that moved value in or out on purpose, shift the marks by the same amounts (losses stay visible).</summary>
    internal void ShiftMarks(IReadOnlyDictionary<string, UInt256> before, NetworkState s)
    {
        foreach (var nd in Nodes)
        {
            var now = NodeValue(s, nd);
            var was = before[nd.Name];
            var mark = Marks.GetValueOrDefault(nd.Name);
            Marks[nd.Name] = now >= was ? mark + (now - was) : (mark > was - now ? mark - (was - now) : UInt256.Zero);
        }
    }

    internal Dictionary<string, UInt256> NodeValues(NetworkState s) => Nodes.ToDictionary(nd => nd.Name, nd => NodeValue(s, nd));
}

/// <summary>A queued LRT withdrawal: escrowed LRT, the value it was worth at request, and the engine withdrawals that unstake it.</summary>
public sealed record LrtWithdrawal(string Id, string Lrt, string User, UInt256 Amount, UInt256 ValueAtRequest, long StartBlock, long StartTime, IReadOnlyList<string> EngineWithdrawals)
{
    public bool Claimed { get; internal set; }
    public UInt256 Paid { get; internal set; }
}
