using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Restake.Node.Signing;

namespace Restake.Node.Chain;

/// <summary>
/// Where a node's chain begins: a scenario (params, tokens, strategies and any setup steps) plus
/// the funded development accounts. Stored with the log, so a restart rebuilds the same chain.
/// </summary>
public sealed record Genesis(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("chain_id")] long ChainId,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("mnemonic")] string Mnemonic,
    [property: JsonPropertyName("accounts")] int Accounts,
    [property: JsonPropertyName("balance")] string Balance,
    [property: JsonPropertyName("admin")] string Admin)
{
    public const string CurrentFormat = "restake.genesis/1";
    /// <summary>Anvil's and Hardhat's chain id, so wallets and scripts configured for a local node carry over.</summary>
    public const long DefaultChainId = 31_337;
    public const int DefaultAccounts = 10;
    /// <summary>Each development account starts with this many whole units of every token (anvil: 10,000 ETH).</summary>
    public const string DefaultBalance = "10000";
    /// <summary>Development accounts a genesis may fund (each is a key derivation at start).</summary>
    public const int MaxAccounts = 1_000;

    public static string DefaultScenario { get; } = ReadResource("devnet.yaml");

    /// <summary>The default devnet: account 0 of the mnemonic is the admin.</summary>
    public static Genesis Create(string? scenario = null, long chainId = DefaultChainId, string mnemonic = DevAccounts.DefaultMnemonic,
        int accounts = DefaultAccounts, string balance = DefaultBalance, string? admin = null)
    {
        var keys = DevAccounts.Derive(mnemonic, Math.Max(accounts, 1));
        return new Genesis(CurrentFormat, chainId, scenario ?? DefaultScenario, mnemonic, accounts, balance,
            EthAddress.Normalize(admin ?? keys[0].Address));
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads a stored genesis; refuses a format this version does not know, with the reason.</summary>
    public static Genesis FromJson(string json)
    {
        Genesis? g;
        try
        {
            g = JsonSerializer.Deserialize<Genesis>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the stored genesis is not readable JSON ({e.Message})");
        }
        if (g is null || g.Format != CurrentFormat)
        {
            throw new InvalidDataException($"the stored genesis has format '{g?.Format}'; this version reads '{CurrentFormat}'");
        }
        // A genesis can come from a dump file: every field is checked before a chain is built from it.
        if (g.Scenario is null || g.Mnemonic is null || g.Balance is null || g.Admin is null || !EthAddress.IsAddress(g.Admin))
        {
            throw new InvalidDataException("the genesis needs scenario, mnemonic, balance and admin (an address)");
        }
        if (g.ChainId < 1 || g.Accounts is < 0 or > MaxAccounts)
        {
            throw new InvalidDataException($"the genesis needs a chain id of at least 1 and between 0 and {MaxAccounts} accounts");
        }
        return g;
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
