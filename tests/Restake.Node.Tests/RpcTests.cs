using System.Text.Json.Nodes;

namespace Restake.Node.Tests;

/// <summary>The anvil-style JSON-RPC development calls: a fixture written for a local Ethereum node works here.</summary>
public class RpcTests
{
    private static async Task<JsonNode?> Call(TestNode node, string method, params JsonNode?[] args)
    {
        var answer = await node.Client.PostAsync("/rpc", new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 7, ["method"] = method, ["params"] = new JsonArray(args) });
        Assert.True(answer.Ok);
        Assert.Equal(7, answer.Json!["id"]!.GetValue<int>());
        return answer.Json;
    }

    [Fact]
    public async Task Snapshots_revert_as_often_as_wanted_and_forget_later_ones()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        Assert.Equal("0x7a69", (await Call(node, "eth_chainId"))!["result"]!.GetValue<string>());

        var first = (await Call(node, "evm_snapshot"))!["result"]!.GetValue<string>();
        Assert.True((await node.Send(1, "register_operator", new JsonObject())).Ok);
        var afterOperator = (await node.Status())["state_hash"]!.GetValue<string>();
        var second = (await Call(node, "evm_snapshot"))!["result"]!.GetValue<string>();
        Assert.Equal("0xc", (await Call(node, "anvil_mine", 11))!["result"]!.GetValue<string>());

        Assert.True((await Call(node, "evm_revert", second))!["result"]!.GetValue<bool>());
        Assert.Equal(afterOperator, (await node.Status())["state_hash"]!.GetValue<string>());
        Assert.Equal("0x1", (await Call(node, "eth_blockNumber"))!["result"]!.GetValue<string>());
        // The same id again: still there.
        Assert.True((await Call(node, "evm_revert", second))!["result"]!.GetValue<bool>());

        Assert.True((await Call(node, "evm_revert", first))!["result"]!.GetValue<bool>());
        Assert.Equal(0, (await node.Status())["height"]!.GetValue<long>());
        Assert.Equal(0ul, await node.Client.NonceAsync(TestNode.Address(1)));
        // Reverting to the first forgot the second, which was taken after it.
        Assert.False((await Call(node, "evm_revert", second))!["result"]!.GetValue<bool>());
        Assert.True((await Call(node, "evm_revert", first))!["result"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Automine_off_keeps_the_block_until_mined_and_unknown_methods_are_named()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        Assert.Null((await Call(node, "evm_setAutomine", false))!["result"]);
        Assert.False((await Call(node, "anvil_getAutomine"))!["result"]!.GetValue<bool>());
        Assert.True((await node.Send(2, "deposit", new JsonObject { ["strategy"] = "stETH", ["amount"] = "1" })).Ok);
        Assert.Equal("0x0", (await Call(node, "eth_blockNumber"))!["result"]!.GetValue<string>());
        Assert.Equal("0x1", (await Call(node, "evm_mine"))!["result"]!.GetValue<string>());
        Assert.Equal("0x1e", (await Call(node, "evm_increaseTime", 345))!["result"]!.GetValue<string>());

        var unknown = await Call(node, "eth_sendRawTransaction");
        Assert.Equal(-32601, unknown!["error"]!["code"]!.GetValue<int>());
        Assert.Contains("eth_sendRawTransaction", unknown["error"]!["message"]!.GetValue<string>());
    }
}
