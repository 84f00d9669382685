using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Lrt.OnEngine;

/// <summary>
/// pufETH turns held stETH into ETH for its validators through Lido's withdrawal queue (PufferVaultV5
/// initiateETHWithdrawalsFromLido): <paramref name="Amount"/> stETH of a node delegator (named by <paramref name="Node"/>,
/// else the first holding enough) goes to the queue as request <paramref name="Id"/>.
/// </summary>
public sealed record LrtConvertStEth(string Lrt, UInt256 Amount, string Id, string? Node = null) : LrtAction;

/// <summary>
/// Lido pays a finalized request (PufferVaultV5 claimWithdrawalsFromLido): <paramref name="Eth"/> ETH (default: the
/// stETH amount requested; at most that, as Lido never pays more than was locked) to the node delegator that asked.
/// </summary>
public sealed record LrtClaimStEth(string Lrt, string Id, UInt256? Eth = null) : LrtAction;

/// <summary>A stETH amount in Lido's withdrawal queue: counted 1:1 as ETH in the vault's assets until claimed (upstream lidoLockedETH).</summary>
public sealed record LidoRequest(string Id, string Node, UInt256 Amount, long StartBlock);

public sealed partial class LrtVault
{
    /// <summary>Lido's WithdrawalQueue bounds on one request: MIN_STETH_WITHDRAWAL_AMOUNT = 100 wei, MAX_STETH_WITHDRAWAL_AMOUNT = 1000 ether.</summary>
    public static readonly UInt256 LidoMinRequest = 100UL;
    public static readonly UInt256 LidoMaxRequest = Wad.Unit * 1_000UL;
    /// <summary>Where requested stETH goes: Lido's queue holds it until it pays ETH (outside NAV; the request is counted instead).</summary>
    public const string LidoQueueHolder = "lido:withdrawal-queue";
    /// <summary>The token pufETH holds and converts (upstream's _ST_ETH).</summary>
    public const string StEthSymbol = "stETH";

    internal SortedDictionary<string, LidoRequest> LidoRequests { get; } = new(StringComparer.Ordinal);

    /// <summary>Lido requests not yet claimed.</summary>
    public IReadOnlyDictionary<string, LidoRequest> PendingLido => LidoRequests;

    /// <summary>Upstream getPendingLidoETHAmount: the stETH locked in Lido's queue, as ETH 1:1.</summary>
    public UInt256 PendingLidoEth => LidoRequests.Values.Aggregate(UInt256.Zero, (a, r) => a + r.Amount);

    private UInt256 PendingLidoOf(string node) =>
        LidoRequests.Values.Where(r => r.Node == node).Aggregate(UInt256.Zero, (a, r) => a + r.Amount);

    /// <summary>
    /// Deposits that wait with the node delegator instead of entering an engine strategy: native ETH (until staked in
    /// validators), and stETH of a pufETH that accepts ETH (PufferVaultV5 holds stETH itself and converts it to ETH).
    /// </summary>
    public bool HeldIdle(NetworkState s, string asset)
    {
        var strategy = s.Strategies[asset];
        return strategy.IsBeacon || (Preset == LrtPreset.Puffer && NativeAsset(s) is not null && strategy.Token.Symbol == StEthSymbol);
    }

    internal void ConvertStEth(Engine engine, LrtConvertStEth c)
    {
        var s = engine.State;
        if (Preset != LrtPreset.Puffer)
        {
            throw Refuse("StEthConversionUnsupported", $"{Name} does not convert stETH through Lido; only Puffer (pufETH) does");
        }
        if (NativeAsset(s) is null)
        {
            throw Refuse("UnsupportedAsset", $"{Name} does not accept native ETH (create it with the asset ETH), so it has no validators to convert stETH for");
        }
        var asset = Assets.FirstOrDefault(a => s.Strategies[a].Token.Symbol == StEthSymbol)
            ?? throw Refuse("UnsupportedAsset", $"{Name} does not accept {StEthSymbol}");
        if (c.Amount < LidoMinRequest)
        {
            throw Refuse("RequestAmountTooSmall", $"Lido's queue takes at least {LidoMinRequest} wei of stETH a request, not {c.Amount}");
        }
        if (c.Amount > LidoMaxRequest)
        {
            throw Refuse("RequestAmountTooLarge", $"Lido's queue takes at most 1000 stETH a request, not {c.Amount} wei (split it)");
        }
        var token = s.Strategies[asset].Token.Symbol;
        NodeDelegator nd;
        if (c.Node is { } named)
        {
            nd = Nodes.FirstOrDefault(n => n.Name == named) ?? throw Refuse("UnknownNodeDelegator", $"'{named}' is not one of {Name}'s node delegators");
            if (s.BalanceOf(nd.Name, token) < c.Amount)
            {
                throw Refuse("InsufficientIdleStEth", $"{nd.Name} holds {s.BalanceOf(nd.Name, token)} wei of stETH, less than {c.Amount}");
            }
        }
        else
        {
            nd = Nodes.FirstOrDefault(n => s.BalanceOf(n.Name, token) >= c.Amount)
                ?? throw Refuse("InsufficientIdleStEth", $"no node delegator of {Name} holds {c.Amount} wei of stETH");
        }
        // stETH leaves, the same amount is counted as pending Lido ETH: upstream's totalAssets is the same sum before and after.
        var before = NodeValues(s);
        Must(engine, new TransferToken(nd.Name, LidoQueueHolder, token, c.Amount));
        LidoRequests[c.Id] = new LidoRequest(c.Id, nd.Name, c.Amount, s.Block);
        ShiftMarks(before, s);
    }

    internal void ClaimStEth(Engine engine, LrtClaimStEth c)
    {
        var s = engine.State;
        if (!LidoRequests.TryGetValue(c.Id, out var request))
        {
            // Upstream reads the request from an EnumerableMap, whose get reverts for a missing (or already claimed) key.
            throw Refuse("EnumerableMapNonexistentKey", $"{Name} has no pending Lido withdrawal '{c.Id}'");
        }
        var eth = c.Eth ?? request.Amount;
        if (eth > request.Amount)
        {
            throw Refuse("InvalidLidoPayout", $"Lido pays at most the {request.Amount} wei of stETH locked, not {eth}");
        }
        var native = s.Strategies[NativeAsset(s)!].Token.Symbol;
        var before = NodeValues(s);
        // Lido pays from its buffer: ETH the engine has not seen before, so it is minted to the node delegator.
        if (!eth.IsZero)
        {
            Must(engine, new Mint(request.Node, native, eth));
        }
        LidoRequests.Remove(c.Id);
        // A payout below the locked amount (Lido's discount after a loss) is a real loss for the holders, not an
        // operator's: the marks follow it so no bond is charged for it.
        ShiftMarks(before, s);
    }
}
