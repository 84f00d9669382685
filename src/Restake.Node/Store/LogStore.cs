using System.Text;
using Restake.Protocol.Rewards;

namespace Restake.Node.Store;

/// <summary>
/// One stored log entry: its height (1, 2, ...), the entry, the events it emitted, and the hash that
/// chains it to everything before it, so a damaged or torn entry is detected on start.
/// </summary>
public sealed record StoredEntry(long Height, string Payload, string Events, string Hash)
{
    /// <summary>keccak256(previous hash ‖ payload ‖ events); the chain starts at the genesis' hash.</summary>
    public static string ChainHash(string previous, string payload, string events)
    {
        var bytes = Encoding.UTF8.GetBytes(previous + "\n" + payload + "\n" + events);
        return "0x" + Convert.ToHexStringLower(Keccak.Hash(bytes));
    }

    public static string GenesisHash(string genesisJson) => ChainHash("", genesisJson, "");

    public bool Verifies(string previous) => Hash == ChainHash(previous, Payload, Events);
}

/// <summary>
/// The node's durable log: the genesis, the ordered entries and state-hash checkpoints. An append
/// returns only once the entries are durable; it is one transaction, so a crash keeps all or none.
/// </summary>
public interface ILogStore : IDisposable
{
    /// <summary>Where the log lives, for people ("sqlite:/path/node.db (WAL)").</summary>
    string Description { get; }

    string? ReadGenesis();

    IEnumerable<StoredEntry> ReadEntries();

    void Append(IReadOnlyList<StoredEntry> entries);

    /// <summary>Drops every entry above <paramref name="height"/> (a revert to a snapshot, or a torn tail).</summary>
    void TruncateAfter(long height);

    /// <summary>Replaces everything with a new genesis and log, atomically (loading a dump).</summary>
    void Reset(string genesisJson, IReadOnlyList<StoredEntry> entries);

    void SaveCheckpoint(long height, string stateHash);

    (long Height, string StateHash)? ReadCheckpoint();
}

public static class LogStores
{
    /// <summary>
    /// Opens a store from the <c>--db</c> argument: <c>sqlite:PATH</c> (the default is an SQLite file),
    /// <c>postgres://user:password@host:port/database</c>, or <c>postgres:</c> followed by an Npgsql
    /// connection string.
    /// </summary>
    public static ILogStore Open(string db)
    {
        if (db.StartsWith("postgres://", StringComparison.Ordinal) || db.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return new PostgresLogStore(PostgresLogStore.FromUrl(db));
        }
        if (db.StartsWith("postgres:", StringComparison.Ordinal))
        {
            return new PostgresLogStore(db["postgres:".Length..]);
        }
        if (!db.StartsWith("sqlite:", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(db, "^[A-Za-z][A-Za-z0-9+.-]+:"))
        {
            // A scheme we do not serve would otherwise become an oddly named SQLite file.
            throw new ArgumentException($"--db '{db}': stores are sqlite:PATH (or a plain path) and postgres://user:password@host:port/database");
        }
        var path = db.StartsWith("sqlite:", StringComparison.Ordinal) ? db["sqlite:".Length..] : db;
        if (path.Length == 0)
        {
            throw new ArgumentException("--db sqlite: needs a file path, such as sqlite:.restake/node.db");
        }
        return new SqliteLogStore(path);
    }
}
