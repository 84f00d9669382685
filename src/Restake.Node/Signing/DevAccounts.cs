using NBitcoin;
using Nethereum.Util;
using Restake.Protocol.Rewards;

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

        if (_last is { } last && last.Mnemonic == mnemonic && last.Accounts.Count >= count)
        {
            return count == last.Accounts.Count ? last.Accounts : last.Accounts.Take(count).ToArray();
        }
        var parent = words.DeriveExtKey(string.Empty).Derive(KeyPath.Parse(DerivationPath));
        var accounts = new DevAccount[count];
        Parallel.For(0, count, i =>
        {
            var key = parent.Derive((uint)i).PrivateKey;
            // The address from NBitcoin's public key (keccak of the uncompressed point): BouncyCastle's point multiply costs milliseconds an account.
            var point = key.PubKey.Decompress().ToBytes();
            var address = "0x" + Convert.ToHexStringLower(Keccak.Hash(point.AsSpan(1)).AsSpan(12));
            accounts[i] = new DevAccount(i, AddressUtil.Current.ConvertToChecksumAddress(address), HexKeys.FormatPrivateKey(key.ToBytes()));
        });
        _last = new Derived(mnemonic, accounts);
        return accounts;
    }

    // Every chain built from a genesis (start, replay, revert, a dump check) derives the same accounts: the last set is kept.
    private static Derived? _last;

    private sealed record Derived(string Mnemonic, IReadOnlyList<DevAccount> Accounts);
}
