using System.CommandLine;
using System.Text.Json.Nodes;
using Nethereum.Signer;
using Restake.Node.Signing;

namespace Restake.Cli.Client;

/// <summary>
/// <c>restake keys create|import|list|export</c>: named Web3 keystores in a folder, as eigenlayer-cli
/// keeps them. Built by a factory so <c>restake operator keys</c> can carry the same group.
/// </summary>
internal static class KeysCommands
{
    public static ClientCommand Build()
    {
        var name = new Argument<string>("name") { Description = "the key's name (letters, digits, '.', '_' and '-')" };
        var create = Local("create", "Create a new ECDSA key and save it as an encrypted keystore.", ctx =>
            Save(ctx, ctx.Value(name), EthECKey.GenerateKey().GetPrivateKey(), "created"), name, KeyType());

        var importName = new Argument<string>("name") { Description = "the key's name" };
        var privateKey = new Argument<string>("private-key") { Description = "the 0x private key to import" };
        var import = Local("import", "Import a private key and save it as an encrypted keystore.", ctx =>
        {
            var key = ctx.Value(privateKey).Trim();
            try
            {
                _ = EthAddress.FromPrivateKey(key);
            }
            catch (ArgumentException e)
            {
                throw ClientFailure.BadInput($"private-key: {e.Message} (a private key is 0x and 64 hex digits)");
            }
            return Save(ctx, ctx.Value(importName), key, "imported");
        }, importName, privateKey, KeyType());

        var list = Local("list", "List the keystores in the keys folder: names and addresses.", ctx =>
        {
            var folder = ClientOptions.KeysFolder(ctx.Parsed);
            var keys = KeyStore.List(folder).ToList();
            var json = new JsonArray([.. keys.Select(k => (JsonNode?)new JsonObject { ["name"] = k.Name, ["address"] = k.Address, ["path"] = k.Path })]);
            ctx.Out.Step($"keys in {folder}:");
            ctx.Out.Show(new View(json, ["name", "address", "path"], [.. keys.Select(k => (IReadOnlyList<string>)[k.Name, k.Address, k.Path])]));
            return ExitCodes.Done;
        });

        var exportName = new Argument<string>("name") { Description = "the key's name" };
        var export = Local("export", "Print a keystore's private key (it needs the password).", ctx =>
        {
            var path = Existing(ctx, ctx.Value(exportName));
            var signer = Signers.FromFile(path, Password(ctx));
            Console.Error.WriteLine($"⚠️  the private key of '{ctx.Value(exportName)}' follows: anyone who sees it controls {signer.Checksummed}");
            var json = new JsonObject { ["name"] = ctx.Value(exportName), ["address"] = signer.Checksummed, ["private_key"] = signer.PrivateKey };
            ctx.Out.Show(View.Fields(json));
            return ExitCodes.Done;
        }, exportName);

        return new ClientCommand("keys", "Manage the signing keys: encrypted keystores in a folder (--keys-dir).", create, import, list, export);
    }

    /// <summary>A keys command: it works on files only, never on the node.</summary>
    private static ClientCommand Local(string name, string description, Func<ClientContext, int> run, params Symbol[] inputs)
    {
        var command = new ClientCommand(name, description, inputs);
        command.Options.Add(ClientOptions.KeysDir);
        command.Options.Add(ClientOptions.Password);
        command.Options.Add(ClientOptions.Format);
        command.Runs(ctx => Task.FromResult(run(ctx)));
        return command;
    }

    /// <summary>eigenlayer-cli's --key-type, for create and import: only ecdsa signs for a restake node.</summary>
    private static Option<string> KeyType()
    {
        var option = new Option<string>("--key-type") { Description = "ecdsa (the only kind a restake node signs with; BLS keys belong to AVS software)", DefaultValueFactory = _ => "ecdsa" };
        option.AcceptOnlyFromAmong("ecdsa");
        return option;
    }

    private static int Save(ClientContext ctx, string name, string privateKey, string verb)
    {
        if (!KeyStore.IsName(name))
        {
            throw ClientFailure.BadInput($"'{name}' is not a key name: use letters, digits, '.', '_' and '-' (up to 64)");
        }
        var password = Password(ctx) ?? throw ClientFailure.BadInput($"a keystore needs a password: give --password or set {ClientOptions.PasswordVariable}");
        var path = KeyStore.PathOf(ClientOptions.KeysFolder(ctx.Parsed), name);
        if (File.Exists(path))
        {
            throw ClientFailure.BadInput($"a key named '{name}' already exists ({path}); pick another name or remove that file");
        }
        try
        {
            KeyFiles.SaveKeystore(path, privateKey, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ClientFailure.BadInput($"cannot write {path}: {e.Message}");
        }
        var address = EthAddress.Checksummed(EthAddress.FromPrivateKey(privateKey));
        ctx.Out.Step($"✅ key '{name}' {verb}: {address}");
        ctx.Out.Step("⚠️  keep the password safe: without it the keystore cannot be opened (restake keys export shows the private key)");
        ctx.Out.Show(View.Fields(new JsonObject { ["name"] = name, ["address"] = address, ["path"] = path }));
        return ExitCodes.Done;
    }

    private static string Existing(ClientContext ctx, string name)
    {
        var path = KeyStore.PathOf(ClientOptions.KeysFolder(ctx.Parsed), name);
        return KeyStore.IsName(name) && File.Exists(path)
            ? path
            : throw ClientFailure.BadInput($"no key named '{name}' in {ClientOptions.KeysFolder(ctx.Parsed)} (see: restake keys list)");
    }

    private static string? Password(ClientContext ctx) => ClientOptions.PasswordOf(ctx.Parsed);
}
