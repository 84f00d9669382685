using System.Text.Json;
using System.Text.Json.Serialization;

namespace Restake.Node.Chain;

/// <summary>A transaction as it travels and as it is logged: the signed fields and the signature.</summary>
public sealed record SignedTransaction(
    [property: JsonPropertyName("chain_id")] long ChainId,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("nonce")] ulong Nonce,
    [property: JsonPropertyName("verb")] string Verb,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("signature")] string Signature);

/// <summary>
/// One entry of the node's ordered log. State is a pure function of the log: replaying the entries
/// through the engine rebuilds it. Only accepted work is logged; rejected transactions leave no trace.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TransactionEntry), "tx")]
[JsonDerivedType(typeof(MineEntry), "mine")]
public abstract record LogEntry
{
    public static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static LogEntry FromJson(string json)
    {
        var entry = JsonSerializer.Deserialize<LogEntry>(json, Json) ?? throw new JsonException("empty log entry");
        if (entry is TransactionEntry { Tx: var tx } && (tx is null || tx.From is null || tx.Verb is null || tx.Body is null || tx.Signature is null))
        {
            throw new JsonException("a transaction entry needs its tx: chain_id, from, nonce, verb, body and signature");
        }
        return entry;
    }
}

/// <summary>An accepted transaction; <c>Mine</c> blocks are produced after it (1 when automining).</summary>
public sealed record TransactionEntry(
    [property: JsonPropertyName("tx")] SignedTransaction Tx,
    [property: JsonPropertyName("mine")] long Mine) : LogEntry;

/// <summary>Blocks produced with no transaction: interval mining, or a developer's mine / time jump.</summary>
public sealed record MineEntry([property: JsonPropertyName("blocks")] long Blocks) : LogEntry;
