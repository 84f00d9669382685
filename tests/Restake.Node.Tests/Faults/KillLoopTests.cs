using Xunit.Abstractions;

namespace Restake.Node.Tests.Faults;

/// <summary>SIGKILL under load, again and again: nothing acknowledged is lost, nothing is half-applied (SQLite).</summary>
public class SqliteKillLoopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Twenty_kills_under_signed_load_lose_no_acknowledged_transaction()
    {
        using var dir = new TempDir();
        var seed = Environment.TickCount;
        var (load, final) = await KillLoop.RunAsync($"sqlite:{dir.File("node.db")}", rounds: 20, seed);
        Assert.True(load.Acked.Count >= 20 * KillLoop.AcksBeforeKill, $"only {load.Acked.Count} acknowledgements");
        Assert.True(final.Height >= load.Acked.Count, $"the log has {final.Height} entries for {load.Acked.Count} acknowledged transactions");
        output.WriteLine($"seed {seed}: {load.Sent.Count} signed, {load.Acked.Count} acknowledged, {final.Height} logged");
    }
}

/// <summary>The same kill loop on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public class PostgresKillLoopTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Five_kills_under_signed_load_lose_no_acknowledged_transaction()
    {
        var seed = Environment.TickCount;
        var (load, final) = await KillLoop.RunAsync(postgres.NewDatabase(), rounds: 5, seed);
        Assert.True(load.Acked.Count >= 5 * KillLoop.AcksBeforeKill, $"only {load.Acked.Count} acknowledgements");
        Assert.True(final.Height >= load.Acked.Count, $"the log has {final.Height} entries for {load.Acked.Count} acknowledged transactions");
        output.WriteLine($"seed {seed}: {load.Sent.Count} signed, {load.Acked.Count} acknowledged, {final.Height} logged");
    }
}
