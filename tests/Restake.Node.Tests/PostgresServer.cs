using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Restake.Node.Tests;

/// <summary>
/// A real PostgreSQL for the tests. CI starts one and names it in RESTAKE_TEST_POSTGRES
/// (postgres://user:password@host:port/postgres); otherwise the tests start a private cluster from
/// the installed server binaries (Debian's postgresql package) in a scratch folder, and stop it
/// afterwards. With neither, the tests fail and say how to install it: they are never skipped.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Variable = "RESTAKE_TEST_POSTGRES";
    private const string Password = "restake-test";

    private readonly string? _dataDir;
    private readonly string? _bin;
    private int _databases;

    public PostgresServer()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(given))
        {
            BaseUrl = given.TrimEnd('/');
            return;
        }
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;
        if (_bin is null)
        {
            throw new InvalidOperationException($"PostgreSQL is needed for these tests: install it (apt-get install postgresql) or set {Variable}");
        }
        _dataDir = Directory.CreateTempSubdirectory("restake-pg-").FullName;
        var port = FreePort();
        var pw = Path.Combine(_dataDir, "pw");
        File.WriteAllText(pw, Password);
        var data = Path.Combine(_dataDir, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", "-R", "postgres:postgres", _dataDir);
        }
        AsPostgres(asRoot, $"{_bin}/initdb -D {data} -U postgres --auth=scram-sha-256 --pwfile={pw} -E UTF8");
        AsPostgres(asRoot, $"{_bin}/pg_ctl -D {data} -l {_dataDir}/log -o \"-c listen_addresses=127.0.0.1 -p {port} -k {_dataDir} -c fsync=on\" -w start");
        BaseUrl = $"postgres://postgres:{Password}@127.0.0.1:{port}/postgres";
    }

    /// <summary>The server's maintenance database URL.</summary>
    public string BaseUrl { get; }

    /// <summary>A new empty database for one test: its --db URL.</summary>
    public string NewDatabase()
    {
        var name = $"restake_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        using var conn = new NpgsqlConnection(Restake.Node.Store.PostgresLogStore.FromUrl(BaseUrl));
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        cmd.ExecuteNonQuery();
        return BaseUrl[..BaseUrl.LastIndexOf('/')] + "/" + name;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void AsPostgres(bool asRoot, string command)
    {
        if (asRoot)
        {
            Run("su", "postgres", "-c", command);
        }
        else
        {
            Run("/bin/sh", "-c", command);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr}{stdout.Result}");
        }
    }

    public void Dispose()
    {
        if (_dataDir is null)
        {
            return;
        }
        try
        {
            AsPostgres(Environment.UserName == "root", $"{_bin}/pg_ctl -D {_dataDir}/data -m immediate stop");
        }
        catch (InvalidOperationException)
        {
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
