using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Restake.Node.Signing;

namespace Restake.Node.Client;

/// <summary>The node's answer to a request: the status and the JSON it sent (a receipt, a state page, or a problem).</summary>
public sealed record NodeAnswer(int Status, JsonNode? Json)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The problem's error name (<c>title</c>), for a refused request.</summary>
    public string? Error => Ok ? null : Text(Json is JsonObject o ? o["title"] : null);

    /// <summary>The problem's detail; for an answer that is not a problem document (a proxy's page), its text.</summary>
    public string? Detail => Ok ? null : Text(Json is JsonObject o ? o["detail"] : Json);

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
}

/// <summary>
/// Talks to a node over HTTP: reads state, and signs and sends transactions (the chain id and the
/// account's next nonce are asked of the node unless given). Used by the CLI client and the tests.
/// </summary>
public sealed class NodeClient(HttpClient http)
{
    private long? _chainId;

    public HttpClient Http => http;

    public async Task<NodeAnswer> GetAsync(string path, CancellationToken cancel = default)
    {
        using var response = await http.GetAsync(path, cancel).ConfigureAwait(false);
        return await Answer(response, cancel).ConfigureAwait(false);
    }

    public async Task<NodeAnswer> PostAsync(string path, JsonNode? body, CancellationToken cancel = default)
    {
        using var content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content, cancel).ConfigureAwait(false);
        return await Answer(response, cancel).ConfigureAwait(false);
    }

    public async Task<long> ChainIdAsync(CancellationToken cancel = default)
    {
        if (_chainId is { } known)
        {
            return known;
        }
        var status = await GetAsync("/api/status", cancel).ConfigureAwait(false);
        _chainId = status.Ok ? status.Json!["chain_id"]!.GetValue<long>() : throw new HttpRequestException($"the node did not answer /api/status ({status.Status})");
        return _chainId.Value;
    }

    public async Task<ulong> NonceAsync(string address, CancellationToken cancel = default)
    {
        var account = await GetAsync($"/api/accounts/{address}", cancel).ConfigureAwait(false);
        return account.Ok ? account.Json!["nonce"]!.GetValue<ulong>() : throw new HttpRequestException($"the node did not answer for {address}: {account.Detail}");
    }

    /// <summary>Builds and signs a transaction without sending it (a dry run shows it; a test may tamper with it).</summary>
    public async Task<JsonObject> SignAsync(string privateKey, string verb, JsonObject body, ulong? nonce = null, long? chainId = null, CancellationToken cancel = default)
    {
        var from = EthAddress.FromPrivateKey(privateKey);
        var payload = new TransactionPayload(
            chainId ?? await ChainIdAsync(cancel).ConfigureAwait(false),
            from,
            nonce ?? await NonceAsync(from, cancel).ConfigureAwait(false),
            verb,
            body.ToJsonString());
        return Transaction(payload, TransactionSigning.Sign(payload, privateKey));
    }

    /// <summary>A transaction as POST /transactions takes it.</summary>
    public static JsonObject Transaction(TransactionPayload p, string signature) => new()
    {
        ["chain_id"] = p.ChainId,
        ["from"] = EthAddress.Checksummed(p.From),
        ["nonce"] = p.Nonce.ToString(CultureInfo.InvariantCulture),
        ["verb"] = p.Verb,
        ["body"] = p.Body,
        ["signature"] = signature,
    };

    /// <summary>Signs and sends; the answer is the receipt, or the problem the node found.</summary>
    public async Task<NodeAnswer> SendAsync(string privateKey, string verb, JsonObject body, ulong? nonce = null, CancellationToken cancel = default)
    {
        var tx = await SignAsync(privateKey, verb, body, nonce, null, cancel).ConfigureAwait(false);
        return await PostAsync("/transactions", tx, cancel).ConfigureAwait(false);
    }

    private static async Task<NodeAnswer> Answer(HttpResponseMessage response, CancellationToken cancel)
    {
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        JsonNode? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                json = JsonValue.Create(text);
            }
        }
        return new NodeAnswer((int)response.StatusCode, json);
    }
}
