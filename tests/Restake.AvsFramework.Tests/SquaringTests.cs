using System.Text.Json.Nodes;
using Restake.AvsFramework.Examples;
using Restake.Primitives;

namespace Restake.AvsFramework.Tests;

/// <summary>The squaring example end to end on the engine (scenarios/avs/squaring.yaml).</summary>
public sealed class SquaringTests
{
    private static readonly UInt256 Eth = UInt256.Pow10(18);

    private static AvsWorld World() => AvsWorld.Start("squaring.yaml", "squaring-avs", new Squaring());

    [Fact]
    public void Honest_operators_answer_and_the_quorum_holds_with_every_report_recorded()
    {
        var w = World();
        var task = w.NewTask(12);
        var agg = w.Aggregate(task);
        Assert.True(agg.QuorumReached, agg.Detail);
        var r = w.Respond(agg.Response!);
        Assert.True(r.Ok, r.Error?.ToString());
        Assert.Equal((UInt256)144UL, r.Value!.Accepted);
        Assert.Equal(AvsWorld.Operators, r.Value.Reports.Select(x => x.Operator));
        Assert.All(r.Value.Reports, x => Assert.True(x.Backs));
        // Slashable stake = shares × 0.5 allocated: 100 + 100 + 30 + 20 stETH, all backing.
        Assert.Equal((250 * Eth, 250 * Eth), r.Value.Stake["stETH"]);
        Assert.Single(agg.Response!.Groups);
        Assert.Empty(Challenger.Faults(w.Definition, r.Value));
    }

    [Fact]
    public void A_lying_operator_is_challenged_and_slashed_an_honest_answer_survives_its_challenge_and_a_silent_one_is_not_slashed()
    {
        var w = World();
        w.Behaviour["op3"] = t => (t.Input * t.Input) + UInt256.One;
        w.Behaviour["op4"] = _ => null;
        var task = w.NewTask(7);
        var agg = w.Aggregate(task);
        Assert.True(agg.QuorumReached, agg.Detail);
        Assert.Equal(2, agg.Response!.Groups.Count);
        var record = w.Respond(agg.Response).Value!;
        Assert.Equal((UInt256)49UL, record.Accepted);
        Assert.Equal(["op4"], record.Silent);
        Assert.Equal((200 * Eth, 250 * Eth), record.Stake["stETH"]);
        Assert.Equal(["op3"], Challenger.Faults(w.Definition, record));

        var before = w.StateText();
        var honest = w.Challenge(task.Id, "op1");
        Assert.Equal("ResponseNotFaulty", honest.Error?.Name);
        Assert.Equal(before, w.StateText());
        Assert.Equal("OperatorDidNotRespond", w.Challenge(task.Id, "op4").Error?.Name);

        var slashed = w.Challenge(task.Id, "op3");
        Assert.True(slashed.Ok, slashed.Error?.ToString());
        // 10 % of op3's allocation: magnitude 0.5 → 0.45, max magnitude 1 → 0.95, shares 60 → 57 stETH; slashable stake
        // mulWad(57e18, divWad(0.45e18, 0.95e18)) = 57e18 · 473684210526315789 / 1e18 = 26.999999999999999973 (by hand, rounding down as the reference).
        Assert.Equal(UInt256.Parse("26999999999999999973"), w.Slashable("op3"));
        Assert.Equal(100 * Eth, w.Slashable("op1"));
        Assert.Equal(20 * Eth, w.Slashable("op4"));
        Assert.Equal("AlreadyChallenged", w.Challenge(task.Id, "op3").Error?.Name);
        Assert.Equal(1L, w.Engine.State.OperatorSetByKey("squaring-avs/0")!.SlashCount);
    }

    [Fact]
    public void The_aggregator_drops_a_forged_signature_and_still_lands_the_response()
    {
        var w = World();
        var task = w.NewTask(6);
        var answers = w.Workers.Select(x => x.Answer(w.Avs, task)!).ToList();
        // op4's answer signed with op1's key: the group's aggregate fails, so each signature is checked.
        answers[3] = answers[3] with { Signature = w.Workers[0].Key.Sign(AvsMessages.ResponseDigest(w.Avs, task.Id, task.ReferenceBlock, 36)) };
        var agg = Aggregator.Aggregate(w.Definition, w.Avs, task, w.Manager.QuorumAt(task.ReferenceBlock), answers);
        Assert.Equal(["op4: the signature does not verify"], agg.Rejected);
        Assert.True(agg.QuorumReached, agg.Detail);
        var record = w.Respond(agg.Response!);
        Assert.True(record.Ok, record.Error?.ToString());
        Assert.Equal(["op4"], record.Value!.Silent);
    }

    [Fact]
    public void The_quorum_is_weighed_with_the_stake_at_the_reference_block_not_the_current_one()
    {
        var w = World();
        w.Behaviour["op3"] = _ => 5;
        var task = w.NewTask(3);
        // After the reference block, op3 (who lies) gets 1,000 stETH more: 500 more slashable stake.
        Assert.True(w.Step("deposit", new JsonObject { ["staker"] = "eve", ["strategy"] = "stETH", ["amount"] = "1000" }).Accepted);
        Assert.True(w.Step("delegate", new JsonObject { ["staker"] = "eve", ["operator"] = "op3" }).Accepted);
        w.Roll(1);
        var now = w.Manager.QuorumAt(w.Engine.State.Block);
        Assert.Equal(750 * Eth, now.Totals["stETH"]);
        // Against today's stake the honest 220 of 750 would miss 67 %; against the reference block's they hold 220 of 250.
        Assert.False(now.Reached(w.Definition.Quorum, ["op1", "op2", "op4"], out _));
        var record = w.Respond(w.Aggregate(task).Response!);
        Assert.True(record.Ok, record.Error?.ToString());
        Assert.Equal((220 * Eth, 250 * Eth), record.Value!.Stake["stETH"]);
        Assert.Equal(30 * Eth, w.Manager.Stakes.StakeAt("op3", "stETH", task.ReferenceBlock));
        Assert.Equal(530 * Eth, w.Manager.Stakes.StakeAt("op3", "stETH", w.Engine.State.Block));
    }

    [Fact]
    public void Without_enough_honest_stake_the_quorum_is_missed_and_the_task_expires()
    {
        var w = World();
        w.Behaviour["op2"] = _ => null;
        w.Behaviour["op3"] = _ => 1;
        var task = w.NewTask(4);
        var agg = w.Aggregate(task);
        // op1 alone: 100 of 250 stETH, 40 % < 67 %.
        Assert.False(agg.QuorumReached);
        var before = w.StateText();
        Assert.Equal("QuorumNotReached", w.Respond(agg.Response!).Error?.Name);
        Assert.Equal(before, w.StateText());
        w.Roll(w.Definition.ResponseWindowBlocks);
        Assert.Equal(TaskStatus.QuorumMissed, w.Manager.Tasks[0].StatusAt(w.Engine.State.Block, w.Definition.ChallengeWindowBlocks));
    }

    [Fact]
    public void Rewards_go_to_the_honest_operators_and_their_stakers_not_to_the_liar_or_the_silent_one()
    {
        var w = World();
        w.Behaviour["op3"] = t => t.Input;
        w.Behaviour["op4"] = _ => null;
        for (var i = 2; i < 4; i++)
        {
            var task = w.NewTask((UInt256)(ulong)i);
            Assert.True(w.Respond(w.Aggregate(task).Response!).Ok);
            Assert.True(w.Challenge(task.Id, "op3").Ok);
        }
        Assert.Null(w.Do(e => w.Manager.PayRewards(e, w.Avs)).Value);
        // After the challenge windows and the end of the rewards week (Thursday 2024-04-11).
        Assert.True(w.Step("warp", new JsonObject { ["to"] = "2024-04-12T06:00:00Z" }).Accepted);
        Assert.Equal("UnauthorizedCaller", w.Do(e => w.Manager.PayRewards(e, "op1")).Error?.Name);
        var paid = w.Do(e => w.Manager.PayRewards(e, w.Avs));
        Assert.True(paid.Ok, paid.Error?.ToString());
        // 0.01 rETH a task, shared by op1 and op2: 0.005 each per task, two tasks.
        Assert.Equal([("op1", UInt256.Pow10(16)), ("op2", UInt256.Pow10(16))], paid.Value!.Operators!.Select(o => (o.Operator, o.Amount)));
        Assert.All(w.Manager.Tasks, t => Assert.True(t.RewardsPaid));
        Assert.Null(w.Do(e => w.Manager.PayRewards(e, w.Avs)).Value);

        // The calculation through yesterday's midnight counts the submissions made until today's: a day later.
        Assert.True(w.Step("warp", new JsonObject { ["by"] = "1d" }).Accepted);
        Assert.True(w.Step("calculate_rewards", new JsonObject()).Accepted);
        var earned = w.Run.State()["rewards"]!["earned"]!.AsObject();
        UInt256 Earned(string who) => earned[who]?["rETH"] is { } v ? Token(v.GetValue<string>()) : UInt256.Zero;
        Assert.True(Earned("alice") > UInt256.Zero, "op1's staker earns");
        Assert.True(Earned("bob") > UInt256.Zero, "op2's staker earns");
        Assert.True(Earned("op1") > UInt256.Zero, "op1 keeps its split");
        Assert.Equal(UInt256.Zero, Earned("carol"));
        Assert.Equal(UInt256.Zero, Earned("dave"));
    }

    private static UInt256 Token(string text) =>
        Amounts.TryParseToken(text, 18, out var v, out var error) ? v : throw new FormatException(error);
}
