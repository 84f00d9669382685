using NBitcoin;
using Nethereum.Signer;
using Nethereum.Util;

namespace Restake.Node.Signing;

public sealed record DevAccount(int Index, string Address /* EIP-55 checksummed */, string PrivateKey /* 0x + 64 hex */);

/// Deterministic development accounts, the same ones anvil and hardhat print, so their keys work against this node.
public static class DevAccounts
{
    public const string DefaultMnemonic = "test test test test test test test test test test test junk";
    public const string DerivationPath = "m/44'/60'/0'/0"; // account i at m/44'/60'/0'/0/i, like anvil and hardhat

    /// BIP-39 seed (empty passphrase) then BIP-32 derivation, both by NBitcoin.
    /// Throws ArgumentException for a mnemonic that is not English BIP-39 with a valid checksum: a typo would
    /// otherwise silently yield a different set of accounts.
    public static IReadOnlyList<DevAccount> Derive(string mnemonic, int count)
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        Mnemonic words;
        try
        {
            words = new Mnemonic(mnemonic, Wordlist.English);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"not a BIP-39 mnemonic: {ex.Message}", nameof(mnemonic), ex);
        }
        if (!words.IsValidChecksum)
        {
            throw new ArgumentException("mnemonic checksum is invalid (a word is misspelt or missing)", nameof(mnemonic));
        }

        var parent = words.DeriveExtKey(string.Empty).Derive(KeyPath.Parse(DerivationPath));
        var accounts = new DevAccount[count];
        for (var i = 0; i < count; i++)
        {
            var key = parent.Derive((uint)i).PrivateKey.ToBytes();
            var address = AddressUtil.Current.ConvertToChecksumAddress(new EthECKey(key, true).GetPublicAddress());
            accounts[i] = new DevAccount(i, address, HexKeys.FormatPrivateKey(key));
        }
        return accounts;
    }
}
