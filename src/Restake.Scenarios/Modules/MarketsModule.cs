using System.Text.Json.Nodes;
using Restake.Markets.Book;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Scenarios.Modules;

/// <summary>
/// Pools and lending markets over the network's tokens and LRTs (docs/markets.md, docs/scenarios.md). Amounts are whole
/// tokens in the token's decimals (an LRT has 18); a pool's or market's tokens are known from the step that created it, so
/// a step naming one that no earlier step created is refused when the file is read.
/// </summary>
internal sealed class MarketsModule : IScenarioModule
{
    public string Name => "markets";

    public IReadOnlySet<string> Verbs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "create_pool", "swap", "create_lending_market", "lend", "withdraw_lent", "supply_collateral", "withdraw_collateral",
        "borrow", "repay", "liquidate", "update_oracle",
    };

    public IReadOnlyList<string> Sections { get; } = ["pools", "lending"];

    public IModuleReader NewReader(ModuleParseContext context) => new Reader(context);

    public IModuleRuntime NewRuntime() => new Runtime();

    /// <summary>The run's market book, performing on the network's ledger.</summary>
    public sealed class Runtime : IModuleRuntime
    {
        public MarketBook Book { get; } = new();

        public Outcome Perform(ModuleContext context, object action) =>
            Book.Perform(new NetworkLedger(context.Engine, context.Lrts), context.Engine.State.Time, (MarketAction)action);

        public void AddSections(JsonObject document, NetworkState state)
        {
            if (Book.Pools.Count > 0 || Book.Markets.Count > 0)
            {
                document["pools"] = MarketDocument.Pools(Book);
                document["lending"] = MarketDocument.Lending(Book);
            }
        }
    }

    private sealed class Reader(ModuleParseContext c) : IModuleReader
    {
        private readonly Dictionary<string, (string Token0, string Token1)> _poolTokens = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Loan, string Collateral)> _marketTokens = new(StringComparer.Ordinal);

        public object Read(string verb, YamlFields f) => verb switch
        {
            "create_pool" => ReadCreatePool(f),
            "swap" => ReadSwap(f),
            "create_lending_market" => ReadCreateMarket(f),
            "lend" => new Lend(Market(f, out var m), f.Required("user"), Amount(f, "amount", m.Loan)),
            "withdraw_lent" => new WithdrawLent(Market(f, out var m), f.Required("user"), Amount(f, "amount", m.Loan)),
            "supply_collateral" => new SupplyCollateral(Market(f, out var m), f.Required("user"), Amount(f, "amount", m.Collateral)),
            "withdraw_collateral" => new WithdrawCollateral(Market(f, out var m), f.Required("user"), Amount(f, "amount", m.Collateral)),
            "borrow" => new Borrow(Market(f, out var m), f.Required("user"), Amount(f, "amount", m.Loan)),
            "repay" => new Repay(Market(f, out var m), f.Required("user"), f.Required("amount") == "all" ? null : Amount(f, "amount", m.Loan)),
            "liquidate" => new Liquidate(Market(f, out var m), f.Required("liquidator"), f.Required("borrower"), Amount(f, "seize", m.Collateral)),
            _ => new UpdateOracle(Market(f, out _), f.Optional("price") is { } p ? c.Fraction(p, f.Line) : null),
        };

        private UInt256 Amount(YamlFields f, string key, string token) => c.Amount(f.Required(key), token, f.Line);

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
            return new CreatePool(name, kind, tokens[0], tokens[1], c.Amount(amounts[0], tokens[0], f.Line), c.Amount(amounts[1], tokens[1], f.Line),
                f.Required("from"), (ulong)(f.OptionalInteger("fee_bps") ?? 30), (ulong)(f.OptionalInteger("amplification") ?? 100), (ulong)(f.OptionalInteger("fee") ?? 4_000_000));
        }

        private Swap ReadSwap(YamlFields f)
        {
            var pool = f.Required("pool");
            if (!_poolTokens.TryGetValue(pool, out var tokens))
            {
                throw new ScenarioFileException($"no earlier step creates a pool named '{pool}'", f.Line);
            }
            var sell = f.Required("sell");
            var buy = tokens.Token0 == sell ? tokens.Token1 : tokens.Token0;
            return new Swap(pool, f.Required("user"), sell, Amount(f, "amount", sell), f.Optional("min_out") is { } min ? c.Amount(min, buy, f.Line) : UInt256.Zero);
        }

        private CreateLendingMarket ReadCreateMarket(YamlFields f)
        {
            var name = f.Required("market");
            var oraclePool = f.Optional("oracle_pool");
            if (oraclePool is not null && !_poolTokens.ContainsKey(oraclePool))
            {
                throw new ScenarioFileException($"no earlier step creates a pool named '{oraclePool}'", f.Line);
            }
            if (oraclePool is null && f.Optional("price") is null)
            {
                throw new ScenarioFileException("create_lending_market: give a price or an oracle_pool", f.Line);
            }
            var (loan, collateral) = (f.Required("loan"), f.Required("collateral"));
            _marketTokens[name] = (loan, collateral);
            return new CreateLendingMarket(name, loan, collateral, c.Fraction(f.Required("lltv"), f.Line),
                f.Optional("price") is { } p ? c.Fraction(p, f.Line) : UInt256.Zero, oraclePool, c.Fraction(f.Optional("rate") ?? "0", f.Line));
        }
    }
}
