using System.Text.Json.Nodes;

namespace Restake.Node.Tests;

/// <summary>The node end to end on SQLite: signed transactions in, state out, and a restart that replays to the same hash.</summary>
public class NodeFlowTests
{
    [Fact]
    public async Task A_staker_deposits_and_delegates_to_an_operator_with_signed_transactions()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");

        var registered = await node.Send(1, "register_operator", new JsonObject());
        Assert.True(registered.Ok, registered.Detail);
        var deposit = await node.Send(2, "deposit", new JsonObject { ["strategy"] = "stETH", ["amount"] = "12.5" });
        Assert.True(deposit.Ok, deposit.Detail);
        var delegated = await node.Send(2, "delegate", new JsonObject { ["operator"] = TestNode.Address(1) });
        Assert.True(delegated.Ok, delegated.Detail);
        Assert.Contains(delegated.Json!["events"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "StakerDelegated");

        var staker = (await node.Client.GetAsync($"/api/state/stakers/{TestNode.Address(2)}")).Json!;
        Assert.Equal(TestNode.Address(1), staker["delegated_to"]!.GetValue<string>());
        Assert.Equal("12500000000000000000", staker["positions"]!["stETH"]!["deposit_shares"]!.GetValue<string>());
        var op = (await node.Client.GetAsync($"/api/state/operators/{TestNode.Address(1)}")).Json!;
        Assert.Equal("12500000000000000000", op["delegated_shares"]!["stETH"]!.GetValue<string>());
        var status = await node.Status();
        Assert.Equal(3, status["height"]!.GetValue<long>());
        Assert.Equal(3, status["block"]!.GetValue<long>());
        var balance = (await node.Client.GetAsync($"/api/accounts/{TestNode.Address(2)}")).Json!;
        Assert.Equal("9987500000000000000000", balance["balances"]!["stETH"]!.GetValue<string>());
        Assert.Equal(2ul, balance["nonce"]!.GetValue<ulong>());
    }

    [Fact]
    public async Task A_restarted_node_replays_its_log_to_the_same_state_hash()
    {
        using var dir = new TempDir();
        var db = $"sqlite:{dir.File("node.db")}";
        string hash;
        await using (var node = await TestNode.StartAsync(db))
        {
            Assert.True((await node.Send(1, "register_operator", new JsonObject())).Ok);
            Assert.True((await node.Send(3, "deposit", new JsonObject { ["strategy"] = "rETH", ["amount"] = "3" })).Ok);
            Assert.True((await node.Send(3, "delegate", new JsonObject { ["operator"] = TestNode.Address(1) })).Ok);
            Assert.True((await node.Client.PostAsync("/dev/mine", new JsonObject { ["blocks"] = 5 })).Ok);
            hash = (await node.Status())["state_hash"]!.GetValue<string>();
        }
        await using (var node = await TestNode.StartAsync(db))
        {
            var status = await node.Status();
            Assert.Equal(hash, status["state_hash"]!.GetValue<string>());
            Assert.Equal(4, status["height"]!.GetValue<long>());
            Assert.Equal(8, status["block"]!.GetValue<long>());
            var again = await node.Send(3, "queue_withdrawal", new JsonObject { ["strategy"] = "rETH", ["shares"] = "1" });
            Assert.True(again.Ok, again.Detail);
        }
    }
}
