using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Restake.Node.Chain;

namespace Restake.Node.Api;

/// <summary>
/// JSON-RPC 2.0 at <c>POST /rpc</c> with the method names local Ethereum nodes use for their
/// development calls (evm_snapshot, evm_revert, evm_mine, anvil_mine, evm_increaseTime,
/// evm_setAutomine, anvil_dumpState, anvil_loadState), so test fixtures written for those nodes carry
/// over; Restake's own calls live under <c>restake_</c>.
/// </summary>
public static class RpcApi
{
    public static void Map(IEndpointRouteBuilder app, NodeService node) =>
        app.MapPost("/rpc", (Func<HttpContext, Task<IResult>>)(http => Handle(node, http))).WithTags("development")
            .WithSummary("JSON-RPC 2.0: eth_chainId, eth_blockNumber, evm_snapshot, evm_revert, evm_mine, anvil_mine, evm_increaseTime, evm_setAutomine, anvil_getAutomine, anvil_dumpState, anvil_loadState, restake_status, restake_sendTransaction");

    private static async Task<IResult> Handle(NodeService node, HttpContext http)
    {
        JsonNode? request;
        try
        {
            request = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return Error(null, -32700, $"parse error: {e.Message}", "MalformedJson");
        }
        if (request is not JsonObject call || call["method"] is not JsonValue m || m.GetValueKind() != JsonValueKind.String)
        {
            return Error(null, -32600, "a JSON-RPC request is an object with \"method\" (and optionally \"params\" and \"id\")", "InvalidRequest");
        }
        var id = call["id"]?.DeepClone();
        var args = call["params"] as JsonArray ?? [];
        try
        {
            JsonNode? result = m.GetValue<string>() switch
            {
                "eth_chainId" => Hex(node.Read(c => c.ChainId)),
                "eth_blockNumber" => Hex(node.Read(c => c.Engine.State.Block)),
                "evm_snapshot" => Hex(await node.SnapshotAsync()),
                "evm_revert" => await node.RevertAsync((int)Integer(args, 0, "snapshot id")),
                "evm_mine" => Mined(await node.MineAsync(1)),
                "anvil_mine" => Mined(await node.MineAsync(args.Count > 0 ? Integer(args, 0, "blocks") : 1)),
                "evm_increaseTime" => Mined(await node.IncreaseTimeAsync(Integer(args, 0, "seconds"))),
                "evm_setAutomine" => SetAutomine(node, args),
                "anvil_getAutomine" => node.Automine,
                "anvil_dumpState" => await node.DumpAsync(),
                "anvil_loadState" => await node.LoadAsync(args.Count > 0 ? args[0] : null) is not null,
                "restake_status" => NodeApi.Status(node),
                "restake_sendTransaction" => Receipt(await node.SubmitAsync(TransactionRequest.Parse(args.Count > 0 ? args[0] : null))),
                var other => throw new RejectedException(404, "MethodNotFound", $"unknown method '{other}'"),
            };
            return Results.Json(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });
        }
        catch (RejectedException e)
        {
            return Error(id, e.Error == "MethodNotFound" ? -32601 : e.Status is 400 ? -32602 : -32000, e.Detail, e.Error);
        }
    }

    private static JsonValue Mined(Receipt r) => Hex(r.Block);

    private static JsonNode? SetAutomine(NodeService node, JsonArray args)
    {
        node.Automine = args.Count > 0 && args[0]?.GetValueKind() == JsonValueKind.True;
        return null;
    }

    private static JsonObject Receipt(Receipt r) => new()
    {
        ["tx_hash"] = r.Hash,
        ["height"] = r.Height,
        ["block"] = r.Block,
        ["events"] = JsonNode.Parse(r.Events),
    };

    private static JsonValue Hex(long value) => JsonValue.Create("0x" + value.ToString("x", CultureInfo.InvariantCulture));

    /// <summary>A whole-number parameter, given as a JSON number or a hex or decimal string.</summary>
    private static long Integer(JsonArray args, int index, string what)
    {
        var node = args.Count > index ? args[index] : null;
        var text = node?.GetValueKind() switch
        {
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.String => node.GetValue<string>(),
            _ => null,
        };
        if (text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw RejectedException.BadRequest("InvalidParams", $"params[{index}] ({what}) must be a whole number");
    }

    private static IResult Error(JsonNode? id, int code, string message, string error) => Results.Json(new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["error"] = error } },
    });
}
