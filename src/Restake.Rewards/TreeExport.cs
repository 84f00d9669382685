using System.Text.Json.Nodes;
using Restake.Protocol.Rewards;

namespace Restake.Rewards;

/// <summary>A distribution as JSON: its root and, for every earner, the leaves and proofs a claim needs.</summary>
public static class TreeExport
{
    public static JsonObject ToJson(Distribution distribution, int rootIndex)
    {
        var earners = new JsonArray();
        foreach (var earner in distribution.Cumulative.Keys.Select(k => k.Earner).Distinct().OrderBy(Address.Of))
        {
            var claim = distribution.ClaimFor(rootIndex, earner)!;
            earners.Add(new JsonObject
            {
                ["earner"] = earner,
                ["address"] = Address.Of(earner).ToString(),
                ["earner_index"] = claim.EarnerIndex,
                ["earner_proof"] = Hex(claim.EarnerProof),
                ["earner_token_root"] = Hex(claim.EarnerTokenRoot),
                ["tokens"] = new JsonArray(claim.Tokens.Select(t => (JsonNode?)new JsonObject
                {
                    ["token"] = t.Token,
                    ["address"] = Address.Of(t.Token).ToString(),
                    ["cumulative_earnings"] = t.CumulativeEarnings.ToString(),
                    ["index"] = t.Index,
                    ["proof"] = Hex(t.Proof),
                }).ToArray()),
            });
        }
        return new JsonObject
        {
            ["root"] = Hex(distribution.Root),
            ["root_index"] = rootIndex,
            ["calculated_until"] = DateTimeOffset.FromUnixTimeSeconds(distribution.CalculationEnd).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["earners"] = earners,
        };
    }

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
