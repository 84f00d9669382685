using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Restake.Cli.Client;

internal enum OutputFormat
{
    Pretty,
    Json,
    Csv,
}

/// <summary>
/// Rows to print, with the JSON document they came from. <see cref="KeyValue"/> tables (two columns,
/// field and value) print as aligned lines in the pretty view rather than a boxed table.
/// </summary>
internal sealed record View(JsonNode Json, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, bool KeyValue = false)
{
    /// <summary>A narrower table for people, where the machine formats carry more columns.</summary>
    public View? PrettyView { get; init; }

    /// <summary>Any JSON document as field/value rows (nested fields joined with dots).</summary>
    public static View Fields(JsonNode json) =>
        new(json, ["field", "value"], [.. JsonFlat.Rows(json).Select(r => (IReadOnlyList<string>)[r.Path, r.Value])], KeyValue: true);
}

/// <summary>
/// The one renderer of every client command: pretty (step lines, then a table or key/value lines),
/// json (one document, nothing else on standard output) or csv (a header, then rows).
/// </summary>
internal sealed class Output(OutputFormat format)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public OutputFormat Format { get; } = format;

    /// <summary>A progress line in the eigenlayer-cli style ("✅ signed by ..."); only the pretty view shows them.</summary>
    public void Step(string line)
    {
        if (Format == OutputFormat.Pretty)
        {
            Console.WriteLine(line);
        }
    }

    public void Show(View view, string? title = null)
    {
        switch (Format)
        {
            case OutputFormat.Json:
                Console.WriteLine(view.Json.ToJsonString(Indented));
                break;
            case OutputFormat.Csv:
                Console.Write(Csv(view));
                break;
            default:
                Pretty(view.PrettyView ?? view, title);
                break;
        }
    }

    public static string Csv(View view)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', view.Columns.Select(Quote))).Append('\n');
        foreach (var row in view.Rows)
        {
            text.Append(string.Join(',', row.Select(Quote))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>RFC 4180 quoting: only fields with a comma, quote or line break are quoted.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static void Pretty(View view, string? title)
    {
        if (title is not null)
        {
            Console.WriteLine(title);
        }
        if (view.Rows.Count == 0)
        {
            Console.WriteLine("  (none)");
            return;
        }
        if (view.KeyValue)
        {
            var width = view.Rows.Max(r => r[0].Length);
            foreach (var row in view.Rows)
            {
                Console.WriteLine($"  {row[0].PadRight(width)}  {row[1]}");
            }
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in view.Columns)
        {
            table.AddColumn(Markup.Escape(column));
        }
        foreach (var row in view.Rows)
        {
            table.AddRow([.. row.Select(cell => Markup.Escape(cell))]);
        }
        AnsiConsole.Write(table);
    }
}

/// <summary>Flattens JSON into dotted paths and text values, for key/value and long-format tables.</summary>
internal static class JsonFlat
{
    public static IEnumerable<(string Path, string Value)> Rows(JsonNode? node, string prefix = "")
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (key, child) in o)
                {
                    foreach (var row in Rows(child, prefix.Length == 0 ? key : $"{prefix}.{key}"))
                    {
                        yield return row;
                    }
                }
                break;
            case JsonArray a when a.Any(i => i is not JsonValue):
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var row in Rows(a[i], $"{prefix}[{i}]"))
                    {
                        yield return row;
                    }
                }
                break;
            default:
                yield return (prefix, Text(node));
                break;
        }
    }

    /// <summary>A value as a person reads it: strings without quotes, lists of values joined, null and empty containers as nothing.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject { Count: 0 } or JsonArray { Count: 0 } => "",
        JsonArray a when a.All(i => i is JsonValue) => string.Join(", ", a.Select(Text)),
        _ => node.ToJsonString(),
    };
}
