namespace Restake.Dashboard.Tests;

/// <summary>The node serves every dashboard page, the chart library and the token decimals from itself (no CDN, no files beside it).</summary>
[Collection(DashboardCollection.Name)]
public class ServedFilesTests(DashboardFixture fx)
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/operators.html", "text/html")]
    [InlineData("/avs.html", "text/html")]
    [InlineData("/stakers.html", "text/html")]
    [InlineData("/withdrawals.html", "text/html")]
    [InlineData("/events.html", "text/html")]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/js/page.js", "text/javascript")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_node_serves_the_dashboard_files(string path, string type)
    {
        using var response = await fx.Node.Client.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_chart_library_is_embedded_in_the_node()
    {
        var script = await fx.Node.Client.Http.GetStringAsync("/lib/plotly.min.js");
        Assert.Contains("plotly.js (basic - minified) v3.7.0", script, StringComparison.Ordinal);
        Assert.Contains("window.Plotly = Plotly", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_carry_their_decimals()
    {
        var tokens = await fx.Node.Get("/api/tokens");
        Assert.Equal(6, tokens["USDC"]!["decimals"]!.GetValue<int>());
        Assert.Equal(18, tokens["stETH"]!["decimals"]!.GetValue<int>());
        Assert.Equal(18, tokens["ETH"]!["decimals"]!.GetValue<int>());
    }
}
