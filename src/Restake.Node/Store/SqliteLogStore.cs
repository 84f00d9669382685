using Microsoft.Data.Sqlite;

namespace Restake.Node.Store;

/// <summary>
/// The embedded default: one SQLite file in WAL mode with synchronous=FULL, so a commit is on disk
/// (the WAL fsynced) before the node acknowledges it. SQLite's WAL frames carry checksums, and a
/// transaction whose commit frame did not reach the disk is rolled back on the next open.
/// </summary>
public sealed class SqliteLogStore : ILogStore
{
    private readonly SqliteConnection _db;

    public SqliteLogStore(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        Description = $"sqlite:{full} (WAL)";
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Exec("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS log (height INTEGER PRIMARY KEY, payload TEXT NOT NULL, events TEXT NOT NULL, hash TEXT NOT NULL);
            """);
    }

    public string Description { get; }

    public string? ReadGenesis() => Meta("genesis");

    public IEnumerable<StoredEntry> ReadEntries()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT height, payload, events, hash FROM log ORDER BY height";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return new StoredEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3));
        }
    }

    public void Append(IReadOnlyList<StoredEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }
        using var tx = _db.BeginTransaction();
        Insert(tx, entries);
        tx.Commit();
    }

    private void Insert(SqliteTransaction tx, IReadOnlyList<StoredEntry> entries)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO log (height, payload, events, hash) VALUES ($h, $p, $e, $x)";
        var h = cmd.Parameters.Add("$h", SqliteType.Integer);
        var p = cmd.Parameters.Add("$p", SqliteType.Text);
        var e = cmd.Parameters.Add("$e", SqliteType.Text);
        var x = cmd.Parameters.Add("$x", SqliteType.Text);
        foreach (var entry in entries)
        {
            h.Value = entry.Height;
            p.Value = entry.Payload;
            e.Value = entry.Events;
            x.Value = entry.Hash;
            cmd.ExecuteNonQuery();
        }
    }

    public void TruncateAfter(long height)
    {
        var stale = ReadCheckpoint() is { } c && c.Height > height;
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "DELETE FROM log WHERE height > $h" + (stale ? "; DELETE FROM meta WHERE key = 'checkpoint'" : "");
        cmd.Parameters.AddWithValue("$h", height);
        cmd.ExecuteNonQuery();
    }

    public void Reset(string genesisJson, IReadOnlyList<StoredEntry> entries)
    {
        // One transaction: a crash leaves the old chain or the new one, never a genesis without its log.
        using var tx = _db.BeginTransaction();
        using (var cmd = _db.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "DELETE FROM log; DELETE FROM meta; INSERT INTO meta (key, value) VALUES ('genesis', $g)";
            cmd.Parameters.AddWithValue("$g", genesisJson);
            cmd.ExecuteNonQuery();
        }
        Insert(tx, entries);
        tx.Commit();
    }

    public void SaveCheckpoint(long height, string stateHash) => SetMeta("checkpoint", $"{height} {stateHash}");

    public (long Height, string StateHash)? ReadCheckpoint() => Checkpoints.Parse(Meta("checkpoint"));

    private string? Meta(string key)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    private void SetMeta(string key, string value)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}

internal static class Checkpoints
{
    public static (long, string)? Parse(string? text)
    {
        var parts = text?.Split(' ');
        return parts is [var h, var hash] && long.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out var height) ? (height, hash) : null;
    }
}
