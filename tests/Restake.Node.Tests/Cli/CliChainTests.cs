using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Restake.Node.Tests.Cli;

/// <summary>The devnet controls through the client (snapshot, mine, dump, revert, load), and a node that is not there.</summary>
public class CliChainTests
{
    [Fact]
    public async Task Snapshot_mine_dump_revert_and_load_round_trip()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        var env = new Dictionary<string, string> { ["RESTAKE_NODE_URL"] = node.Url };
        var genesisHash = (await node.Status())["state_hash"]!.GetValue<string>();

        var snapshot = await CliProcess.RunAsync(env, "chain", "snapshot", "-o", "json");
        Assert.True(snapshot.ExitCode == 0, snapshot.ToString());
        var id = JsonNode.Parse(snapshot.Out)!["id"]!.GetValue<int>();

        var mined = await CliProcess.RunAsync(env, "chain", "mine", "5");
        Assert.True(mined.ExitCode == 0, mined.ToString());
        Assert.Contains("✅ now at block 5", mined.Out, StringComparison.Ordinal);
        var minedHash = (await node.Status())["state_hash"]!.GetValue<string>();
        Assert.NotEqual(genesisHash, minedHash);

        var dump = await CliProcess.RunAsync(env, "chain", "dump", dir.File("dump.json"), "-o", "json");
        Assert.True(dump.ExitCode == 0, dump.ToString());
        Assert.Equal(minedHash, JsonNode.Parse(dump.Out)!["state_hash"]!.GetValue<string>());
        Assert.Equal("restake.node-dump/1", JsonNode.Parse(await File.ReadAllTextAsync(dir.File("dump.json")))!["format"]!.GetValue<string>());

        var reverted = await CliProcess.RunAsync(env, "chain", "revert", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(reverted.ExitCode == 0, reverted.ToString());
        Assert.Contains("block 0", reverted.Out, StringComparison.Ordinal);
        var status = await node.Status();
        Assert.Equal(0, status["block"]!.GetValue<long>());
        Assert.Equal(genesisHash, status["state_hash"]!.GetValue<string>());

        var loaded = await CliProcess.RunAsync(env, "chain", "load", dir.File("dump.json"));
        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        Assert.Equal(minedHash, (await node.Status())["state_hash"]!.GetValue<string>());
        Assert.Equal(5, (await node.Status())["block"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_unreachable_node_exits_3_naming_the_url_and_how_to_start_one()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var r = await CliProcess.RunAsync("staker", "deposit", "--strategy", "stETH", "--amount", "1", "--dev-account", "1", "-b", "--node", url);
        Assert.True(r.ExitCode == 3, r.ToString());
        var line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"cannot reach the node at {url}", line, StringComparison.Ordinal);
        Assert.Contains("restake node", line, StringComparison.Ordinal);
        CliProcess.AssertNoStackTrace(r);
    }

    /// <summary>A port nothing listens on: bound, read, released.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
