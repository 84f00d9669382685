using System.Text.Json.Nodes;
using Restake.Node.Signing;

namespace Restake.Node.Tests.Cli;

/// <summary>Keystores through the client, and an operator registered from an operator.yaml that names one.</summary>
public class CliKeysTests
{
    [Fact]
    public async Task Keys_create_list_export_round_trip_and_the_key_registers_an_operator_from_operator_yaml()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        var env = new Dictionary<string, string>
        {
            ["RESTAKE_KEYS_DIR"] = dir.File("keys"),
            ["RESTAKE_KEY_PASSWORD"] = "correct horse",
            ["RESTAKE_NODE_URL"] = node.Url,
        };

        var created = await CliProcess.RunAsync(env, "keys", "create", "op1", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var address = JsonNode.Parse(created.Out)!["address"]!.GetValue<string>();
        Assert.True(EthAddress.IsAddress(address), address);
        Assert.True(File.Exists(Path.Combine(dir.File("keys"), "op1.ecdsa.key.json")));

        var listed = await CliProcess.RunAsync(env, "operator", "keys", "list", "-o", "json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var entry = Assert.Single(JsonNode.Parse(listed.Out)!.AsArray());
        Assert.Equal("op1", entry!["name"]!.GetValue<string>());
        Assert.Equal(address, entry["address"]!.GetValue<string>());

        var exported = await CliProcess.RunAsync(env, "keys", "export", "op1", "-o", "json");
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Equal(EthAddress.Normalize(address), EthAddress.FromPrivateKey(JsonNode.Parse(exported.Out)!["private_key"]!.GetValue<string>()));

        var config = await CliProcess.RunAsync(env, "operator", "config", "create", dir.File("operator.yaml"), "--key-store", "op1");
        Assert.True(config.ExitCode == 0, config.ToString());
        var yaml = await File.ReadAllTextAsync(dir.File("operator.yaml"));
        Assert.Contains($"address: {address}", yaml, StringComparison.Ordinal);
        await File.WriteAllTextAsync(dir.File("operator.yaml"), yaml.Replace("allocation_delay: 0", "allocation_delay: 7", StringComparison.Ordinal));

        var registered = await CliProcess.RunAsync(env, "operator", "register", dir.File("operator.yaml"), "--broadcast");
        Assert.True(registered.ExitCode == 0, registered.ToString());
        Assert.Contains("operator.yaml read", registered.Out, StringComparison.Ordinal);
        Assert.Contains("OperatorRegistered", registered.Out, StringComparison.Ordinal);
        var op = (await node.Client.GetAsync($"/api/state/operators/{EthAddress.Normalize(address)}")).Json!;
        Assert.Equal(7, op["allocation_delay"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_bad_operator_yaml_exits_2_naming_the_field()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("operator.yaml"), """
            operator:
              address: 0x70997970C51812dc3A010C7d01b50e0d17dc79C8
              allocation_delay: soon
            chain_id: 31337
            """);
        var r = await CliProcess.RunAsync("operator", "register", dir.File("operator.yaml"), "--dev-account", "1", "--node", "http://127.0.0.1:9");
        Assert.True(r.ExitCode == 2, r.ToString());
        var line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("operator.allocation_delay: 'soon' is not a whole number of blocks", line, StringComparison.Ordinal);
        CliProcess.AssertNoStackTrace(r);
    }

    [Fact]
    public async Task The_operator_yaml_in_the_docs_registers_its_operator()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "cli-client.md"));
        var yaml = doc[(doc.IndexOf("```yaml\n", StringComparison.Ordinal) + 8)..];
        await File.WriteAllTextAsync(dir.File("operator.yaml"), yaml[..yaml.IndexOf("```", StringComparison.Ordinal)]);

        var r = await CliProcess.RunAsync("operator", "register", dir.File("operator.yaml"), "--dev-account", "1", "-o", "json", "--node", node.Url);
        Assert.True(r.ExitCode == 0, r.ToString());
        var body = JsonNode.Parse(JsonNode.Parse(r.Out)!["transaction"]!["body"]!.GetValue<string>())!;
        Assert.Equal(TestNode.Accounts[1].Address, body["operator"]!.GetValue<string>());
        Assert.Equal(5, body["allocation_delay"]!.GetValue<int>());
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Restake.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Restake.slnx)");
    }
}
