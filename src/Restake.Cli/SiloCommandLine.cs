using System.CommandLine;
using Restake.Cluster;

namespace Restake.Cli;

/// <summary>`restake silo --cluster postgres://...`: host one sweep silo on this machine until Ctrl+C (docs/cluster.md).</summary>
internal static class SiloCommandLine
{
    public static Command Build()
    {
        var cluster = new Option<string>("--cluster") { Description = "the membership database, postgres://user:password@host:port/database", Required = true };
        var host = new Option<string>("--host") { Description = "the address other machines reach this silo at", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "silo-to-silo port", DefaultValueFactory = _ => 11111 };
        var gateway = new Option<int>("--gateway") { Description = "client gateway port", DefaultValueFactory = _ => 30000 };
        var silo = new Command("silo", "Host one silo of a sweep cluster (ADO.NET clustering on PostgreSQL) until Ctrl+C; `restake sweep FILE --cluster postgres://...` then runs on every silo.") { cluster, host, port, gateway };
        silo.SetAction(parsed => Run(parsed.GetValue(cluster)!, parsed.GetValue(host)!, parsed.GetValue(port), parsed.GetValue(gateway)));
        return silo;
    }

    private static int Run(string cluster, string host, int port, int gateway)
    {
        ClusterAddress address;
        try
        {
            address = ClusterAddress.Parse(cluster);
        }
        catch (ClusterAddressException e)
        {
            Console.Error.WriteLine($"restake silo: {e.Message}");
            return 2;
        }
        if (address.PostgresConnection is not { } pg)
        {
            Console.Error.WriteLine("restake silo: a silo joins a PostgreSQL-backed cluster (--cluster postgres://...); localhost:N silos are started by `restake sweep --cluster localhost:N` itself");
            return 2;
        }
        if (port is < 1 or > 65535 || gateway is < 1 or > 65535)
        {
            Console.Error.WriteLine("restake silo: --port and --gateway are TCP ports (1–65535)");
            return 2;
        }
        using var stop = new CancellationTokenSource();
        // Ctrl+C or a service manager's SIGTERM: leave the membership table cleanly, then exit.
        void Leave(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Leave);
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Leave);
        Console.WriteLine($"restake silo: joining cluster '{ClusterAddress.ClusterId}' as {host}:{port} (gateway {gateway}); Ctrl+C (or SIGTERM) to leave.");
        try
        {
            SweepCluster.RunSiloAsync(pg, host, port, gateway, stop.Token).GetAwaiter().GetResult();
            Console.WriteLine("restake silo: left the cluster.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"restake silo: {e.GetBaseException().Message}");
            return 1;
        }
        return 0;
    }
}
