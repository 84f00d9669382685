using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Restake.Node.Chain;
using Restake.Node.Signing;
using Restake.Scenarios;

namespace Restake.Node.Api;

/// <summary>The node's HTTP API: transactions in, state and events out, and the developer conveniences.</summary>
public static class NodeApi
{
    public const int MaxPageSize = 1_000;
    /// <summary>Dumps can be large; everything else is capped by the server-wide body limit.</summary>
    public const long MaxDumpBytes = 512L * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app, NodeService node)
    {
        var api = app.MapGroup("/api").WithTags("state");
        api.MapGet("/status", () => Results.Json(Status(node))).WithSummary("Chain id, block, time, stage, log height and state hash");
        api.MapGet("/accounts", () => Results.Json(Accounts(node))).WithSummary("The development accounts (addresses and nonces; keys are printed when the node starts)");
        api.MapGet("/accounts/{address}", (string address) => Account(node, address)).WithSummary("An account's nonce, token balances and restaking positions");
        api.MapGet("/state", () => Results.Text(node.Read(c => c.StateDocument().ToJsonString()), "application/json"))
            .WithSummary("The whole state document (as restake run --json prints it)");
        api.MapGet("/state/{section}", (string section, int? offset, int? limit) => Section(node, section, offset, limit))
            .WithSummary("One page of a state section: stakers, operators, avs, strategies, pods, withdrawals, balances; or all of rewards or lrts");
        api.MapGet("/state/{section}/{name}", (string section, string name) => Item(node, section, name))
            .WithSummary("One item of a section by name (an address, a strategy, a withdrawal id)");
        api.MapGet("/events", (long? after, int? limit) => Events(node, after, limit)).WithSummary("Log entries with their events, in order, after a height");
        // Through Handler (not a bare request delegate) so the stream appears in the OpenAPI document.
        api.MapGet("/events/stream", Handler(async http =>
        {
            await Stream(node, http);
            return Results.Empty;
        })).WithSummary("Server-sent events: one 'entry' event per new log entry, and 'reset' when a revert or load replaces the history").Produces(200, contentType: "text/event-stream");
        api.MapGet("/history/tvl", (int? points) => Tvl(node, points)).WithSummary("Each strategy's balance over the log (at most `points` samples, default 200)");
        api.MapGet("/verbs", () => Results.Json(new JsonObject(TransactionRules.Verbs.Order(StringComparer.Ordinal)
            .Select(v => KeyValuePair.Create(v, (JsonNode?)TransactionRules.Describe(v)))))).WithSummary("The verbs a transaction may carry, and who may send each");

        app.MapPost("/transactions", Handler(http => Submit(node, http))).WithTags("transactions")
            .WithSummary("Submit a signed transaction (EIP-712 typed data over chain id, from, nonce, verb and body); answers once it is durable")
            .Accepts<JsonObject>("application/json");

        var dev = app.MapGroup("/dev").WithTags("development");
        dev.MapPost("/mine", Handler(async http => Receipt(await node.MineAsync(await Number(http, "blocks", 1))))).WithSummary("Produce blocks now ({\"blocks\": n}, default 1)");
        dev.MapPost("/increase-time", Handler(async http => Receipt(await node.IncreaseTimeAsync(await Number(http, "seconds", null))))).WithSummary("Advance time by at least so many seconds ({\"seconds\": n}), in whole blocks");
        dev.MapPost("/snapshot", async () => Results.Json(new JsonObject { ["id"] = await node.SnapshotAsync() })).WithSummary("Remember this point; revert to it later (ids stay usable)");
        dev.MapPost("/revert", Handler(async http =>
        {
            // An id beyond int is no snapshot (a cast would wrap it onto one).
            var id = await Number(http, "id", null);
            return Results.Json(new JsonObject { ["reverted"] = id is >= int.MinValue and <= int.MaxValue && await node.RevertAsync((int)id) });
        })).WithSummary("Return to a snapshot ({\"id\": n}); later snapshots are forgotten");
        dev.MapPost("/automine", Handler(async http =>
        {
            node.Automine = await Number(http, "enabled", null) != 0;
            return Results.Json(new JsonObject { ["automine"] = node.Automine });
        })).WithSummary("Turn mining after each transaction on or off ({\"enabled\": 1 or 0})");
        dev.MapGet("/dump", async () => Results.Text((await node.DumpAsync()).ToJsonString(), "application/json")).WithSummary("The whole chain as a versioned document (genesis and log)");
        dev.MapPost("/load", Handler(async http =>
        {
            http.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = MaxDumpBytes;
            var hash = await node.LoadAsync(await ReadJson(http));
            return Results.Json(new JsonObject { ["state_hash"] = hash });
        })).WithSummary("Replace the chain with a dump, after replaying it and checking its state hash").Accepts<JsonObject>("application/json");
    }

    /// <summary>A handler that reads the request itself yet returns a result (not a bare request delegate).</summary>
    private static Func<HttpContext, Task<IResult>> Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    public static JsonObject Status(NodeService node) => node.Read(c => new JsonObject
    {
        ["chain_id"] = c.ChainId,
        ["height"] = c.Height,
        ["block"] = c.Engine.State.Block,
        ["time"] = StateDocument.FormatTime(c.Engine.State.Time),
        ["stage"] = c.Engine.State.Stage,
        ["state_hash"] = c.StateHash(),
        ["admin"] = EthAddress.Checksummed(c.Admin),
        ["automine"] = node.Automine,
        ["block_time"] = node.BlockTimeSeconds,
        ["store"] = node.StoreDescription,
    });

    private static JsonArray Accounts(NodeService node) => node.Read(c => new JsonArray(c.Accounts.Select(a => (JsonNode?)new JsonObject
    {
        ["index"] = a.Index,
        ["address"] = a.Address,
        ["nonce"] = c.NonceOf(a.Address),
    }).ToArray()));

    private static IResult Account(NodeService node, string address)
    {
        if (!EthAddress.IsAddress(address))
        {
            return Problems.Of(400, "InvalidAddress", $"'{address}' is not an address (0x and 40 hex digits)");
        }
        var name = EthAddress.Normalize(address);
        return Results.Json(node.Read(c => new JsonObject
        {
            ["address"] = EthAddress.Checksummed(name),
            ["nonce"] = c.NonceOf(name),
            ["balances"] = StateDocument.Item(c.Engine.State, "balances", name) ?? new JsonObject(),
            ["staker"] = StateDocument.Item(c.Engine.State, "stakers", name),
            ["operator"] = StateDocument.Item(c.Engine.State, "operators", name),
            ["avs"] = StateDocument.Item(c.Engine.State, "avs", name),
        }));
    }

    private static IResult Section(NodeService node, string section, int? offset, int? limit)
    {
        var skip = offset ?? 0;
        var take = limit ?? 100;
        if (skip < 0 || take is < 1 or > MaxPageSize)
        {
            return Problems.Of(400, "InvalidPage", $"offset must be at least 0 and limit between 1 and {MaxPageSize}");
        }
        if (section == "lrts")
        {
            var lrts = node.Read(c => StateDocument.Lrts(c.Engine.State, c.Lrts));
            return Results.Json(new JsonObject { ["section"] = section, ["total"] = lrts.Count, ["offset"] = 0, ["limit"] = lrts.Count, ["items"] = lrts });
        }
        if (section != "rewards" && !StateDocument.PagedSections.Contains(section))
        {
            // StateDocument.Page answers an unknown section with an empty page, not null.
            return Problems.Of(404, "UnknownSection", $"there is no section '{section}' (sections: {string.Join(", ", StateDocument.PagedSections)}, rewards, lrts)");
        }
        var page = node.Read(c => c.SortedNames(section) is { } names
            ? (names.Count, new JsonObject(names.Skip(skip).Take(take).Select(n => KeyValuePair.Create(n, StateDocument.Item(c.Engine.State, section, n)))))
            : StateDocument.Page(c.Engine.State, c.Rewards, section, skip, take));
        var p = page!.Value;
        return Results.Json(new JsonObject { ["section"] = section, ["total"] = p.Total, ["offset"] = skip, ["limit"] = take, ["items"] = p.Items });
    }

    private static IResult Item(NodeService node, string section, string name)
    {
        var key = EthAddress.IsAddress(name) ? EthAddress.Normalize(name) : name;
        if (!StateDocument.PagedSections.Contains(section))
        {
            return Problems.Of(404, "UnknownSection", $"there is no section '{section}' (sections: {string.Join(", ", StateDocument.PagedSections)})");
        }
        var item = node.Read(c => StateDocument.Item(c.Engine.State, section, key));
        return item is null ? Problems.Of(404, "NotFound", $"{section} has no '{name}'") : Results.Json(item);
    }

    private static IResult Events(NodeService node, long? after, int? limit)
    {
        var take = limit ?? 100;
        if (take is < 1 or > MaxPageSize)
        {
            return Problems.Of(400, "InvalidPage", $"limit must be between 1 and {MaxPageSize}");
        }
        var (total, items) = node.Feed.Page(after ?? 0, take);
        return Results.Json(new JsonObject { ["total"] = total, ["entries"] = new JsonArray(items.Select(i => (JsonNode?)Entry(i)).ToArray()) });
    }

    private static IResult Tvl(NodeService node, int? points)
    {
        var n = points ?? 200;
        if (n is < 2 or > 10_000)
        {
            return Problems.Of(400, "InvalidPoints", "points is between 2 and 10,000");
        }
        var (block, time, now) = node.Read(c => (c.Engine.State.Block, c.Engine.State.Time, c.Tvl()));
        var samples = node.Feed.SampleTvl(n);
        JsonNode Point(long height, long b, long t, IReadOnlyDictionary<string, string> tvl) => new JsonObject
        {
            ["height"] = height,
            ["block"] = b,
            ["time"] = StateDocument.FormatTime(t),
            ["strategies"] = new JsonObject(tvl.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        var list = samples.Select(i => Point(i.Height, i.Block, i.Time, i.Tvl!)).ToList();
        if (samples.Count == 0)
        {
            list.Add(Point(0, block, time, now));
        }
        return Results.Json(new JsonObject { ["points"] = new JsonArray([.. list]) });
    }

    public static JsonObject Entry(FeedItem i) => new()
    {
        ["height"] = i.Height,
        ["block"] = i.Block,
        ["kind"] = i.Kind,
        ["from"] = i.From is null ? null : EthAddress.Checksummed(i.From),
        ["verb"] = i.Verb,
        ["tx_hash"] = i.TxHash,
        ["events"] = JsonNode.Parse(i.Events),
    };

    private static async Task Stream(NodeService node, HttpContext http)
    {
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var stop = http.RequestAborted;
        var reader = node.Feed.Subscribe(stop);
        await http.Response.WriteAsync(": restake event stream\n\n", stop);
        await http.Response.Body.FlushAsync(stop);
        try
        {
            await foreach (var item in reader.ReadAllAsync(stop))
            {
                // A revert or a load replaces the history: one 'reset' event (with the new height) says so.
                var name = item.Kind == "reset" ? "reset" : "entry";
                await http.Response.WriteAsync($"id: {item.Height}\nevent: {name}\ndata: {Entry(item).ToJsonString()}\n\n", stop);
                await http.Response.Body.FlushAsync(stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<IResult> Submit(NodeService node, HttpContext http)
    {
        var tx = TransactionRequest.Parse(await ReadJson(http));
        var receipt = await node.SubmitAsync(tx);
        return Receipt(receipt);
    }

    private static IResult Receipt(Receipt r) => Results.Json(new JsonObject
    {
        ["tx_hash"] = r.Hash.Length == 0 ? null : r.Hash,
        ["height"] = r.Height,
        ["block"] = r.Block,
        ["events"] = JsonNode.Parse(r.Events),
    });

    /// <summary>
    /// The request body as JSON; a malformed one is a 400 with the parser's reason. Its text must be
    /// UTF-8 (the parser checks strings only when they are read, which would be too late) and name
    /// each field once.
    /// </summary>
    public static async Task<JsonNode?> ReadJson(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            throw RejectedException.BadRequest("MalformedJson", "the request body is not UTF-8 text");
        }
        try
        {
            return JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: TransactionRules.StrictJson);
        }
        catch (JsonException e)
        {
            throw RejectedException.BadRequest("MalformedJson", $"the request body is not JSON: {e.Message}");
        }
    }

    private static async Task<long> Number(HttpContext http, string field, long? fallback)
    {
        JsonNode? json = http.Request.ContentLength is 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Transfer-Encoding"))
            ? null
            : await ReadJson(http);
        var node = json is JsonObject o ? o[field] : null;
        if (node is null)
        {
            return fallback ?? throw RejectedException.BadRequest("MissingField", $"the body needs {{\"{field}\": n}}");
        }
        var text = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            _ => "",
        };
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw RejectedException.BadRequest("MissingField", $"'{field}' must be a whole number, not {node.ToJsonString()}");
    }
}
