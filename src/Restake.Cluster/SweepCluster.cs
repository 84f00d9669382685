using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Restake.Cluster;

/// <summary>A bad --cluster address: one named reason.</summary>
public sealed class ClusterAddressException(string message) : Exception(message);

/// <summary>
/// Where the silos are: <c>localhost:N</c> (N silos started in this process, localhost clustering) or
/// <c>postgres://user:password@host:port/database</c> (ADO.NET clustering: silos on any machine that can
/// reach the database join the same membership table; docs/cluster.md says how to create it).
/// </summary>
public sealed record ClusterAddress(int LocalSilos, string? PostgresConnection)
{
    public const string ClusterId = "restake-sweep";
    public const string ServiceId = "restake";

    public static ClusterAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("localhost:", StringComparison.Ordinal))
        {
            return int.TryParse(text["localhost:".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 16
                ? new ClusterAddress(n, null)
                : throw new ClusterAddressException($"--cluster '{text}': localhost:N takes 1 to 16 silos");
        }
        if (text.StartsWith("postgres://", StringComparison.Ordinal) || text.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return new ClusterAddress(0, NpgsqlConnectionString(text));
        }
        throw new ClusterAddressException($"--cluster '{text}': give localhost:N or postgres://user:password@host:port/database");
    }

    /// <summary>postgres://user:password@host:port/database as an Npgsql connection string.</summary>
    public static string NpgsqlConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath.Length <= 1)
        {
            throw new ClusterAddressException($"--cluster '{url}': give postgres://user:password@host:port/database");
        }
        var user = uri.UserInfo.Split(':', 2);
        var b = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(user[0]),
        };
        if (user.Length == 2) b.Password = Uri.UnescapeDataString(user[1]);
        return b.ConnectionString;
    }
}

/// <summary>
/// Silos and a client for sweeps. <see cref="StartLocalAsync"/> starts N silos in this process (free loopback
/// ports, the first silo the primary) and a client connected to all of their gateways;
/// <see cref="ConnectAsync"/> joins silos already running on a PostgreSQL membership table;
/// <see cref="RunSiloAsync"/> hosts one silo there until cancelled.
/// </summary>
public sealed class SweepCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos;
    private readonly IHost _client;

    private SweepCluster(List<IHost> silos, IHost client)
    {
        _silos = silos;
        _client = client;
    }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public int LocalSilos => _silos.Count;

    public static async Task<SweepCluster> StartLocalAsync(int silos, CancellationToken cancel = default)
    {
        if (silos < 1) throw new ClusterAddressException("a local cluster needs at least one silo");
        var ports = Enumerable.Range(0, silos).Select(_ => (Silo: FreePort(), Gateway: FreePort())).ToArray();
        var primary = new IPEndPoint(IPAddress.Loopback, ports[0].Silo);
        var hosts = new List<IHost>();
        try
        {
            foreach (var (silo, gateway) in ports)
            {
                var host = new HostBuilder()
                    .UseOrleans(b => b.UseLocalhostClustering(silo, gateway, primary, ClusterAddress.ServiceId, ClusterAddress.ClusterId))
                    .Build();
                await host.StartAsync(cancel).ConfigureAwait(false);
                hosts.Add(host);
            }
            var client = new HostBuilder()
                .UseOrleansClient(c => c.UseLocalhostClustering([.. ports.Select(p => p.Gateway)], ClusterAddress.ServiceId, ClusterAddress.ClusterId))
                .Build();
            await client.StartAsync(cancel).ConfigureAwait(false);
            return new SweepCluster(hosts, client);
        }
        catch
        {
            foreach (var h in hosts) h.Dispose();
            throw;
        }
    }

    /// <summary>A client of the silos registered in the PostgreSQL membership table.</summary>
    public static async Task<SweepCluster> ConnectAsync(string npgsqlConnection, CancellationToken cancel = default)
    {
        var client = new HostBuilder()
            .UseOrleansClient(c => c
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = npgsqlConnection;
                })
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterAddress.ClusterId;
                    o.ServiceId = ClusterAddress.ServiceId;
                }))
            .Build();
        await client.StartAsync(cancel).ConfigureAwait(false);
        return new SweepCluster([], client);
    }

    /// <summary>One silo on this machine, in the PostgreSQL-backed cluster, until <paramref name="cancel"/>.</summary>
    public static async Task RunSiloAsync(string npgsqlConnection, string advertisedHost, int siloPort, int gatewayPort, CancellationToken cancel)
    {
        var address = IPAddress.TryParse(advertisedHost, out var ip) ? ip : (await Dns.GetHostAddressesAsync(advertisedHost, cancel).ConfigureAwait(false))
            .First(a => a.AddressFamily == AddressFamily.InterNetwork);
        using var host = new HostBuilder()
            .UseOrleans(b => b
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = npgsqlConnection;
                })
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterAddress.ClusterId;
                    o.ServiceId = ClusterAddress.ServiceId;
                })
                .ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: true))
            .Build();
        await host.StartAsync(cancel).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: leave the cluster cleanly.
        }
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync().ConfigureAwait(false);
        _client.Dispose();
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync().ConfigureAwait(false);
            silo.Dispose();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
