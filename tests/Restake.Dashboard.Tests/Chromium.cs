namespace Restake.Dashboard.Tests;

/// <summary>Where the tests find the browser: Debian's Chromium, never a download (the machine may be offline).</summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>RESTAKE_CHROMIUM overrides the path (another distribution's package).</summary>
    public static string Path => Environment.GetEnvironmentVariable("RESTAKE_CHROMIUM") is { Length: > 0 } p ? p : DefaultPath;

    /// <summary>Flags that keep a headless Chromium off the network and working in a container.</summary>
    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Fails (never skips) when the browser is missing, saying how to install it.</summary>
    public static void Require()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"Chromium is missing at {Path}: install it with `apt-get install chromium` (the dashboard tests need a real browser).");
        }
    }
}
