using System.CommandLine;
using System.Text.Json.Nodes;
using Restake.Node.Signing;

namespace Restake.Cli.Client;

/// <summary>Small builders for the client's own flags, and the parsing they share (comma lists, "who is meant").</summary>
internal static class Flags
{
    public static Option<string> Required(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Required = true };

    public static Option<string?> Optional(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };

    /// <summary>"a,b , c" as a JSON list of its non-empty items.</summary>
    public static JsonArray List(string text) =>
        new([.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(i => (JsonNode?)JsonValue.Create(i))]);

    /// <summary>Adds the optional fields that were given, leaving the rest to the node's defaults.</summary>
    public static JsonObject With(this JsonObject body, string field, string? value)
    {
        if (value is not null)
        {
            body[field] = value;
        }
        return body;
    }

    /// <summary>
    /// The account a read command is about: the one named, else the signer's (so "--dev-account 2"
    /// means "me"), else a clear request for one.
    /// </summary>
    public static async Task<string> WhoseAsync(ClientContext ctx, string? named, string what)
    {
        var who = named ?? await ctx.SignerAddressAsync().ConfigureAwait(false)
            ?? throw ClientFailure.BadInput($"which {what}? name an address, or give a signer (--dev-account N, --key-file, --ecdsa-private-key) to mean its own");
        return EthAddress.IsAddress(who) ? EthAddress.Normalize(who) : who;
    }
}
