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
    private readonly Dictionary<string, EarnerEntry> _byEarner;

    private sealed record EarnerEntry(int Index, Address Address, List<(string Token, Address Address, UInt256 Cumulative)> Tokens, Merkle.Tree TokenTree);

    public Distribution(long calculationEnd, IReadOnlyDictionary<(string Earner, string Token), UInt256> cumulative)
    {
        CalculationEnd = calculationEnd;
        Cumulative = cumulative;
        var earners = cumulative
            .GroupBy(kv => kv.Key.Earner)
            .Select(g => (Name: g.Key, Address: Address.Of(g.Key), Tokens: g.Select(kv => (kv.Key.Token, Address.Of(kv.Key.Token), kv.Value)).OrderBy(t => t.Item2).ToList()))
            .OrderBy(e => e.Address)
            .ToList();
        _byEarner = [];
        var earnerLeaves = new List<byte[]>(earners.Count);
        foreach (var (name, address, tokens) in earners)
        {
            var tree = new Merkle.Tree(tokens.Select(t => Merkle.TokenLeafHash(t.Item2, t.Value)).ToList());
            _byEarner[name] = new EarnerEntry(earnerLeaves.Count, address, tokens, tree);
            earnerLeaves.Add(Merkle.EarnerLeafHash(address, tree.Root));
        }
        Tree = earnerLeaves.Count == 0 ? null : new Merkle.Tree(earnerLeaves);
    }

    public long CalculationEnd { get; }

    public IReadOnlyDictionary<(string Earner, string Token), UInt256> Cumulative { get; }

    private Merkle.Tree? Tree { get; }

    /// <summary>The distribution root; an empty distribution posts the zero root.</summary>
    public byte[] Root => Tree?.Root ?? new byte[32];

    public UInt256 EarnedBy(string earner, string token) => Cumulative.GetValueOrDefault((earner, token));

    /// <summary>The claim an earner submits against this distribution's root, for all its tokens or the named ones.</summary>
    public RewardsClaim? ClaimFor(int rootIndex, string earner, IReadOnlyCollection<string>? tokens = null)
    {
        if (Tree is null || !_byEarner.TryGetValue(earner, out var entry))
        {
            return null;
        }
        var leaves = new List<TokenClaim>();
        for (var i = 0; i < entry.Tokens.Count; i++)
        {
            var (token, _, cumulative) = entry.Tokens[i];
            if (tokens is null || tokens.Contains(token))
            {
                leaves.Add(new TokenClaim(token, i, cumulative, entry.TokenTree.Proof(i)));
            }
        }
        return leaves.Count == 0 ? null : new RewardsClaim(rootIndex, earner, entry.Index, Tree.Proof(entry.Index), entry.TokenTree.Root, leaves);
    }
}
