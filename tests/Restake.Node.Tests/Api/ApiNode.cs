using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Restake.Node.Chain;
using Restake.Node.Client;

namespace Restake.Node.Tests.Api;

/// <summary>Where a test node keeps its log: the API tests run their flows on both.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A real node (on either store) with the checks the API tests share: a request that must succeed,
/// and a request that must be refused with a given status and error while changing nothing.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    private readonly TempDir? _dir;

    private ApiNode(TestNode node, TempDir? dir, string db)
    {
        Node = node;
        _dir = dir;
        Db = db;
    }

    public TestNode Node { get; private set; }

    /// <summary>The --db the node runs on (a fresh SQLite file or PostgreSQL database).</summary>
    public string Db { get; }

    public NodeClient Client => Node.Client;

    public static async Task<ApiNode> StartAsync(StoreKind store, PostgresServer? postgres = null, Genesis? genesis = null, bool automine = true)
    {
        var dir = store == StoreKind.Sqlite ? new TempDir() : null;
        var db = dir is not null
            ? $"sqlite:{dir.File("node.db")}"
            : (postgres ?? throw new ArgumentNullException(nameof(postgres), "a PostgreSQL node needs the postgres fixture")).NewDatabase();
        try
        {
            return new ApiNode(await TestNode.StartAsync(db, genesis, automine), dir, db);
        }
        catch
        {
            dir?.Dispose();
            throw;
        }
    }

    /// <summary>Stops the node and starts it again on the same store: the restart replays the log.</summary>
    public async Task RestartAsync()
    {
        await Node.DisposeAsync();
        _stopped = true;
        Node = await TestNode.StartAsync(Db);
        _stopped = false;
    }

    private bool _stopped;

    /// <summary>A GET that must answer 2xx: its JSON.</summary>
    public async Task<JsonNode> Get(string path)
    {
        var answer = await Client.GetAsync(path);
        Assert.True(answer.Ok, $"GET {path} answered {answer.Status}: {answer.Json?.ToJsonString()}");
        return answer.Json!;
    }

    /// <summary>A POST to a developer endpoint that must answer 2xx.</summary>
    public async Task<JsonNode> Post(string path, JsonObject? body = null)
    {
        var answer = await Client.PostAsync(path, body ?? []);
        Assert.True(answer.Ok, $"POST {path} answered {answer.Status}: {answer.Json?.ToJsonString()}");
        return answer.Json!;
    }

    /// <summary>The verbs of every transaction this node accepted (a flow checks it used them all).</summary>
    public HashSet<string> AcceptedVerbs { get; } = new(StringComparer.Ordinal);

    /// <summary>Signs and sends a transaction that must be accepted; its receipt.</summary>
    public async Task<JsonNode> Ok(int account, string verb, JsonObject body)
    {
        var answer = await Node.Send(account, verb, body);
        Assert.True(answer.Ok, $"{verb} by account {account} was refused ({answer.Status} {answer.Error}): {answer.Detail}");
        AcceptedVerbs.Add(verb);
        return answer.Json!;
    }

    public Task<JsonNode> Mine(long blocks) => Post("/dev/mine", new JsonObject { ["blocks"] = blocks });

    /// <summary>The chain's time now (the block after the newest entry).</summary>
    public async Task<DateTimeOffset> Time() =>
        DateTimeOffset.Parse((await Get("/api/status"))["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Advances time to at least <paramref name="target"/> (whole blocks), as a scenario's warp does.</summary>
    public async Task WarpTo(DateTimeOffset target)
    {
        var seconds = (long)(target - await Time()).TotalSeconds;
        Assert.True(seconds > 0, $"the chain is already past {target:O}");
        await Post("/dev/increase-time", new JsonObject { ["seconds"] = seconds });
    }

    /// <summary>The names of the events in a receipt, in order.</summary>
    public static List<string> Events(JsonNode receipt) =>
        receipt["events"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();

    public async Task<string> StateHash() => (await Get("/api/status"))["state_hash"]!.GetValue<string>();

    public async Task<ulong> Nonce(int account) => (await Get($"/api/accounts/{TestNode.Address(account)}"))["nonce"]!.GetValue<ulong>();

    /// <summary>
    /// Runs a request that must be refused: a problem document with this status and error name and a
    /// one-line detail for a person, and neither the state hash nor these accounts' nonces changed.
    /// </summary>
    public async Task<NodeAnswer> Refused(int status, string error, Func<Task<NodeAnswer>> request, params int[] accounts)
    {
        var hash = await StateHash();
        var nonces = new List<ulong>();
        foreach (var a in accounts)
        {
            nonces.Add(await Nonce(a));
        }
        var answer = await request();
        AssertProblem(answer, status, error);
        Assert.Equal(hash, await StateHash());
        for (var i = 0; i < accounts.Length; i++)
        {
            Assert.Equal(nonces[i], await Nonce(accounts[i]));
        }
        return answer;
    }

    /// <summary>A transaction that must be refused (see <see cref="Refused"/>); the sender's nonce is checked too.</summary>
    public Task<NodeAnswer> RefusedTx(int status, string error, int account, string verb, JsonObject body) =>
        Refused(status, error, () => Node.Send(account, verb, body), account);

    public static void AssertProblem(NodeAnswer answer, int status, string error)
    {
        var json = answer.Json?.ToJsonString() ?? "(no body)";
        Assert.True(answer.Status == status, $"expected {status} {error}, got {answer.Status}: {json}");
        Assert.Equal(error, answer.Error);
        Assert.Equal(error, answer.Json!["error"]?.GetValue<string>());
        Assert.Equal(status, answer.Json["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(answer.Detail), $"no detail in {json}");
        Assert.DoesNotContain("\n", answer.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Restake.", json, StringComparison.Ordinal);
    }

    /// <summary>Any request as raw bytes (bodies no well-behaved client would send): the status and JSON answer.</summary>
    public async Task<NodeAnswer> Raw(HttpMethod method, string path, byte[]? body = null, string contentType = "application/json", bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(method, path);
        // As curl does for large bodies: the server can refuse one before it is sent.
        request.Headers.ExpectContinue = expectContinue;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await Client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            json = JsonValue.Create(text);
        }
        return new NodeAnswer((int)response.StatusCode, json);
    }

    public Task<NodeAnswer> RawPost(string path, string body) => Raw(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body));

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await Node.DisposeAsync();
        }
        _dir?.Dispose();
    }
}

internal static class Fluent
{
    /// <summary>Changes a value in place and hands it on (a one-line tamper).</summary>
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
