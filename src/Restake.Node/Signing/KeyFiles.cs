using System.Text;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.Signer;

namespace Restake.Node.Signing;

/// Key files for the CLI client: either a Web3 Secret Storage keystore JSON (Nethereum.KeyStore, needs a password) or a plain text file holding a 0x private key.
public static class KeyFiles
{
    /// Loads a key as 0x + 64 lowercase hex. Never throws for a missing or garbled file: error names the problem,
    /// and never echoes the file's content (it may be a key).
    public static bool TryLoad(string path, string? password, out string privateKeyHex, out string? error)
    {
        privateKeyHex = "";
        if (string.IsNullOrWhiteSpace(path))
        {
            error = "no key file given";
            return false;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error = $"key file not found: {path}";
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"cannot read key file {path}: {ex.Message}";
            return false;
        }

        var trimmed = text.Trim();
        byte[] key;
        if (trimmed.StartsWith('{'))
        {
            if (!TryDecryptKeystore(path, trimmed, password, out key, out error))
            {
                return false;
            }
        }
        else if (!HexKeys.TryParsePrivateKey(trimmed, out key, out var why))
        {
            error = HexKeys.TryDecode(trimmed, out _)
                ? $"key file {path}: {why}"
                : $"key file {path} is garbled: neither a keystore JSON nor a 0x private key";
            return false;
        }

        privateKeyHex = HexKeys.FormatPrivateKey(key);
        error = null;
        return true;
    }

    /// Writes a scrypt keystore JSON (Nethereum's default parameters). Overwrites an existing file; on Unix a new
    /// file is created readable by its owner only.
    public static void SaveKeystore(string path, string privateKeyHex, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(password);
        var key = HexKeys.ParsePrivateKey(privateKeyHex);
        var address = new EthECKey(key, true).GetPublicAddress();
        var json = new KeyStoreService().EncryptAndGenerateDefaultKeyStoreAsJson(password, key, address);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(json);
    }

    private static bool TryDecryptKeystore(string path, string json, string? password, out byte[] key, out string? error)
    {
        key = [];
        if (password is null)
        {
            error = $"key file {path} is a keystore: a password is needed";
            return false;
        }

        var service = new KeyStoreService();
        byte[] decrypted;
        try
        {
            decrypted = service.DecryptKeyStoreFromJson(password, json);
        }
        catch (DecryptionException)
        {
            error = $"wrong password for keystore {path}";
            return false;
        }
        catch (Exception ex)
        {
            error = $"key file {path} is not a valid keystore: {ex.GetBaseException().Message}";
            return false;
        }

        if (!HexKeys.TryParsePrivateKey(Convert.ToHexString(decrypted), out key, out var why))
        {
            error = $"keystore {path} holds no usable key: {why}";
            return false;
        }

        // The address field is optional in Web3 Secret Storage; when present it must belong to the key, or the file was tampered with.
        string? stored;
        try
        {
            stored = service.GetAddressFromKeyStore(json);
        }
        catch (Exception)
        {
            stored = null;
        }
        if (!string.IsNullOrEmpty(stored))
        {
            var expected = new EthECKey(key, true).GetPublicAddress();
            if (!string.Equals(Strip0x(stored), Strip0x(expected), StringComparison.OrdinalIgnoreCase))
            {
                key = [];
                error = $"keystore {path} address field does not match its key";
                return false;
            }
        }

        error = null;
        return true;
    }

    private static string Strip0x(string hex) => hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
}
