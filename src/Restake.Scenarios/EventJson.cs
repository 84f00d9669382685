using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Scenarios;

/// <summary>Events as JSON: their name, then their fields, integers as decimal strings.</summary>
public static class EventJson
{
    public static JsonArray Steps(IEnumerable<StepReport> steps) =>
        new(steps.Where(s => s.Events.Count > 0).Select(s => (JsonNode?)new JsonObject
        {
            ["step"] = s.Step.Index,
            ["line"] = s.Step.Line,
            ["verb"] = s.Step.Verb,
            ["events"] = new JsonArray(s.Events.Select(e => (JsonNode?)Event(e)).ToArray()),
        }).ToArray());

    public static JsonObject Event(ProtocolEvent e)
    {
        var o = new JsonObject { ["event"] = e.Name };
        foreach (var property in e.GetType().GetProperties())
        {
            if (property.Name == nameof(ProtocolEvent.Name) || property.Name == "EqualityContract")
            {
                continue;
            }
            o[JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)] = Value(property.GetValue(e));
        }
        return o;
    }

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        UInt256 u => JsonValue.Create(u.ToString()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        uint u => JsonValue.Create(u),
        ulong u => JsonValue.Create(u.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        System.Collections.IEnumerable list => new JsonArray(list.Cast<object?>().Select(Value).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };

    public static string Text(ProtocolEvent e) =>
        $"{e.Name} " + string.Join(" ", Event(e).Where(kv => kv.Key != "event").Select(kv => $"{kv.Key}={kv.Value?.ToJsonString().Trim('"')}"));
}
