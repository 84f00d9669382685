using Nethereum.Signer;
using Nethereum.Util;

namespace Restake.Node.Signing;

/// Ethereum addresses as the node stores them: lowercase, so equal accounts compare equal as strings.
public static class EthAddress
{
    /// True for 0x + 40 hex chars (any case). The EIP-55 checksum is not enforced: clients send either form.
    public static bool IsAddress(string text)
    {
        if (text is null || text.Length != 42 || !text.StartsWith("0x", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in text.AsSpan(2))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// The node's canonical form (lowercase 0x...).
    public static string Normalize(string address) =>
        IsAddress(address) ? address.ToLowerInvariant() : throw new ArgumentException($"not an address: '{address}'", nameof(address));

    /// EIP-55 form, for display and for tools that insist on it.
    public static string Checksummed(string address) =>
        AddressUtil.Current.ConvertToChecksumAddress(Normalize(address));

    /// The address that owns the key, lowercase.
    public static string FromPrivateKey(string privateKeyHex) =>
        new EthECKey(HexKeys.ParsePrivateKey(privateKeyHex), true).GetPublicAddress().ToLowerInvariant();
}
