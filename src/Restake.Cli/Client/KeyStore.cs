using System.Text.Json;
using System.Text.RegularExpressions;
using Restake.Node.Signing;

namespace Restake.Cli.Client;

/// <summary>
/// The folder of named keystores: NAME.ecdsa.key.json, as eigenlayer-cli names them, in Web3 Secret
/// Storage format so other wallets can open them.
/// </summary>
internal static partial class KeyStore
{
    public const string Suffix = ".ecdsa.key.json";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();

    public static bool IsName(string name) => NamePattern().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    public static string PathOf(string folder, string name) => Path.Combine(folder, name + Suffix);

    /// <summary>Every keystore in the folder: its name, its address (the file's own address field, read without the password), its path.</summary>
    public static IEnumerable<(string Name, string Address, string Path)> List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }
        foreach (var path in Directory.EnumerateFiles(folder, "*" + Suffix).Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(path)[..^Suffix.Length], AddressOf(path), path);
        }
    }

    public static string AddressOf(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("address", out var a) && a.ValueKind == JsonValueKind.String)
            {
                var text = a.GetString()!;
                var address = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text : "0x" + text;
                return EthAddress.IsAddress(address) ? EthAddress.Checksummed(address) : $"(unreadable: address field '{text}')";
            }
            return "(no address field)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return $"(unreadable: {e.Message})";
        }
    }
}
