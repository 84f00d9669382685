using System.Text.Json.Nodes;
using Restake.Scenarios;

namespace Restake.Node.Tests;

/// <summary>Pages of state sections: the node keeps each section's sorted names between entries, and a page is still the document's.</summary>
public class SectionPageTests
{
    [Fact]
    public async Task A_page_equals_the_state_documents_page_and_follows_new_entries()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        for (var account = 1; account <= 5; account++)
        {
            Assert.True((await node.Send(account, "deposit", new JsonObject { ["strategy"] = "rETH", ["amount"] = "1" })).Ok);
        }
        foreach (var (offset, limit) in new[] { (0, 100), (1, 2), (4, 3), (9, 1) })
        {
            var page = (await node.Client.GetAsync($"/api/state/stakers?offset={offset}&limit={limit}")).Json!;
            var expected = node.Service.Read(c => StateDocument.Page(c.Engine.State, c.Rewards, "stakers", offset, limit))!.Value;
            Assert.Equal(expected.Total, page["total"]!.GetValue<int>());
            Assert.Equal(expected.Items.ToJsonString(), page["items"]!.ToJsonString());
        }
        Assert.Equal(5, (await node.Client.GetAsync("/api/state/stakers?limit=1")).Json!["total"]!.GetValue<int>());

        Assert.True((await node.Send(6, "deposit", new JsonObject { ["strategy"] = "rETH", ["amount"] = "1" })).Ok);
        var after = (await node.Client.GetAsync("/api/state/stakers")).Json!;
        Assert.Equal(6, after["total"]!.GetValue<int>());
        Assert.NotNull(after["items"]![TestNode.Address(6)]);
        Assert.Equal(404, (await node.Client.GetAsync("/api/state/nothing?limit=1")).Status);
    }
}
