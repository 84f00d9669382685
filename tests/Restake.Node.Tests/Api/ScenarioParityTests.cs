using System.Globalization;
using System.Text.Json.Nodes;
using Restake.Node.Chain;
using Restake.Primitives;
using Restake.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Restake.Node.Tests.Api;

/// <summary>
/// The node and <c>restake run</c> are one engine: a scenario's steps sent to a node as signed
/// transactions (rolls and warps as the developer calls) end in the state the scenario runner reaches,
/// and every step the scenario expects to revert is refused by the node with the same error.
/// </summary>
public class ScenarioParityTests
{
    /// <summary>Which body field names the account that signs each verb (the rest: the caller, a withdrawal's staker, or the admin).</summary>
    private static readonly Dictionary<string, string> Actor = new(StringComparer.Ordinal)
    {
        ["deposit"] = "staker", ["donate"] = "from", ["create_pod"] = "owner", ["register_operator"] = "operator",
        ["delegate"] = "staker", ["undelegate"] = "staker", ["redelegate"] = "staker", ["queue_withdrawal"] = "staker",
        ["register_avs"] = "avs", ["create_operator_set"] = "avs", ["register_for_sets"] = "operator",
        ["deregister_from_sets"] = "operator", ["set_allocation_delay"] = "operator", ["allocate"] = "operator",
        ["slash"] = "avs", ["submit_rewards"] = "avs", ["submit_rewards_for_all_earners"] = "submitter",
        ["submit_operator_directed_rewards"] = "avs", ["set_operator_split"] = "operator", ["set_claimer"] = "earner", ["claim"] = "earner",
        ["lrt_deposit"] = "user", ["lrt_request_withdrawal"] = "user", ["lrt_instant_redeem"] = "user", ["lrt_bridge_mint"] = "user", ["lrt_validator_sign"] = "operator", ["lrt_transfer"] = "from",
    };

    [Fact]
    public async Task A_scenario_sent_as_transactions_ends_in_the_state_restake_run_reaches()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Api", "parity.yaml"));
        var run = ScenarioRunner.Run(ScenarioParser.Parse(text));
        Assert.True(run.ExitCode == 0, run.Failure);

        // The node starts from the scenario's params, tokens and strategies, with no funded accounts: the scenario mints.
        var genesis = Genesis.Create(scenario: text[..text.IndexOf("\nsteps:", StringComparison.Ordinal)] + "\nsteps: []\n", accounts: 0);
        await using var n = await ApiNode.StartAsync(StoreKind.Sqlite, genesis: genesis, automine: false);
        var keys = TestNode.Accounts.ToDictionary(a => a.Address.ToLowerInvariant(), a => a.PrivateKey, StringComparer.Ordinal);
        var steps = Steps(text);
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (verb, body, expectRevert) in steps)
        {
            switch (verb)
            {
                case "expect" or "note":
                    continue;
                case "roll":
                    await n.Mine(long.Parse(body["blocks"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                    continue;
                case "warp":
                    await Warp(n, body);
                    continue;
            }
            var signer = await Signer(n, verb, body);
            body.Remove("caller");
            var hash = await n.StateHash();
            var answer = await n.Client.SendAsync(keys[signer], verb, body);
            if (expectRevert is null)
            {
                Assert.True(answer.Ok, $"{verb} {body.ToJsonString()}: {answer.Status} {answer.Error} {answer.Detail}");
                verbs.Add(verb);
            }
            else
            {
                Assert.Equal((verb, expectRevert), (verb, answer.Error));
                Assert.Contains(answer.Status, new[] { 403, 422 });
                Assert.Equal(hash, await n.StateHash());
            }
        }

        // The AVS verbs have no scenario steps; AvsNodeTests sends each of them.
        Assert.Equal((await n.Get("/api/verbs")).AsObject().Select(kv => kv.Key).Where(v => !Restake.Node.Chain.AvsBook.Verbs.ContainsKey(v)).Order(), verbs.Order());
        var expected = run.State();
        var actual = await n.Get("/api/state");
        Assert.True(JsonNode.DeepEquals(expected, actual), FirstDifference(expected, actual, "state"));
    }

    /// <summary>The scenario's steps: verb, fields as JSON (every scalar a string), and the error it expects, if any.</summary>
    private static List<(string Verb, JsonObject Body, string? ExpectRevert)> Steps(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var steps = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("steps")];
        return steps.Children.Cast<YamlMappingNode>().Select(step =>
        {
            var (key, value) = step.Children.Single(kv => ((YamlScalarNode)kv.Key).Value != "expect_revert");
            var body = (JsonObject)Json(value);
            var expectRevert = body["expect_revert"]?.GetValue<string>();
            body.Remove("expect_revert");
            return (((YamlScalarNode)key).Value!, body, expectRevert);
        }).ToList();
    }

    private static JsonNode Json(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, (JsonNode?)Json(kv.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(c => (JsonNode?)Json(c))]),
        _ => JsonValue.Create(((YamlScalarNode)node).Value ?? "")!,
    };

    /// <summary>The address that signs a step: its caller, the account the verb acts for, a withdrawal's staker, or the admin.</summary>
    private static async Task<string> Signer(ApiNode n, string verb, JsonObject body)
    {
        if (body["caller"] is { } caller)
        {
            return caller.GetValue<string>();
        }
        if (Actor.TryGetValue(verb, out var field))
        {
            return body[field]!.GetValue<string>();
        }
        if (verb == "complete_withdrawal")
        {
            return (await n.Get($"/api/state/withdrawals/{body["id"]!.GetValue<string>()}"))["staker"]!.GetValue<string>();
        }
        return TestNode.Address(ApiNetwork.Admin);
    }

    /// <summary>A scenario's warp as the developer call: forward by a duration, or to a time (nothing when already there).</summary>
    private static async Task Warp(ApiNode n, JsonObject body)
    {
        if (body["by"] is { } by)
        {
            Assert.True(Durations.TryParseSeconds(by.GetValue<string>(), out var seconds, out var error), error);
            await n.Post("/dev/increase-time", new JsonObject { ["seconds"] = seconds });
            return;
        }
        var target = DateTimeOffset.Parse(body["to"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        if (target > await n.Time())
        {
            await n.WarpTo(target);
        }
    }

    /// <summary>Where two state documents part (a readable failure instead of two large documents).</summary>
    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject eo && actual is JsonObject ao)
        {
            foreach (var key in eo.Select(kv => kv.Key).Union(ao.Select(kv => kv.Key)))
            {
                if (!JsonNode.DeepEquals(eo[key], ao[key]))
                {
                    return FirstDifference(eo[key], ao[key], $"{path}.{key}");
                }
            }
        }
        if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
        {
            for (var i = 0; i < ea.Count; i++)
            {
                if (!JsonNode.DeepEquals(ea[i], aa[i]))
                {
                    return FirstDifference(ea[i], aa[i], $"{path}.{i}");
                }
            }
        }
        return $"{path}: restake run has {expected?.ToJsonString() ?? "nothing"}, the node {actual?.ToJsonString() ?? "nothing"}";
    }
}
