using System.Text.Json.Nodes;
using static Restake.Node.Tests.Api.ApiNetwork;

namespace Restake.Node.Tests.Api;

/// <summary>Reading a node: state sections a page at a time, single items, the event log in pages, and the live event stream.</summary>
public class StateQueryTests
{
    private static readonly int[] Stakers = [Op1, Op2, Alice, Bob, EigenDa];

    /// <summary>A node where five accounts have deposited (one transaction each).</summary>
    private static async Task<ApiNode> WithStakers()
    {
        var n = await ApiNode.StartAsync(StoreKind.Sqlite, genesis: Genesis());
        foreach (var account in Stakers)
        {
            await n.Ok(account, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "1" });
        }
        return n;
    }

    [Fact]
    public async Task Every_section_reads_page_by_page_to_the_same_items_as_the_whole_document()
    {
        await using var n = await WithStakers();
        var whole = await n.Get("/api/state");
        foreach (var section in new[] { "stakers", "operators", "avs", "strategies", "pods", "withdrawals", "balances" })
        {
            var all = whole[section]!.AsObject();
            var seen = new JsonObject();
            for (var offset = 0; ; offset += 2)
            {
                var page = await n.Get($"/api/state/{section}?offset={offset}&limit=2");
                Assert.Equal(all.Count, page["total"]!.GetValue<int>());
                Assert.Equal((section, offset, 2), (page["section"]!.GetValue<string>(), page["offset"]!.GetValue<int>(), page["limit"]!.GetValue<int>()));
                var items = page["items"]!.AsObject();
                Assert.True(items.Count <= 2);
                if (items.Count == 0)
                {
                    Assert.True(offset >= all.Count);
                    break;
                }
                foreach (var (name, item) in items)
                {
                    seen[name] = item!.DeepClone();
                }
            }
            Assert.True(JsonNode.DeepEquals(all, seen), $"{section}: pages {seen.ToJsonString()} differ from {all.ToJsonString()}");
        }
        Assert.Equal(Stakers.Length, whole["stakers"]!.AsObject().Count);
        Assert.Equal(10, whole["balances"]!.AsObject().Count);
        var rewards = await n.Get("/api/state/rewards");
        Assert.True(JsonNode.DeepEquals(whole["rewards"], rewards["items"]));
    }

    [Fact]
    public async Task Items_are_found_by_name_in_any_address_case_and_unknown_ones_are_404()
    {
        await using var n = await WithStakers();
        var checksummed = TestNode.Accounts[Alice].Address;
        Assert.NotEqual(checksummed, A(Alice));
        var staker = await n.Get($"/api/state/stakers/{checksummed}");
        Assert.Equal(Wei(1), staker["positions"]!["stETH"]!["deposit_shares"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(staker, await n.Get($"/api/state/stakers/{checksummed.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)}")));
        Assert.Equal("stETH", (await n.Get("/api/state/strategies/stETH"))["token"]!.GetValue<string>());

        await n.Refused(404, "NotFound", () => n.Client.GetAsync($"/api/state/stakers/{A(Bot)}"));
        await n.Refused(404, "NotFound", () => n.Client.GetAsync("/api/state/strategies/DOGE"));
        await n.Refused(404, "UnknownSection", () => n.Client.GetAsync("/api/state/validators"));
        await n.Refused(404, "UnknownSection", () => n.Client.GetAsync($"/api/state/validators/{A(Alice)}"));
        await n.Refused(400, "InvalidPage", () => n.Client.GetAsync("/api/state/stakers?limit=0"));
        await n.Refused(400, "InvalidPage", () => n.Client.GetAsync("/api/state/stakers?limit=1001"));
        await n.Refused(400, "InvalidPage", () => n.Client.GetAsync("/api/state/stakers?offset=-1"));
        await n.Refused(400, "InvalidAddress", () => n.Client.GetAsync("/api/accounts/alice"));
        var page = await n.Get("/api/state/stakers?offset=1000&limit=5");
        Assert.Equal(Stakers.Length, page["total"]!.GetValue<int>());
        Assert.Empty(page["items"]!.AsObject());
    }

    [Fact]
    public async Task The_event_log_reads_in_pages_after_a_height()
    {
        await using var n = await WithStakers();
        await n.Mine(3);
        var heights = new List<long>();
        for (long after = 0; ;)
        {
            var page = await n.Get($"/api/events?after={after}&limit=2");
            Assert.Equal(Stakers.Length + 1, page["total"]!.GetValue<int>());
            var entries = page["entries"]!.AsArray();
            if (entries.Count == 0)
            {
                break;
            }
            heights.AddRange(entries.Select(e => e!["height"]!.GetValue<long>()));
            after = heights[^1];
        }
        Assert.Equal(Enumerable.Range(1, Stakers.Length + 1).Select(h => (long)h), heights);
        var first = (await n.Get("/api/events?limit=1"))["entries"]![0]!;
        Assert.Equal(("tx", "deposit", TestNode.Accounts[Stakers[0]].Address), (first["kind"]!.GetValue<string>(), first["verb"]!.GetValue<string>(), first["from"]!.GetValue<string>()));
        Assert.Matches("^0x[0-9a-f]{64}$", first["tx_hash"]!.GetValue<string>());
        Assert.Contains(first["events"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Deposited");
        var mine = (await n.Get($"/api/events?after={Stakers.Length}"))["entries"]![0]!;
        Assert.Equal("mine", mine["kind"]!.GetValue<string>());
        Assert.Null(mine["tx_hash"]);
        await n.Refused(400, "InvalidPage", () => n.Client.GetAsync("/api/events?limit=0"));
    }

    [Fact]
    public async Task The_event_stream_delivers_an_entry_when_a_transaction_lands()
    {
        await using var n = await ApiNode.StartAsync(StoreKind.Sqlite, genesis: Genesis());
        await using var stream = await EventStream.OpenAsync(n);
        var receipt = await n.Ok(Alice, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "2" });
        var (name, id, data) = await stream.NextAsync();
        Assert.Equal(("entry", "1"), (name, id));
        Assert.Equal(receipt["tx_hash"]!.GetValue<string>(), data["tx_hash"]!.GetValue<string>());
        Assert.Equal(("deposit", 1L), (data["verb"]!.GetValue<string>(), data["height"]!.GetValue<long>()));
        Assert.Equal(TestNode.Accounts[Alice].Address, data["from"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_a_revert_the_stream_says_reset_once_instead_of_sending_the_history_again()
    {
        await using var n = await ApiNode.StartAsync(StoreKind.Sqlite, genesis: Genesis());
        await n.Ok(Alice, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "1" });
        var snapshot = (await n.Post("/dev/snapshot"))["id"]!.GetValue<int>();
        await n.Ok(Bob, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "1" });
        await using var stream = await EventStream.OpenAsync(n);
        await n.Post("/dev/revert", new() { ["id"] = snapshot });
        var (name, _, data) = await stream.NextAsync();
        Assert.Equal("reset", name);
        Assert.Equal(1, data["height"]!.GetValue<long>());
        await n.Ok(Op1, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "1" });
        var next = await stream.NextAsync();
        Assert.Equal(("entry", "2"), (next.Event, next.Id));
        Assert.Equal(TestNode.Accounts[Op1].Address, next.Data["from"]!.GetValue<string>());
    }
}

/// <summary>A client of GET /api/events/stream that reads one server-sent event at a time.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private HttpResponseMessage? _response;
    private StreamReader? _reader;

    public static async Task<EventStream> OpenAsync(ApiNode n)
    {
        var s = new EventStream();
        s._response = await n.Client.Http.GetAsync("/api/events/stream", HttpCompletionOption.ResponseHeadersRead, s._stop.Token);
        Assert.Equal("text/event-stream", s._response.Content.Headers.ContentType?.MediaType);
        s._reader = new StreamReader(await s._response.Content.ReadAsStreamAsync(s._stop.Token));
        Assert.StartsWith(":", await s._reader.ReadLineAsync(s._stop.Token));
        return s;
    }

    /// <summary>The next event: its name, id and data (comments and blank lines skipped).</summary>
    public async Task<(string Event, string? Id, JsonNode Data)> NextAsync()
    {
        var fields = new Dictionary<string, string>();
        string? line;
        while ((line = await _reader!.ReadLineAsync(_stop.Token)) is { Length: > 0 } || fields.Count == 0)
        {
            if (line is { Length: > 0 } && !line.StartsWith(':'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                fields[line[..colon]] = line[(colon + 1)..].TrimStart();
            }
        }
        return (fields["event"], fields.GetValueOrDefault("id"), JsonNode.Parse(fields["data"])!);
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _reader?.Dispose();
        _response?.Dispose();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
