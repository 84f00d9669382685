using System.Text.Json.Nodes;
using static Restake.Node.Tests.Api.ApiNetwork;

namespace Restake.Node.Tests.Api;

/// <summary>
/// The developer's controls on both stores: snapshots and reverts (reusable, nested, forgetting
/// later ones), and dumps that load into a fresh node (the same chain) or are refused when tampered with.
/// </summary>
[Collection(PostgresCollection.Name)]
public class DevControlTests(PostgresServer postgres)
{
    private static JsonObject Deposit(string amount) => new() { ["strategy"] = "stETH", ["amount"] = amount };

    private static async Task<int> Snapshot(ApiNode n) => (await n.Post("/dev/snapshot"))["id"]!.GetValue<int>();

    private static async Task<bool> Revert(ApiNode n, int id) => (await n.Post("/dev/revert", new() { ["id"] = id }))["reverted"]!.GetValue<bool>();

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Snapshots_revert_as_often_as_wanted_nest_and_forget_later_ones(StoreKind store)
    {
        await using var n = await ApiNode.StartAsync(store, postgres, Genesis());
        var start = await n.StateHash();
        var outer = await Snapshot(n);
        await n.Ok(Alice, "deposit", Deposit("1"));
        var afterFirst = await n.StateHash();
        var inner = await Snapshot(n);
        await n.Ok(Alice, "deposit", Deposit("2"));
        var afterSecond = await n.StateHash();

        Assert.True(await Revert(n, inner));
        Assert.Equal(afterFirst, await n.StateHash());
        Assert.Equal(1ul, await n.Nonce(Alice));
        Assert.Equal(1, (await n.Get("/api/events"))["total"]!.GetValue<int>());
        // The reverted transaction's nonce is free again: the same transaction lands again, to the same state.
        await n.Ok(Alice, "deposit", Deposit("2"));
        Assert.Equal(afterSecond, await n.StateHash());
        Assert.True(await Revert(n, inner));
        Assert.Equal(afterFirst, await n.StateHash());

        Assert.True(await Revert(n, outer));
        Assert.Equal(start, await n.StateHash());
        Assert.Equal(0ul, await n.Nonce(Alice));
        Assert.False(await Revert(n, inner), "reverting to the outer snapshot forgets the inner one");
        Assert.Equal(start, await n.StateHash());
        await n.Ok(Alice, "deposit", Deposit("3"));
        Assert.True(await Revert(n, outer));
        Assert.Equal(start, await n.StateHash());
        Assert.False(await Revert(n, 999));
        await n.Refused(400, "MissingField", () => n.Client.PostAsync("/dev/revert", new JsonObject()));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite, StoreKind.Postgres)]
    [InlineData(StoreKind.Postgres, StoreKind.Sqlite)]
    public async Task A_dump_loads_into_a_fresh_node_as_the_same_chain(StoreKind from, StoreKind to)
    {
        JsonNode dump;
        string hash;
        await using (var n = await ApiNode.StartAsync(from, postgres, Genesis()))
        {
            await n.Ok(Admin, "set_stage", new() { ["stage"] = "2" });
            await n.Ok(Op1, "register_operator", []);
            await n.Ok(Alice, "deposit", Deposit("4"));
            await n.Ok(Alice, "delegate", new() { ["operator"] = A(Op1) });
            await n.Mine(3);
            hash = await n.StateHash();
            dump = await n.Get("/dev/dump");
        }
        Assert.Equal("restake.node-dump/1", dump["format"]!.GetValue<string>());
        Assert.Equal(hash, dump["state_hash"]!.GetValue<string>());

        await using var fresh = await ApiNode.StartAsync(to, postgres);
        Assert.NotEqual(hash, await fresh.StateHash());
        var loaded = await fresh.Post("/dev/load", dump.AsObject());
        Assert.Equal(hash, loaded["state_hash"]!.GetValue<string>());
        var status = await fresh.Get("/api/status");
        Assert.Equal((hash, 5L), (status["state_hash"]!.GetValue<string>(), status["height"]!.GetValue<long>()));
        Assert.Equal(2ul, await fresh.Nonce(Alice));
        var events = (await fresh.Get("/api/events"))["entries"]!.AsArray();
        Assert.Equal(["set_stage", "register_operator", "deposit", "delegate", null], events.Select(e => e!["verb"]?.GetValue<string>()));
        // The loaded chain goes on: alice's next nonce, and a restart replays the loaded log.
        await fresh.Ok(Alice, "queue_withdrawal", new() { ["strategy"] = "stETH", ["shares"] = "1", ["id"] = "after-load" });
        var next = await fresh.StateHash();
        await fresh.RestartAsync();
        Assert.Equal(next, await fresh.StateHash());
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task A_tampered_dump_is_refused_and_the_node_keeps_its_chain(StoreKind store)
    {
        await using var n = await ApiNode.StartAsync(store, postgres, Genesis());
        await n.Ok(Alice, "deposit", Deposit("5"));
        await n.Ok(Bob, "deposit", Deposit("6"));
        var dump = (await n.Get("/dev/dump")).AsObject();
        await n.Ok(Alice, "deposit", Deposit("7"));

        JsonObject Tampered(Action<JsonObject> change)
        {
            var copy = dump.DeepClone().AsObject();
            change(copy);
            return copy;
        }
        static JsonObject Tx(JsonObject d, int i) => d["entries"]![i]!["tx"]!.AsObject();
        var cases = new (string What, JsonObject Dump)[]
        {
            ("an amount changed", Tampered(d => Tx(d, 0)["body"] = Tx(d, 0)["body"]!.GetValue<string>().Replace("\"5\"", "\"500\"", StringComparison.Ordinal))),
            ("an amount changed and the state hash dropped", Tampered(d =>
            {
                Tx(d, 0)["body"] = Tx(d, 0)["body"]!.GetValue<string>().Replace("\"5\"", "\"500\"", StringComparison.Ordinal);
                d.Remove("state_hash");
            })),
            ("a transaction sent as someone else, no state hash", Tampered(d =>
            {
                Tx(d, 1)["from"] = A(Op1);
                d.Remove("state_hash");
            })),
            ("an entry dropped", Tampered(d => d["entries"]!.AsArray().RemoveAt(0))),
            ("the genesis balance raised", Tampered(d => d["genesis"]!["balance"] = "20000")),
            ("the genesis mnemonic garbled", Tampered(d => d["genesis"]!["mnemonic"] = "not a mnemonic")),
            ("the genesis scenario dropped", Tampered(d => d["genesis"]!.AsObject().Remove("scenario"))),
            ("an entry that is not an entry", Tampered(d => d["entries"]![0] = new JsonObject { ["kind"] = "tx", ["tx"] = null })),
            ("another format", Tampered(d => d["format"] = "restake.node-dump/0")),
        };
        foreach (var (what, bad) in cases)
        {
            var answer = await n.Refused(400, "InvalidDump", () => n.Client.PostAsync("/dev/load", bad), Alice);
            Assert.False(string.IsNullOrEmpty(answer.Detail), what);
        }
        Assert.Equal(3, (await n.Get("/api/status"))["height"]!.GetValue<long>());
        Assert.Equal(3, (await n.Get("/api/events"))["total"]!.GetValue<int>());
        // The node still takes transactions: no refused load stopped its sequencer.
        await n.Ok(Bob, "deposit", Deposit("8"));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints_and_the_reference_page_is_served()
    {
        await using var n = await ApiNode.StartAsync(StoreKind.Sqlite);
        var doc = await n.Get("/openapi/v1.json");
        Assert.Equal("Restake node", doc["info"]!["title"]!.GetValue<string>());
        var paths = doc["paths"]!.AsObject().Select(kv => kv.Key).ToHashSet();
        foreach (var path in new[] { "/transactions", "/api/status", "/api/state", "/api/state/{section}", "/api/state/{section}/{name}", "/api/events", "/api/events/stream", "/api/verbs", "/dev/mine", "/dev/snapshot", "/dev/revert", "/dev/dump", "/dev/load" })
        {
            Assert.Contains(path, paths);
        }
        Assert.NotNull(doc["paths"]!["/transactions"]!["post"]);

        using var page = await n.Client.Http.GetAsync("/scalar/");
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Restake node API", html, StringComparison.Ordinal);
    }
}
