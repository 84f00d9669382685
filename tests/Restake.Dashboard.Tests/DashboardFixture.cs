using Microsoft.Playwright;

namespace Restake.Dashboard.Tests;

/// <summary>
/// One seeded node and one headless Chromium for every dashboard test (starting either is the slow part).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private DevnetNode? _node;

    public DevnetNode Node => _node ?? throw new InvalidOperationException("the fixture has not started");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the fixture has not started");

    /// <summary>The id of the withdrawal the seed queued.</summary>
    public string WithdrawalId { get; private set; } = "";

    /// <summary>Where full-page screenshots go: artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Chromium.Require();
        _node = await DevnetNode.StartAsync(SeededNetwork.CreateGenesis());
        WithdrawalId = await SeededNetwork.SeedAsync(_node);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = Chromium.Args,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>Opens a dashboard page and waits until its data is on it.</summary>
    public async Task<DashboardPage> OpenAsync(string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        var page = new DashboardPage(context, await context.NewPageAsync());
        await page.GotoAsync(Node.Url + path);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Restake.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Restake.slnx above {AppContext.BaseDirectory}: run the tests from the repository");
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
