using System.Text.Json.Nodes;
using Restake.Node.Chain;
using Restake.Node.Signing;

namespace Restake.Node.Tests.Cli;

/// <summary>The client's transaction commands, run as processes against a node in this process.</summary>
public class CliTransactionTests
{
    [Fact]
    public async Task A_staker_deposits_and_delegates_with_a_dev_account_and_staker_show_prints_the_shares()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        Assert.True((await node.Send(1, "register_operator", new JsonObject())).Ok);

        var deposit = await CliProcess.RunAsync("staker", "deposit", "--strategy", "stETH", "--amount", "12.5", "--dev-account", "2", "--broadcast", "--node", node.Url);
        Assert.True(deposit.ExitCode == 0, deposit.ToString());
        Assert.Contains($"✅ deposit signed by {TestNode.Accounts[2].Address} (nonce 0", deposit.Out, StringComparison.Ordinal);
        Assert.Contains("✅ accepted in block 2", deposit.Out, StringComparison.Ordinal);
        Assert.Contains("Deposited", deposit.Out, StringComparison.Ordinal);

        var delegated = await CliProcess.RunAsync("staker", "delegate", "--operator", TestNode.Accounts[1].Address, "--dev-account", "2", "-b", "--node", node.Url);
        Assert.True(delegated.ExitCode == 0, delegated.ToString());
        Assert.Contains("StakerDelegated", delegated.Out, StringComparison.Ordinal);

        var show = await CliProcess.RunAsync("staker", "show", "--dev-account", "2", "-o", "json", "--node", node.Url);
        Assert.True(show.ExitCode == 0, show.ToString());
        var json = JsonNode.Parse(show.Out)!;
        Assert.Equal(TestNode.Address(1), json["delegated_to"]!.GetValue<string>());
        Assert.Equal("12500000000000000000", json["positions"]!["stETH"]!["deposit_shares"]!.GetValue<string>());
        Assert.Equal("12500000000000000000", json["positions"]!["stETH"]!["withdrawable_shares"]!.GetValue<string>());
        Assert.Equal(2ul, json["nonce"]!.GetValue<ulong>());
    }

    [Fact]
    public async Task Without_broadcast_a_command_prints_a_valid_signed_transaction_and_sends_nothing()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");

        var dry = await CliProcess.RunAsync("staker", "deposit", "--strategy", "rETH", "--amount", "3", "--ecdsa-private-key", TestNode.Key(3), "-o", "json", "--node", node.Url);
        Assert.True(dry.ExitCode == 0, dry.ToString());
        var printed = JsonNode.Parse(dry.Out)!;
        Assert.False(printed["broadcast"]!.GetValue<bool>());
        var tx = printed["transaction"]!.AsObject();
        Assert.Equal("deposit", tx["verb"]!.GetValue<string>());
        Assert.Equal("0", tx["nonce"]!.GetValue<string>());
        Assert.Equal("{\"strategy\":\"rETH\",\"amount\":\"3\"}", tx["body"]!.GetValue<string>());

        // Nothing reached the node: no log entry, the nonce unchanged.
        Assert.Equal(0, (await node.Status())["height"]!.GetValue<long>());
        Assert.Equal(0ul, (await node.Client.GetAsync($"/api/accounts/{TestNode.Address(3)}")).Json!["nonce"]!.GetValue<ulong>());

        // What the dry run printed is a transaction signed by that key, which the node accepts as is.
        var payload = new TransactionPayload(31337, tx["from"]!.GetValue<string>(), 0, "deposit", tx["body"]!.GetValue<string>());
        Assert.True(TransactionSigning.TryRecover(payload, tx["signature"]!.GetValue<string>(), out var signer, out var error), error);
        Assert.Equal(TestNode.Address(3), signer);
        var sent = await node.Client.PostAsync("/transactions", tx.DeepClone());
        Assert.True(sent.Ok, sent.Detail);
    }

    [Fact]
    public async Task A_refused_transaction_exits_1_with_the_engine_error_on_one_line()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        Assert.True((await node.Send(2, "deposit", new JsonObject { ["strategy"] = "stETH", ["amount"] = "1" })).Ok);

        var refused = await CliProcess.RunAsync("staker", "delegate", "--operator", TestNode.Accounts[5].Address, "--dev-account", "2", "-b", "--node", node.Url);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        var line = Assert.Single(refused.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("❌ refused: OperatorNotRegistered — ", line, StringComparison.Ordinal);
        Assert.Contains("restake operator register", line, StringComparison.Ordinal);
        CliProcess.AssertNoStackTrace(refused);
        Assert.Equal(1, (await node.Status())["height"]!.GetValue<long>());

        // A read the node refuses is one line too, with the node's error name.
        var unknown = await CliProcess.RunAsync("state", "validators", "--node", node.Url);
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.StartsWith("❌ UnknownSection — there is no section 'validators'", Assert.Single(unknown.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_output_is_a_header_then_one_row_per_field()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        Assert.True((await node.Send(4, "deposit", new JsonObject { ["strategy"] = "stETH", ["amount"] = "2" })).Ok);
        Assert.True((await node.Send(6, "deposit", new JsonObject { ["strategy"] = "cbETH", ["amount"] = "5 wei" })).Ok);

        var csv = await CliProcess.RunAsync("state", "stakers", "-o", "csv", "--node", node.Url);
        Assert.True(csv.ExitCode == 0, csv.ToString());
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,field,value", lines[0]);
        Assert.Contains($"{TestNode.Address(4)},positions.stETH.deposit_shares,2000000000000000000", lines);
        Assert.Contains($"{TestNode.Address(6)},positions.cbETH.deposit_shares,5", lines);
        Assert.All(lines, l => Assert.Equal(2, l.Count(c => c == ',')));
    }
}
