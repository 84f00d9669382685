using System.Text.Json.Nodes;
using Restake.AvsFramework;
using Restake.AvsFramework.Examples;
using Restake.EigenDA.Crypto;
using Restake.Node.Client;
using Restake.Primitives;

namespace Restake.Node.Tests;

/// <summary>The example AVSs on a real node over HTTP (docs/avs.md): `restake avs run`'s runner, the AVS verbs, their refusals.</summary>
public class AvsNodeTests
{
    private static async Task<AvsRunSummary> Run(TestNode node, string kind, int tasks, bool pay) =>
        await new AvsRunner(node.Client, new AvsRunOptions { Kind = kind, Operators = 4, Tasks = tasks, PayRewards = pay }, _ => { }).RunAsync();

    private static UInt256 Earned(AvsRunSummary s, string staker) =>
        s.Earned![staker] is { } v && Amounts.TryParseToken(v.GetValue<string>(), 18, out var x, out _) ? x : UInt256.Zero;

    [Fact]
    public async Task The_squaring_AVS_runs_end_to_end_the_liar_is_slashed_and_the_honest_stakers_are_paid()
    {
        using var dir = new TempDir();
        var db = $"sqlite:{dir.File("node.db")}";
        string hash;
        await using (var node = await TestNode.StartAsync(db))
        {
            var s = await Run(node, "squaring", tasks: 2, pay: true);
            Assert.Equal((2, 2, 0, 2, 0), (s.Tasks, s.QuorumsReached, s.QuorumsMissed, s.ChallengesWon, s.ChallengesFailed));
            var honest = s.Operators.Where(o => o.Behaviour == "honest").ToList();
            var liar = s.Operators.Single(o => o.Behaviour == "lying");
            var quiet = s.Operators.Single(o => o.Behaviour == "silent");
            Assert.Equal(2, honest.Count);
            Assert.All(honest, o => Assert.Equal((2, 0, o.StakeBefore), (o.Reports, o.Slashed, o.StakeAfter)));
            Assert.Equal((2, 2), (liar.Reports, liar.Slashed));
            Assert.True(liar.StakeAfter < liar.StakeBefore);
            Assert.Equal((0, 0, quiet.StakeBefore), (quiet.Reports, quiet.Slashed, quiet.StakeAfter));
            Assert.All(honest, o => Assert.True(Earned(s, o.Staker) > UInt256.Zero, $"{o.Staker} earns"));
            Assert.Equal(UInt256.Zero, Earned(s, liar.Staker));
            Assert.Equal(UInt256.Zero, Earned(s, quiet.Staker));

            // A challenge against an honest answer fails and changes nothing. The challenge window of the run's tasks is over: a new task, answered, then a challenge of an honest answer.
            var again = await Run(node, "squaring", tasks: 1, pay: false);
            var task = (await node.Client.GetAsync($"/api/avs-tasks/{s.Avs}")).Json!["tasks"]!.AsArray()[^1]!;
            var before = (await node.Status())["state_hash"]!.GetValue<string>();
            var nonce = await node.Client.NonceAsync(TestNode.Address(0));
            var refused = await node.Send(0, "avs_challenge", new JsonObject { ["avs"] = s.Avs, ["task"] = task["id"]!.GetValue<long>(), ["operator"] = honest[0].Operator });
            Assert.Equal((422, "ResponseNotFaulty"), (refused.Status, refused.Error));
            Assert.Equal(before, (await node.Status())["state_hash"]!.GetValue<string>());
            Assert.Equal(nonce, await node.Client.NonceAsync(TestNode.Address(0)));
            Assert.Equal(1, again.ChallengesWon);

            // The dashboard's reads: the stake history answers at the reference block.
            var stake = (await node.Client.GetAsync($"/api/avs-tasks/{s.Avs}/stake/{liar.Operator}?block={task["reference_block"]}")).Json!;
            Assert.NotEqual("0", stake["stakes"]!["stETH"]!.GetValue<string>());
            hash = (await node.Status())["state_hash"]!.GetValue<string>();
        }
        // The AVS's state is replayed from the log like the engine's.
        await using (var node = await TestNode.StartAsync(db))
        {
            Assert.Equal(hash, (await node.Status())["state_hash"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_price_oracle_runs_end_to_end_and_slashes_reports_outside_the_band()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        var s = await Run(node, "price-oracle", tasks: 2, pay: true);
        Assert.Equal((2, 2, 2, 0), (s.QuorumsReached, s.QuorumsMissed + 2, s.ChallengesWon, s.ChallengesFailed));
        var liar = s.Operators.Single(o => o.Behaviour == "lying");
        Assert.True(liar.StakeAfter < liar.StakeBefore);
        Assert.All(s.Operators.Where(o => o.Behaviour == "honest"), o => Assert.True(Earned(s, o.Staker) > UInt256.Zero));
        Assert.Equal(UInt256.Zero, Earned(s, liar.Staker));
        var doc = (await node.Client.GetAsync($"/api/avs-tasks/{s.Avs}")).Json!;
        Assert.Equal("price-oracle", doc["kind"]!.GetValue<string>());
        Assert.Equal(PriceOracle.MarketPrice(2).ToString(), doc["tasks"]![0]!["accepted"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_AVS_transactions_are_refused_with_a_named_error_and_change_nothing()
    {
        using var dir = new TempDir();
        await using var node = await TestNode.StartAsync($"sqlite:{dir.File("node.db")}");
        var s = await Run(node, "squaring", tasks: 1, pay: false);
        var avs = s.Avs;
        var kind = new Squaring();
        // A task answered honestly by everyone (the runner's workers' keys: the same seeds).
        Assert.True((await node.Send(1, "avs_create_task", new JsonObject { ["type"] = "square", ["input"] = "9" })).Ok);
        var task = AvsWire.ReadTask((await node.Client.GetAsync($"/api/avs-tasks/{avs}")).Json!["tasks"]!.AsArray()[^1]!);
        var quorum = AvsWire.ReadQuorum((await node.Client.GetAsync($"/api/avs-tasks/{avs}/quorum?block={task.ReferenceBlock}")).Json!);
        var answers = quorum.Members.Select(m => new OperatorWorker(m.Operator,
            BlsKeyPair.FromSeed(System.Text.Encoding.UTF8.GetBytes($"restake-avs-devnet/squaring/{m.Operator}")), t => kind.HonestAnswer(t)).Answer(avs, task)!).ToList();
        var good = Aggregator.Aggregate(kind, avs, task, quorum, answers).Response!;

        async Task Refused(int account, string verb, JsonObject body, int status, string error)
        {
            var hash = (await node.Status())["state_hash"]!.GetValue<string>();
            var nonce = await node.Client.NonceAsync(TestNode.Address(account));
            var answer = await node.Send(account, verb, body);
            Assert.Equal((status, error), (answer.Status, answer.Error));
            Assert.False(string.IsNullOrWhiteSpace(answer.Detail));
            Assert.Equal(hash, (await node.Status())["state_hash"]!.GetValue<string>());
            Assert.Equal(nonce, await node.Client.NonceAsync(TestNode.Address(account)));
        }

        var body = AvsWire.Response(good);
        var malformed = body.DeepClone().AsObject();
        malformed["responses"]![0]!["sigma"] = "0x1234";
        await Refused(1, "avs_respond", malformed, 400, "MalformedResponse");
        var wrongValue = body.DeepClone().AsObject();
        wrongValue["responses"]![0]!["value"] = "80";
        await Refused(1, "avs_respond", wrongValue, 422, "InvalidSignature");
        var stale = body.DeepClone().AsObject();
        stale["reference_block"] = task.ReferenceBlock - 1;
        await Refused(1, "avs_respond", stale, 422, "StaleReferenceBlock");
        var foreign = body.DeepClone().AsObject();
        foreign["avs"] = avs;
        await Refused(2, "avs_respond", foreign, 403, "OnlyAggregator");
        await Refused(1, "avs_respond", new JsonObject { ["task"] = task.Id }, 400, "MalformedResponse");
        Assert.True((await node.Send(1, "avs_respond", body)).Ok);
        await Refused(1, "avs_respond", body, 422, "TaskAlreadyResponded");
        Assert.True((await node.Client.PostAsync("/dev/mine", new JsonObject { ["blocks"] = kind.ChallengeWindowBlocks + 1 })).Ok);
        await Refused(0, "avs_challenge", new JsonObject { ["avs"] = avs, ["task"] = task.Id, ["operator"] = quorum.Members[0].Operator }, 422, "ChallengeWindowPassed");
        // Too late for a new task's response.
        Assert.True((await node.Send(1, "avs_create_task", new JsonObject { ["type"] = "square", ["input"] = "3" })).Ok);
        var late = AvsWire.ReadTask((await node.Client.GetAsync($"/api/avs-tasks/{avs}")).Json!["tasks"]!.AsArray()[^1]!);
        Assert.True((await node.Client.PostAsync("/dev/mine", new JsonObject { ["blocks"] = kind.ResponseWindowBlocks + 1 })).Ok);
        var lateAnswers = quorum.Members.Select(m => new OperatorWorker(m.Operator,
            BlsKeyPair.FromSeed(System.Text.Encoding.UTF8.GetBytes($"restake-avs-devnet/squaring/{m.Operator}")), t => kind.HonestAnswer(t)).Answer(avs, late)!).ToList();
        var lateQuorum = AvsWire.ReadQuorum((await node.Client.GetAsync($"/api/avs-tasks/{avs}/quorum?block={late.ReferenceBlock}")).Json!);
        await Refused(1, "avs_respond", AvsWire.Response(Aggregator.Aggregate(kind, avs, late, lateQuorum, lateAnswers).Response!), 422, "TaskResponseWindowPassed");
        await Refused(1, "avs_create_task", new JsonObject { ["type"] = "cube", ["input"] = "3" }, 422, "UnknownTaskType");
        await Refused(1, "avs_deploy", new JsonObject { ["kind"] = "squaring" }, 422, "AvsAlreadyDeployed");
        await Refused(3, "avs_deploy", new JsonObject { ["kind"] = "nonsense" }, 400, "UnknownAvsKind");
        await Refused(3, "avs_create_task", new JsonObject { ["type"] = "square", ["input"] = "3" }, 404, "AvsNotDeployed");
        Assert.Contains("avs_respond", (await node.Client.GetAsync("/api/verbs")).Json!.AsObject().Select(kv => kv.Key));
    }
}
