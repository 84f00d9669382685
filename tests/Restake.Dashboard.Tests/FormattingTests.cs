namespace Restake.Dashboard.Tests;

/// <summary>The dashboard's amount formatting and concentration figures, run in the browser where the pages run them.</summary>
[Collection(DashboardCollection.Name)]
public class FormattingTests(DashboardFixture fx)
{
    [Theory]
    [InlineData("12500000000000000000", 18, "12.5")]
    [InlineData("1", 18, "< 0.0001")]
    [InlineData("0", 18, "0")]
    [InlineData("2500500000", 6, "2,500.5")]
    [InlineData("-1500000", 6, "-1.5")]
    [InlineData("999999999999999999", 18, "0.9999")]
    // uint256 max: every digit kept (a double would lose all but the first 16).
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935", 18,
        "115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.584")]
    public async Task Amounts_in_base_units_are_shown_in_whole_units_exactly(string raw, int decimals, string shown)
    {
        await using var page = await fx.OpenAsync("/withdrawals.html");
        var text = await page.Page.EvaluateAsync<string>("async ([raw, d]) => (await import('/js/format.js')).units(raw, d)", new object[] { raw, decimals });
        Assert.Equal(shown, text);
    }

    [Theory]
    [InlineData(new[] { "10", "10", "10" }, 3333, 2)]
    [InlineData(new[] { "90", "40", "25" }, 4297, 1)]
    [InlineData(new[] { "1", "1", "1", "1", "1", "1" }, 1666, 3)]
    [InlineData(new[] { "0", "0" }, 0, 0)]
    public async Task Concentration_gives_the_HHI_and_the_fewest_operators_over_a_third(string[] stakes, int hhi, int nakamoto)
    {
        await using var page = await fx.OpenAsync("/withdrawals.html");
        var result = await page.Page.EvaluateAsync<int[]>(
            """
            async stakes => {
              const { concentration } = await import('/js/concentration.js');
              const c = concentration(stakes.map((s, i) => ({ name: 'op' + i, stake: BigInt(s) })));
              return [Number(c.hhi), c.nakamoto];
            }
            """, stakes);
        Assert.Equal([hhi, nakamoto], result);
    }
}
