using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Restake.Node.Signing;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.Rewards;
using Restake.Scenarios;

namespace Restake.Node.Chain;

/// <summary>What applying one log entry did.</summary>
public sealed record Applied(long Height, long Block, IReadOnlyList<ProtocolEvent> Events)
{
    /// <summary>The events as the log stores them (and the API returns them): a JSON array.</summary>
    public string EventsJson() => new JsonArray(Events.Select(e => (JsonNode?)EventJson.Event(e)).ToArray()).ToJsonString();
}

/// <summary>
/// The chain in memory: the engine, the rewards calculator fed with every event, and the accounts'
/// nonces. Log entries are its only input, so replaying a log rebuilds exactly the same chain.
/// Not thread-safe: the node serializes writers and readers around it.
/// </summary>
public sealed class NodeChain
{
    private readonly Dictionary<string, ulong> _nonces = new(StringComparer.Ordinal);
    // A reference swapped whole, so concurrent readers never see one height with another's hash.
    private sealed record CachedHash(long Height, string Hash);
    private CachedHash? _stateHash;

    public NodeChain(Genesis genesis)
    {
        Genesis = genesis;
        Scenario scenario;
        try
        {
            scenario = ScenarioParser.Parse(genesis.Scenario);
        }
        catch (ScenarioFileException e)
        {
            throw new InvalidDataException($"the genesis scenario: {e.Message}");
        }
        var run = ScenarioRunner.Run(scenario);
        if (run.ExitCode != 0)
        {
            throw new InvalidDataException($"the genesis scenario failed: {run.Failure}");
        }
        Engine = run.Engine;
        Rewards = run.Rewards;
        Lrts = run.Lrts;
        try
        {
            Accounts = DevAccounts.Derive(genesis.Mnemonic, genesis.Accounts);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"the genesis accounts: {e.Message}");
        }
        foreach (var account in Accounts)
        {
            foreach (var token in Engine.State.Tokens.Values.OrderBy(t => t.Symbol, StringComparer.Ordinal))
            {
                if (!Amounts.TryParseToken(genesis.Balance, token.Decimals, out var amount, out var error))
                {
                    throw new InvalidDataException($"the genesis balance '{genesis.Balance}': {error}");
                }
                var outcome = Engine.Execute(new Mint(EthAddress.Normalize(account.Address), token.Symbol, amount));
                if (!outcome.Accepted)
                {
                    throw new InvalidDataException($"funding {account.Address} failed: {outcome.Error}");
                }
            }
        }
        Engine.ForgetEvents();
    }

    public Genesis Genesis { get; }
    public Engine Engine { get; }
    public RewardsBook Rewards { get; }

    /// <summary>The liquid restaking protocols deployed on this chain (by its genesis or by the admin).</summary>
    public Restake.Lrt.OnEngine.LrtBook Lrts { get; }

    /// <summary>The AVSs deployed on this chain and their task managers.</summary>
    public AvsBook Avs { get; } = new();
    public IReadOnlyList<DevAccount> Accounts { get; }
    public string Admin => Genesis.Admin;
    public long ChainId => Genesis.ChainId;

    /// <summary>How many log entries have been applied.</summary>
    public long Height { get; private set; }

    public IReadOnlyDictionary<string, ulong> Nonces => _nonces;

    public ulong NonceOf(string address) => _nonces.GetValueOrDefault(EthAddress.Normalize(address));

    /// <summary>
    /// Applies one entry. A transaction the node or the engine refuses throws
    /// <see cref="RejectedException"/> and leaves the chain exactly as it was.
    /// </summary>
    public Applied Apply(LogEntry entry)
    {
        var events = new List<ProtocolEvent>();
        switch (entry)
        {
            case TransactionEntry t:
                var tx = t.Tx;
                if (tx.ChainId != ChainId)
                {
                    throw RejectedException.BadRequest("WrongChainId", $"the transaction is for chain {tx.ChainId}; this node is chain {ChainId}");
                }
                var from = EthAddress.Normalize(tx.From);
                var expected = NonceOf(from);
                if (tx.Nonce != expected)
                {
                    throw new RejectedException(409, tx.Nonce < expected ? "NonceTooLow" : "NonceTooHigh",
                        $"{EthAddress.Checksummed(from)} is at nonce {expected}; the transaction has {tx.Nonce}");
                }
                if (AvsBook.Verbs.ContainsKey(tx.Verb))
                {
                    RunAvs(tx, from, events);
                }
                else
                {
                    Run(TransactionRules.Decode(tx, Engine.State, Admin), events);
                }
                _nonces[from] = expected + 1;
                if (t.Mine > 0)
                {
                    Run(new CommandStep(new Roll(t.Mine)), events);
                }
                break;
            case MineEntry m:
                Run(new CommandStep(new Roll(m.Blocks)), events);
                break;
            default:
                throw new ArgumentException($"unknown log entry {entry.GetType().Name}", nameof(entry));
        }
        Avs.Sync(Engine.State);
        Height++;
        return new Applied(Height, Engine.State.Block, events);
    }

    /// <summary>An AVS transaction: the task manager decides, and the engine's events it caused (slashes, rewards) are observed.</summary>
    private void RunAvs(SignedTransaction tx, string from, List<ProtocolEvent> events)
    {
        var time = Engine.State.Time;
        Avs.Apply(Engine, tx.Verb, tx.Body, from);
        var emitted = Engine.Events.ToList();
        Engine.ForgetEvents();
        Rewards.Calculator.Observe(time, emitted);
        events.AddRange(emitted);
    }

    private void Run(StepAction action, List<ProtocolEvent> events)
    {
        var time = Engine.State.Time;
        var outcome = ScenarioRunner.Perform(Engine, Rewards, Lrts, action);
        if (!outcome.Accepted)
        {
            throw RejectedException.Reverted(outcome.Error!.Name, outcome.Error.Message);
        }
        var emitted = Engine.Events.ToList();
        Engine.ForgetEvents();
        Rewards.Calculator.Observe(time, emitted);
        events.AddRange(emitted);
    }

    /// <summary>
    /// A section's names in the state document's (ordinal) order, kept until the next entry: a page of a
    /// large section would otherwise sort every name on every request. Null for an unknown section.
    /// Readers call it concurrently (under the node's read lock), so the cache is swapped whole.
    /// </summary>
    public IReadOnlyList<string>? SortedNames(string section)
    {
        if (!Restake.Scenarios.StateDocument.PagedSections.Contains(section))
        {
            return null;
        }
        var cache = _sorted;
        if (cache is null || cache.Height != Height)
        {
            cache = new SortedSections(Height, new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal));
            _sorted = cache;
        }
        return cache.Names.GetOrAdd(section, name => [.. Restake.Scenarios.StateDocument.Names(Engine.State, name)!.Order(StringComparer.Ordinal)]);
    }

    private SortedSections? _sorted;

    private sealed record SortedSections(long Height, ConcurrentDictionary<string, string[]> Names);

    /// <summary>Each strategy's balance in base units (for native ETH, its shares: 1 share per wei).</summary>
    public IReadOnlyDictionary<string, string> Tvl() => Engine.State.Strategies.Values.ToDictionary(
        s => s.Name, s => (s.IsBeacon ? s.TotalShares : s.Balance).ToString(), StringComparer.Ordinal);

    /// <summary>The state document, as <c>restake run --json</c> prints it.</summary>
    public JsonObject StateDocument()
    {
        var doc = Restake.Scenarios.StateDocument.Build(Engine.State, Rewards, Lrts);
        if (Avs.Document(Engine.State.Block) is { } avs)
        {
            doc["avs_tasks"] = avs;
        }
        return doc;
    }

    /// <summary>keccak256 of the state document's canonical text, plus the nonces: equal hashes, equal chains.</summary>
    public string StateHash()
    {
        if (_stateHash is { } cached && cached.Height == Height)
        {
            return cached.Hash;
        }
        var doc = StateDocument();
        doc["nonces"] = new JsonObject(_nonces.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        var hash = Restake.Scenarios.StateDocument.Hash(doc);
        _stateHash = new CachedHash(Height, hash);
        return hash;
    }
}
