using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Restake.Node.Chain;
using Restake.Node.Signing;
using Restake.Node.Store;
using Restake.Protocol.Rewards;

namespace Restake.Node;

/// <summary>What an accepted transaction got: its hash, its place in the log, and the events it emitted.</summary>
public sealed record Receipt(string Hash, long Height, long Block, string Events);

/// <summary>
/// A running chain: one sequencer owns every change. Transactions are verified in parallel on the
/// callers' threads, then applied in order and committed in groups (one durable write for all the
/// transactions that arrived meanwhile), and only then acknowledged. Readers see the state under a
/// read lock; a rejected transaction changes nothing and is never logged.
/// </summary>
public sealed class NodeService : IDisposable
{
    public const string DumpFormat = "restake.node-dump/1";

    private readonly ILogStore _store;
    private readonly Action<string> _log;
    private readonly NodeOptions _options;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SortedDictionary<int, long> _snapshots = [];
    private readonly Task _sequencer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task? _miner;
    private NodeChain _chain;
    private string _genesisJson;
    private string _lastHash;
    private long _checkpointed;
    private long _nextCheckpointAt;
    private int _nextSnapshot = 1;

    private NodeService(ILogStore store, NodeOptions options, Action<string> log)
    {
        _store = store;
        _options = options;
        _log = log;
        Automine = options.Automine;
        var (chain, genesis, last, feed) = Recover();
        (_chain, _genesisJson, _lastHash) = (chain, genesis, last);
        _checkpointed = _chain.Height;
        Feed.Publish(feed);
        _sequencer = Task.Factory.StartNew(Sequence, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        if (options.BlockTimeSeconds is > 0 and var seconds)
        {
            _miner = MineOnInterval(TimeSpan.FromSeconds(seconds));
        }
    }

    /// <summary>Opens the store, rebuilding the chain by replaying its log (and checking it on the way).</summary>
    public static NodeService Open(NodeOptions options, Action<string>? log = null)
    {
        var store = LogStores.Open(options.Db);
        try
        {
            return new NodeService(store, options, log ?? (_ => { }));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public Feed Feed { get; } = new();

    public string StoreDescription => _store.Description;

    /// <summary>Blocks after each transaction (on by default); a developer can turn it off and mine by hand.</summary>
    public bool Automine { get; set; }

    public double? BlockTimeSeconds => _options.BlockTimeSeconds;

    /// <summary>Runs a query against the current state; many readers at once, never during a change.</summary>
    public T Read<T>(Func<NodeChain, T> query)
    {
        _lock.EnterReadLock();
        try
        {
            return query(_chain);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Verifies and submits a signed transaction; completes once it is durable (the receipt) or
    /// throws <see cref="RejectedException"/> with why it was refused (nothing changed).
    /// </summary>
    public Task<Receipt> SubmitAsync(SignedTransaction tx)
    {
        var digest = Verify(tx, Read(c => c.ChainId));
        var hash = TransactionHash(digest, tx.Signature);
        var work = new TxWork(tx with { From = EthAddress.Normalize(tx.From) }, hash);
        return Enqueue(work, work.Done);
    }

    /// <summary>
    /// Checks a transaction's form, chain id and signature (by its sender), for submissions and for
    /// the entries of a dump alike; throws <see cref="RejectedException"/> (400 or 401) with the reason.
    /// Returns the EIP-712 digest, which also names the transaction.
    /// </summary>
    public static byte[] Verify(SignedTransaction tx, long chainId)
    {
        var payload = new TransactionPayload(tx.ChainId, tx.From ?? "", tx.Nonce, tx.Verb ?? "", tx.Body ?? "");
        if (tx.From is null || !EthAddress.IsAddress(tx.From))
        {
            throw RejectedException.BadRequest("MalformedTransaction", "'from' must be an address (0x and 40 hex digits)");
        }
        if (tx.Verb is null || tx.Body is null || tx.Signature is null)
        {
            throw RejectedException.BadRequest("MalformedTransaction", "a transaction has chain_id, from, nonce, verb, body (a JSON string) and signature");
        }
        if (tx.ChainId != chainId)
        {
            throw RejectedException.BadRequest("WrongChainId", $"the transaction is signed for chain {tx.ChainId}; this node is chain {chainId}");
        }
        // One digest serves the signature check and the transaction hash.
        var digest = TransactionSigning.Digest(payload);
        if (!TransactionSigning.TryRecover(digest, tx.Signature, out var signer, out var error))
        {
            throw new RejectedException(401, "InvalidSignature", error ?? "the signature does not verify");
        }
        if (EthAddress.Normalize(signer) != EthAddress.Normalize(tx.From))
        {
            throw new RejectedException(401, "InvalidSignature", $"the signature is by {EthAddress.Checksummed(signer)}, not by {EthAddress.Checksummed(tx.From)}");
        }
        return digest;
    }

    public static string TransactionHash(TransactionPayload payload, string signature) => TransactionHash(TransactionSigning.Digest(payload), signature);

    private static string TransactionHash(byte[] digest, string signature)
    {
        var sig = Convert.FromHexString(signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? signature[2..] : signature);
        return "0x" + Convert.ToHexStringLower(Keccak.Hash([.. digest, .. sig]));
    }

    /// <summary>Produces blocks with no transaction (a developer's mine, a time jump, interval mining).</summary>
    public const long MaxMineBlocks = 100_000_000;

    public Task<Receipt> MineAsync(long blocks)
    {
        if (blocks is < 1 or > MaxMineBlocks)
        {
            throw RejectedException.BadRequest("InvalidBlocks", "mine between 1 and 100,000,000 blocks");
        }
        var work = new MineWork(blocks);
        return Enqueue(work, work.Done);
    }

    /// <summary>Advances time by at least <paramref name="seconds"/> (whole blocks).</summary>
    public Task<Receipt> IncreaseTimeAsync(long seconds)
    {
        var spb = Read(c => c.Engine.State.Params.SecondsPerBlock);
        if (seconds < 1 || seconds > MaxMineBlocks * spb)
        {
            // The upper bound also keeps the rounding up to whole blocks from overflowing.
            throw RejectedException.BadRequest("InvalidSeconds", $"increase time by between 1 and {MaxMineBlocks * spb} seconds ({MaxMineBlocks} blocks)");
        }
        return MineAsync((seconds + spb - 1) / spb);
    }

    /// <summary>Remembers the current height; <see cref="RevertAsync"/> returns to it (as often as wanted).</summary>
    public Task<int> SnapshotAsync() => Control(() =>
    {
        var id = _nextSnapshot++;
        _snapshots[id] = _chain.Height;
        return id;
    });

    /// <summary>
    /// Returns the chain to a snapshot: later entries leave the log, later snapshots are forgotten,
    /// and the snapshot itself stays usable. False for an unknown id.
    /// </summary>
    public Task<bool> RevertAsync(int id) => Control(() =>
    {
        if (!_snapshots.TryGetValue(id, out var height))
        {
            return false;
        }
        _store.TruncateAfter(height);
        foreach (var later in _snapshots.Keys.Where(k => k > id).ToList())
        {
            _snapshots.Remove(later);
        }
        Swap(Recover());
        return true;
    });

    /// <summary>The whole chain as one versioned document: its genesis and its log; loading it replays to the same state hash.</summary>
    public Task<JsonObject> DumpAsync() => Control(() =>
    {
        var entries = new JsonArray(_store.ReadEntries().Select(e => JsonNode.Parse(e.Payload)).ToArray());
        return new JsonObject
        {
            ["format"] = DumpFormat,
            ["genesis"] = JsonNode.Parse(_genesisJson),
            ["height"] = _chain.Height,
            ["state_hash"] = _chain.StateHash(),
            ["entries"] = entries,
        };
    });

    /// <summary>
    /// Replaces the chain with a dump, after replaying it and checking its state hash; a dump that
    /// does not replay exactly is refused and the node keeps its chain.
    /// </summary>
    public Task<string> LoadAsync(JsonNode? dump) => Control(() =>
    {
        var (genesis, _, stored) = Replay(dump);
        _store.Reset(genesis, stored);
        _snapshots.Clear();
        // Rebuilt from the store, as a restart would: the event log then shows the loaded chain's entries.
        Swap(Recover());
        return _chain.StateHash();
    });

    /// <summary>Checks a dump without touching the node: its chain, or the reason it is refused.</summary>
    public static (string GenesisJson, NodeChain Chain, List<StoredEntry> Entries) Replay(JsonNode? dump) =>
        Replay(dump, null);

    private static (string GenesisJson, NodeChain Chain, List<StoredEntry> Entries) Replay(JsonNode? dump, List<FeedItem>? feed)
    {
        if (dump is not JsonObject o || o["format"]?.GetValueKind() != JsonValueKind.String)
        {
            throw RejectedException.BadRequest("InvalidDump", $"a dump is a JSON object with \"format\": \"{DumpFormat}\"");
        }
        var format = o["format"]!.GetValue<string>();
        if (format != DumpFormat)
        {
            throw RejectedException.BadRequest("InvalidDump", $"the dump has format '{format}'; this version reads '{DumpFormat}'");
        }
        if (o["genesis"] is not JsonObject genesisNode || o["entries"] is not JsonArray entries)
        {
            throw RejectedException.BadRequest("InvalidDump", "the dump needs 'genesis' and 'entries'");
        }
        var genesisJson = genesisNode.ToJsonString();
        NodeChain chain;
        try
        {
            chain = new NodeChain(Genesis.FromJson(genesisJson));
        }
        catch (InvalidDataException e)
        {
            throw RejectedException.BadRequest("InvalidDump", e.Message);
        }
        var stored = new List<StoredEntry>(entries.Count);
        var previous = StoredEntry.GenesisHash(genesisJson);
        for (var i = 0; i < entries.Count; i++)
        {
            try
            {
                var payload = entries[i]?.ToJsonString() ?? "null";
                var entry = LogEntry.FromJson(payload);
                if (entry is TransactionEntry t)
                {
                    // The log a node writes is its own; a dump comes from outside, so its transactions must be signed by their senders.
                    Verify(t.Tx, chain.ChainId);
                }
                payload = entry.ToJson();
                var applied = chain.Apply(entry);
                var events = applied.EventsJson();
                var hash = StoredEntry.ChainHash(previous, payload, events);
                stored.Add(new StoredEntry(applied.Height, payload, events, hash));
                feed?.Add(FeedItemOf(entry, applied, events, chain));
                previous = hash;
            }
            catch (Exception e) when (e is JsonException or RejectedException or NotSupportedException)
            {
                throw RejectedException.BadRequest("InvalidDump", $"entry {i + 1} does not apply: {e.Message}");
            }
        }
        if (o["state_hash"] is JsonValue expected && expected.GetValueKind() == JsonValueKind.String && expected.GetValue<string>() != chain.StateHash())
        {
            throw RejectedException.BadRequest("InvalidDump", $"the dump's replay gives state hash {chain.StateHash()}, not the {expected} it records");
        }
        return (genesisJson, chain, stored);
    }

    // --- the sequencer ---

    private abstract class Work
    {
        public abstract void Fail(Exception e);
    }

    private sealed class TxWork(SignedTransaction tx, string hash) : Work
    {
        public SignedTransaction Tx { get; } = tx;
        public string Hash { get; } = hash;
        public TaskCompletionSource<Receipt> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public override void Fail(Exception e) => Done.TrySetException(e);
    }

    private sealed class MineWork(long blocks) : Work
    {
        public long Blocks { get; } = blocks;
        public TaskCompletionSource<Receipt> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public override void Fail(Exception e) => Done.TrySetException(e);
    }

    private sealed class ControlWork(Func<object?> action) : Work
    {
        public Func<object?> Action { get; } = action;
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public override void Fail(Exception e) => Done.TrySetException(e);
    }

    private Task<T> Enqueue<T>(Work work, TaskCompletionSource<T> done)
    {
        if (!_work.Writer.TryWrite(work))
        {
            throw new RejectedException(503, "NodeStopping", "the node is shutting down");
        }
        return done.Task;
    }

    private async Task<T> Control<T>(Func<T> action)
    {
        var work = new ControlWork(() => action());
        var result = await Enqueue(work, work.Done).ConfigureAwait(false);
        return (T)result!;
    }

    private async Task Sequence()
    {
        var batch = new List<Work>();
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 2_000 && reader.TryRead(out var w))
            {
                batch.Add(w);
            }
            var pending = new List<Pending>();
            foreach (var work in batch)
            {
                if (work is ControlWork control)
                {
                    Commit(pending);
                    pending.Clear();
                    RunControl(control);
                    continue;
                }
                bool intact;
                _lock.EnterWriteLock();
                try
                {
                    intact = ApplyWork(work, pending);
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
                if (!intact)
                {
                    // What was applied before it is sound: keep it, then rebuild the chain from the log.
                    Commit(pending);
                    pending.Clear();
                    Rebuild();
                }
            }
            Commit(pending);
        }
    }

    private sealed record Pending(StoredEntry Stored, FeedItem Item, Work Work, Receipt Receipt)
    {
        public void Ack()
        {
            switch (Work)
            {
                case TxWork t: t.Done.TrySetResult(Receipt); break;
                case MineWork m: m.Done.TrySetResult(Receipt); break;
            }
        }
    }

    /// <summary>Applies one entry; false when it failed in a way no refusal explains (a bug), so the chain may be half-way through it.</summary>
    private bool ApplyWork(Work work, List<Pending> pending)
    {
        try
        {
            LogEntry entry = work switch
            {
                TxWork t => new TransactionEntry(t.Tx, Automine ? 1 : 0),
                MineWork m => new MineEntry(m.Blocks),
                _ => throw new InvalidOperationException(),
            };
            var applied = _chain.Apply(entry);
            var payload = entry.ToJson();
            var events = applied.EventsJson();
            _lastHash = StoredEntry.ChainHash(_lastHash, payload, events);
            var stored = new StoredEntry(applied.Height, payload, events, _lastHash);
            var hash = (work as TxWork)?.Hash;
            var item = FeedItemOf(entry, applied, events, _chain, hash);
            pending.Add(new Pending(stored, item, work, new Receipt(hash ?? "", applied.Height, applied.Block, events)));
            return true;
        }
        catch (RejectedException e)
        {
            work.Fail(e);
            return true;
        }
        catch (Exception e)
        {
            _log($"restake node: applying an entry failed ({e.GetType().Name}: {e.Message}); rebuilding from the log");
            work.Fail(new RejectedException(500, "InternalError", $"the node failed on this request ({e.GetType().Name}: {e.Message}); nothing was applied; please report it"));
            return false;
        }
    }

    /// <summary>Replaces the chain in memory with the one the durable log rebuilds.</summary>
    private void Rebuild()
    {
        _lock.EnterWriteLock();
        try
        {
            Swap(Recover());
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Commit(List<Pending> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            _store.Append(pending.Select(p => p.Stored).ToList());
        }
        catch (Exception e)
        {
            // The memory is ahead of the disk: refuse the batch and rebuild from what is durable.
            _log($"restake node: the store refused a write ({e.Message}); rebuilding from the log");
            Rebuild();
            var failure = new RejectedException(503, "StoreUnavailable", $"the log could not be written: {e.Message}");
            foreach (var p in pending)
            {
                p.Work.Fail(failure);
            }
            return;
        }
        Feed.Publish(pending.Select(p => p.Item).ToList());
        foreach (var p in pending)
        {
            p.Ack();
        }
        var height = pending[^1].Stored.Height;
        if (height - _checkpointed >= _options.CheckpointEvery && Stopwatch.GetTimestamp() >= _nextCheckpointAt)
        {
            var started = Stopwatch.GetTimestamp();
            _store.SaveCheckpoint(height, Read(c => c.Height == height ? c.StateHash() : null) ?? "");
            _checkpointed = height;
            // A checkpoint hashes the whole state while every writer waits (about 90 ms for 2,000 stakers):
            // it may take at most 1 % of the sequencer's time, however large the state grows.
            _nextCheckpointAt = Stopwatch.GetTimestamp() + ((Stopwatch.GetTimestamp() - started) * 100);
        }
    }

    private void RunControl(ControlWork control)
    {
        _lock.EnterWriteLock();
        try
        {
            control.Done.TrySetResult(control.Action());
        }
        catch (Exception e)
        {
            // Whatever went wrong belongs to this request alone: the sequencer goes on with the next.
            control.Done.TrySetException(e);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Swap((NodeChain Chain, string Genesis, string LastHash, List<FeedItem> Feed) recovered)
    {
        (_chain, _genesisJson, _lastHash, var feed) = recovered;
        _checkpointed = _chain.Height;
        Feed.Replace(feed, new FeedItem(_chain.Height, _chain.Engine.State.Block, "reset", null, null, null, "[]")
        {
            Time = _chain.Engine.State.Time,
            Tvl = _chain.Tvl(),
        });
    }

    private static FeedItem FeedItemOf(LogEntry entry, Applied applied, string events, NodeChain chain, string? knownHash = null)
    {
        var (from, verb, hash) = entry is TransactionEntry t
            ? (t.Tx.From, t.Tx.Verb, knownHash ?? TransactionHash(new TransactionPayload(t.Tx.ChainId, t.Tx.From, t.Tx.Nonce, t.Tx.Verb, t.Tx.Body), t.Tx.Signature))
            : (null, null, (string?)null);
        return new FeedItem(applied.Height, applied.Block, entry is TransactionEntry ? "tx" : "mine", from, verb, hash, events)
        {
            Time = chain.Engine.State.Time,
            Tvl = chain.Tvl(),
        };
    }

    /// <summary>
    /// Rebuilds the chain from the store: genesis, then every entry, checking the hash chain, the
    /// events each entry emitted and the last checkpoint's state hash. A torn last entry (its hash
    /// does not verify) is dropped: it was never acknowledged. Damage anywhere else stops the node.
    /// </summary>
    private (NodeChain, string, string, List<FeedItem>) Recover()
    {
        var genesisJson = _store.ReadGenesis();
        if (genesisJson is null)
        {
            genesisJson = (_options.Genesis ?? Genesis.Create()).ToJson();
            _store.Reset(genesisJson, []);
        }
        else if (_options.Genesis is { } wanted && wanted.ToJson() != genesisJson && _chain is null)
        {
            throw new InvalidDataException($"{_store.Description} already holds a chain with another genesis; start with a new --db, or without --genesis to continue it");
        }
        var chain = new NodeChain(Genesis.FromJson(genesisJson));
        var previous = StoredEntry.GenesisHash(genesisJson);
        var checkpoint = _store.ReadCheckpoint();
        var entries = _store.ReadEntries().ToList();
        var feed = new List<FeedItem>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var last = i == entries.Count - 1;
            if (e.Height != i + 1 || !e.Verifies(previous))
            {
                if (last && e.Height == i + 1)
                {
                    _log($"restake node: the last log entry ({e.Height}) is torn (its hash does not verify); it was never acknowledged, so it is dropped");
                    _store.TruncateAfter(e.Height - 1);
                    break;
                }
                throw new InvalidDataException($"the log in {_store.Description} is damaged at entry {i + 1} (missing, or its hash does not chain to the one before); a damaged store cannot be opened, so start a new one from a dump (restake node --db NEW --load-state DUMP)");
            }
            Applied applied;
            LogEntry entry;
            try
            {
                entry = LogEntry.FromJson(e.Payload);
                applied = chain.Apply(entry);
            }
            catch (Exception x) when (x is JsonException or RejectedException or NotSupportedException)
            {
                throw new InvalidDataException($"replaying the log diverged at entry {e.Height}: {x.Message}");
            }
            var events = applied.EventsJson();
            if (events != e.Events)
            {
                throw new InvalidDataException($"replaying the log diverged at entry {e.Height}: it emitted other events than were logged (a different engine version?)");
            }
            if (checkpoint is { } c && c.Height == e.Height && c.StateHash.Length > 0 && chain.StateHash() != c.StateHash)
            {
                throw new InvalidDataException($"replaying the log gives state hash {chain.StateHash()} at entry {e.Height}, but the checkpoint recorded {c.StateHash}");
            }
            feed.Add(FeedItemOf(entry, applied, events, chain));
            previous = e.Hash;
        }
        return (chain, genesisJson, previous, feed);
    }

    private async Task MineOnInterval(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await MineAsync(1).ConfigureAwait(false);
                }
                catch (RejectedException)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _work.Writer.TryComplete();
        _sequencer.GetAwaiter().GetResult();
        _miner?.GetAwaiter().GetResult();
        if (_chain.Height > _checkpointed)
        {
            _store.SaveCheckpoint(_chain.Height, _chain.StateHash());
        }
        _store.Dispose();
        _lock.Dispose();
        _stop.Dispose();
    }
}
