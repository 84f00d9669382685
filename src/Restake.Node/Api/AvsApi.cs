using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Restake.AvsFramework;
using Restake.Node.Signing;

namespace Restake.Node.Api;

/// <summary>The deployed AVSs' task managers, read-only (docs/avs.md): what the aggregator, the challengers and the dashboard read.</summary>
public static class AvsApi
{
    public static void Map(IEndpointRouteBuilder app, NodeService node)
    {
        var api = app.MapGroup("/api/avs-tasks").WithTags("avs");
        api.MapGet("/", () => Results.Json(node.Read(c => c.Avs.Document(c.Engine.State.Block) ?? new JsonObject())))
            .WithSummary("Every deployed AVS: its rules, BLS keys and tasks (status, reports, quorum stake, challenges)");
        api.MapGet("/kinds", () => Results.Json(new JsonArray([.. AvsKinds.Names.Select(n => (JsonNode?)n)])))
            .WithSummary("The AVS kinds this node can deploy (built in, and loaded with --avs-assembly)");
        api.MapGet("/{avs}", (string avs) => With(node, avs, (m, block) => AvsDocument.Build(m, block)))
            .WithSummary("One AVS's rules, keys and tasks");
        api.MapGet("/{avs}/tasks/{id:long}", (string avs, long id) => With(node, avs, (m, block) =>
            id >= 0 && id < m.Tasks.Count ? AvsDocument.Task(m, m.Tasks[(int)id], block) : null))
            .WithSummary("One task");
        api.MapGet("/{avs}/quorum", (string avs, long? block) => With(node, avs, (m, now) =>
            block is { } b && (b < 0 || b > now) ? null : AvsWire.Quorum(m.QuorumAt(block ?? now))))
            .WithSummary("The quorum at a block (default: the current one): members with their BLS keys and slashable stake, and the totals");
        api.MapGet("/{avs}/stake/{operator}", (string avs, string @operator, long? block) => With(node, avs, (m, now) =>
        {
            if (!EthAddress.IsAddress(@operator) || block is < 0)
            {
                return null;
            }
            var op = EthAddress.Normalize(@operator);
            var at = block ?? now;
            var strategies = m.Definition.Quorum.Select(q => q.Strategy).Concat(m.Definition.Slash.Strategies).Distinct(StringComparer.Ordinal);
            var history = m.Stakes.History(op);
            return new JsonObject
            {
                ["operator"] = op,
                ["set"] = $"{m.Avs}/{m.Definition.OperatorSet}",
                ["block"] = at,
                ["stakes"] = new JsonObject(strategies.Select(s => KeyValuePair.Create(s, (JsonNode?)m.Stakes.StakeAt(op, s, at).ToString()))),
                ["history"] = new JsonObject(history.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray([.. kv.Value.Select(c =>
                    (JsonNode?)new JsonObject { ["block"] = c.Block, ["stake"] = c.Stake.ToString() })])))),
            };
        })).WithSummary("An operator's slashable stake in the AVS's operator set at a block (default: now), and its checkpoints");
    }

    private static IResult With(NodeService node, string avs, Func<TaskManager, long, JsonNode?> read)
    {
        if (!EthAddress.IsAddress(avs))
        {
            return Problems.Of(400, "InvalidAddress", $"'{avs}' is not an address (0x and 40 hex digits)");
        }
        var name = EthAddress.Normalize(avs);
        var (found, json) = node.Read(c => c.Avs.Managers.TryGetValue(name, out var m) ? (true, read(m, c.Engine.State.Block)) : (false, null));
        return !found ? Problems.Of(404, "AvsNotDeployed", $"{avs} runs no AVS")
            : json is null ? Problems.Of(404, "NotFound", "no such task, block or operator (blocks run from 0 to the current one)")
            : Results.Json(json);
    }
}
