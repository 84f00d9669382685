using System.CommandLine;
using System.Text.Json.Nodes;
using Restake.Node.Signing;

namespace Restake.Cli.Client;

/// <summary>
/// <c>restake operator ...</c>: eigenlayer-cli's operator group. register and status read an
/// operator.yaml (flags win over it); the operator-set and split commands are plain transactions.
/// </summary>
internal static class OperatorCommands
{
    public static ClientCommand Build()
    {
        var config = new Argument<string?>("operator.yaml") { Description = "the operator's configuration file (eigenlayer-cli's shape)", Arity = ArgumentArity.ZeroOrOne };
        var delay = new Option<uint?>("--allocation-delay") { Description = "blocks before a new allocation takes effect (overrides operator.allocation_delay; default 0)" };
        var register = ClientCommand.Transaction("register", "Register the signer as an operator, from an operator.yaml or from flags.", "register_operator",
            async ctx => await RegisterBody(ctx, ctx.Parsed.GetValue(config), ctx.Parsed.GetValue(delay)).ConfigureAwait(false), config, delay);

        var statusConfig = new Argument<string?>("operator.yaml") { Description = "read the operator's address from this file", Arity = ArgumentArity.ZeroOrOne };
        var operatorFlag = Flags.Optional("--operator", "the operator's address (default: operator.yaml's, else the signer's)", "--operator-address");
        var status = ClientCommand.ReadAbout("status", "Show an operator: delegated shares, magnitudes, allocations, operator sets, slashable stake.", async ctx =>
        {
            var address = await OperatorAddress(ctx, ctx.Parsed.GetValue(operatorFlag), ctx.Parsed.GetValue(statusConfig)).ConfigureAwait(false);
            var item = await ctx.GetAsync($"/api/state/operators/{address}", $"is {address} registered? restake operator register").ConfigureAwait(false);
            var json = new JsonObject { ["address"] = address };
            foreach (var (key, value) in item.AsObject())
            {
                json[key] = value?.DeepClone();
            }
            ctx.Out.Step($"✅ {address} is a registered operator");
            ctx.Out.Show(View.Fields(json));
            return ExitCodes.Done;
        }, statusConfig, operatorFlag);

        return new ClientCommand("operator", "Operators: register, status, allocations, operator sets, rewards split (eigenlayer-cli's operator group).",
            ConfigGroup(), register, status, AllocationsCommands.Build(), SetsCommand("register-operator-sets", "register_for_sets", "Register the operator for operator sets of an AVS."),
            SetsCommand("deregister-operator-sets", "deregister_from_sets", "Deregister the operator from operator sets of an AVS."), SplitCommand(), KeysCommands.Build());
    }

    /// <summary>The operator a read is about: --operator, else operator.yaml's address, else the signer.</summary>
    public static async Task<string> OperatorAddress(ClientContext ctx, string? flag, string? configFile)
    {
        if (flag is null && configFile is not null)
        {
            var config = OperatorConfig.Read(configFile);
            ctx.UseFallbacks(config.RpcUrl, config.KeyStorePath);
            return config.Address;
        }
        return await Flags.WhoseAsync(ctx, flag, "operator").ConfigureAwait(false);
    }

    private static async Task<JsonObject> RegisterBody(ClientContext ctx, string? configFile, uint? delayFlag)
    {
        var body = new JsonObject();
        var delay = delayFlag;
        if (configFile is not null)
        {
            var config = OperatorConfig.Read(configFile);
            ctx.Out.Step($"✅ {configFile} read: operator {EthAddress.Checksummed(config.Address)}, allocation delay {config.AllocationDelay}");
            ctx.UseFallbacks(config.RpcUrl, config.KeyStorePath);
            if (config.ChainId is { } wanted && await ctx.Client.ChainIdAsync().ConfigureAwait(false) is var chain && chain != wanted)
            {
                throw ClientFailure.BadInput($"{configFile}: chain_id: the file says {wanted} but the node at {ctx.NodeUrl} is chain {chain}");
            }
            var signer = await ctx.SignerAsync().ConfigureAwait(false);
            if (signer.Address != config.Address)
            {
                throw ClientFailure.BadInput($"{configFile}: operator.address: {EthAddress.Checksummed(config.Address)} is not the signer ({signer.Checksummed}, {signer.Source}); the operator signs its own registration");
            }
            body["operator"] = EthAddress.Checksummed(config.Address);
            delay ??= config.AllocationDelay;
        }
        body["allocation_delay"] = delay ?? 0;
        return body;
    }

    private static ClientCommand ConfigGroup()
    {
        var file = new Argument<string>("file") { Description = "where to write it", DefaultValueFactory = _ => "operator.yaml" };
        var address = Flags.Optional("--address", "the operator's address (default: the --key-store key's)");
        var keyStore = Flags.Optional("--key-store", "private_key_store_path: a keystore path or a key name from restake keys");
        var chainId = new Option<long>("--chain-id") { Description = "chain_id", DefaultValueFactory = _ => Restake.Node.Chain.Genesis.DefaultChainId };
        var force = new Option<bool>("--force") { Description = "overwrite an existing file" };
        var create = new ClientCommand("create", "Write an operator.yaml template (eigenlayer-cli's fields) to fill in.", file, address, keyStore, chainId, force, ClientOptions.Node, ClientOptions.KeysDir, ClientOptions.Password);
        create.Runs(ctx =>
        {
            var path = ctx.Value(file);
            if (File.Exists(path) && !ctx.Parsed.GetValue(force))
            {
                throw ClientFailure.BadInput($"{path} exists; give --force to overwrite it");
            }
            var store = ctx.Parsed.GetValue(keyStore) is { } k ? Path.GetFullPath(Signers.ResolveKeyPath(k, ClientOptions.KeysFolder(ctx.Parsed))) : null;
            var owner = ctx.Parsed.GetValue(address) ?? (store is null ? null : AddressOfKey(store, ClientOptions.PasswordOf(ctx.Parsed)));
            if (owner is not null && !EthAddress.IsAddress(owner))
            {
                throw ClientFailure.BadInput($"--address '{owner}' is not an address (0x and 40 hex digits)");
            }
            try
            {
                File.WriteAllText(path, OperatorConfig.Template(owner is null ? null : EthAddress.Checksummed(owner), store, ctx.NodeUrl, ctx.Parsed.GetValue(chainId)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw ClientFailure.BadInput($"cannot write {path}: {e.Message}");
            }
            Console.WriteLine($"✅ wrote {path}{(owner is null ? ": fill in operator.address and private_key_store_path" : "")}, then: restake operator register {path} --broadcast");
            return Task.FromResult(ExitCodes.Done);
        });
        return new ClientCommand("config", "The operator.yaml file.", create);
    }

    /// <summary>A key file's address without its password where possible: a plain key, or a keystore's address field.</summary>
    private static string? AddressOfKey(string path, string? password)
    {
        if (KeyFiles.TryLoad(path, password, out var key, out _))
        {
            return EthAddress.FromPrivateKey(key);
        }
        var stored = KeyStore.AddressOf(path);
        return EthAddress.IsAddress(stored) ? stored : null;
    }

    private static ClientCommand SetsCommand(string name, string verb, string description)
    {
        var avs = Flags.Required("--avs", "the AVS's address", "--avs-address");
        var sets = Flags.Required("--sets", "operator set ids, comma separated: 1,2", "--operator-set-ids");
        return ClientCommand.Transaction(name, description, verb, ctx => new JsonObject { ["avs"] = ctx.Value(avs), ["sets"] = Flags.List(ctx.Value(sets)) }, avs, sets);
    }

    private static ClientCommand SplitCommand()
    {
        var bips = new Option<int>("--bips") { Description = "the operator's commission in basis points (1000 = 10 %)", Required = true };
        var avs = Flags.Optional("--avs", "the AVS the split is for (default: the operator's default split)", "--avs-address");
        var set = Flags.Optional("--set", "an operator set of that AVS", "--operator-set-id");
        return ClientCommand.Transaction("set-split", "Set the operator's rewards split for an AVS or one of its operator sets.", "set_operator_split",
            ctx => new JsonObject { ["bips"] = ctx.Parsed.GetValue(bips) }.With("avs", ctx.Parsed.GetValue(avs)).With("set", ctx.Parsed.GetValue(set)), bips, avs, set);
    }
}
