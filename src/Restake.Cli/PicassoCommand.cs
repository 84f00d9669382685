using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Picasso;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake picasso demo`: the guest chain secured by restaked SOL, packets both ways, equivocation, freeze, slash.</summary>
internal static class PicassoCommand
{
    public static int Demo(bool json)
    {
        var t = PicassoDemo.Run();
        if (json)
        {
            var doc = new JsonObject
            {
                ["client_frozen"] = t.ClientFrozen,
                ["failures"] = new JsonArray([.. t.Failures.Select(f => (JsonNode?)f)]),
                ["chapters"] = new JsonArray([.. t.Chapters.Select(c => (JsonNode?)new JsonObject
                {
                    ["title"] = c.Title,
                    ["lines"] = new JsonArray([.. c.Lines.Select(l => (JsonNode?)l)]),
                    ["tables"] = new JsonArray([.. c.Tables.Select(tb => (JsonNode?)new JsonArray([.. tb.Rows.Select(r =>
                        (JsonNode?)new JsonObject(tb.Columns.Zip(r, (k, v) => KeyValuePair.Create(k, (JsonNode?)v))))]))]),
                })]),
            };
            Console.Out.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            foreach (var c in t.Chapters)
            {
                AnsiConsole.MarkupLine($"\n[bold]{Markup.Escape(c.Title)}[/]");
                foreach (var l in c.Lines)
                {
                    AnsiConsole.MarkupLine("  " + Markup.Escape(l));
                }
                foreach (var tb in c.Tables)
                {
                    var table = new Table().Border(TableBorder.Rounded).AddColumns([.. tb.Columns.Select(Markup.Escape)]);
                    foreach (var r in tb.Rows)
                    {
                        table.AddRow([.. r.Select(Markup.Escape)]);
                    }
                    AnsiConsole.Write(table);
                }
            }
            foreach (var f in t.Failures)
            {
                Console.Error.WriteLine($"restake picasso demo: {f}");
            }
        }
        return t.Failures.Count == 0 ? 0 : 1;
    }
}
