using System.Numerics;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Signer;
using Nethereum.Signer.Crypto;
using Nethereum.Signer.EIP712;

namespace Restake.Node.Signing;

/// What a transaction signs: EIP-712 typed data. Domain { name: "Restake", version: "1", chainId } (EIP712Domain(string name,string version,uint256 chainId)).
/// Primary type: Transaction(address from,uint256 nonce,string verb,string body)
/// Body is the exact JSON text of the command's fields, signed as a string.
public sealed record TransactionPayload(long ChainId, string From, ulong Nonce, string Verb, string Body);

/// Signs and verifies transactions as EIP-712 typed data, so any eth_signTypedData_v4 wallet can sign for the node.
public static class TransactionSigning
{
    public const string DomainName = "Restake";
    public const string DomainVersion = "1";

    // Built once by reflection over the attributes; the encoder only reads it.
    private static readonly Dictionary<string, MemberDescription[]> Types =
        MemberDescriptionFactory.GetTypesMemberDescription(typeof(DomainWithNameVersionAndChainId), typeof(TransactionMessage));

    /// EIP-712 digest keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(tx)).
    public static byte[] Digest(TransactionPayload payload)
    {
        var (message, typedData) = Build(payload);
        return Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(message, typedData);
    }

    /// 0x-prefixed 65-byte signature r‖s‖v (v = 27/28), as eth_signTypedData_v4 returns.
    public static string Sign(TransactionPayload payload, string privateKeyHex)
    {
        var key = HexKeys.ParsePrivateKey(privateKeyHex);
        return "0x" + Convert.ToHexStringLower(Secp256k1Signatures.Sign(Digest(payload), key));
    }

    /// Recovers the signer (lowercase). False (with a one-line reason in error) for malformed hex, wrong length, bad v,
    /// or an invalid signature; never throws on bad input.
    /// High-s signatures are refused (EIP-2): otherwise every signature has a second valid encoding.
    public static bool TryRecover(TransactionPayload payload, string signatureHex, out string address, out string? error)
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
        var r = bytes[..32];
        var s = bytes[32..64];
        var rValue = new Org.BouncyCastle.Math.BigInteger(1, r);
        var sValue = new Org.BouncyCastle.Math.BigInteger(1, s);
        if (rValue.SignValue == 0 || rValue.CompareTo(ECKey.CURVE_ORDER) >= 0 || sValue.SignValue == 0 || sValue.CompareTo(ECKey.CURVE_ORDER) >= 0)
        {
            error = "signature r or s is outside the secp256k1 range";
            return false;
        }
        if (sValue.CompareTo(ECKey.HALF_CURVE_ORDER) > 0)
        {
            error = "signature s is in the upper half of the curve order (non-canonical, EIP-2)";
            return false;
        }

        byte[] digest;
        try
        {
            digest = Digest(payload);
        }
        catch (Exception ex)
        {
            error = $"transaction cannot be encoded: {ex.Message}";
            return false;
        }

        var recovered = Secp256k1Signatures.Recover(digest, bytes);
        if (recovered is null)
        {
            error = "signature does not recover to a public key";
            return false;
        }
        address = recovered;
        error = null;
        return true;
    }

    private static (TransactionMessage Message, TypedData<DomainWithNameVersionAndChainId> TypedData) Build(TransactionPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfNegative(payload.ChainId, nameof(payload));
        if (!EthAddress.IsAddress(payload.From))
        {
            throw new ArgumentException($"from is not an address: '{payload.From}'", nameof(payload));
        }
        ArgumentNullException.ThrowIfNull(payload.Verb, nameof(payload));
        ArgumentNullException.ThrowIfNull(payload.Body, nameof(payload));

        var message = new TransactionMessage
        {
            From = EthAddress.Normalize(payload.From),
            Nonce = payload.Nonce,
            Verb = payload.Verb,
            Body = payload.Body,
        };
        // A fresh TypedData per call: the encoder writes the message into it, so sharing one would race.
        var typedData = new TypedData<DomainWithNameVersionAndChainId>
        {
            Domain = new DomainWithNameVersionAndChainId { Name = DomainName, Version = DomainVersion, ChainId = payload.ChainId },
            Types = Types,
            PrimaryType = "Transaction",
        };
        return (message, typedData);
    }

    [Struct("Transaction")]
    internal sealed class TransactionMessage
    {
        [Parameter("address", "from", 1)]
        public string From { get; set; } = "";

        [Parameter("uint256", "nonce", 2)]
        public BigInteger Nonce { get; set; }

        [Parameter("string", "verb", 3)]
        public string Verb { get; set; } = "";

        [Parameter("string", "body", 4)]
        public string Body { get; set; } = "";
    }
}
