using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Restake.Node.Store;

namespace Restake.Node.Tests.Faults;

/// <summary>Reaches into a stopped node's SQLite file and its write-ahead log, as a torn write or a bad disk would.</summary>
public static class SqliteFiles
{
    private const int WalHeader = 32;
    private const int FrameHeader = 24;

    public static List<StoredEntry> ReadEntries(string path)
    {
        using var db = Open(path);
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT height, payload, events, hash FROM log ORDER BY height";
        using var r = cmd.ExecuteReader();
        var entries = new List<StoredEntry>();
        while (r.Read())
        {
            entries.Add(new StoredEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        }
        return entries;
    }

    public static void Exec(string path, string sql, long height)
    {
        using var db = Open(path);
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$h", height);
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    /// <summary>The entries of a database and its WAL as they are now, read from a copy so the original's WAL is left as it is.</summary>
    public static List<StoredEntry> ReadEntriesOfCopy(string path, string scratch)
    {
        Directory.CreateDirectory(scratch);
        var copy = Path.Combine(scratch, Path.GetFileName(path));
        File.Copy(path, copy);
        File.Copy(path + "-wal", copy + "-wal");
        return ReadEntries(copy);
    }

    /// <summary>
    /// The live frames of a WAL (those with the header's salts, from the start) and every whole frame
    /// in the file; more of the latter means SQLite restarted the WAL after a checkpoint.
    /// </summary>
    public static (int Live, int Whole, int FrameSize) Frames(string wal)
    {
        var bytes = File.ReadAllBytes(wal);
        Assert.True(bytes.Length > WalHeader, $"{wal} holds no frame");
        var pageSize = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8));
        var frame = FrameHeader + pageSize;
        var whole = (bytes.Length - WalHeader) / frame;
        var salts = bytes.AsSpan(16, 8);
        var live = 0;
        while (live < whole && bytes.AsSpan(WalHeader + (live * frame) + 8, 8).SequenceEqual(salts))
        {
            live++;
        }
        return (live, whole, frame);
    }

    /// <summary>Cuts the WAL in the middle of its last live frame: the write that the crash interrupted.</summary>
    public static void TearLastFrame(string wal, int live, int frameSize)
    {
        using var f = new FileStream(wal, FileMode.Open, FileAccess.Write);
        f.SetLength(WalHeader + ((long)(live - 1) * frameSize) + (frameSize / 2));
    }

    private static SqliteConnection Open(string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        return db;
    }
}
