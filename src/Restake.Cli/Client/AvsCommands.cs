using System.CommandLine;
using System.Text.Json.Nodes;

namespace Restake.Cli.Client;

/// <summary><c>restake avs ...</c>: what an AVS signs: registration, operator sets, slashing, rewards submissions.</summary>
internal static class AvsCommands
{
    public static ClientCommand Build()
    {
        var register = ClientCommand.Transaction("register", "Register the signer as an AVS.", "register_avs", _ => new JsonObject());

        var set = Flags.Required("--set", "the operator set id (a whole number)", "--operator-set-id");
        var strategies = Flags.Required("--strategies", "strategies the set can slash, comma separated: stETH,rETH");
        var createSet = ClientCommand.Transaction("create-set", "Create an operator set slashable in some strategies.", "create_operator_set",
            ctx => new JsonObject { ["set"] = ctx.Value(set), ["strategies"] = Flags.List(ctx.Value(strategies)) }, set, strategies);

        var slashSet = Flags.Required("--set", "the operator set id", "--operator-set-id");
        var slashOperator = Flags.Required("--operator", "the operator to slash", "--operator-address");
        var slashStrategies = Flags.Required("--strategies", "strategies to slash, comma separated");
        var wads = Flags.Optional("--wads", "one fraction per strategy, comma separated: 0.1,0.25");
        var wad = Flags.Optional("--wad", "one fraction for every strategy: \"0.1\" (10 % of the allocated magnitude)");
        var description = Flags.Optional("--description", "why (kept in the slashing event)");
        var slash = ClientCommand.Transaction("slash", "Slash an operator's allocated magnitude in one of the AVS's operator sets.", "slash", ctx =>
        {
            var body = new JsonObject { ["set"] = ctx.Value(slashSet), ["operator"] = ctx.Value(slashOperator), ["strategies"] = Flags.List(ctx.Value(slashStrategies)) };
            var (many, one) = (ctx.Parsed.GetValue(wads), ctx.Parsed.GetValue(wad));
            if ((many is null) == (one is null))
            {
                throw ClientFailure.BadInput("slash needs --wads (one fraction per strategy) or --wad (one for all), not both or neither");
            }
            if (many is not null)
            {
                body["wads"] = Flags.List(many);
            }
            return body.With("wad", one).With("description", ctx.Parsed.GetValue(description));
        }, slashSet, slashOperator, slashStrategies, wads, wad, description);

        var address = new Argument<string?>("address") { Description = "the AVS (default: the signer)", Arity = ArgumentArity.ZeroOrOne };
        var show = ClientCommand.ReadAbout("show", "Show an AVS's operator sets: strategies, operators, slashes.", async ctx =>
        {
            var who = await Flags.WhoseAsync(ctx, ctx.Parsed.GetValue(address), "AVS").ConfigureAwait(false);
            var item = await ctx.GetAsync($"/api/state/avs/{who}", $"is {who} registered? restake avs register").ConfigureAwait(false);
            var sets = item["sets"]?.AsObject() ?? [];
            var rows = sets.Select(s => (IReadOnlyList<string>)[s.Key, JsonFlat.Text(s.Value?["strategies"]), JsonFlat.Text(s.Value?["operators"]), JsonFlat.Text(s.Value?["slash_count"])]).ToList();
            ctx.Out.Step($"AVS {who}: {rows.Count} operator set(s)");
            ctx.Out.Show(new View(new JsonObject { ["avs"] = who, ["sets"] = sets.DeepClone() }, ["set", "strategies", "operators", "slash_count"], rows));
            return ExitCodes.Done;
        }, address);

        return new ClientCommand("avs", "AVSs: register, create operator sets, slash, submit rewards, show.", register, createSet, slash, SubmitRewards(), show);
    }

    /// <summary>
    /// An AVS rewards submission, kept to flags: --strategies "stETH,rETH=0.5" gives each strategy a
    /// multiplier (1 when omitted). Start is a time, duration a span ("7d"); both follow the rewards
    /// coordinator's rules, which the node checks.
    /// </summary>
    private static ClientCommand SubmitRewards()
    {
        var token = Flags.Required("--token", "the reward token (its symbol: EIGEN, ...)");
        var amount = Flags.Required("--amount", "the whole amount paid over the duration: \"1000\" or \"... wei\"");
        var start = Flags.Required("--start", "when the rewards period starts, a day boundary: 2024-05-02T00:00:00Z");
        var duration = Flags.Required("--duration", "how long it lasts, a multiple of the calculation interval: 7d");
        var strategies = Flags.Required("--strategies", "strategies paid, with optional multipliers: stETH,rETH=0.5");
        var id = Flags.Optional("--id", "a name for the submission");
        return ClientCommand.Transaction("submit-rewards", "Submit rewards for the stakers and operators of the AVS's strategies.", "submit_rewards", ctx =>
        {
            var list = new JsonArray();
            foreach (var item in Flags.List(ctx.Value(strategies)))
            {
                var parts = item!.GetValue<string>().Split('=', 2, StringSplitOptions.TrimEntries);
                list.Add(new JsonObject { ["strategy"] = parts[0], ["multiplier"] = parts.Length == 2 ? parts[1] : "1" });
            }
            return new JsonObject
            {
                ["token"] = ctx.Value(token),
                ["amount"] = ctx.Value(amount),
                ["start"] = ctx.Value(start),
                ["duration"] = ctx.Value(duration),
                ["strategies"] = list,
            }.With("id", ctx.Parsed.GetValue(id));
        }, token, amount, start, duration, strategies, id);
    }
}
