using System.Text.Json.Nodes;
using Restake.Markets;
using Restake.Markets.Book;
using Restake.Primitives;

namespace Restake.Scenarios;

/// <summary>
/// The <c>pools</c> and <c>lending</c> sections: per pool its kind, balances and spot price; per lending market its
/// tokens, LLTV, oracle price, totals, bad debt and each position (collateral, debt rounded up, health factor).
/// Integers as strings (wei); prices and health factors as wad strings, as the rest of the document.
/// </summary>
internal static class MarketDocument
{
    private static JsonValue Str(UInt256 v) => JsonValue.Create(v.ToString());

    public static JsonObject Pools(MarketBook book) => new(book.Pools.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Pool(kv.Value))));

    private static JsonObject Pool(IPool p) => new()
    {
        ["kind"] = p is StableSwapPool ? "stable" : "constant_product",
        ["balances"] = new JsonObject { [p.Token0] = Str(p.Balance(p.Token0)), [p.Token1] = Str(p.Balance(p.Token1)) },
        ["price"] = new JsonObject { [p.Token0] = Str(p.SpotPrice(p.Token0)) },
    };

    public static JsonObject Lending(MarketBook book) => new(book.Markets.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Market(kv.Value))));

    private static JsonObject Market(MarketBook.LendingMarket lm)
    {
        var m = lm.Market;
        var positions = new JsonObject();
        foreach (var (user, p) in m.Positions.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var position = new JsonObject();
            if (!p.SupplyShares.IsZero)
            {
                position["lent"] = Str(m.SupplyOf(user));
            }
            if (!p.Collateral.IsZero)
            {
                position["collateral"] = Str(p.Collateral);
            }
            if (!p.BorrowShares.IsZero)
            {
                position["debt"] = Str(m.DebtOf(user));
                position["health_factor"] = Str(m.HealthFactor(user));
                position["healthy"] = m.IsHealthy(user);
            }
            positions[user] = position;
        }
        return new JsonObject
        {
            ["loan"] = m.LoanToken,
            ["collateral"] = m.CollateralToken,
            ["lltv"] = Str(m.Lltv),
            ["price"] = Str(m.Price / Wad.Unit),
            ["oracle_pool"] = lm.OraclePool,
            ["total_lent"] = Str(m.TotalSupplyAssets),
            ["total_borrowed"] = Str(m.TotalBorrowAssets),
            ["bad_debt"] = Str(m.BadDebt),
            ["positions"] = positions,
        };
    }
}
