using System.Buffers.Binary;
using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Babylon.Crypto;
using Sha = System.Security.Cryptography.SHA256;

namespace Restake.Babylon.Chain;

/// <summary>
/// A finality provider's own side (its EOTS manager): it holds the secret key, derives per-height randomness,
/// commits to it in a Merkle tree and signs votes. The chain only ever sees what this sends.
/// </summary>
public sealed class FinalityProviderSigner(string name, Key key, string chainId)
{
    private readonly List<(ulong Start, List<byte[]> Rands)> _commits = [];

    public string Name { get; } = name;

    public Key Key { get; } = key;

    public byte[] BtcPk => Keys.XOnly(Key);

    /// <summary>Public randomness for heights start … start+count−1, its RFC-6962 root and the BIP-340 signature over SHA256(be64(start) ‖ be64(count) ‖ root).</summary>
    public (ulong Start, ulong Count, byte[] Commitment, byte[] Sig) CommitPubRand(ulong start, ulong count)
    {
        var rands = new List<byte[]>();
        for (var h = start; h < start + count; h++)
        {
            rands.Add(Eots.PublicRandomness(Eots.SecretRandomness(Key.ToBytes(), chainId, h)));
        }
        _commits.Add((start, rands));
        var root = Rfc6962Merkle.Root(rands);
        return (start, count, root, Secp.Sign(Key.ToBytes(), CommitHash(start, count, root)));
    }

    public static byte[] CommitHash(ulong start, ulong count, byte[] commitment)
    {
        var buf = new byte[16 + commitment.Length];
        BinaryPrimitives.WriteUInt64BigEndian(buf, start);
        BinaryPrimitives.WriteUInt64BigEndian(buf.AsSpan(8), count);
        commitment.CopyTo(buf, 16);
        return Sha.HashData(buf);
    }

    /// <summary>A vote for (height, appHash): the committed r, its inclusion proof and s. Voting twice at a height reuses r.</summary>
    public (byte[] PubRand, List<byte[]> Proof, byte[] Sig) Vote(ulong height, byte[] appHash)
    {
        var (start, rands) = _commits.Last(c => height >= c.Start && height < c.Start + (ulong)c.Rands.Count);
        var index = (int)(height - start);
        var k = Eots.SecretRandomness(Key.ToBytes(), chainId, height);
        return (rands[index], Rfc6962Merkle.Proof(rands, index), Eots.Sign(Key.ToBytes(), k, Eots.VoteMessage(height, appHash)));
    }
}
