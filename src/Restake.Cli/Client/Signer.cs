using System.Text.Json.Nodes;
using Restake.Node.Signing;

namespace Restake.Cli.Client;

/// <summary>A key that signs transactions, with its address and where it came from (for step lines and errors).</summary>
internal sealed record Signer(string PrivateKey, string Address, string Source)
{
    public string Checksummed => EthAddress.Checksummed(Address);
}

/// <summary>
/// Finds the signer the options name: a development account, a key file (a keystore or a plain
/// key), or a raw private key, like eigenlayer-cli's -k and -e. At most one may be given.
/// </summary>
internal static class Signers
{
    public static async Task<Signer?> ResolveAsync(ClientContext ctx, string? fallbackKeyFile)
    {
        var parsed = ctx.Parsed;
        var dev = parsed.GetValue(ClientOptions.DevAccount);
        var keyFile = parsed.GetValue(ClientOptions.KeyFile);
        var rawKey = parsed.GetValue(ClientOptions.PrivateKey);
        var given = new[] { dev is not null, keyFile is not null, rawKey is not null }.Count(g => g);
        if (given > 1)
        {
            throw ClientFailure.BadInput("give one signer: --dev-account, --key-file or --ecdsa-private-key, not several");
        }
        if (dev is { } index)
        {
            return await DevAccountAsync(ctx, index).ConfigureAwait(false);
        }
        if (keyFile is not null)
        {
            return FromFile(ResolveKeyPath(keyFile, ClientOptions.KeysFolder(parsed)), ClientOptions.PasswordOf(parsed));
        }
        if (rawKey is not null)
        {
            return FromKey(rawKey, "--ecdsa-private-key");
        }
        if (ClientOptions.OrEnvironment(null, ClientOptions.PrivateKeyVariable) is { } envKey)
        {
            return FromKey(envKey, ClientOptions.PrivateKeyVariable);
        }
        return fallbackKeyFile is null
            ? null
            : FromFile(fallbackKeyFile, ClientOptions.PasswordOf(parsed));
    }

    /// <summary>A path as given, or else the name of a key in the keys folder (as <c>restake keys create</c> saved it).</summary>
    public static string ResolveKeyPath(string keyFile, string keysFolder)
    {
        if (File.Exists(keyFile))
        {
            return keyFile;
        }
        var named = KeyStore.PathOf(keysFolder, keyFile);
        return KeyStore.IsName(keyFile) && File.Exists(named) ? named : keyFile;
    }

    public static Signer FromFile(string path, string? password)
    {
        if (!KeyFiles.TryLoad(path, password, out var key, out var error))
        {
            var hint = password is null && error?.Contains("password", StringComparison.Ordinal) == true
                ? $" (give --password or set {ClientOptions.PasswordVariable})"
                : "";
            throw ClientFailure.BadInput($"{error}{hint}");
        }
        return new Signer(key, EthAddress.FromPrivateKey(key), path);
    }

    private static Signer FromKey(string key, string source)
    {
        try
        {
            return new Signer(key.Trim(), EthAddress.FromPrivateKey(key.Trim()), source);
        }
        catch (ArgumentException e)
        {
            throw ClientFailure.BadInput($"{source}: {e.Message} (a private key is 0x and 64 hex digits)");
        }
    }

    /// <summary>
    /// Derives the account locally, then checks it against the node's list, so a node started with
    /// another mnemonic fails here with a clear line instead of with a puzzling signature error.
    /// </summary>
    private static async Task<Signer> DevAccountAsync(ClientContext ctx, int index)
    {
        if (index is < 0 or > 999)
        {
            throw ClientFailure.BadInput($"--dev-account {index}: development accounts are numbered from 0 (the admin) to 999");
        }
        var account = DevAccounts.Derive(DevAccounts.DefaultMnemonic, index + 1)[index];
        var listed = await ctx.GetAsync("/api/accounts").ConfigureAwait(false) as JsonArray ?? [];
        var onNode = listed.FirstOrDefault(a => a?["index"]?.GetValue<int>() == index)?["address"]?.GetValue<string>();
        if (onNode is null)
        {
            throw ClientFailure.BadInput($"--dev-account {index}: the node at {ctx.NodeUrl} has {listed.Count} development accounts (0 to {listed.Count - 1})");
        }
        if (!string.Equals(onNode, account.Address, StringComparison.OrdinalIgnoreCase))
        {
            throw ClientFailure.BadInput($"--dev-account {index}: the node's account {index} is {onNode}, not {account.Address}; was it started with another --mnemonic? Sign with --ecdsa-private-key instead");
        }
        return new Signer(account.PrivateKey, EthAddress.Normalize(account.Address), $"development account {index}");
    }
}
