using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Restake.Node.Signing;

namespace Restake.Cli.Client;

/// <summary>
/// eigenlayer-cli's operator.yaml, read field by field so a bad file names its bad field (users of
/// that tool complain of "registration fails despite valid data"). Fields restake has no use for
/// (contract addresses, metadata, remote signers) are accepted and ignored; unknown ones are refused,
/// since they are usually typos.
/// </summary>
internal sealed record OperatorConfig(string File, string Address, uint AllocationDelay, long? ChainId, string? KeyStorePath, string? RpcUrl)
{
    private static readonly HashSet<string> OperatorFields = new(StringComparer.Ordinal)
    {
        "address", "allocation_delay", "delegation_approver_address", "metadata_url", "staker_opt_out_window_blocks", "earnings_receiver_address",
    };

    private static readonly HashSet<string> TopFields = new(StringComparer.Ordinal)
    {
        "operator", "chain_id", "private_key_store_path", "eth_rpc_url", "signer_type", "el_delegation_manager_address",
        "el_avs_directory_address", "el_rewards_coordinator_address", "el_allocation_manager_address", "el_permission_controller_address",
        "fireblocks", "web3", "signer",
    };

    public static OperatorConfig Read(string file)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ClientFailure.BadInput($"cannot read {file}: {e.Message} (write one with: restake operator config create)");
        }
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw Bad(file, null, "the file is not a YAML mapping of fields (operator:, chain_id:, ...)");
        }
        catch (YamlException e)
        {
            throw Bad(file, null, $"line {e.Start.Line}: not valid YAML ({e.Message})");
        }
        RejectUnknown(file, root, TopFields, "");
        var op = Child(root, "operator") as YamlMappingNode
            ?? throw Bad(file, "operator", "missing: a section with the operator's address and allocation_delay");
        RejectUnknown(file, op, OperatorFields, "operator.");

        var address = Scalar(file, op, "operator.address", "address") ?? throw Bad(file, "operator.address", "missing: the operator's 0x address");
        if (!EthAddress.IsAddress(address))
        {
            throw Bad(file, "operator.address", $"'{address}' is not an address (0x and 40 hex digits)");
        }
        if (EthAddress.Normalize(address) == "0x0000000000000000000000000000000000000000")
        {
            throw Bad(file, "operator.address", "is the zero address of the template: put the operator's own address");
        }
        var delayText = Scalar(file, op, "operator.allocation_delay", "allocation_delay") ?? "0";
        if (!uint.TryParse(delayText, NumberStyles.None, CultureInfo.InvariantCulture, out var delay))
        {
            throw Bad(file, "operator.allocation_delay", $"'{delayText}' is not a whole number of blocks (0 to {uint.MaxValue})");
        }
        long? chainId = null;
        if (Scalar(file, root, "chain_id", "chain_id") is { } chainText)
        {
            chainId = long.TryParse(chainText, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
                ? c
                : throw Bad(file, "chain_id", $"'{chainText}' is not a chain id (a whole number, 31337 for a devnet)");
        }
        if (Scalar(file, root, "signer_type", "signer_type") is { } signerType && signerType != "local_keystore")
        {
            throw Bad(file, "signer_type", $"'{signerType}' is not supported: restake signs with local_keystore (private_key_store_path) or the signer flags");
        }
        var keyStore = Scalar(file, root, "private_key_store_path", "private_key_store_path") is { Length: > 0 } k ? Locate(file, k) : null;
        var rpc = Scalar(file, root, "eth_rpc_url", "eth_rpc_url") is { Length: > 0 } r ? r : null;
        return new OperatorConfig(file, EthAddress.Normalize(address), delay, chainId, keyStore, rpc);
    }

    /// <summary>A template in eigenlayer-cli's shape, with restake's defaults filled in.</summary>
    public static string Template(string? address, string? keyStorePath, string rpcUrl, long chainId) => $"""
        # Operator configuration, read by `restake operator register` and `restake operator status`
        # (the shape of eigenlayer-cli's operator.yaml). Flags given on the command line win.
        operator:
          address: {address ?? "0x0000000000000000000000000000000000000000"}   # the operator's address: the signer must own it
          delegation_approver_address: "0x0000000000000000000000000000000000000000"   # accepted, not used
          allocation_delay: 0          # blocks before a new allocation takes effect
          metadata_url: ""             # accepted, not used
        eth_rpc_url: {rpcUrl}          # the restake node
        chain_id: {chainId}
        private_key_store_path: {(keyStorePath is null ? "\"\"   # a keystore (restake keys create NAME) or a key file" : $"'{keyStorePath.Replace("'", "''", StringComparison.Ordinal)}'")}
        signer_type: local_keystore

        """;

    /// <summary>A relative key path is looked up beside the config file first, then from the working directory.</summary>
    private static string Locate(string file, string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", path);
        return System.IO.File.Exists(beside) || !System.IO.File.Exists(path) ? beside : path;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(string file, YamlMappingNode map, string field, string key) => Child(map, key) switch
    {
        null => null,
        YamlScalarNode s => s.Value?.Trim(),
        var other => throw Bad(file, field, $"line {other.Start.Line}: must be a single value, not a list or a section"),
    };

    private static void RejectUnknown(string file, YamlMappingNode map, HashSet<string> known, string prefix)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!known.Contains(name))
            {
                throw Bad(file, prefix + name, $"line {key.Start.Line}: unknown field (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private static ClientFailure Bad(string file, string? field, string why) =>
        ClientFailure.BadInput(field is null ? $"{file}: {why}" : $"{file}: {field}: {why}");
}
