namespace Restake.Node.Tests.Faults;

/// <summary>
/// Damage a crashed node's SQLite log the ways a disk can: a torn last entry is dropped, a torn WAL
/// frame leaves a consistent prefix, damage in the middle stops the node with one clear line.
/// </summary>
public class TornWriteTests
{
    [Fact]
    public async Task A_torn_last_entry_is_dropped_and_the_node_goes_on_from_the_entry_before()
    {
        using var dir = new TempDir();
        var path = dir.File("node.db");
        var db = $"sqlite:{path}";
        var load = await KillLoop.CrashUnderLoadAsync(db, acks: 10);
        var entries = SqliteFiles.ReadEntries(path);
        var last = entries.Count;
        Assert.True(last > SignedLoad.Operators, $"only {last} entries");
        // Half its payload reached the disk: its chain hash no longer verifies.
        SqliteFiles.Exec(path, "UPDATE log SET payload = substr(payload, 1, length(payload) / 2) WHERE height = $h", last);

        using (var node = await NodeProcess.StartAsync(db, SignedLoad.Accounts))
        {
            var r = await LogCheck.ReplayAsync(node.Client, "after the tear");
            Assert.Equal(entries.Take(last - 1).Select(e => e.Hash), r.Entries.Select(e => e.Hash));
            // The node appends after the entry before the torn one, at the torn one's height.
            var nonces = await SignedLoad.NoncesAsync(node.Client);
            var (verb, body) = SignedLoad.Plan(5, nonces[5]);
            var next = await node.Client.SendAsync(SignedLoad.Keys[5].PrivateKey, verb, body, nonces[5]);
            Assert.True(next.Ok, next.Detail);
            Assert.Equal(last, next.Json!["height"]!.GetValue<long>());
            var stderr = await node.KillAndReadStderrAsync();
            Assert.Contains($"the last log entry ({last}) is torn", stderr);
            Assert.Single(stderr.Trim().Split('\n'));
        }
        using (var again = await NodeProcess.StartAsync(db, SignedLoad.Accounts))
        {
            var r = await LogCheck.ReplayAsync(again.Client, "after the restart");
            Assert.Equal(last, r.Height);
            Assert.Equal("", await again.KillAndReadStderrAsync());
        }
        Assert.NotEmpty(load.Acked);
    }

    [Fact]
    public async Task A_wal_cut_in_its_last_frame_leaves_a_consistent_prefix_of_the_log()
    {
        using var dir = new TempDir();
        var path = dir.File("node.db");
        var db = $"sqlite:{path}";
        await KillLoop.CrashUnderLoadAsync(db, acks: 10);
        var wal = path + "-wal";
        var (live, whole, frameSize) = SqliteFiles.Frames(wal);
        // A WAL that was never checkpointed holds the whole log, so cutting its tail cannot leave pages of later commits in the database file.
        Assert.True(live == whole && live is > 1 and < 1000, $"the WAL has {live} live frames of {whole}; the test needs a WAL that was never checkpointed");
        var original = SqliteFiles.ReadEntriesOfCopy(path, dir.File("copy"));
        SqliteFiles.TearLastFrame(wal, live, frameSize);

        using var node = await NodeProcess.StartAsync(db, SignedLoad.Accounts);
        var r = await LogCheck.ReplayAsync(node.Client, "after the cut");
        Assert.InRange(r.Height, SignedLoad.Operators, original.Count);
        // The replayed chain hashes are the stored ones: the prefix verifies from the genesis on.
        Assert.Equal(original.Take((int)r.Height).Select(e => e.Hash), r.Entries.Select(e => e.Hash));
        Assert.Equal("", await node.KillAndReadStderrAsync());
    }

    [Fact]
    public async Task Damage_in_the_middle_of_the_log_stops_the_node_with_one_line_naming_the_entry()
    {
        using var dir = new TempDir();
        var path = dir.File("node.db");
        var db = $"sqlite:{path}";
        await KillLoop.CrashUnderLoadAsync(db, acks: 10);
        var count = SqliteFiles.ReadEntries(path).Count;
        Assert.True(count >= 3, $"only {count} entries");
        var middle = count / 2;
        // One byte more: the JSON still parses, but the chain hash does not verify.
        SqliteFiles.Exec(path, "UPDATE log SET payload = payload || ' ' WHERE height = $h", middle);

        using var node = NodeProcess.Launch(db, SignedLoad.Accounts);
        Assert.False(await node.ReadyAsync(), "the node started on a damaged log");
        Assert.NotEqual(0, node.ExitCode);
        var lines = node.Stderr.Trim().Split('\n');
        var line = Assert.Single(lines);
        Assert.Contains($"damaged at entry {middle}", line);
        Assert.DoesNotContain("Exception", line);
        Assert.DoesNotContain(NodeProcess.ReadyLine, node.Stdout);
        // Nothing was dropped or rewritten: the damaged log is left for the operator to restore.
        Assert.Equal(count, SqliteFiles.ReadEntries(path).Count);
    }
}
