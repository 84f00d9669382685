using Restake.Primitives;

namespace Restake.Markets.Book;

/// <summary>A market action from a scenario step: pools and lending markets on the network's tokens.</summary>
public abstract record MarketAction;

public enum PoolKind
{
    ConstantProduct,
    Stable,
}

/// <summary>Opens a pool funded by <paramref name="From"/> with both amounts.</summary>
public sealed record CreatePool(string Pool, PoolKind Kind, string Token0, string Token1, UInt256 Amount0, UInt256 Amount1, string From, ulong FeeBps, ulong Amplification, ulong StableFee) : MarketAction;

public sealed record Swap(string Pool, string User, string Sell, UInt256 Amount, UInt256 MinOut) : MarketAction;

/// <summary>A Morpho-style market; its price is set directly or read from a pool by <see cref="UpdateOracle"/>.</summary>
public sealed record CreateLendingMarket(string Market, string Loan, string Collateral, UInt256 Lltv, UInt256 Price, string? OraclePool, UInt256 YearlyRate) : MarketAction;

public sealed record Lend(string Market, string User, UInt256 Amount) : MarketAction;

public sealed record WithdrawLent(string Market, string User, UInt256 Amount) : MarketAction;

public sealed record SupplyCollateral(string Market, string User, UInt256 Amount) : MarketAction;

public sealed record WithdrawCollateral(string Market, string User, UInt256 Amount) : MarketAction;

public sealed record Borrow(string Market, string User, UInt256 Amount) : MarketAction;

/// <summary>Repays <paramref name="Amount"/>, or everything when it is null.</summary>
public sealed record Repay(string Market, string User, UInt256? Amount) : MarketAction;

public sealed record Liquidate(string Market, string Liquidator, string Borrower, UInt256 Seize) : MarketAction;

/// <summary>Sets the market's price (wad), or reads its oracle pool's spot price when <paramref name="Price"/> is null.</summary>
public sealed record UpdateOracle(string Market, UInt256? Price) : MarketAction;

/// <summary>Token balances the markets move: the engine's tokens and the LRTs, behind one face.</summary>
public interface ITokenLedger
{
    bool Knows(string token);
    UInt256 BalanceOf(string holder, string token);

    /// <summary>Moves tokens; refused (a <see cref="Protocol.RevertException"/>, nothing moved) when <paramref name="from"/> holds less.</summary>
    void Transfer(string from, string to, string token, UInt256 amount);
}
