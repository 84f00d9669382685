using Restake.Primitives;

namespace Restake.Protocol.State;

public sealed class Token(string symbol, int decimals)
{
    public string Symbol { get; } = symbol;
    public int Decimals { get; } = decimals;
}

/// <summary>
/// A strategy vault (StrategyBase with TVL limits), or the native-ETH pseudo-strategy whose shares
/// are wei one to one.
/// </summary>
public sealed class Strategy(string name, Token token, bool isBeacon, int index)
{
    public string Name { get; } = name;
    public Token Token { get; } = token;
    public bool IsBeacon { get; } = isBeacon;
    /// <summary>Creation order; stands in for the strategy's address where the reference orders by address.</summary>
    public int Index { get; } = index;
    public UInt256 TotalShares { get; internal set; }
    /// <summary>Tokens the vault holds (its balanceOf), including donations. Unused for native ETH.</summary>
    public UInt256 Balance { get; internal set; }
    public UInt256? MaxPerDeposit { get; internal set; }
    public UInt256? MaxTotalDeposits { get; internal set; }
    /// <summary>Slashed shares waiting to be burned (native ETH: burnableETHShares, which stay locked in pods).</summary>
    public UInt256 BurnableShares { get; internal set; }

    public UInt256 VirtualShares => TotalShares + ProtocolConstants.SharesOffset;
    public UInt256 VirtualBalance => Balance + ProtocolConstants.BalanceOffset;

    /// <summary>sharesToUnderlyingView: floor((balance + 1e3) · shares / (totalShares + 1e3)).</summary>
    public UInt256 SharesToUnderlying(UInt256 shares) =>
        IsBeacon ? shares : Wad.MulDivDown(VirtualBalance, shares, VirtualShares);
}
