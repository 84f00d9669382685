using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Restake.Protocol.Rewards;

namespace Restake.Node.Signing;

/// What a transaction signs: EIP-712 typed data. Domain { name: "Restake", version: "1", chainId } (EIP712Domain(string name,string version,uint256 chainId)).
/// Primary type: Transaction(address from,uint256 nonce,string verb,string body)
/// Body is the exact JSON text of the command's fields, signed as a string.
public sealed record TransactionPayload(long ChainId, string From, ulong Nonce, string Verb, string Body);

/// Signs and verifies transactions as EIP-712 typed data, so any eth_signTypedData_v4 wallet can sign for the node.
/// The encoding is assembled by hand and the curve work is libsecp256k1's (see <see cref="Curve"/>): every submitted
/// transaction is verified, and the general EIP-712 encoder and BouncyCastle's point arithmetic cost milliseconds
/// a transaction (SigningOracleTests hold this against Nethereum's encoder and signer).
public static class TransactionSigning
{
    public const string DomainName = "Restake";
    public const string DomainVersion = "1";

    private static readonly byte[] DomainType = Keccak.Hash("EIP712Domain(string name,string version,uint256 chainId)"u8);
    private static readonly byte[] TransactionType = Keccak.Hash("Transaction(address from,uint256 nonce,string verb,string body)"u8);
    private static readonly byte[] NameHash = Keccak.Hash(Encoding.UTF8.GetBytes(DomainName));
    private static readonly byte[] VersionHash = Keccak.Hash(Encoding.UTF8.GetBytes(DomainVersion));

    // A node serves one chain: its domain separator is computed once, not per transaction.
    private static Domain? _domain;

    private sealed record Domain(long ChainId, byte[] Separator);

    /// Which secp256k1 code verifies signatures (for reports): "libsecp256k1", or NBitcoin's managed port where it cannot load.
    public static string CurveImplementation => Curve.Name;

    /// EIP-712 digest keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(tx)).
    public static byte[] Digest(TransactionPayload payload)
    {
        Check(payload);
        Span<byte> fields = stackalloc byte[5 * 32];
        fields.Clear();
        TransactionType.CopyTo(fields);
        Convert.FromHexString(payload.From.AsSpan(2), fields.Slice(32 + 12, 20), out _, out _);
        BinaryPrimitives.WriteUInt64BigEndian(fields.Slice(64 + 24, 8), payload.Nonce);
        Keccak.Hash(Encoding.UTF8.GetBytes(payload.Verb), fields.Slice(96, 32));
        Keccak.Hash(Encoding.UTF8.GetBytes(payload.Body), fields.Slice(128, 32));
        Span<byte> message = stackalloc byte[2 + 32 + 32];
        message[0] = 0x19;
        message[1] = 0x01;
        DomainSeparator(payload.ChainId).CopyTo(message[2..]);
        Keccak.Hash(fields, message[34..]);
        return Keccak.Hash(message);
    }

    /// 0x-prefixed 65-byte signature r‖s‖v (v = 27/28), as eth_signTypedData_v4 returns: deterministic (RFC 6979), low s.
    public static string Sign(TransactionPayload payload, string privateKeyHex)
    {
        Span<byte> bytes = stackalloc byte[65];
        bytes[64] = (byte)(27 + Curve.Sign(Digest(payload), HexKeys.ParsePrivateKey(privateKeyHex), bytes[..64]));
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    /// Recovers the signer (lowercase). False (with a one-line reason in error) for malformed hex, wrong length, bad v,
    /// or an invalid signature; never throws on bad input.
    /// High-s signatures are refused (EIP-2): otherwise every signature has a second valid encoding.
    public static bool TryRecover(TransactionPayload payload, string signatureHex, out string address, out string? error)
    {
        address = "";
        byte[] digest;
        try
        {
            digest = Digest(payload);
        }
        catch (ArgumentException ex)
        {
            error = $"transaction cannot be encoded: {ex.Message}";
            return false;
        }
        return TryRecover(digest, signatureHex, out address, out error);
    }

    /// The same, for a digest already computed (the node hashes the transaction with it too).
    public static bool TryRecover(byte[] digest, string? signatureHex, out string address, out string? error)
    {
        address = "";
        if (!HexKeys.TryDecode(signatureHex, out var bytes))
        {
            error = "signature is not hex";
            return false;
        }
        if (bytes.Length != 65)
        {
            error = $"signature must be 65 bytes (r‖s‖v), got {bytes.Length}";
            return false;
        }
        var v = bytes[64];
        if (v is not (27 or 28))
        {
            error = $"signature v must be 27 or 28, got {v}";
            return false;
        }
        var r = new BigInteger(bytes.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(bytes.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        if (r.IsZero || r >= CurveOrder || s.IsZero || s >= CurveOrder)
        {
            error = "signature r or s is outside the secp256k1 range";
            return false;
        }
        if (s > CurveOrder / 2)
        {
            error = "signature s is in the upper half of the curve order (non-canonical, EIP-2)";
            return false;
        }
        Span<byte> point = stackalloc byte[65];
        if (!Curve.TryRecover(digest, bytes.AsSpan(0, 64), v - 27, point))
        {
            error = "signature does not recover to a public key";
            return false;
        }
        Span<byte> hash = stackalloc byte[32];
        Keccak.Hash(point[1..], hash);
        address = "0x" + Convert.ToHexStringLower(hash[12..]);
        error = null;
        return true;
    }

    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static void Check(TransactionPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfNegative(payload.ChainId, nameof(payload));
        if (!EthAddress.IsAddress(payload.From))
        {
            throw new ArgumentException($"from is not an address: '{payload.From}'", nameof(payload));
        }
        ArgumentNullException.ThrowIfNull(payload.Verb, nameof(payload));
        ArgumentNullException.ThrowIfNull(payload.Body, nameof(payload));
    }

    private static byte[] DomainSeparator(long chainId)
    {
        if (_domain is { } known && known.ChainId == chainId)
        {
            return known.Separator;
        }
        Span<byte> fields = stackalloc byte[4 * 32];
        fields.Clear();
        DomainType.CopyTo(fields);
        NameHash.CopyTo(fields[32..]);
        VersionHash.CopyTo(fields[64..]);
        BinaryPrimitives.WriteInt64BigEndian(fields.Slice(96 + 24, 8), chainId);
        var separator = Keccak.Hash(fields);
        _domain = new Domain(chainId, separator);
        return separator;
    }
}
