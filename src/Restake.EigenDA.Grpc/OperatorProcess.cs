using System.Diagnostics;
using System.Text;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Grpc;

/// <summary>
/// One operator as a child process: the restake command running <c>da operator</c> on a free localhost port. Started
/// processes are killed on <see cref="Dispose"/> (and so on Ctrl-C or failure of whoever owns them).
/// </summary>
public sealed class OperatorProcess : IDisposable
{
    public const string ReadyLine = "restake da operator listening on ";

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri?> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorProcess(string name, ProcessStartInfo start)
    {
        Name = name;
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start an operator process");
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(ReadyLine, StringComparison.Ordinal))
                {
                    _ready.TrySetResult(new Uri(line[ReadyLine.Length..].Trim()));
                }
            }
            _ready.TrySetResult(null);
        });
        _ = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }
            }
        });
    }

    public string Name { get; }

    public Uri? Address { get; private set; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>restake da operator --name NAME --port 0 --fault F --parent PID</c> (the child exits when this process does). <paramref name="restake"/> is the command line
    /// that runs restake: the executable, or "dotnet" followed by restake.dll.
    /// </summary>
    public static OperatorProcess Launch(IReadOnlyList<string> restake, string name, OperatorFault fault)
    {
        var start = new ProcessStartInfo(restake[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in restake.Skip(1))
        {
            start.ArgumentList.Add(a);
        }
        foreach (var a in (string[])["da", "operator", "--name", name, "--port", "0", "--fault", OperatorFaults.Name(fault),
            "--parent", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["NO_COLOR"] = "1";
        return new OperatorProcess(name, start);
    }

    /// <summary>The command line that runs this very restake (the apphost, or dotnet + restake.dll).</summary>
    public static IReadOnlyList<string> Self(string? restakeDll = null)
    {
        if (restakeDll is not null)
        {
            return [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", restakeDll];
        }
        var exe = Environment.ProcessPath ?? "dotnet";
        var dll = Path.Combine(AppContext.BaseDirectory, "restake.dll");
        return Path.GetFileNameWithoutExtension(exe).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? [exe, dll] : [exe];
    }

    /// <summary>Waits for the ready line; false when the process exited first.</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan timeout)
    {
        Address = await _ready.Task.WaitAsync(timeout).ConfigureAwait(false);
        return Address is not null;
    }

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

    /// <summary>SIGKILL: the operator vanishes with whatever it stored.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
