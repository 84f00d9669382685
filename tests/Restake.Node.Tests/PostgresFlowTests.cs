using System.Text.Json.Nodes;

namespace Restake.Node.Tests;

/// <summary>The same node on PostgreSQL: transactions are durable there, and a restart replays them.</summary>
[Collection(PostgresCollection.Name)]
public class PostgresFlowTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_node_on_postgres_keeps_its_chain_across_a_restart()
    {
        var db = postgres.NewDatabase();
        string hash;
        await using (var node = await TestNode.StartAsync(db))
        {
            Assert.Contains("postgres://", (await node.Status())["store"]!.GetValue<string>());
            Assert.True((await node.Send(1, "register_operator", new JsonObject())).Ok);
            var deposit = await node.Send(4, "deposit", new JsonObject { ["strategy"] = "cbETH", ["amount"] = "7" });
            Assert.True(deposit.Ok, deposit.Detail);
            hash = (await node.Status())["state_hash"]!.GetValue<string>();
        }
        await using (var node = await TestNode.StartAsync(db))
        {
            var status = await node.Status();
            Assert.Equal(hash, status["state_hash"]!.GetValue<string>());
            Assert.Equal(2, status["height"]!.GetValue<long>());
            var staker = (await node.Client.GetAsync($"/api/state/stakers/{TestNode.Address(4)}")).Json!;
            Assert.Equal("7000000000000000000", staker["positions"]!["cbETH"]!["deposit_shares"]!.GetValue<string>());
        }
    }
}
