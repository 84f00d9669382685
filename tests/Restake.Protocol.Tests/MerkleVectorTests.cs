using System.Text.Json;
using Restake.Primitives;
using Restake.Protocol.Rewards;

namespace Restake.Protocol.Tests;

/// <summary>Vector V8: upstream's reward claim proofs verify against their roots, and our trees rebuild them.</summary>
public class MerkleVectorTests
{
    private sealed record TokenCase(int Index, string Token, string CumulativeEarnings, string Proof);
    private sealed record ClaimCase(string Name, string Root, string Earner, string EarnerTokenRoot, int EarnerIndex, string EarnerProof, List<TokenCase> Tokens);
    private sealed record File(string About, List<ClaimCase> Cases);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static List<ClaimCase> Cases()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!System.IO.File.Exists(Path.Combine(dir!.FullName, "Restake.slnx")))
        {
            dir = dir.Parent;
        }
        var text = System.IO.File.ReadAllText(Path.Combine(dir.FullName, "tests", "data", "rewards", "merkle-claims.json"));
        return JsonSerializer.Deserialize<File>(text, Json)!.Cases;
    }

    private static byte[] Hex(string s) => Convert.FromHexString(s[2..]);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases())
        {
            data.Add(c.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void upstream_claim_proofs_verify(string name)
    {
        var c = Cases().Single(x => x.Name == name);
        var earner = Address.Of(c.Earner);
        var earnerLeaf = Merkle.EarnerLeafHash(earner, Hex(c.EarnerTokenRoot));
        Assert.True(Merkle.Verify(Hex(c.Root), c.EarnerIndex, Hex(c.EarnerProof), earnerLeaf));
        foreach (var t in c.Tokens)
        {
            var leaf = Merkle.TokenLeafHash(Address.Of(t.Token), UInt256.Parse(t.CumulativeEarnings));
            Assert.True(Merkle.Verify(Hex(c.EarnerTokenRoot), t.Index, Hex(t.Proof), leaf), $"token leaf {t.Index}");
            // One wei more must not verify.
            var forged = Merkle.TokenLeafHash(Address.Of(t.Token), UInt256.Parse(t.CumulativeEarnings) + UInt256.One);
            Assert.False(Merkle.Verify(Hex(c.EarnerTokenRoot), t.Index, Hex(t.Proof), forged));
        }
        Assert.False(Merkle.Verify(Hex(c.Root), c.EarnerIndex + 1, Hex(c.EarnerProof), earnerLeaf));
    }

    [Fact]
    public void the_reference_leaf_hashes_of_vector_v8()
    {
        var token = Merkle.TokenLeafHash(Address.Of("0x1006dd1b8c3d0ef53489bed27577c75299f71473"), UInt256.Pow10(18));
        Assert.Equal("167f18d55815451f979244946b7eb2ce019c323a9e02fba1b2e05e19a27b91b5", Convert.ToHexStringLower(token));
        var earner = Merkle.EarnerLeafHash(Address.Of("0xf2288d736d27c1584ebf7be5f52f9e4d47251aee"), token);
        Assert.Equal("9048f4f1489f24b90c3cd9a7a72841b6b4e20d3218e5b5dbcd6ddcd481138e3d", Convert.ToHexStringLower(earner));
    }

    /// <summary>Where a case lists every token leaf, our tree (zero-padded to a power of two) rebuilds the earner's token root and its proofs.</summary>
    [Fact]
    public void our_trees_rebuild_complete_token_trees()
    {
        var complete = Cases().Where(c => c.Tokens.Select(t => t.Index).SequenceEqual(Enumerable.Range(0, c.Tokens.Count))).ToList();
        Assert.Contains(complete, c => c.Tokens.Count == 6);
        foreach (var c in complete)
        {
            var leaves = c.Tokens.Select(t => Merkle.TokenLeafHash(Address.Of(t.Token), UInt256.Parse(t.CumulativeEarnings))).ToList();
            var tree = new Merkle.Tree(leaves);
            Assert.Equal(c.EarnerTokenRoot[2..], Convert.ToHexStringLower(tree.Root));
            foreach (var t in c.Tokens)
            {
                Assert.Equal(t.Proof[2..], Convert.ToHexStringLower(tree.Proof(t.Index)));
            }
        }
    }

    [Fact]
    public void keccak_of_nothing_is_ethereums()
    {
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(Keccak.Hash([])));
    }
}
