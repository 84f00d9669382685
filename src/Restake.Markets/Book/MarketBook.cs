using Restake.Markets.Morpho;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Markets.Book;

/// <summary>
/// The pools and lending markets deployed on one network, driven by scenario steps. Tokens really move: a pool's
/// reserves are held by <c>pool:NAME</c> and a market's by <c>market:NAME</c> in the network's ledger, so conservation
/// is checkable from the balances. Every action validates (balances, the market's own checks on copies of its numbers)
/// before the first transfer, so a refusal changes nothing.
/// </summary>
public sealed class MarketBook
{
    private readonly SortedDictionary<string, IPool> _pools = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, LendingMarket> _markets = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IPool> Pools => _pools;
    public IReadOnlyDictionary<string, LendingMarket> Markets => _markets;

    public static string PoolHolder(string pool) => $"pool:{pool}";
    public static string MarketHolder(string market) => $"market:{market}";

    /// <summary>A lending market with its oracle pool, if any.</summary>
    public sealed record LendingMarket(string Name, MorphoMarket Market, string? OraclePool);

    public Outcome Perform(ITokenLedger ledger, long now, MarketAction action)
    {
        try
        {
            switch (action)
            {
                case CreatePool c: CreatePool(ledger, c); break;
                case Swap c: Swap(ledger, c); break;
                case CreateLendingMarket c: CreateMarket(ledger, c, now); break;
                case Lend c: Lend(ledger, c, now); break;
                case WithdrawLent c: WithdrawLent(ledger, c, now); break;
                case SupplyCollateral c: SupplyCollateral(ledger, c); break;
                case WithdrawCollateral c: WithdrawCollateral(ledger, c, now); break;
                case Borrow c: Borrow(ledger, c, now); break;
                case Repay c: Repay(ledger, c, now); break;
                case Liquidate c: Liquidate(ledger, c, now); break;
                case UpdateOracle c: UpdateOracle(c); break;
                default: throw new ArgumentException($"unknown market action {action.GetType().Name}", nameof(action));
            }
            return Outcome.Ok;
        }
        catch (RevertException e)
        {
            return new Outcome(e.Error);
        }
    }

    private static void Must(bool ok, string name, string message) => MarketRevert.If(!ok, name, message);

    private static void Holds(ITokenLedger ledger, string holder, string token, UInt256 amount) =>
        Must(ledger.BalanceOf(holder, token) >= amount, "ERC20InsufficientBalance", $"{holder} holds {ledger.BalanceOf(holder, token)} base units of {token}, less than {amount}");

    private void CreatePool(ITokenLedger ledger, CreatePool c)
    {
        Must(!_pools.ContainsKey(c.Pool), "PoolExists", $"a pool named '{c.Pool}' exists");
        Must(ledger.Knows(c.Token0) && ledger.Knows(c.Token1), "UnknownToken", $"the network has no token {(ledger.Knows(c.Token0) ? c.Token1 : c.Token0)}");
        Holds(ledger, c.From, c.Token0, c.Amount0);
        Holds(ledger, c.From, c.Token1, c.Amount1);
        IPool pool = c.Kind == PoolKind.Stable
            ? new StableSwapPool(c.Token0, c.Token1, c.Amount0, c.Amount1, c.Amplification, c.StableFee)
            : new ConstantProductPool(c.Token0, c.Token1, c.Amount0, c.Amount1, c.FeeBps);
        ledger.Transfer(c.From, PoolHolder(c.Pool), c.Token0, c.Amount0);
        ledger.Transfer(c.From, PoolHolder(c.Pool), c.Token1, c.Amount1);
        _pools[c.Pool] = pool;
    }

    private void Swap(ITokenLedger ledger, Swap c)
    {
        var pool = PoolNamed(c.Pool);
        Holds(ledger, c.User, c.Sell, c.Amount);
        var buy = c.Sell == pool.Token0 ? pool.Token1 : pool.Token0;
        var out_ = pool.Swap(c.Sell, c.Amount, c.MinOut); // validates first; refusals change nothing
        ledger.Transfer(c.User, PoolHolder(c.Pool), c.Sell, c.Amount);
        ledger.Transfer(PoolHolder(c.Pool), c.User, buy, out_);
    }

    private void CreateMarket(ITokenLedger ledger, CreateLendingMarket c, long now)
    {
        Must(!_markets.ContainsKey(c.Market), "MarketAlreadyCreated", $"a market named '{c.Market}' exists");
        Must(ledger.Knows(c.Loan) && ledger.Knows(c.Collateral), "UnknownToken", $"the network has no token {(ledger.Knows(c.Loan) ? c.Collateral : c.Loan)}");
        if (c.OraclePool is { } p)
        {
            var pool = PoolNamed(p);
            Must(new[] { pool.Token0, pool.Token1 }.Order().SequenceEqual(new[] { c.Loan, c.Collateral }.Order()), "OraclePoolMismatch", $"pool '{p}' does not trade {c.Collateral} against {c.Loan}");
        }
        var price = c.OraclePool is { } op ? _pools[op].SpotPrice(c.Collateral) : c.Price;
        _markets[c.Market] = new LendingMarket(c.Market, new MorphoMarket(c.Loan, c.Collateral, c.Lltv, price * Wad.Unit, new FixedRate(c.YearlyRate), now), c.OraclePool);
    }

    private void Lend(ITokenLedger ledger, Lend c, long now)
    {
        var m = MarketNamed(c.Market);
        Holds(ledger, c.User, m.Market.LoanToken, c.Amount);
        m.Market.Supply(c.User, c.Amount, now);
        ledger.Transfer(c.User, MarketHolder(c.Market), m.Market.LoanToken, c.Amount);
    }

    private void WithdrawLent(ITokenLedger ledger, WithdrawLent c, long now)
    {
        var m = MarketNamed(c.Market);
        m.Market.AccrueInterest(now);
        Must(m.Market.SupplyOf(c.User) >= c.Amount, "InsufficientBalance", $"{c.User} can withdraw {m.Market.SupplyOf(c.User)} from {c.Market}, less than {c.Amount}");
        Holds(ledger, MarketHolder(c.Market), m.Market.LoanToken, c.Amount);
        m.Market.Withdraw(c.User, c.Amount, now);
        ledger.Transfer(MarketHolder(c.Market), c.User, m.Market.LoanToken, c.Amount);
    }

    private void SupplyCollateral(ITokenLedger ledger, SupplyCollateral c)
    {
        var m = MarketNamed(c.Market);
        Holds(ledger, c.User, m.Market.CollateralToken, c.Amount);
        m.Market.SupplyCollateral(c.User, c.Amount);
        ledger.Transfer(c.User, MarketHolder(c.Market), m.Market.CollateralToken, c.Amount);
    }

    private void WithdrawCollateral(ITokenLedger ledger, WithdrawCollateral c, long now)
    {
        var m = MarketNamed(c.Market);
        Holds(ledger, MarketHolder(c.Market), m.Market.CollateralToken, c.Amount);
        m.Market.WithdrawCollateral(c.User, c.Amount, now);
        ledger.Transfer(MarketHolder(c.Market), c.User, m.Market.CollateralToken, c.Amount);
    }

    private void Borrow(ITokenLedger ledger, Borrow c, long now)
    {
        var m = MarketNamed(c.Market);
        Holds(ledger, MarketHolder(c.Market), m.Market.LoanToken, c.Amount);
        m.Market.Borrow(c.User, c.Amount, now);
        ledger.Transfer(MarketHolder(c.Market), c.User, m.Market.LoanToken, c.Amount);
    }

    private void Repay(ITokenLedger ledger, Repay c, long now)
    {
        var m = MarketNamed(c.Market);
        m.Market.AccrueInterest(now);
        var owed = c.Amount ?? m.Market.DebtOf(c.User);
        Must(!owed.IsZero, "InconsistentInput", $"{c.User} owes nothing in {c.Market}");
        Holds(ledger, c.User, m.Market.LoanToken, owed);
        var (paid, _) = m.Market.Repay(c.User, c.Amount, now);
        ledger.Transfer(c.User, MarketHolder(c.Market), m.Market.LoanToken, paid);
    }

    private void Liquidate(ITokenLedger ledger, Liquidate c, long now)
    {
        var m = MarketNamed(c.Market);
        m.Market.AccrueInterest(now);
        Holds(ledger, c.Liquidator, m.Market.LoanToken, m.Market.RepaidFor(c.Seize));
        var l = m.Market.Liquidate(c.Borrower, c.Seize, now);
        ledger.Transfer(c.Liquidator, MarketHolder(c.Market), m.Market.LoanToken, l.RepaidAssets);
        ledger.Transfer(MarketHolder(c.Market), c.Liquidator, m.Market.CollateralToken, l.SeizedAssets);
    }

    private void UpdateOracle(UpdateOracle c)
    {
        var m = MarketNamed(c.Market);
        Must(c.Price is not null || m.OraclePool is not null, "NoOracleSource", $"market '{c.Market}' reads no pool: give a price");
        var price = c.Price ?? _pools[m.OraclePool!].SpotPrice(m.Market.CollateralToken);
        m.Market.SetPrice(price * Wad.Unit);
    }

    private IPool PoolNamed(string name) =>
        _pools.TryGetValue(name, out var p) ? p : throw new RevertException(new ProtocolError("UnknownPool", $"there is no pool named '{name}'"));

    private LendingMarket MarketNamed(string name) =>
        _markets.TryGetValue(name, out var m) ? m : throw new RevertException(new ProtocolError("MarketNotCreated", $"there is no market named '{name}'"));
}
