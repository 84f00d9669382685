using static Restake.Dashboard.Tests.SeededNetwork;

namespace Restake.Dashboard.Tests;

/// <summary>Each dashboard page, opened in Chromium against the seeded node, shows the seeded values.</summary>
[Collection(DashboardCollection.Name)]
public class PageTests(DashboardFixture fx)
{
    private static string Op(int account) => DevnetNode.Address(account);

    [Fact]
    public async Task Overview_shows_the_chain_status_a_TVL_chart_and_strategies_with_their_caps()
    {
        var status = await fx.Node.Get("/api/status");
        await using var page = await fx.OpenAsync("/");

        Assert.Equal("31337", await page.Text("#chain-id"));
        Assert.Equal(status["block"]!.ToString(), await page.Text("#block"));
        Assert.Equal(status["state_hash"]!.GetValue<string>(), await page.Text("#state-hash"));
        Assert.Equal("3", await page.Text("#stage"));
        Assert.Equal(status["time"]!.GetValue<string>(), (await page.Text("#time")).Replace(' ', 'T') + "Z");
        Assert.StartsWith("sqlite", await page.Text("#store"), StringComparison.Ordinal);

        // One line per strategy that ever held tokens: stETH, rETH and USDC.
        Assert.Equal(3, await page.Locator("#tvl-chart .scatterlayer .trace").CountAsync());
        var legend = await page.Locator("#tvl-chart .legend").TextContentAsync() ?? "";
        Assert.Contains("stETH", legend, StringComparison.Ordinal);
        Assert.Contains("USDC", legend, StringComparison.Ordinal);

        Assert.Equal("135", await page.Text("tr[data-strategy='stETH'] .tvl"));
        // A queued withdrawal keeps its tokens in the strategy until it completes.
        Assert.Equal("40", await page.Text("tr[data-strategy='rETH'] .tvl"));
        Assert.Equal("2,500.5", await page.Text("tr[data-strategy='USDC'] .tvl"));
        Assert.Equal("5,000", await page.Text("tr[data-strategy='USDC'] .max-per-deposit"));
        Assert.Equal("10,000", await page.Text("tr[data-strategy='USDC'] .max-total"));
        Assert.Equal("25.00%", await page.Text("tr[data-strategy='USDC'] .cap-used"));
        Assert.Equal("none", await page.Text("tr[data-strategy='stETH'] .max-total"));

        await page.ScreenshotAsync("overview");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Operators_shows_delegated_stake_per_strategy_sets_and_concentration()
    {
        await using var page = await fx.OpenAsync("/operators.html");

        var op1 = $"tr[data-operator='{Op(Operator1)}']";
        Assert.Equal(Op(Operator1), await page.Text($"{op1} .addr"));
        Assert.Equal("90", await page.Text($"{op1} li[data-strategy='stETH'] .amount"));
        // Staker A and the operator itself (operators are delegated to themselves).
        Assert.Equal("2", await page.Text($"{op1} .delegators"));
        Assert.Equal($"{Op(Avs)}/0", await page.Text($"{op1} .sets .chip"));

        var op2 = $"tr[data-operator='{Op(Operator2)}']";
        Assert.Equal("30", await page.Text($"{op2} li[data-strategy='rETH'] .amount"));
        Assert.Equal("40", await page.Text($"{op2} .total"));
        Assert.Equal("none", await page.Text($"tr[data-operator='{Op(Operator3)}'] .sets"));

        // Stake 90, 40 and 25 of 155: shares 58.06 %, 25.80 %, 16.12 %.
        Assert.Equal("155", await page.Text("#total-delegated"));
        Assert.Equal("58.06%", await page.Text($"{op1} .share"));
        Assert.Equal("4,297", await page.Text("#hhi"));
        Assert.Equal("1", await page.Text("#nakamoto"));

        await page.ScreenshotAsync("operators");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task AVSs_shows_the_operator_set_its_members_slash_count_and_slashable_stake()
    {
        await using var page = await fx.OpenAsync("/avs.html");

        var set = $"section[data-avs='{Op(Avs)}'] .operator-set[data-set='{Op(Avs)}/0']";
        Assert.Equal("1", await page.Text($"{set} .slash-count"));
        Assert.Equal("2", await page.Text($"{set} .members-count"));
        Assert.Equal(2, await page.Locator($"{set} tbody tr[data-operator]").CountAsync());
        var op1 = $"{set} tr[data-operator='{Op(Operator1)}']";
        var op2 = $"{set} tr[data-operator='{Op(Operator2)}']";
        Assert.Equal(Op(Operator1), await page.Text($"{op1} .addr"));
        // 90 shares at magnitude 0.4 of 0.9 after the slash: 40, less the wei the scaling rounds away (cut to 4 places on the page).
        Assert.Equal("39999999999999999960 base units", await page.Locator($"{op1} .slashable[data-strategy='stETH']").GetAttributeAsync("title"));
        Assert.Equal("39.9999", await page.Text($"{op1} .slashable[data-strategy='stETH']"));
        // 30 rETH shares left after the queued withdrawal, half allocated.
        Assert.Equal("15", await page.Text($"{op2} .slashable[data-strategy='rETH']"));
        Assert.Equal("50.00%", await page.Text($"{op2} .allocated[data-strategy='rETH']"));

        await page.ScreenshotAsync("avs");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Stakers_pages_through_delegations_and_positions_and_says_there_are_no_LRTs()
    {
        await using (var page = await fx.OpenAsync("/stakers.html?limit=1000"))
        {
            var a = $"tr[data-staker='{Op(StakerA)}'][data-strategy='stETH']";
            Assert.Equal("100", await page.Text($"{a} .deposit-shares"));
            // Operator 1 was slashed 20 % of its half allocated to the AVS: a tenth of what its stakers can withdraw.
            Assert.Equal("90", await page.Text($"{a} .withdrawable-shares"));
            Assert.Equal(Op(Operator1), await page.Locator($"{a} .delegated-to .addr").GetAttributeAsync("title"));
            Assert.Equal("2,500.5", await page.Text($"tr[data-staker='{Op(StakerUsdc)}'][data-strategy='USDC'] .deposit-shares"));
            Assert.Equal("none", await page.Text($"tr[data-staker='{Op(StakerUsdc)}'] .delegated-to"));
            Assert.Contains("Liquid restaking tokens: none on this network yet", await page.Text("#lrts h2"), StringComparison.Ordinal);
            await page.ScreenshotAsync("stakers");
            page.AssertNoErrors();
        }

        var total = (await fx.Node.Get("/api/state/stakers?limit=1"))["total"]!.GetValue<int>();
        await using (var page = await fx.OpenAsync("/stakers.html?offset=0&limit=2"))
        {
            Assert.Equal($"1–2 of {total}", await page.Text("#pager .range"));
            var first = await Stakers(page);
            Assert.Equal(2, first.Count);
            await page.Locator("#pager a[rel='next']").ClickAsync();
            await page.Locator("body[data-loaded='true']").WaitForAsync();
            Assert.Equal($"3–{Math.Min(4, total)} of {total}", await page.Text("#pager .range"));
            var second = await Stakers(page);
            Assert.NotEmpty(second);
            Assert.Empty(first.Intersect(second));
            page.AssertNoErrors();
        }
    }

    [Fact]
    public async Task Withdrawals_lists_the_queued_withdrawal_with_its_completable_block()
    {
        var w = await fx.Node.Get($"/api/state/withdrawals/{fx.WithdrawalId}");
        await using var page = await fx.OpenAsync("/withdrawals.html");

        var row = $"tr[data-withdrawal='{fx.WithdrawalId}']";
        Assert.Equal(fx.WithdrawalId, await page.Text($"{row} .id"));
        Assert.Equal(Op(StakerB), await page.Locator($"{row} .addr").First.GetAttributeAsync("title"));
        Assert.Equal("10", await page.Text($"{row} .shares"));
        Assert.Equal("queued", await page.Text($"{row} .status"));
        var completable = w["start_block"]!.GetValue<long>() + 5 + 1;
        Assert.StartsWith(completable.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Text($"{row} .completable"), StringComparison.Ordinal);

        await page.ScreenshotAsync("withdrawals");
        page.AssertNoErrors();
    }

    private static async Task<HashSet<string>> Stakers(DashboardPage page) =>
        [.. await page.Locator("tr[data-staker]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.staker)")];
}
