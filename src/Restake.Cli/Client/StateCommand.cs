using System.CommandLine;
using System.Text.Json.Nodes;

namespace Restake.Cli.Client;

/// <summary><c>restake state SECTION [NAME]</c>: any part of the node's state document, a page or one item.</summary>
internal static class StateCommand
{
    public static ClientCommand Build()
    {
        var section = new Argument<string>("section") { Description = "stakers, operators, avs, strategies, pods, withdrawals, balances or rewards" };
        var name = new Argument<string?>("name") { Description = "one item: an address, a strategy, a withdrawal id", Arity = ArgumentArity.ZeroOrOne };
        var offset = new Option<int>("--offset") { Description = "skip this many items", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "at most this many items (1 to 1000)", DefaultValueFactory = _ => 100 };
        return ClientCommand.Read("state", "Read the node's state: a page of a section (one row per field, for pandas and spreadsheets) or one item.", async ctx =>
        {
            var part = Uri.EscapeDataString(ctx.Value(section));
            if (ctx.Parsed.GetValue(name) is { } one)
            {
                var item = await ctx.GetAsync($"/api/state/{part}/{Uri.EscapeDataString(one)}").ConfigureAwait(false);
                ctx.Out.Show(View.Fields(item));
                return ExitCodes.Done;
            }
            var page = await ctx.GetAsync($"/api/state/{part}?offset={ctx.Parsed.GetValue(offset)}&limit={ctx.Parsed.GetValue(limit)}").ConfigureAwait(false);
            var items = page["items"]?.AsObject() ?? [];
            var rows = items.SelectMany(i => JsonFlat.Rows(i.Value).Select(r => (IReadOnlyList<string>)[i.Key, r.Path, r.Value])).ToList();
            ctx.Out.Step($"{ctx.Value(section)}: {items.Count} of {page["total"]} from offset {page["offset"]}");
            ctx.Out.Show(new View(page, ["name", "field", "value"], rows));
            return ExitCodes.Done;
        }, section, name, offset, limit);
    }
}
