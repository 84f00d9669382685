using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Restake.Node;
using Restake.Node.Chain;
using Restake.Node.Client;
using Restake.Node.Signing;

namespace Restake.Dashboard.Tests;

/// <summary>
/// A real node in this process: the service on SQLite in a scratch folder, Kestrel on a free loopback
/// port, and a client that signs and sends transactions over real HTTP.
/// </summary>
public sealed class DevnetNode : IAsyncDisposable
{
    public static readonly IReadOnlyList<DevAccount> Accounts = DevAccounts.Derive(DevAccounts.DefaultMnemonic, Genesis.DefaultAccounts);

    private readonly WebApplication _app;
    private readonly string _folder;

    private DevnetNode(NodeService service, WebApplication app, string folder)
    {
        Service = service;
        _app = app;
        _folder = folder;
        Url = NodeHost.Address(app);
        Client = new NodeClient(new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) });
    }

    public NodeService Service { get; }
    public string Url { get; }
    public NodeClient Client { get; }

    /// <summary>Development account <paramref name="index"/>'s address as the engine names it (lowercase).</summary>
    public static string Address(int index) => EthAddress.Normalize(Accounts[index].Address);

    public static async Task<DevnetNode> StartAsync(Genesis genesis)
    {
        var folder = Directory.CreateTempSubdirectory("restake-dashboard-test-").FullName;
        var service = NodeService.Open(new NodeOptions { Db = $"sqlite:{Path.Combine(folder, "node.db")}", Genesis = genesis, Automine = true });
        var app = NodeHost.Build(service, "127.0.0.1", 0);
        await app.StartAsync();
        return new DevnetNode(service, app, folder);
    }

    /// <summary>Signs with account <paramref name="account"/>'s key and sends; a refusal fails the caller with the node's reason.</summary>
    public async Task<JsonNode> Send(int account, string verb, JsonObject body)
    {
        var answer = await Client.SendAsync(Accounts[account].PrivateKey, verb, body);
        return answer.Ok ? answer.Json! : throw new InvalidOperationException($"{verb} from account {account} was refused: {answer.Error}: {answer.Detail}");
    }

    public async Task Mine(int blocks)
    {
        var answer = await Client.PostAsync("/dev/mine", new JsonObject { ["blocks"] = blocks });
        if (!answer.Ok)
        {
            throw new InvalidOperationException($"mining was refused: {answer.Detail}");
        }
    }

    public async Task<JsonNode> Get(string path)
    {
        var answer = await Client.GetAsync(path);
        return answer.Ok ? answer.Json! : throw new InvalidOperationException($"GET {path}: {answer.Status} {answer.Detail}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Service.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
