using System.Text.Json.Nodes;

namespace Restake.Cli.Client;

/// <summary>
/// Signs a verb and its fields and, with --broadcast, sends it: the path every transaction command
/// shares. Without --broadcast nothing is sent (eigenlayer-cli's dry run), and the signed
/// transaction is printed as POST /transactions would take it.
/// </summary>
internal static class Transactions
{
    public static async Task<int> SendAsync(ClientContext ctx, string verb, JsonObject body)
    {
        var signer = await ctx.SignerAsync().ConfigureAwait(false);
        var tx = await ctx.Client.SignAsync(signer.PrivateKey, verb, body).ConfigureAwait(false);
        var nonce = tx["nonce"]!.GetValue<string>();
        ctx.Out.Step($"✅ {verb} signed by {signer.Checksummed} (nonce {nonce}, {signer.Source})");
        if (!ctx.Broadcast)
        {
            ctx.Out.Step("⏳ dry run: nothing was sent; add --broadcast (-b) to send it");
            ctx.Out.Show(DryRun(tx));
            return ExitCodes.Done;
        }
        var answer = await ctx.Client.PostAsync("/transactions", tx).ConfigureAwait(false);
        if (!answer.Ok)
        {
            throw NodeProblems.Failure(answer, ctx.NodeUrl, "refused", null);
        }
        var receipt = answer.Json!;
        ctx.Out.Step($"✅ accepted in block {receipt["block"]} (log height {receipt["height"]}), tx {JsonFlat.Text(receipt["tx_hash"])}");
        ctx.Out.Show(Sent(tx, receipt), "events:");
        return ExitCodes.Done;
    }

    private static View DryRun(JsonObject tx)
    {
        string[] fields = ["chain_id", "from", "nonce", "verb", "body", "signature"];
        var json = new JsonObject { ["broadcast"] = false, ["transaction"] = tx.DeepClone() };
        return new View(json, ["field", "value"], [.. fields.Select(f => (IReadOnlyList<string>)[f, JsonFlat.Text(tx[f])])], KeyValue: true);
    }

    /// <summary>A receipt: in tables, one row per event the transaction emitted.</summary>
    private static View Sent(JsonObject tx, JsonNode receipt)
    {
        var json = new JsonObject { ["broadcast"] = true, ["transaction"] = tx.DeepClone(), ["receipt"] = receipt.DeepClone() };
        var hash = JsonFlat.Text(receipt["tx_hash"]);
        var height = JsonFlat.Text(receipt["height"]);
        var block = JsonFlat.Text(receipt["block"]);
        var events = receipt["events"] as JsonArray ?? [];
        var rows = events.Select(e => (IReadOnlyList<string>)[hash, height, block, JsonFlat.Text(e?["event"]), Fields(e)]).ToList();
        if (rows.Count == 0)
        {
            rows.Add([hash, height, block, "", ""]);
        }
        return new View(json, ["tx_hash", "height", "block", "event", "fields"], rows)
        {
            PrettyView = new View(json, ["event", "fields"], [.. rows.Where(r => r[3].Length > 0).Select(r => (IReadOnlyList<string>)[r[3], r[4]])]),
        };
    }

    /// <summary>An event's fields other than its name, as name=value pairs.</summary>
    public static string Fields(JsonNode? e) =>
        e is JsonObject o ? string.Join(' ', o.Where(kv => kv.Key != "event").Select(kv => $"{kv.Key}={JsonFlat.Text(kv.Value)}")) : "";
}
