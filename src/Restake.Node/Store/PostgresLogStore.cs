using Npgsql;

namespace Restake.Node.Store;

/// <summary>
/// The production store: the same log in PostgreSQL. Commits wait for the server's WAL flush
/// (synchronous_commit on, PostgreSQL's default), so an acknowledged entry survives a crash of either side.
/// </summary>
public sealed class PostgresLogStore : ILogStore
{
    private readonly NpgsqlDataSource _source;

    public PostgresLogStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
        Exec("""
            CREATE TABLE IF NOT EXISTS restake_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS restake_log (height BIGINT PRIMARY KEY, payload TEXT NOT NULL, events TEXT NOT NULL, hash TEXT NOT NULL);
            """);
    }

    /// <summary>postgres://user:password@host:port/database?k=v → an Npgsql connection string.</summary>
    public static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new ArgumentException($"'{url}' is not a PostgreSQL URL (postgres://user:password@host:port/database)");
        }
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "postgres",
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            b.Username = Uri.UnescapeDataString(user[0]);
        }
        if (user.Length == 2)
        {
            b.Password = Uri.UnescapeDataString(user[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            b[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return b.ConnectionString;
    }

    public string Description { get; }

    public string? ReadGenesis() => Meta("genesis");

    public IEnumerable<StoredEntry> ReadEntries()
    {
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT height, payload, events, hash FROM restake_log ORDER BY height", conn);
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
        using var conn = _source.OpenConnection();
        using var tx = conn.BeginTransaction();
        Insert(conn, tx, entries);
        tx.Commit();
    }

    private static void Insert(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<StoredEntry> entries)
    {
        using var batch = new NpgsqlBatch(conn, tx);
        foreach (var e in entries)
        {
            var c = new NpgsqlBatchCommand("INSERT INTO restake_log (height, payload, events, hash) VALUES ($1, $2, $3, $4)");
            c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Height });
            c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Payload });
            c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Events });
            c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Hash });
            batch.BatchCommands.Add(c);
        }
        batch.ExecuteNonQuery();
    }

    public void TruncateAfter(long height)
    {
        var stale = ReadCheckpoint() is { } c && c.Height > height;
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("DELETE FROM restake_log WHERE height > $1" + (stale ? "; DELETE FROM restake_meta WHERE key = 'checkpoint'" : ""), conn);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = height });
        cmd.ExecuteNonQuery();
    }

    public void Reset(string genesisJson, IReadOnlyList<StoredEntry> entries)
    {
        using var conn = _source.OpenConnection();
        using var tx = conn.BeginTransaction();
        using (var cmd = new NpgsqlCommand("DELETE FROM restake_log; DELETE FROM restake_meta;", conn, tx))
        {
            cmd.ExecuteNonQuery();
        }
        using (var cmd = new NpgsqlCommand("INSERT INTO restake_meta (key, value) VALUES ('genesis', $1)", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = genesisJson });
            cmd.ExecuteNonQuery();
        }
        if (entries.Count > 0)
        {
            Insert(conn, tx, entries);
        }
        tx.Commit();
    }

    public void SaveCheckpoint(long height, string stateHash)
    {
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("INSERT INTO restake_meta (key, value) VALUES ('checkpoint', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", conn);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{height} {stateHash}" });
        cmd.ExecuteNonQuery();
    }

    public (long Height, string StateHash)? ReadCheckpoint() => Checkpoints.Parse(Meta("checkpoint"));

    private string? Meta(string key)
    {
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT value FROM restake_meta WHERE key = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return cmd.ExecuteScalar() as string;
    }

    private void Exec(string sql)
    {
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _source.Dispose();
}
