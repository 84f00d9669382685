using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Restake.Node;
using Restake.Node.Api;
using Restake.Node.Chain;

namespace Restake.Cli;

/// <summary><c>restake node</c>: a persistent devnet on 127.0.0.1, with the conventions of local Ethereum nodes.</summary>
internal static class NodeCommand
{
    public sealed record Settings(string Host, int Port, string Db, long ChainId, string? GenesisFile, int Accounts, string Mnemonic,
        string Balance, double? BlockTime, bool NoMining, string? LoadState, string? DumpState);

    public static int Execute(Settings s)
    {
        Genesis? genesis = null;
        if (s.GenesisFile is not null || s.ChainId != Genesis.DefaultChainId || s.Accounts != Genesis.DefaultAccounts
            || s.Mnemonic != Restake.Node.Signing.DevAccounts.DefaultMnemonic || s.Balance != Genesis.DefaultBalance)
        {
            string? scenario = null;
            if (s.GenesisFile is not null)
            {
                if (!File.Exists(s.GenesisFile))
                {
                    Console.Error.WriteLine($"restake node: no genesis file '{s.GenesisFile}'");
                    return 2;
                }
                scenario = File.ReadAllText(s.GenesisFile);
            }
            if (s.Accounts is < 1 or > 1_000)
            {
                Console.Error.WriteLine("restake node: --accounts is between 1 and 1000");
                return 2;
            }
            try
            {
                genesis = Genesis.Create(scenario, s.ChainId, s.Mnemonic, s.Accounts, s.Balance);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"restake node: {e.Message}");
                return 2;
            }
        }
        NodeService node;
        try
        {
            node = NodeService.Open(new NodeOptions
            {
                Db = s.Db,
                Genesis = genesis,
                Automine = !s.NoMining,
                BlockTimeSeconds = s.BlockTime,
            }, message => Console.Error.WriteLine(message));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"restake node: {e.Message}");
            return 1;
        }
        using (node)
        {
            if (s.LoadState is not null && Load(node, s.LoadState) is var failed and not 0)
            {
                return failed;
            }
            var app = NodeHost.Build(node, s.Host, s.Port);
            try
            {
                app.Start();
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"restake node: cannot listen on {s.Host}:{s.Port}: {e.Message}");
                return 1;
            }
            var address = NodeHost.Address(app);
            PrintBanner(node, address);
            app.WaitForShutdown();
            if (s.DumpState is not null)
            {
                File.WriteAllText(s.DumpState, node.DumpAsync().GetAwaiter().GetResult().ToJsonString());
                Console.Error.WriteLine($"restake node: state dumped to {s.DumpState}");
            }
            ((IDisposable)app).Dispose();
        }
        return 0;
    }

    private static int Load(NodeService node, string path)
    {
        try
        {
            var hash = node.LoadAsync(JsonNode.Parse(File.ReadAllText(path))).GetAwaiter().GetResult();
            Console.WriteLine($"Loaded {path}: state hash {hash}");
            return 0;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or RejectedException)
        {
            Console.Error.WriteLine($"restake node: cannot load {path}: {(e is RejectedException r ? r.Detail : e.Message)}");
            return 2;
        }
    }

    private static void PrintBanner(NodeService node, string address)
    {
        var status = NodeApi.Status(node);
        var accounts = node.Read(c => c.Accounts);
        var balance = node.Read(c => c.Genesis.Balance);
        Console.WriteLine($"Restake node: chain {status["chain_id"]}, block {status["block"]}, stage {status["stage"]}, {status["height"]} log entries replayed");
        Console.WriteLine($"Store: {node.StoreDescription}");
        Console.WriteLine($"State hash: {status["state_hash"]}");
        Console.WriteLine();
        Console.WriteLine($"Development accounts ({balance} of every token each). FOR LOCAL USE ONLY: these keys are public.");
        foreach (var a in accounts)
        {
            Console.WriteLine($"({a.Index}) {a.Address}  key {a.PrivateKey}{(a.Index == 0 ? "  (admin)" : "")}");
        }
        Console.WriteLine();
        Console.WriteLine($"Mining: {(node.Automine ? "a block after every transaction" : "off")}{(node.BlockTimeSeconds is > 0 ? $", and one every {node.BlockTimeSeconds} s" : "")}");
        Console.WriteLine($"API {address}  (OpenAPI {address}/openapi/v1.json, reference {address}/scalar, dashboard {address}/)");
        Console.WriteLine($"restake node listening on {address}");
        Console.Out.Flush();
    }
}
