using System.CommandLine;

namespace Restake.Cli.Client;

/// <summary>
/// The options every client command shares, declared once. Each also reads an environment variable,
/// as eigenlayer-cli's flags do, so a shell session can set the node and the signer once.
/// </summary>
internal static class ClientOptions
{
    public const string DefaultNode = "http://127.0.0.1:8545";
    public const string NodeVariable = "RESTAKE_NODE_URL";
    public const string PasswordVariable = "RESTAKE_KEY_PASSWORD";
    public const string PrivateKeyVariable = "RESTAKE_PRIVATE_KEY";
    public const string KeysDirVariable = "RESTAKE_KEYS_DIR";

    public static readonly Option<string?> Node = new("--node")
    {
        Description = $"the node's URL [env {NodeVariable}; default {DefaultNode}]",
    };

    public static readonly Option<string> Format = Formats(new Option<string>("--output", "-o")
    {
        Description = "pretty (tables and step lines), json (one document) or csv (a header, then rows)",
        DefaultValueFactory = _ => "pretty",
    });

    public static readonly Option<int?> DevAccount = new("--dev-account")
    {
        Description = "sign as the node's development account N (derived from the default mnemonic; 0 is the admin)",
    };

    public static readonly Option<string?> KeyFile = new("--key-file", "-k")
    {
        Description = "sign with a Web3 keystore or a plain key file (a path, or the name of a key in --keys-dir)",
    };

    public static readonly Option<string?> Password = new("--password")
    {
        Description = $"the keystore's password [env {PasswordVariable}]",
    };

    public static readonly Option<string?> PrivateKey = new("--ecdsa-private-key", "-e")
    {
        Description = $"sign with this 0x private key [env {PrivateKeyVariable}]",
    };

    public static readonly Option<bool> Broadcast = new("--broadcast", "-b")
    {
        Description = "send the transaction; without it the command is a dry run that prints the signed transaction",
    };

    public static readonly Option<string?> KeysDir = new("--keys-dir")
    {
        Description = $"the folder of named keystores [env {KeysDirVariable}; default ~/.restake/keys]",
    };

    /// <summary>Adds the node and output options: every command that reads the node.</summary>
    public static void AddReadOptions(Command command)
    {
        command.Options.Add(Node);
        command.Options.Add(Format);
    }

    /// <summary>Adds the signer options (with the keys folder a --key-file name resolves in).</summary>
    public static void AddSignerOptions(Command command)
    {
        command.Options.Add(DevAccount);
        command.Options.Add(KeyFile);
        command.Options.Add(Password);
        command.Options.Add(PrivateKey);
        command.Options.Add(KeysDir);
    }

    private static Option<string> Formats(Option<string> option)
    {
        option.AcceptOnlyFromAmong("pretty", "json", "csv");
        return option;
    }

    /// <summary>An option's value, else its environment variable, else null (blank counts as unset).</summary>
    public static string? OrEnvironment(string? value, string variable) =>
        !string.IsNullOrWhiteSpace(value) ? value
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } env && !string.IsNullOrWhiteSpace(env) ? env
        : null;

    /// <summary>--password as given (an empty one is a password too), else RESTAKE_KEY_PASSWORD.</summary>
    public static string? PasswordOf(ParseResult parsed) =>
        parsed.GetValue(Password) ?? Environment.GetEnvironmentVariable(PasswordVariable);

    public static string KeysFolder(ParseResult parsed) =>
        OrEnvironment(parsed.GetValue(KeysDir), KeysDirVariable)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".restake", "keys");
}
