using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.EigenDA.Crypto;
using Restake.Primitives;

namespace Restake.AvsFramework;

/// <summary>
/// The JSON the node's AVS verbs and API carry: responses (<c>avs_respond</c>'s body) and quorum views (what the aggregator
/// reads). Numbers that can exceed 2^53 travel as decimal strings, points as 0x hex in the EVM precompile encoding.
/// A malformed document is refused with one line saying what is wrong.
/// </summary>
public static class AvsWire
{
    public static JsonObject Response(TaskResponse r) => new()
    {
        ["task"] = r.Task,
        ["reference_block"] = r.ReferenceBlock,
        ["responses"] = new JsonArray([.. r.Groups.Select(g => (JsonNode?)new JsonObject
        {
            ["value"] = g.Value.ToString(),
            ["non_signers"] = new JsonArray([.. g.NonSigners.Select(n => (JsonNode?)n)]),
            ["apk_g2"] = AvsMessages.Hex(g.ApkG2),
            ["sigma"] = AvsMessages.Hex(g.Sigma),
        })]),
    };

    /// <summary>Reads <c>task</c>, <c>reference_block</c> and <c>responses</c> from a body (other fields are the caller's to check).</summary>
    public static bool TryResponse(JsonObject body, out TaskResponse response, out string error)
    {
        response = new TaskResponse(0, 0, []);
        if (!TryLong(body["task"], "task", out var task, out error) || !TryLong(body["reference_block"], "reference_block", out var reference, out error))
        {
            return false;
        }
        if (body["responses"] is not JsonArray groups)
        {
            error = "responses: a list of signed answers {value, non_signers, apk_g2, sigma}";
            return false;
        }
        var list = new List<SignedGroup>();
        foreach (var (node, i) in groups.Select((n, i) => (n, i)))
        {
            var at = $"responses[{i}]";
            if (node is not JsonObject g)
            {
                error = $"{at}: an object {{value, non_signers, apk_g2, sigma}}";
                return false;
            }
            if (g.Select(kv => kv.Key).FirstOrDefault(k => k is not ("value" or "non_signers" or "apk_g2" or "sigma")) is { } unknown)
            {
                error = $"{at}: unknown field '{unknown}'";
                return false;
            }
            if (!TryUInt(g["value"], $"{at}.value", out var value, out error))
            {
                return false;
            }
            if (g["non_signers"] is not JsonArray non || non.Any(n => n is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                error = $"{at}.non_signers: a list of operator addresses";
                return false;
            }
            if (!AvsMessages.TryG2(Text(g["apk_g2"]), out var apkG2, out var why))
            {
                error = $"{at}.apk_g2: {why}";
                return false;
            }
            if (!AvsMessages.TryG1(Text(g["sigma"]), out var sigma, out why))
            {
                error = $"{at}.sigma: {why}";
                return false;
            }
            list.Add(new SignedGroup(value, [.. non.Select(n => n!.GetValue<string>())], apkG2, sigma));
        }
        response = new TaskResponse(task, reference, list);
        error = "";
        return true;
    }

    public static JsonObject Quorum(QuorumView q) => new()
    {
        ["block"] = q.Block,
        ["totals"] = new JsonObject(q.Totals.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.ToString()))),
        ["members"] = new JsonArray([.. q.Members.Select(m => (JsonNode?)new JsonObject
        {
            ["operator"] = m.Operator,
            ["g1"] = AvsMessages.Hex(m.G1),
            ["g2"] = AvsMessages.Hex(m.G2),
            ["stakes"] = new JsonObject(m.Stakes.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.ToString()))),
        })]),
    };

    public static QuorumView ReadQuorum(JsonNode json)
    {
        var o = json.AsObject();
        var members = o["members"]!.AsArray().Select(n =>
        {
            var m = n!.AsObject();
            if (!AvsMessages.TryG1(Text(m["g1"]), out var g1, out var e1) || !AvsMessages.TryG2(Text(m["g2"]), out var g2, out var e2))
            {
                throw new FormatException("a quorum member's key is not a point");
            }
            return new QuorumMember(m["operator"]!.GetValue<string>(), g1, g2,
                m["stakes"]!.AsObject().ToDictionary(kv => kv.Key, kv => UInt256.Parse(kv.Value!.GetValue<string>()), StringComparer.Ordinal));
        }).ToList();
        return new QuorumView(o["block"]!.GetValue<long>(), members,
            o["totals"]!.AsObject().ToDictionary(kv => kv.Key, kv => UInt256.Parse(kv.Value!.GetValue<string>()), StringComparer.Ordinal));
    }

    public static AvsTask ReadTask(JsonNode json)
    {
        var t = json.AsObject();
        return new AvsTask(t["id"]!.GetValue<long>(), t["type"]!.GetValue<string>(), UInt256.Parse(t["input"]!.GetValue<string>()),
            t["created_block"]!.GetValue<long>(), t["reference_block"]!.GetValue<long>(), t["response_deadline"]!.GetValue<long>());
    }

    public static string? Text(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A non-negative whole number, as a JSON number or a decimal string.</summary>
    public static bool TryLong(JsonNode? n, string field, out long value, out string error)
    {
        value = 0;
        error = "";
        var ok = n is JsonValue v && (v.GetValueKind() == JsonValueKind.Number ? v.TryGetValue(out value)
            : v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out value));
        if (!ok || value < 0)
        {
            error = $"{field}: a whole number at least 0";
            return false;
        }
        return true;
    }

    /// <summary>A uint256 as a decimal string (or a JSON integer).</summary>
    public static bool TryUInt(JsonNode? n, string field, out UInt256 value, out string error)
    {
        value = UInt256.Zero;
        error = "";
        var text = n is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        } : null;
        if (text is null || !UInt256.TryParse(text, out value))
        {
            error = $"{field}: a uint256 as a decimal string";
            return false;
        }
        return true;
    }
}
