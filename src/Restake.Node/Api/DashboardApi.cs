using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Restake.Node.Api;

/// <summary>Read-only facts the dashboard needs and the state sections leave out.</summary>
public static class DashboardApi
{
    public static void Map(IEndpointRouteBuilder app, NodeService node)
    {
        app.MapGet("/api/tokens", () => Results.Json(Tokens(node))).WithTags("state")
            .WithSummary("Each token's decimals, so amounts in base units can be shown in whole units");
    }

    /// <summary>Tokens by symbol with their decimals, in ordinal order (a custom genesis may mix 6 and 18 decimals).</summary>
    public static JsonObject Tokens(NodeService node) => node.Read(c =>
    {
        var tokens = new JsonObject();
        foreach (var (symbol, token) in c.Engine.State.Tokens.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            tokens[symbol] = new JsonObject { ["decimals"] = token.Decimals };
        }
        return tokens;
    });
}
