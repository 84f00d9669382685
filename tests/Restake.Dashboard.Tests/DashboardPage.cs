using Microsoft.Playwright;

namespace Restake.Dashboard.Tests;

/// <summary>
/// A dashboard page in its own browser context, with every console error and uncaught page error
/// it produced (a page that works prints none).
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {m.Text} ({m.Location})");
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {e}");
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Loads the page and waits for its loader to finish (body[data-loaded]); a shown failure fails the test.</summary>
    public async Task GotoAsync(string url)
    {
        var response = await Page.GotoAsync(url);
        Assert.True(response is { Ok: true }, $"GET {url} answered {response?.Status}");
        await Page.Locator("body[data-loaded='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        var shown = Page.Locator(".error");
        if (await shown.CountAsync() > 0)
        {
            Assert.Fail($"{url} shows an error: {await shown.First.InnerTextAsync()}");
        }
    }

    public ILocator Locator(string selector) => Page.Locator(selector);

    /// <summary>Text of the one element matching <paramref name="selector"/>, trimmed.</summary>
    public async Task<string> Text(string selector) => (await Page.Locator(selector).InnerTextAsync()).Trim();

    /// <summary>Saves a full-page screenshot under artifacts/screenshots and checks the file is there and not empty.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(DashboardFixture.ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        var file = new FileInfo(path);
        Assert.True(file.Exists, $"no screenshot at {path}");
        Assert.True(file.Length > 0, $"the screenshot {path} is empty");
    }

    /// <summary>Asserts the page logged no console error and threw no uncaught error.</summary>
    public void AssertNoErrors() => Assert.True(Errors.Count == 0, "browser errors:\n" + string.Join("\n", Errors));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
