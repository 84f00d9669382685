using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Restake.Node.Chain;
using Restake.Node.Client;
using Restake.Node.Signing;

namespace Restake.Node.Tests;

/// <summary>
/// A real node in this process: the service, Kestrel on a free loopback port, and a client over
/// real HTTP. Disposing stops the server and the node (as a clean shutdown does).
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public static readonly IReadOnlyList<DevAccount> Accounts = DevAccounts.Derive(DevAccounts.DefaultMnemonic, 10);

    private readonly WebApplication _app;

    private TestNode(NodeService service, WebApplication app, string url)
    {
        Service = service;
        _app = app;
        Url = url;
        Client = new NodeClient(new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) });
    }

    public NodeService Service { get; }
    public string Url { get; }
    public NodeClient Client { get; }

    public static string Key(int account) => Accounts[account].PrivateKey;
    public static string Address(int account) => EthAddress.Normalize(Accounts[account].Address);

    public static async Task<TestNode> StartAsync(string db, Genesis? genesis = null, bool automine = true)
    {
        var service = NodeService.Open(new NodeOptions { Db = db, Genesis = genesis, Automine = automine });
        var app = NodeHost.Build(service, "127.0.0.1", 0);
        await app.StartAsync();
        return new TestNode(service, app, NodeHost.Address(app));
    }

    public Task<NodeAnswer> Send(int account, string verb, JsonObject body, ulong? nonce = null) => Client.SendAsync(Key(account), verb, body, nonce);

    public async Task<JsonNode> Status() => (await Client.GetAsync("/api/status")).Json!;

    public async ValueTask DisposeAsync()
    {
        Client.Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Service.Dispose();
    }
}

/// <summary>A scratch folder for one test's files, removed afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("restake-node-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
