using System.CommandLine;
using System.Numerics;
using System.Text.Json.Nodes;
using Restake.Node.Signing;

namespace Restake.Cli.Client;

/// <summary>
/// <c>restake rewards claim|set-claimer|show</c>: the earner's side of rewards against a node. They
/// sit beside <c>restake rewards FILE</c>, the scenario report, as its subcommands.
/// </summary>
internal static class RewardsClientCommands
{
    public static IEnumerable<Command> Build()
    {
        var earner = Flags.Optional("--earner", "whose rewards (default: the signer; a claimer may claim for its earner)", "--earner-address");
        var recipient = Flags.Optional("--recipient", "who receives the tokens (default: the earner)", "--recipient-address");
        var tokens = Flags.Optional("--tokens", "only these tokens, comma separated (default: all)", "--token-addresses");
        yield return ClientCommand.Transaction("claim", "Claim everything claimable against the newest active distribution root.", "claim", ctx =>
        {
            var body = new JsonObject().With("earner", ctx.Parsed.GetValue(earner)).With("recipient", ctx.Parsed.GetValue(recipient));
            if (ctx.Parsed.GetValue(tokens) is { } list)
            {
                body["tokens"] = Flags.List(list);
            }
            return body;
        }, earner, recipient, tokens);

        var claimer = Flags.Required("--claimer", "the address allowed to claim the signer's rewards", "--claimer-address");
        yield return ClientCommand.Transaction("set-claimer", "Let another address claim the signer's rewards.", "set_claimer",
            ctx => new JsonObject { ["claimer"] = ctx.Value(claimer) }, claimer);

        var address = new Argument<string?>("address") { Description = "the earner (default: the signer; with neither, every earner)", Arity = ArgumentArity.ZeroOrOne };
        yield return ClientCommand.ReadAbout("show", "Show what an earner has earned (newest root), claimed and can still claim, per token.", async ctx =>
        {
            var named = ctx.Parsed.GetValue(address) ?? await ctx.SignerAddressAsync().ConfigureAwait(false);
            var who = named is not null && EthAddress.IsAddress(named) ? EthAddress.Normalize(named) : named;
            var rewards = (await ctx.GetAsync("/api/state/rewards").ConfigureAwait(false))["items"] ?? new JsonObject();
            var earned = rewards["earned"]?.AsObject() ?? [];
            var claimed = rewards["claimed"]?.AsObject() ?? [];
            var earners = who is null ? earned.Select(e => e.Key).Union(claimed.Select(c => c.Key)).Order(StringComparer.Ordinal).ToList() : [who];
            var rows = new List<IReadOnlyList<string>>();
            var items = new JsonArray();
            foreach (var e in earners)
            {
                foreach (var token in Keys(earned[e]).Union(Keys(claimed[e])).Order(StringComparer.Ordinal))
                {
                    var total = Amount(earned[e]?[token]);
                    var paid = Amount(claimed[e]?[token]);
                    var open = total > paid ? total - paid : BigInteger.Zero;
                    rows.Add([e, token, total.ToString(), paid.ToString(), open.ToString()]);
                    items.Add(new JsonObject { ["earner"] = e, ["token"] = token, ["earned"] = total.ToString(), ["claimed"] = paid.ToString(), ["claimable"] = open.ToString() });
                }
            }
            var roots = rewards["roots"] as JsonArray ?? [];
            ctx.Out.Step($"rewards{(who is null ? "" : $" of {who}")}: {roots.Count} distribution root(s) posted; amounts in base units");
            ctx.Out.Show(new View(new JsonObject { ["earner"] = who, ["rewards"] = items, ["roots"] = roots.DeepClone() }, ["earner", "token", "earned", "claimed", "claimable"], rows));
            return ExitCodes.Done;
        }, address);
    }

    private static IEnumerable<string> Keys(JsonNode? node) => node is JsonObject o ? o.Select(kv => kv.Key) : [];

    private static BigInteger Amount(JsonNode? node) =>
        BigInteger.TryParse(JsonFlat.Text(node), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : BigInteger.Zero;
}
