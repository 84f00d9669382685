using Nethereum.Signer.Crypto;

namespace Restake.Node.Signing;

/// Strict hex and private-key parsing shared by the signing types, so every entry point rejects the same inputs the same way.
internal static class HexKeys
{
    /// Decodes hex with an optional 0x prefix. Stricter than Nethereum's HexToByteArray, which is lenient about odd lengths.
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length % 2 != 0)
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        bytes = Convert.FromHexString(digits);
        return true;
    }

    /// A secp256k1 private key: 32 bytes (0x optional) in [1, n-1]; outside that range no valid key exists.
    public static bool TryParsePrivateKey(string? text, out byte[] key, out string? error)
    {
        key = [];
        if (!TryDecode(text?.Trim(), out var bytes))
        {
            error = "private key is not hex";
            return false;
        }
        if (bytes.Length != 32)
        {
            error = $"private key must be 32 bytes, got {bytes.Length}";
            return false;
        }
        var value = new Org.BouncyCastle.Math.BigInteger(1, bytes);
        if (value.SignValue == 0 || value.CompareTo(ECKey.CURVE_ORDER) >= 0)
        {
            error = "private key is outside the secp256k1 range";
            return false;
        }
        key = bytes;
        error = null;
        return true;
    }

    public static byte[] ParsePrivateKey(string privateKeyHex) =>
        TryParsePrivateKey(privateKeyHex, out var key, out var error) ? key : throw new ArgumentException(error, nameof(privateKeyHex));

    public static string FormatPrivateKey(byte[] key) => "0x" + Convert.ToHexStringLower(key);
}
