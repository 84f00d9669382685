using System.CommandLine;
using System.Text.Json.Nodes;

namespace Restake.Cli.Client;

/// <summary><c>restake operator allocations ...</c>: the allocation delay and the magnitude an operator gives each operator set.</summary>
internal static class AllocationsCommands
{
    public static ClientCommand Build()
    {
        var blocks = new Argument<uint>("blocks") { Description = "blocks between an allocation and its effect" };
        var setDelay = ClientCommand.Transaction("set-delay", "Set the operator's allocation delay (eigenlayer-cli: initialize-delay).", "set_allocation_delay",
            ctx => new JsonObject { ["blocks"] = ctx.Value(blocks) }, blocks);
        setDelay.Aliases.Add("initialize-delay");

        var avs = Flags.Required("--avs", "the AVS's address", "--avs-address");
        var set = Flags.Required("--set", "the operator set id", "--operator-set-id");
        var strategy = Flags.Required("--strategy", "the strategy (its token symbol: stETH, rETH, beaconETH, ...)", "--strategy-address");
        var magnitude = Flags.Required("--magnitude", "the target share of the operator's stake, a fraction: \"0.25\" (lower it to deallocate)");
        var update = ClientCommand.Transaction("update", "Allocate (or deallocate) magnitude to an operator set, for one strategy.", "allocate",
            ctx => new JsonObject { ["avs"] = ctx.Value(avs), ["set"] = ctx.Value(set), ["strategy"] = ctx.Value(strategy), ["magnitude"] = ctx.Value(magnitude) },
            avs, set, strategy, magnitude);

        var config = new Argument<string?>("operator.yaml") { Description = "read the operator's address from this file", Arity = ArgumentArity.ZeroOrOne };
        var operatorFlag = Flags.Optional("--operator", "the operator's address (default: operator.yaml's, else the signer's)", "--operator-address");
        var show = ClientCommand.ReadAbout("show", "Show an operator's allocations: current and pending magnitude per operator set and strategy.", async ctx =>
        {
            var address = await OperatorCommands.OperatorAddress(ctx, ctx.Parsed.GetValue(operatorFlag), ctx.Parsed.GetValue(config)).ConfigureAwait(false);
            var item = await ctx.GetAsync($"/api/state/operators/{address}", $"is {address} registered? restake operator register").ConfigureAwait(false);
            var rows = new List<IReadOnlyList<string>>();
            foreach (var (operatorSet, byStrategy) in item["allocations"]?.AsObject() ?? [])
            {
                foreach (var (name, a) in byStrategy?.AsObject() ?? [])
                {
                    rows.Add([operatorSet, name, JsonFlat.Text(a?["current"]), JsonFlat.Text(a?["pending"]), JsonFlat.Text(a?["effect_block"]), JsonFlat.Text(item["max_magnitude"]?[name])]);
                }
            }
            var json = new JsonObject
            {
                ["operator"] = address,
                ["allocation_delay"] = item["allocation_delay"]?.DeepClone(),
                ["allocations"] = item["allocations"]?.DeepClone(),
                ["max_magnitude"] = item["max_magnitude"]?.DeepClone(),
                ["encumbered_magnitude"] = item["encumbered_magnitude"]?.DeepClone(),
            };
            ctx.Out.Step($"allocations of {address} (allocation delay {JsonFlat.Text(item["allocation_delay"])} blocks; magnitudes in wad, 1e18 = all):");
            ctx.Out.Show(new View(json, ["operator_set", "strategy", "current", "pending", "effect_block", "max_magnitude"], rows));
            return ExitCodes.Done;
        }, config, operatorFlag);

        return new ClientCommand("allocations", "The operator's allocation delay and its allocations to operator sets.", setDelay, update, show);
    }
}
