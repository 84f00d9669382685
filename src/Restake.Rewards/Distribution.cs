using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.Rewards;

namespace Restake.Rewards;

/// <summary>
/// Cumulative earnings per (earner, token) up to a calculation end, and the two-level merkle tree
/// over them: earners ordered by address, each earner's tokens ordered by address.
/// </summary>
public sealed class Distribution
{
    private readonly Dictionary<string, int> _indexOf = [];
    private readonly List<EarnerEntry> _entries;
    private readonly Merkle.Tree? _tree;

    /// <summary>An earner's leaves; with a single token the token tree is that leaf alone (no tree object, an empty proof).</summary>
    private sealed record EarnerEntry(string Name, Address Address, (string Token, Address Address, UInt256 Cumulative)[] Tokens, Merkle.Tree? TokenTree, byte[] TokenRoot)
    {
        public byte[] TokenProof(int index) => TokenTree?.Proof(index) ?? [];
    }

    public Distribution(long calculationEnd, IReadOnlyDictionary<(string Earner, string Token), UInt256> cumulative)
        : this(calculationEnd, Group(cumulative))
    {
    }

    private static List<(string Name, Address Address, (string Token, UInt256 Amount)[] Tokens)> Group(IReadOnlyDictionary<(string Earner, string Token), UInt256> cumulative)
    {
        var byEarner = new Dictionary<string, List<(string, UInt256)>>();
        foreach (var ((earner, token), amount) in cumulative)
        {
            if (!byEarner.TryGetValue(earner, out var list))
            {
                list = [];
                byEarner[earner] = list;
            }
            list.Add((token, amount));
        }
        var names = byEarner.Keys.ToArray();
        var addresses = new Address[names.Length];
        Parallel.For(0, names.Length, i => addresses[i] = Address.Of(names[i]));
        var result = new List<(string, Address, (string, UInt256)[])>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            result.Add((names[i], addresses[i], byEarner[names[i]].ToArray()));
        }
        return result;
    }

    private Distribution(long calculationEnd, List<(string Name, Address Address, (string Token, UInt256 Amount)[] Tokens)> earners)
    {
        CalculationEnd = calculationEnd;
        earners.Sort((a, b) => a.Address.CompareTo(b.Address));
        var tokenAddresses = earners.SelectMany(e => e.Tokens.Select(t => t.Token)).Distinct().ToDictionary(t => t, Address.Of);
        var entries = new EarnerEntry[earners.Count];
        var leaves = new byte[earners.Count][];
        // Leaf hashing is independent per earner: spread it over the cores.
        Parallel.For(0, earners.Count, i =>
        {
            var (name, address, tokens) = earners[i];
            if (tokens.Length == 1)
            {
                var only = (tokens[0].Token, tokenAddresses[tokens[0].Token], tokens[0].Amount);
                var leaf = Merkle.TokenLeafHash(only.Item2, only.Amount);
                entries[i] = new EarnerEntry(name, address, [only], null, leaf);
                leaves[i] = Merkle.EarnerLeafHash(address, leaf);
                return;
            }
            var ordered = tokens.Select(t => (t.Token, tokenAddresses[t.Token], t.Amount)).OrderBy(t => t.Item2).ToArray();
            var tree = new Merkle.Tree(ordered.Select(t => Merkle.TokenLeafHash(t.Item2, t.Amount)).ToList());
            entries[i] = new EarnerEntry(name, address, ordered, tree, tree.Root);
            leaves[i] = Merkle.EarnerLeafHash(address, tree.Root);
        });
        _entries = [.. entries];
        for (var i = 0; i < entries.Length; i++)
        {
            _indexOf[entries[i].Name] = i;
        }
        _tree = leaves.Length == 0 ? null : new Merkle.Tree(leaves);
        Cumulative = new CumulativeView(this);
    }

    /// <summary>A distribution over earners whose addresses are already known.</summary>
    public static Distribution FromAddresses(long end, List<(string Name, Address Address, (string Token, UInt256 Amount)[] Tokens)> earners) => new(end, earners);

    /// <summary>A distribution from the calculator's totals: every earner with a row, with the ledger's cached addresses.</summary>
    internal static Distribution FromLedger(long end, StakeLedger ledger, IReadOnlyDictionary<string, TokenTotals> totals)
    {
        var earners = new List<(string, Address, (string, UInt256)[])>();
        // Derive every missing address up front, on all cores (each is a keccak of the name).
        Parallel.For(0, ledger.NameCount, id => ledger.AddressOf(id));
        for (var id = 0; id < ledger.NameCount; id++)
        {
            List<(string, UInt256)>? tokens = null;
            foreach (var (token, t) in totals)
            {
                if (t.Has(id))
                {
                    (tokens ??= []).Add((token, t.Of(id)));
                }
            }
            if (tokens is not null)
            {
                earners.Add((ledger.NameOf(id), ledger.AddressOf(id), tokens.ToArray()));
            }
        }
        return new Distribution(end, earners);
    }

    public long CalculationEnd { get; }

    /// <summary>Cumulative earnings by (earner, token).</summary>
    public IReadOnlyDictionary<(string Earner, string Token), UInt256> Cumulative { get; }

    public int EarnerCount => _entries.Count;

    /// <summary>The distribution root; an empty distribution posts the zero root.</summary>
    public byte[] Root => _tree?.Root ?? new byte[32];

    public UInt256 EarnedBy(string earner, string token) => Cumulative.GetValueOrDefault((earner, token));

    /// <summary>The claim an earner submits against this distribution's root, for all its tokens or the named ones.</summary>
    public RewardsClaim? ClaimFor(int rootIndex, string earner, IReadOnlyCollection<string>? tokens = null)
    {
        if (_tree is null || !_indexOf.TryGetValue(earner, out var index))
        {
            return null;
        }
        var entry = _entries[index];
        var leaves = new List<TokenClaim>();
        for (var i = 0; i < entry.Tokens.Length; i++)
        {
            var (token, _, cumulative) = entry.Tokens[i];
            if (tokens is null || tokens.Contains(token))
            {
                leaves.Add(new TokenClaim(token, i, cumulative, entry.TokenProof(i)));
            }
        }
        return leaves.Count == 0 ? null : new RewardsClaim(rootIndex, earner, index, _tree.Proof(index), entry.TokenRoot, leaves);
    }

    /// <summary>The earners' amounts as a read-only dictionary, without copying them.</summary>
    private sealed class CumulativeView(Distribution d) : IReadOnlyDictionary<(string Earner, string Token), UInt256>
    {
        public UInt256 this[(string Earner, string Token) key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException();

        public IEnumerable<(string Earner, string Token)> Keys => this.Select(kv => kv.Key);

        public IEnumerable<UInt256> Values => this.Select(kv => kv.Value);

        public int Count => d._entries.Sum(e => e.Tokens.Length);

        public bool ContainsKey((string Earner, string Token) key) => TryGetValue(key, out _);

        public bool TryGetValue((string Earner, string Token) key, out UInt256 value)
        {
            value = UInt256.Zero;
            if (!d._indexOf.TryGetValue(key.Earner, out var i))
            {
                return false;
            }
            foreach (var t in d._entries[i].Tokens)
            {
                if (t.Token == key.Token)
                {
                    value = t.Cumulative;
                    return true;
                }
            }
            return false;
        }

        public IEnumerator<KeyValuePair<(string Earner, string Token), UInt256>> GetEnumerator() =>
            d._entries.SelectMany(e => e.Tokens.Select(t => KeyValuePair.Create((e.Name, t.Token), t.Cumulative))).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
