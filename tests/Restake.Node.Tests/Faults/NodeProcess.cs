using System.Diagnostics;
using System.Text;
using Restake.Node.Client;

namespace Restake.Node.Tests.Faults;

/// <summary>
/// The real <c>restake node</c> in a process of its own (the restake.dll beside the tests), so a test
/// can SIGKILL it in the middle of a write and start it again on the same store.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    public const string ReadyLine = "restake node listening on ";

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string?> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _drained;

    private NodeProcess(string db, int accounts)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "restake.dll"), "node", "--port", "0", "--db", db, "--accounts", accounts.ToString()])
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start restake node");
        _drained = Task.WhenAll(Drain(_process.StandardOutput, _stdout, true), Drain(_process.StandardError, _stderr, false));
    }

    /// <summary>Starts a node and waits for its ready line; fails with its stderr if it exits instead.</summary>
    public static async Task<NodeProcess> StartAsync(string db, int accounts = 20)
    {
        var node = Launch(db, accounts);
        if (!await node.ReadyAsync())
        {
            var failure = $"restake node exited with {node.ExitCode} before it was ready: {node.Stderr}";
            node.Dispose();
            throw new InvalidOperationException(failure);
        }
        return node;
    }

    public static NodeProcess Launch(string db, int accounts = 20) => new(db, accounts);

    public string Url { get; private set; } = "";

    public NodeClient Client { get; private set; } = null!;

    public int ExitCode => _process.ExitCode;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>True once the node listens; false when it exited first (then its output is complete).</summary>
    public async Task<bool> ReadyAsync()
    {
        var url = await _ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
        if (url is null)
        {
            await _process.WaitForExitAsync();
            await _drained;
            return false;
        }
        Url = url;
        Client = new NodeClient(new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) });
        return true;
    }

    /// <summary>SIGKILL: no shutdown code runs, whatever the node was writing stays as the kill left it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    /// <summary>Kills the node (if it still runs) and returns everything it wrote to stderr.</summary>
    public async Task<string> KillAndReadStderrAsync()
    {
        Kill();
        await _drained.WaitAsync(TimeSpan.FromSeconds(30));
        return Stderr;
    }

    private async Task Drain(StreamReader reader, StringBuilder into, bool watchReady)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
            if (watchReady && line.StartsWith(ReadyLine, StringComparison.Ordinal))
            {
                _ready.TrySetResult(line[ReadyLine.Length..].Trim());
            }
        }
        if (watchReady)
        {
            _ready.TrySetResult(null);
        }
    }

    public void Dispose()
    {
        Kill();
        _drained.Wait(TimeSpan.FromSeconds(10));
        Client?.Http.Dispose();
        _process.Dispose();
    }
}
