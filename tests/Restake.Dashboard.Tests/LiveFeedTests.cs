using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Restake.Dashboard.Tests.SeededNetwork;

namespace Restake.Dashboard.Tests;

/// <summary>The event feed shows the log's recent entries and, while open, each new one as the node commits it.</summary>
[Collection(DashboardCollection.Name)]
public class LiveFeedTests(DashboardFixture fx)
{
    [Fact]
    public async Task The_feed_shows_recent_entries_and_a_new_transaction_arrives_live()
    {
        await using var page = await fx.OpenAsync("/events.html");
        var verbs = await page.Locator("#events td.verb").AllInnerTextsAsync();
        Assert.Contains("slash", verbs);
        Assert.Contains("queue_withdrawal", verbs);
        Assert.Contains("register_operator", verbs);
        // The stream is open before the transaction is sent, so the entry must come through it.
        await page.Locator("#live.live").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });

        var receipt = await fx.Node.Send(Spare, "register_avs", new JsonObject());
        var height = receipt["height"]!.GetValue<long>();
        var row = page.Locator($"#events tr[data-height='{height}']");
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });

        // Marked fresh: it came through the stream, not from a read of the log.
        Assert.Contains("fresh", await row.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Equal("register_avs", (await row.Locator(".verb").InnerTextAsync()).Trim());
        Assert.Equal(receipt["tx_hash"]!.GetValue<string>(), await row.Locator(".tx-hash").GetAttributeAsync("data-tx"));
        Assert.Contains("AvsRegistered", await row.Locator(".event-names").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(DevnetNode.Address(Spare), (await row.Locator(".addr").GetAttributeAsync("title"))!.ToLowerInvariant());
        // Newest first: the live entry is the top row.
        Assert.Equal(height.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#events tbody tr").First.GetAttributeAsync("data-height"));

        await page.ScreenshotAsync("events");
        page.AssertNoErrors();
    }
}
