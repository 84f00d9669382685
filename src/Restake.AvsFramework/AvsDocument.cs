using System.Text.Json.Nodes;

namespace Restake.AvsFramework;

/// <summary>
/// A task manager as JSON (the node's state document section <c>avs_tasks</c>, its API and the dashboard): the rules,
/// the registered keys, and every task with its status at <paramref name="block"/>, reports, quorum stake and challenges.
/// Amounts are base-unit decimal strings.
/// </summary>
public static class AvsDocument
{
    public static JsonObject Build(TaskManager m, long block)
    {
        var d = m.Definition;
        var keys = new JsonObject();
        foreach (var k in m.Keys.Values)
        {
            keys[k.Operator] = new JsonObject { ["g1"] = AvsMessages.Hex(k.G1), ["g2"] = AvsMessages.Hex(k.G2), ["block"] = k.Block };
        }
        var tasks = new JsonArray();
        foreach (var t in m.Tasks)
        {
            tasks.Add(Task(m, t, block));
        }
        return new JsonObject
        {
            ["kind"] = d.Name,
            ["set"] = d.OperatorSet,
            ["quorum"] = new JsonObject(d.Quorum.Select(q => KeyValuePair.Create(q.Strategy, (JsonNode?)q.Percent))),
            ["task_types"] = new JsonArray([.. d.TaskTypes.Select(t => (JsonNode?)t)]),
            ["response_window_blocks"] = d.ResponseWindowBlocks,
            ["challenge_window_blocks"] = d.ChallengeWindowBlocks,
            ["slash"] = new JsonObject { ["wad"] = d.Slash.Wad.ToString(), ["strategies"] = new JsonArray([.. d.Slash.Strategies.Select(s => (JsonNode?)s)]) },
            ["rewards"] = new JsonObject { ["token"] = d.Rewards.Token, ["per_task"] = d.Rewards.PerTask.ToString() },
            ["keys"] = keys,
            ["tasks"] = tasks,
        };
    }

    public static JsonObject Task(TaskManager m, TaskRecord t, long block)
    {
        var reports = new JsonObject();
        foreach (var r in t.Reports)
        {
            reports[r.Operator] = new JsonObject
            {
                ["value"] = r.Value.ToString(),
                ["weight"] = r.Weight.ToString(),
                ["backs"] = r.Backs,
                ["slashed"] = t.Challenges.Any(c => c.Operator == r.Operator),
            };
        }
        var stake = new JsonObject();
        foreach (var (s, (backed, total)) in t.Stake.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            stake[s] = new JsonObject { ["backed"] = backed.ToString(), ["total"] = total.ToString() };
        }
        return new JsonObject
        {
            ["id"] = t.Task.Id,
            ["type"] = t.Task.Type,
            ["input"] = t.Task.Input.ToString(),
            ["created_block"] = t.Task.CreatedBlock,
            ["reference_block"] = t.Task.ReferenceBlock,
            ["response_deadline"] = t.Task.ResponseDeadline,
            ["status"] = t.StatusAt(block, m.Definition.ChallengeWindowBlocks).ToString().ToLowerInvariant() switch
            {
                "quorummissed" => "quorum_missed",
                var s => s,
            },
            ["response_block"] = t.ResponseBlock,
            ["accepted"] = t.Accepted?.ToString(),
            ["reports"] = reports,
            ["silent"] = new JsonArray([.. t.Silent.Select(s => (JsonNode?)s)]),
            ["stake"] = stake,
            ["challenges"] = new JsonArray([.. t.Challenges.Select(c => (JsonNode?)new JsonObject
            {
                ["operator"] = c.Operator,
                ["challenger"] = c.Challenger,
                ["block"] = c.Block,
                ["reported"] = c.Reported.ToString(),
                ["accepted"] = c.Accepted.ToString(),
            })]),
            ["rewards_paid"] = t.RewardsPaid,
        };
    }
}
