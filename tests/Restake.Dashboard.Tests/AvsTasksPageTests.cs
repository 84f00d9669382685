using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Restake.Node.Chain;
using Restake.Node.Client;

namespace Restake.Dashboard.Tests;

/// <summary>
/// The AVS tasks page against its own devnet, where `restake avs run`'s runner played the squaring AVS: a task whose
/// liar was challenged and slashed, and a task whose quorum was missed.
/// </summary>
[Collection(DashboardCollection.Name)]
public class AvsTasksPageTests(DashboardFixture fx)
{
    [Fact]
    public async Task The_page_shows_tasks_answers_quorums_reached_and_missed_challenges_and_slashes()
    {
        await using var node = await DevnetNode.StartAsync(Genesis.Create());
        var reached = await new AvsRunner(node.Client, new AvsRunOptions { Kind = "squaring", Operators = 4, Tasks = 1 }, _ => { }).RunAsync();
        // Then the heaviest operator lies too: the honest one holds 200 of about 745 stETH, short of 67 %.
        var missed = await new AvsRunner(node.Client, new AvsRunOptions { Kind = "squaring", Operators = 4, Tasks = 1, Liars = [0, 3] }, _ => { }).RunAsync();
        Assert.Equal((1, 0, 1), (reached.QuorumsReached, missed.QuorumsReached, missed.QuorumsMissed));
        await node.Mine(40);

        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        await using var page = new DashboardPage(context, await context.NewPageAsync());
        await page.GotoAsync(node.Url + "/tasks.html");

        var card = $"section.avs-tasks[data-avs='{reached.Avs}']";
        Assert.Equal("2", await page.Text($"{card} .count.tasks"));
        Assert.Equal("1", await page.Text($"{card} .count.reached"));
        Assert.Equal("1", await page.Text($"{card} .count.missed"));
        Assert.Equal("1", await page.Text($"{card} .count.slashes"));

        var first = $"{card} tr[data-task='0']";
        Assert.Equal("responded", await page.Locator($"{first} .status").GetAttributeAsync("data-status"));
        Assert.Equal("4", await page.Text($"{first} .accepted"));
        var liar = reached.Operators.Single(o => o.Behaviour == "lying").Operator;
        Assert.Contains("slashed", await page.Text($"{first} .report[data-operator='{liar}']"), StringComparison.Ordinal);
        Assert.Equal("5", await page.Text($"{first} .report[data-operator='{liar}'] .value"));
        Assert.Equal(1, await page.Locator($"{first} .challenge").CountAsync());
        var silent = reached.Operators.Single(o => o.Behaviour == "silent").Operator;
        Assert.Equal(1, await page.Locator($"{first} .silent[data-operator='{silent}']").CountAsync());
        // 400 + 200 of 750 stETH backed the answer (the liar's 50 was slashed after the task).
        Assert.Contains("600 / 750 (80.00%)", await page.Text($"{first} .stake[data-strategy='stETH']"), StringComparison.Ordinal);

        var second = $"{card} tr[data-task='1']";
        Assert.Equal("quorum_missed", await page.Locator($"{second} .status").GetAttributeAsync("data-status"));

        await page.ScreenshotAsync("avs-tasks");
        page.AssertNoErrors();
    }
}
