using CsCheck;
using Restake.Markets.Book;
using Restake.Primitives;
using static Restake.Markets.Tests.Units;

namespace Restake.Markets.Tests;

/// <summary>A plain in-memory ledger: the markets' view of token balances, kept by the test.</summary>
internal sealed class MemoryLedger : ITokenLedger
{
    private readonly Dictionary<(string, string), UInt256> _balances = [];

    public bool Knows(string token) => token is "ezETH" or "WETH";

    public UInt256 BalanceOf(string holder, string token) => _balances.GetValueOrDefault((holder, token));

    public void Mint(string holder, string token, UInt256 amount) => _balances[(holder, token)] = BalanceOf(holder, token) + amount;

    public void Transfer(string from, string to, string token, UInt256 amount)
    {
        var held = BalanceOf(from, token);
        if (held < amount)
        {
            throw new Protocol.RevertException(new Protocol.ProtocolError("ERC20InsufficientBalance", $"{from} holds {held}"));
        }
        _balances[(from, token)] = held - amount;
        _balances[(to, token)] = BalanceOf(to, token) + amount;
    }

    public UInt256 Total(string token) => _balances.Where(kv => kv.Key.Item2 == token).Aggregate(UInt256.Zero, (s, kv) => s + kv.Value);
}

public class MarketBookTests
{
    /// <summary>
    /// Random swaps, loans, repayments, price moves and liquidations, accepted or refused: tokens are never created or
    /// destroyed, a pool's reserves are exactly what its holder holds, a market's cash is exactly what is lent less what
    /// is borrowed, and a refused action changes no balance.
    /// </summary>
    [Fact]
    public void balances_are_conserved_and_books_match_the_ledger()
    {
        var users = new[] { "a", "b", "c" };
        var op = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 2], Gen.ULong[1, 300]);
        Gen.Int[1, 40].SelectMany(n => op.Array[n]).Sample(ops =>
        {
            var ledger = new MemoryLedger();
            foreach (var u in users.Append("lp").Append("lender"))
            {
                ledger.Mint(u, "ezETH", Eth(500));
                ledger.Mint(u, "WETH", Eth(500));
            }
            var book = new MarketBook();
            Assert.True(book.Perform(ledger, 0, new CreatePool("p", PoolKind.ConstantProduct, "ezETH", "WETH", Eth(400), Eth(400), "lp", 30, 100, 0)).Accepted);
            Assert.True(book.Perform(ledger, 0, new CreateLendingMarket("m", "WETH", "ezETH", 860_000_000_000_000_000UL, UInt256.Zero, "p", UInt256.Zero)).Accepted);
            Assert.True(book.Perform(ledger, 0, new Lend("m", "lender", Eth(400))).Accepted);
            foreach (var (kind, who, size) in ops)
            {
                var user = users[who];
                var amount = (UInt256)size * 1_000_000_000_000_000_00UL;
                MarketAction action = kind switch
                {
                    0 => new Swap("p", user, size % 2 == 0 ? "ezETH" : "WETH", amount, UInt256.Zero),
                    1 => new SupplyCollateral("m", user, amount),
                    2 => new Borrow("m", user, amount / 2UL),
                    3 => new Repay("m", user, null),
                    4 => new UpdateOracle("m", null),
                    5 => new Liquidate("m", users[(who + 1) % 3], user, amount / 4UL),
                    _ => new WithdrawCollateral("m", user, amount / 3UL),
                };
                var before = users.Select(u => (ledger.BalanceOf(u, "ezETH"), ledger.BalanceOf(u, "WETH"))).ToList();
                var outcome = book.Perform(ledger, 0, action);
                if (!outcome.Accepted)
                {
                    Assert.Equal(before, users.Select(u => (ledger.BalanceOf(u, "ezETH"), ledger.BalanceOf(u, "WETH"))).ToList());
                }
                Assert.Equal(Eth(2_500), ledger.Total("ezETH"));
                Assert.Equal(Eth(2_500), ledger.Total("WETH"));
                var pool = book.Pools["p"];
                Assert.Equal(pool.Balance("ezETH"), ledger.BalanceOf(MarketBook.PoolHolder("p"), "ezETH"));
                Assert.Equal(pool.Balance("WETH"), ledger.BalanceOf(MarketBook.PoolHolder("p"), "WETH"));
                var market = book.Markets["m"].Market;
                Assert.Equal(market.TotalSupplyAssets - market.TotalBorrowAssets, ledger.BalanceOf(MarketBook.MarketHolder("m"), "WETH"));
                Assert.Equal(market.Positions.Values.Aggregate(UInt256.Zero, (s, p) => s + p.Collateral), ledger.BalanceOf(MarketBook.MarketHolder("m"), "ezETH"));
            }
        }, iter: 300);
    }
}
