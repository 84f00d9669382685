using System.Buffers.Binary;
using System.Text;
using Restake.EigenDA.Crypto;
using Restake.Primitives;
using Restake.Protocol.Rewards;

namespace Restake.AvsFramework;

/// <summary>
/// What operators sign and how points travel. A response digest binds the AVS, the task, its reference block and the
/// answer, so a signature cannot be replayed on another task or at another block.
/// </summary>
public static class AvsMessages
{
    private static readonly byte[] ResponseTag = Encoding.ASCII.GetBytes("restake.avs.response/1");
    private static readonly byte[] PopTag = Encoding.ASCII.GetBytes("restake.avs.pubkey/1");

    /// <summary>keccak256("restake.avs.response/1" ‖ avs ‖ 0x00 ‖ task (8 bytes) ‖ reference block (8 bytes) ‖ value (32 bytes)).</summary>
    public static byte[] ResponseDigest(string avs, long task, long referenceBlock, UInt256 value)
    {
        var name = Encoding.UTF8.GetBytes(avs);
        var buffer = new byte[ResponseTag.Length + name.Length + 1 + 8 + 8 + 32];
        var at = 0;
        ResponseTag.CopyTo(buffer, at);
        at += ResponseTag.Length;
        name.CopyTo(buffer, at);
        at += name.Length + 1;
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(at), task);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(at + 8), referenceBlock);
        value.WriteBigEndian(buffer.AsSpan(at + 16));
        return Keccak.Hash(buffer);
    }

    /// <summary>
    /// The message of a key's proof of possession (as BLSApkRegistry's pubkeyRegistrationMessageHash, bound to the
    /// operator and the AVS): keccak256("restake.avs.pubkey/1" ‖ avs ‖ 0x00 ‖ operator ‖ 0x00 ‖ G1 key).
    /// </summary>
    public static byte[] PossessionDigest(string avs, string @operator, in Affine<Fp> publicKeyG1)
    {
        var a = Encoding.UTF8.GetBytes(avs);
        var o = Encoding.UTF8.GetBytes(@operator);
        var buffer = new byte[PopTag.Length + a.Length + 1 + o.Length + 1 + 64];
        var at = 0;
        PopTag.CopyTo(buffer, at);
        at += PopTag.Length;
        a.CopyTo(buffer, at);
        at += a.Length + 1;
        o.CopyTo(buffer, at);
        at += o.Length + 1;
        G1.ToBytes(publicKeyG1).CopyTo(buffer, at);
        return Keccak.Hash(buffer);
    }

    /// <summary>A proof of possession: the key's signature on <see cref="PossessionDigest"/>.</summary>
    public static Affine<Fp> ProvePossession(BlsKeyPair key, string avs, string @operator) =>
        key.Sign(PossessionDigest(avs, @operator, key.PublicKeyG1));

    public static string Hex(in Affine<Fp> p) => "0x" + Convert.ToHexStringLower(G1.ToBytes(p));

    public static string Hex(in Affine<Fp2> p) => "0x" + Convert.ToHexStringLower(G2.ToBytes(p));

    /// <summary>A G1 point from 0x + 128 hex digits; null with the reason when it is not one.</summary>
    public static bool TryG1(string? text, out Affine<Fp> point, out string error)
    {
        point = default;
        if (!TryBytes(text, 64, out var bytes, out error))
        {
            return false;
        }
        try
        {
            point = G1.FromBytes(bytes);
            return true;
        }
        catch (CryptoException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>A G2 point from 0x + 256 hex digits (on the twist and in the subgroup).</summary>
    public static bool TryG2(string? text, out Affine<Fp2> point, out string error)
    {
        point = default;
        if (!TryBytes(text, 128, out var bytes, out error))
        {
            return false;
        }
        try
        {
            point = G2.FromBytes(bytes);
            return true;
        }
        catch (CryptoException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static bool TryBytes(string? text, int length, out byte[] bytes, out string error)
    {
        bytes = [];
        error = "";
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal) || text.Length != 2 + (2 * length))
        {
            error = $"expected 0x and {2 * length} hex digits";
            return false;
        }
        try
        {
            bytes = Convert.FromHexString(text.AsSpan(2));
            return true;
        }
        catch (FormatException)
        {
            error = $"expected 0x and {2 * length} hex digits";
            return false;
        }
    }
}
