using Restake.Cluster;
using Restake.Scenarios.Sweep;

namespace Restake.Cluster.Tests;

/// <summary>A sweep on a 2-silo localhost Orleans cluster gives the local table, runs spread over both silos.</summary>
public class ClusterSweepTests
{
    private static string SweepFile()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Restake.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return File.ReadAllText(Path.Combine(dir, "scenarios", "sweeps", "lrt-slash.yaml"));
    }

    [Fact]
    public async Task Two_silos_give_the_local_table_and_share_the_runs()
    {
        var text = SweepFile();
        var d = ScenarioSweep.Read(text);
        // The acceptance's size: 1,000 runs of the demo sweep, on both silos, equal to the local table.
        const int runs = 1000;
        var local = ScenarioSweep.Csv(d, ScenarioSweep.Run(d, runs, Environment.ProcessorCount));

        await using var cluster = await SweepCluster.StartLocalAsync(2);
        var progress = new List<int>();
        var (rows, perSilo) = await ClusterSweep.RunAsync(cluster.Client, text, runs, progress.Add);

        Assert.Equal(local, ScenarioSweep.Csv(d, rows));
        Assert.Equal(2, perSilo.Count);
        Assert.All(perSilo.Values, n => Assert.True(n > 0));
        Assert.Equal(runs, perSilo.Values.Sum());
        Assert.Equal(Enumerable.Range(1, runs), progress);
        // Another seed is another table: the cluster does not just echo one.
        var other = text.Replace("seed: ", "seed: 9", StringComparison.Ordinal);
        var (otherRows, _) = await ClusterSweep.RunAsync(cluster.Client, other, 10);
        Assert.NotEqual(ScenarioSweep.Csv(d, rows.Where(r => r.Run < 10).ToList()), ScenarioSweep.Csv(d, otherRows));
    }

    [Theory]
    [InlineData("localhost:2", 2)]
    [InlineData("localhost:16", 16)]
    public void Localhost_addresses_say_how_many_silos(string text, int silos) =>
        Assert.Equal(silos, ClusterAddress.Parse(text).LocalSilos);

    [Theory]
    [InlineData("localhost:0")]
    [InlineData("localhost:x")]
    [InlineData("redis://h")]
    [InlineData("postgres://")]
    public void Bad_addresses_are_refused_with_a_reason(string text) =>
        Assert.Throws<ClusterAddressException>(() => ClusterAddress.Parse(text));

    [Fact]
    public void A_postgres_url_becomes_an_npgsql_connection_string()
    {
        var a = ClusterAddress.Parse("postgres://sweep:p%40ss@db.example:5433/restake");
        Assert.Equal(0, a.LocalSilos);
        Assert.Contains("Host=db.example", a.PostgresConnection, StringComparison.Ordinal);
        Assert.Contains("Port=5433", a.PostgresConnection, StringComparison.Ordinal);
        Assert.Contains("Database=restake", a.PostgresConnection, StringComparison.Ordinal);
        Assert.Contains("Username=sweep", a.PostgresConnection, StringComparison.Ordinal);
        Assert.Contains("Password=p@ss", a.PostgresConnection, StringComparison.Ordinal);
    }
}
