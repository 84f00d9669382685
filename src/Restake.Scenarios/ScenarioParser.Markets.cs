using Restake.Markets.Book;
using Restake.Primitives;

namespace Restake.Scenarios;

// The market verbs (docs/scenarios.md, docs/markets.md): pools and lending markets over the network's tokens and LRTs.
// Amounts are whole tokens in the token's decimals (an LRT has 18); a pool's or market's tokens are known from the step
// that created it, so a step naming one that no earlier step created is refused at parse time.
public static partial class ScenarioParser
{
    private sealed partial class Reader
    {
        private readonly Dictionary<string, (string Token0, string Token1)> _poolTokens = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Loan, string Collateral)> _marketTokens = new(StringComparer.Ordinal);

        public static readonly IReadOnlySet<string> MarketVerbs = new HashSet<string>(StringComparer.Ordinal)
        {
            "create_pool", "swap", "create_lending_market", "lend", "withdraw_lent", "supply_collateral", "withdraw_collateral",
            "borrow", "repay", "liquidate", "update_oracle",
        };

        private MarketAction ReadMarket(string verb, YamlFields f) => verb switch
        {
            "create_pool" => ReadCreatePool(f),
            "swap" => ReadSwap(f),
            "create_lending_market" => ReadCreateMarket(f),
            "lend" => new Lend(Market(f, out var m), f.Required("user"), MarketAmount(f, "amount", m.Loan)),
            "withdraw_lent" => new WithdrawLent(Market(f, out var m), f.Required("user"), MarketAmount(f, "amount", m.Loan)),
            "supply_collateral" => new SupplyCollateral(Market(f, out var m), f.Required("user"), MarketAmount(f, "amount", m.Collateral)),
            "withdraw_collateral" => new WithdrawCollateral(Market(f, out var m), f.Required("user"), MarketAmount(f, "amount", m.Collateral)),
            "borrow" => new Borrow(Market(f, out var m), f.Required("user"), MarketAmount(f, "amount", m.Loan)),
            "repay" => new Repay(Market(f, out var m), f.Required("user"), f.Required("amount") == "all" ? null : MarketAmount(f, "amount", m.Loan)),
            "liquidate" => new Liquidate(Market(f, out var m), f.Required("liquidator"), f.Required("borrower"), MarketAmount(f, "seize", m.Collateral)),
            _ => new UpdateOracle(Market(f, out _), f.Optional("price") is { } p ? Fraction(p, f.Line) : null),
        };

        private int DecimalsOf(string token) => _tokens.TryGetValue(token, out var d) ? d : Amounts.EthDecimals;

        private UInt256 MarketAmount(YamlFields f, string key, string token) => TokenAmount(f.Required(key), token, DecimalsOf(token), f.Line);

        private string Market(YamlFields f, out (string Loan, string Collateral) tokens)
        {
            var name = f.Required("market");
            if (!_marketTokens.TryGetValue(name, out tokens))
            {
                throw new ScenarioFileException($"no earlier step creates a lending market named '{name}'", f.Line);
            }
            return name;
        }

        private CreatePool ReadCreatePool(YamlFields f)
        {
            var name = f.Required("pool");
            var tokens = f.RequiredList("tokens");
            var amounts = f.RequiredList("amounts");
            if (tokens.Count != 2 || amounts.Count != 2)
            {
                throw new ScenarioFileException("create_pool: 'tokens' and 'amounts' are lists of two", f.Line);
            }
            var kind = (f.Optional("kind") ?? "constant_product") switch
            {
                "constant_product" => PoolKind.ConstantProduct,
                "stable" => PoolKind.Stable,
                var k => throw new ScenarioFileException($"create_pool: kind '{k}' is constant_product or stable", f.Line),
            };
            _poolTokens[name] = (tokens[0], tokens[1]);
            return new CreatePool(name, kind, tokens[0], tokens[1], TokenAmount(amounts[0], tokens[0], DecimalsOf(tokens[0]), f.Line),
                TokenAmount(amounts[1], tokens[1], DecimalsOf(tokens[1]), f.Line), f.Required("from"),
                (ulong)(f.OptionalInteger("fee_bps") ?? 30), (ulong)(f.OptionalInteger("amplification") ?? 100), (ulong)(f.OptionalInteger("fee") ?? 4_000_000));
        }

        private Swap ReadSwap(YamlFields f)
        {
            var pool = f.Required("pool");
            if (!_poolTokens.ContainsKey(pool))
            {
                throw new ScenarioFileException($"no earlier step creates a pool named '{pool}'", f.Line);
            }
            var sell = f.Required("sell");
            return new Swap(pool, f.Required("user"), sell, MarketAmount(f, "amount", sell),
                f.Optional("min_out") is { } min ? TokenAmount(min, Other(pool, sell), DecimalsOf(Other(pool, sell)), f.Line) : UInt256.Zero);
        }

        private string Other(string pool, string token) => _poolTokens[pool].Token0 == token ? _poolTokens[pool].Token1 : _poolTokens[pool].Token0;

        private CreateLendingMarket ReadCreateMarket(YamlFields f)
        {
            var name = f.Required("market");
            var loan = f.Required("loan");
            var collateral = f.Required("collateral");
            var oraclePool = f.Optional("oracle_pool");
            if (oraclePool is not null && !_poolTokens.ContainsKey(oraclePool))
            {
                throw new ScenarioFileException($"no earlier step creates a pool named '{oraclePool}'", f.Line);
            }
            if (oraclePool is null && f.Optional("price") is null)
            {
                throw new ScenarioFileException("create_lending_market: give a price or an oracle_pool", f.Line);
            }
            _marketTokens[name] = (loan, collateral);
            return new CreateLendingMarket(name, loan, collateral, Fraction(f.Required("lltv"), f.Line),
                f.Optional("price") is { } p ? Fraction(p, f.Line) : UInt256.Zero, oraclePool, Fraction(f.Optional("rate") ?? "0", f.Line));
        }
    }
}
