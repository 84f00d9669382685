using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Primitives;

namespace Restake.Cli.Client;

/// <summary>
/// <c>restake chain ...</c>: the node's status and its development controls (anvil's evm_mine,
/// evm_increaseTime, evm_snapshot/evm_revert, dumpState/loadState).
/// </summary>
internal static class ChainCommands
{
    public static ClientCommand Build()
    {
        var status = ClientCommand.Read("status", "The chain: id, block, time, stage, log height, state hash.", async ctx =>
        {
            ctx.Out.Show(View.Fields(await ctx.GetAsync("/api/status").ConfigureAwait(false)));
            return ExitCodes.Done;
        });

        var accounts = ClientCommand.Read("accounts", "The development accounts: index, address, nonce.", async ctx =>
        {
            var list = await ctx.GetAsync("/api/accounts").ConfigureAwait(false) as JsonArray ?? [];
            ctx.Out.Show(new View(list, ["index", "address", "nonce"], [.. list.Select(a => (IReadOnlyList<string>)[JsonFlat.Text(a?["index"]), JsonFlat.Text(a?["address"]), JsonFlat.Text(a?["nonce"])])]));
            return ExitCodes.Done;
        });

        var blocks = new Argument<long>("blocks") { Description = "how many blocks", DefaultValueFactory = _ => 1 };
        var mine = ClientCommand.Read("mine", "Produce blocks now.", ctx => Advance(ctx, "/dev/mine", new JsonObject { ["blocks"] = ctx.Value(blocks) }), blocks);

        var seconds = new Argument<string>("seconds") { Description = "seconds (3600) or a duration (90m, 12h, 7d); rounded up to whole blocks" };
        var increase = ClientCommand.Read("increase-time", "Advance time, in whole blocks.", ctx => Advance(ctx, "/dev/increase-time", new JsonObject { ["seconds"] = Seconds(ctx.Value(seconds)) }), seconds);

        var snapshot = ClientCommand.Read("snapshot", "Remember this point of the chain; revert to it later (ids stay usable).", async ctx =>
        {
            var answer = await ctx.PostAsync("/dev/snapshot", new JsonObject()).ConfigureAwait(false);
            ctx.Out.Step($"✅ snapshot {answer["id"]} taken; return to it with: restake chain revert {answer["id"]}");
            ctx.Out.Show(View.Fields(answer));
            return ExitCodes.Done;
        });

        var id = new Argument<int>("id") { Description = "a snapshot id" };
        var revert = ClientCommand.Read("revert", "Return to a snapshot; later blocks and later snapshots are dropped.", async ctx =>
        {
            var answer = await ctx.PostAsync("/dev/revert", new JsonObject { ["id"] = ctx.Value(id) }).ConfigureAwait(false);
            if (answer["reverted"]?.GetValue<bool>() != true)
            {
                throw ClientFailure.Refused($"no snapshot {ctx.Value(id)} (reverting to a snapshot forgets the later ones; take one with: restake chain snapshot)");
            }
            var now = await ctx.GetAsync("/api/status").ConfigureAwait(false);
            ctx.Out.Step($"✅ reverted to snapshot {ctx.Value(id)}: block {now["block"]}, log height {now["height"]}");
            ctx.Out.Show(View.Fields(new JsonObject { ["reverted"] = true, ["id"] = ctx.Value(id), ["block"] = now["block"]?.DeepClone(), ["height"] = now["height"]?.DeepClone(), ["state_hash"] = now["state_hash"]?.DeepClone() }));
            return ExitCodes.Done;
        }, id);

        var dumpFile = new Argument<string>("file") { Description = "where to write the dump (JSON)" };
        var dump = ClientCommand.Read("dump", "Write the whole chain (genesis and log, versioned) to a file.", async ctx =>
        {
            var document = await ctx.GetAsync("/dev/dump").ConfigureAwait(false);
            var path = ctx.Value(dumpFile);
            try
            {
                await File.WriteAllTextAsync(path, document.ToJsonString()).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw ClientFailure.BadInput($"cannot write {path}: {e.Message}");
            }
            var summary = new JsonObject { ["file"] = path, ["format"] = document["format"]?.DeepClone(), ["height"] = document["height"]?.DeepClone(), ["state_hash"] = document["state_hash"]?.DeepClone() };
            ctx.Out.Step($"✅ dumped log height {document["height"]} to {path}");
            ctx.Out.Show(View.Fields(summary));
            return ExitCodes.Done;
        }, dumpFile);

        var loadFile = new Argument<string>("file") { Description = "a dump written by restake chain dump (or restake node --dump-state)" };
        var load = ClientCommand.Read("load", "Replace the node's chain with a dump, after the node replays it and checks its state hash.", async ctx =>
        {
            var path = ctx.Value(loadFile);
            JsonNode? document;
            try
            {
                document = JsonNode.Parse(await File.ReadAllTextAsync(path).ConfigureAwait(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw ClientFailure.BadInput($"cannot read {path}: {e.Message}");
            }
            catch (JsonException e)
            {
                throw ClientFailure.BadInput($"{path} is not a dump (not JSON: {e.Message})");
            }
            var answer = await ctx.PostAsync("/dev/load", document).ConfigureAwait(false);
            ctx.Out.Step($"✅ loaded {path}: state hash {answer["state_hash"]}");
            ctx.Out.Show(View.Fields(answer));
            return ExitCodes.Done;
        }, loadFile);

        return new ClientCommand("chain", "The chain: status, accounts, and the devnet controls (mine, increase-time, snapshot, revert, dump, load).",
            status, accounts, mine, increase, snapshot, revert, dump, load);
    }

    private static async Task<int> Advance(ClientContext ctx, string path, JsonObject body)
    {
        var receipt = await ctx.PostAsync(path, body).ConfigureAwait(false);
        ctx.Out.Step($"✅ now at block {receipt["block"]} (log height {receipt["height"]})");
        ctx.Out.Show(View.Fields(new JsonObject { ["height"] = receipt["height"]?.DeepClone(), ["block"] = receipt["block"]?.DeepClone() }));
        return ExitCodes.Done;
    }

    /// <summary>Plain seconds, or a duration such as "12h" (the scenario language's spelling).</summary>
    private static long Seconds(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }
        return Durations.TryParseSeconds(text, out var seconds, out var error) ? seconds : throw ClientFailure.BadInput($"seconds: {error}");
    }
}
