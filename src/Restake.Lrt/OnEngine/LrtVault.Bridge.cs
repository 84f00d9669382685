using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.OnEngine;

/// <summary>ezETH: the L1 rate pushed to the L2 deposit contract; <paramref name="Time"/> is the push's timestamp (null: now).</summary>
public sealed record LrtPricePush(string Lrt, UInt256 Price, long? Time = null) : LrtAction;

/// <summary>ezETH: a deposit on the L2, minting xezETH at the pushed price; with <paramref name="MintShortfall"/> the faucet tops up the user first.</summary>
public sealed record LrtBridgeMint(string Lrt, string User, string Asset, UInt256 Amount, bool MintShortfall = false) : LrtAction;

/// <summary>ezETH: the L2's collected deposit bridged to L1 and restaked; the sweeper (null: <see cref="LrtVault.RenzoSweeper"/>) is paid the bridge fees.</summary>
public sealed record LrtBridgeSweep(string Lrt, string? Sweeper = null) : LrtAction;

// ezETH minted on an L2 (xRenzoDeposit): priced at the last L1 rate pushed there, backed once the sweep deposits on L1.
public sealed partial class LrtVault
{
    /// <summary>Who the bridge fees go to by default: upstream pays them to the whitelisted sweeper, for the bridging it pays.</summary>
    public const string RenzoSweeper = "renzo:bridge-sweeper";

    /// <summary>The L2 deposit contract: holds users' deposits (and the fees) until the sweep.</summary>
    public string L2DepositHolder => $"{Name}:l2-deposit";

    /// <summary>The L1 lockbox: holds the ezETH minted for swept L2 deposits, the backing of xezETH.</summary>
    public string L2Lockbox => $"{Name}:l2-lockbox";

    /// <summary>xezETH on the L2 (Renzo only; null for other presets).</summary>
    public ShareLedger? L2Token { get; private set; }

    /// <summary>The last price pushed to the L2 (zero: none yet) and its timestamp.</summary>
    public UInt256 L2LastPrice { get; private set; }
    public long L2PriceTime { get; private set; }

    /// <summary>Deposit tokens (first asset) collected on the L2, net of fees, not yet swept: the backing gap.</summary>
    public UInt256 L2PendingTokens { get; private set; }

    /// <summary>Bridge fees (first asset) held by the L2 deposit contract until the sweep pays them out.</summary>
    public UInt256 L2FeeTokens { get; private set; }

    internal void InitBridge()
    {
        if (Preset == LrtPreset.Renzo)
        {
            L2Token = new ShareLedger($"x{Name}");
        }
    }

    /// <summary>What the collected, unswept L2 deposits are worth in ETH: xezETH not yet backed by ezETH in the lockbox.</summary>
    public UInt256 L2PendingValue => Wad.MulDown(L2PendingTokens, PricesWad[Assets[0]]);

    internal void PushPrice(Protocol.State.NetworkState s, LrtPricePush c)
    {
        RequireBridge();
        var time = c.Time ?? s.Time;
        if (time < 0)
        {
            throw Refuse("InvalidTimestamp", $"{time} is before 1970");
        }
        RenzoL2Deposit.CheckPush(L2LastPrice, (ulong)L2PriceTime, c.Price, (ulong)time, (ulong)s.Time);
        L2LastPrice = c.Price;
        L2PriceTime = time;
    }

    /// <summary>
    /// xRenzoDeposit.deposit: fee = ⌊min(amount, 32 ETH)·5/1e4⌋ stays with the deposit contract; xezETH =
    /// ⌊(amount − fee)·assetPrice/lastPrice⌋ (upstream's deposit token is WETH at 1:1). Only the first asset
    /// is the L2 deposit token, so a sweep is one L1 deposit.
    /// </summary>
    internal UInt256 BridgeMint(Engine engine, LrtBridgeMint c)
    {
        var s = engine.State;
        RequireBridge();
        if (c.Asset != Assets[0])
        {
            throw Refuse("UnsupportedAsset", $"the {Name} L2 deposit contract takes {Assets[0]} only");
        }
        if (c.Amount.IsZero)
        {
            throw Refuse("InvalidZeroInput", "an L2 deposit of zero");
        }
        RenzoL2Deposit.CheckFresh((ulong)L2PriceTime, (ulong)s.Time);
        var fee = RenzoL2Deposit.BridgeFee(c.Amount);
        var net = c.Amount - fee;
        var minted = UInt256.MulDiv(Wad.MulDown(net, PricesWad[c.Asset]), Wad.Unit, L2LastPrice);
        if (minted.IsZero)
        {
            throw Refuse("InvalidZeroOutput", $"an L2 deposit of {c.Amount} {c.Asset} mints no x{Name}");
        }
        var token = s.Strategies[c.Asset].Token.Symbol;
        var held = s.BalanceOf(c.User, token);
        if (c.MintShortfall && held < c.Amount)
        {
            Must(engine, new Mint(c.User, token, c.Amount - held));
        }
        Must(engine, new TransferToken(c.User, L2DepositHolder, token, c.Amount));
        L2PendingTokens += net;
        L2FeeTokens += fee;
        L2Token!.Mint(c.User, minted);
        return minted;
    }

    /// <summary>
    /// sweep: the collected tokens are deposited on L1 like any deposit (same price checks, policy and mint
    /// formula), the ezETH locked in the lockbox; then the bridge fees go to the sweeper. Nothing collected: refused.
    /// </summary>
    internal UInt256 BridgeSweep(Engine engine, LrtBridgeSweep c)
    {
        var s = engine.State;
        RequireBridge();
        if (L2PendingTokens.IsZero)
        {
            throw Refuse("InvalidZeroInput", $"the {Name} L2 deposit contract holds nothing to sweep");
        }
        var token = s.Strategies[Assets[0]].Token.Symbol;
        if (s.BalanceOf(L2DepositHolder, token) < L2PendingTokens + L2FeeTokens)
        {
            throw Refuse("ERC20InsufficientBalance", $"the {Name} L2 deposit contract holds less {token} than it collected");
        }
        var minted = Deposit(engine, new LrtDeposit(Name, L2DepositHolder, Assets[0], L2PendingTokens));
        if (!L2FeeTokens.IsZero)
        {
            Must(engine, new TransferToken(L2DepositHolder, c.Sweeper ?? RenzoSweeper, token, L2FeeTokens));
        }
        Token.Transfer(L2DepositHolder, L2Lockbox, minted);
        L2PendingTokens = UInt256.Zero;
        L2FeeTokens = UInt256.Zero;
        return minted;
    }

    private void RequireBridge()
    {
        if (L2Token is null)
        {
            throw Refuse("L2MintUnsupported", $"{Name} has no L2 deposit contract (ezETH only)");
        }
    }
}
