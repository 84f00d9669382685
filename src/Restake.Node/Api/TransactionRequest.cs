using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Node.Chain;

namespace Restake.Node.Api;

/// <summary>Reads a POSTed transaction field by field, so each malformed field gets its own message.</summary>
public static class TransactionRequest
{
    public static SignedTransaction Parse(JsonNode? json)
    {
        if (json is not JsonObject o)
        {
            throw RejectedException.BadRequest("MalformedTransaction", "a transaction is a JSON object: { chain_id, from, nonce, verb, body, signature }");
        }
        var known = new HashSet<string>(["chain_id", "from", "nonce", "verb", "body", "signature"], StringComparer.Ordinal);
        if (o.Select(kv => kv.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw RejectedException.BadRequest("MalformedTransaction", $"unknown field '{unknown}' (a transaction has chain_id, from, nonce, verb, body, signature)");
        }
        return new SignedTransaction(
            Integer(o, "chain_id", long.MaxValue, v => (long)v),
            Text(o, "from"),
            Integer(o, "nonce", ulong.MaxValue, v => v),
            Text(o, "verb"),
            Body(o),
            Text(o, "signature"));
    }

    private static string Text(JsonObject o, string field) =>
        o[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw RejectedException.BadRequest("MalformedTransaction", $"'{field}' must be a string");

    /// <summary>The body is signed as text, so it travels as text: the exact bytes the signer saw.</summary>
    private static string Body(JsonObject o) =>
        o["body"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw RejectedException.BadRequest("MalformedTransaction", "'body' must be the command's fields as a JSON string (the signed text)");

    private static T Integer<T>(JsonObject o, string field, ulong max, Func<ulong, T> convert)
    {
        var node = o[field];
        string? text = node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };
        if (text is null)
        {
            throw RejectedException.BadRequest("MalformedTransaction", $"'{field}' is missing or not a whole number");
        }
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            throw RejectedException.BadRequest("MalformedTransaction", $"'{field}' must be a whole number from 0 to {max}, not {text}");
        }
        return convert(value);
    }
}
