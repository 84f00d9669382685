using System.Text.Json.Nodes;
using Restake.AvsFramework.Examples;
using Restake.EigenDA.Crypto;
using Restake.Primitives;

namespace Restake.AvsFramework.Tests;

/// <summary>Every refusal names its error and leaves the engine and the task manager exactly as they were.</summary>
public sealed class BadInputTests
{
    private static AvsWorld World() => AvsWorld.Start("squaring.yaml", "squaring-avs", new Squaring());

    private static string Snapshot(AvsWorld w) =>
        w.StateText() + AvsDocument.Build(w.Manager, w.Engine.State.Block).ToJsonString();

    private static void Refused<T>(AvsWorld w, string error, Func<AvsResult<T>> call)
    {
        var before = Snapshot(w);
        var r = call();
        Assert.Equal(error, r.Error?.Name);
        Assert.False(string.IsNullOrWhiteSpace(r.Error!.Message));
        Assert.Equal(before, Snapshot(w));
    }

    [Fact]
    public void Malformed_responses_are_refused()
    {
        var w = World();
        var task = w.NewTask(5);
        var good = w.Aggregate(task).Response!;
        Refused(w, "MalformedResponse", () => w.Respond(good with { Groups = [] }));
        Refused(w, "UnknownNonSigner", () => w.Respond(good with { Groups = [good.Groups[0] with { NonSigners = ["nobody"] }] }));
        Refused(w, "DuplicateNonSigner", () => w.Respond(good with { Groups = [good.Groups[0] with { NonSigners = ["op1", "op1"] }] }));
        Refused(w, "NoSigners", () => w.Respond(good with { Groups = [good.Groups[0] with { NonSigners = AvsWorld.Operators }] }));
        Refused(w, "OnlyAggregator", () => w.Do(e => w.Manager.Respond(e.State, "op1", good)));
        Refused(w, "TaskNotFound", () => w.Respond(good with { Task = 9 }));
        Refused(w, "InvalidTaskInput", () => w.Do(e => w.Manager.CreateTask(e.State, w.Avs, "square", UInt256.Pow10(60))));
        Refused(w, "UnknownTaskType", () => w.Do(e => w.Manager.CreateTask(e.State, w.Avs, "cube", 2)));
        Refused(w, "OnlyTaskGenerator", () => w.Do(e => w.Manager.CreateTask(e.State, "op1", "square", 2)));
        Assert.True(w.Respond(good).Ok);
    }

    [Fact]
    public void Wrong_signatures_are_refused()
    {
        var w = World();
        var task = w.NewTask(5);
        var good = w.Aggregate(task).Response!;
        var g = good.Groups[0];
        // The right signers' signature on another answer.
        Refused(w, "InvalidSignature", () => w.Respond(good with { Groups = [g with { Value = 26 }] }));
        // A signer left out of the non-signers without its signature in σ.
        var partial = w.Workers.Take(3).Select(x => x.Answer(w.Avs, task)!.Signature).ToArray();
        Refused(w, "InvalidSignature", () => w.Respond(good with { Groups = [g with { Sigma = Bls.AggregateG1(partial) }] }));
        // A G2 aggregate that does not match the signers' G1 keys.
        Refused(w, "InvalidSignature", () => w.Respond(good with { Groups = [g with { ApkG2 = w.Workers[0].Key.PublicKeyG2 }] }));
        // The identity as σ.
        Refused(w, "InvalidSignature", () => w.Respond(good with { Groups = [g with { Sigma = Affine<Fp>.Identity }] }));
        Assert.True(w.Respond(good).Ok);
    }

    [Fact]
    public void Responses_after_the_deadline_are_refused()
    {
        var w = World();
        var task = w.NewTask(5);
        var good = w.Aggregate(task).Response!;
        w.Roll(w.Definition.ResponseWindowBlocks);
        Refused(w, "TaskResponseWindowPassed", () => w.Respond(good));
    }

    [Fact]
    public void Duplicate_responses_are_refused()
    {
        var w = World();
        var task = w.NewTask(5);
        var good = w.Aggregate(task).Response!;
        // op1 in two groups: it would have signed two answers.
        var twice = good with { Groups = [good.Groups[0], good.Groups[0] with { Value = 1 }] };
        Refused(w, "DuplicateResponse", () => w.Respond(twice));
        Assert.True(w.Respond(good).Ok);
        Refused(w, "TaskAlreadyResponded", () => w.Respond(good));
    }

    [Fact]
    public void Challenges_after_the_window_are_refused()
    {
        var w = World();
        w.Behaviour["op3"] = _ => 1;
        var task = w.NewTask(5);
        Assert.True(w.Respond(w.Aggregate(task).Response!).Ok);
        var open = w.NewTask(6);
        Refused(w, "TaskNotResponded", () => w.Do(e => w.Manager.Challenge(e, "x", open.Id, "op3")));
        w.Roll(w.Definition.ChallengeWindowBlocks + 1);
        Refused(w, "ChallengeWindowPassed", () => w.Challenge(task.Id, "op3"));
    }

    [Fact]
    public void A_quorum_computed_at_a_stale_or_future_block_is_refused()
    {
        var w = World();
        var created = w.Do(e => w.Manager.CreateTask(e.State, w.Avs, "square", 5)).Value!;
        var agg = w.Aggregate(created).Response!;
        // Same block as the reference: its stake may still change.
        Refused(w, "FutureReferenceBlock", () => w.Respond(agg));
        w.Roll(1);
        // Signatures and stake taken at an older block.
        var stale = Aggregator.Aggregate(w.Definition, w.Avs, created with { ReferenceBlock = created.ReferenceBlock - 1 },
            w.Manager.QuorumAt(created.ReferenceBlock - 1), w.Workers.Select(x => x.Answer(w.Avs, created with { ReferenceBlock = created.ReferenceBlock - 1 })!)).Response!;
        Refused(w, "StaleReferenceBlock", () => w.Respond(stale));
        Assert.True(w.Respond(agg).Ok);
    }

    [Fact]
    public void Keys_need_a_proof_of_possession_a_set_membership_and_are_never_shared()
    {
        var w = AvsWorld.Start("squaring.yaml", "squaring-avs", new Squaring(), registerKeys: false);
        var k1 = w.Workers[0];
        var k2 = w.Workers[1];
        var s = w.Engine.State;
        Refused(w, "InvalidBLSSignatureOrPrivateKey", () => w.Manager.RegisterKey(s, "op1", k1.Key.PublicKeyG1, k1.Key.PublicKeyG2, k2.ProvePossession(w.Avs)));
        // A proof made for another operator does not carry over.
        Refused(w, "InvalidBLSSignatureOrPrivateKey", () => w.Manager.RegisterKey(s, "op2", k1.Key.PublicKeyG1, k1.Key.PublicKeyG2, k1.ProvePossession(w.Avs)));
        // G1 and G2 of different secrets.
        Refused(w, "InvalidBLSSignatureOrPrivateKey", () => w.Manager.RegisterKey(s, "op1", k1.Key.PublicKeyG1, k2.Key.PublicKeyG2, k1.ProvePossession(w.Avs)));
        Refused(w, "OperatorNotRegistered", () => w.Manager.RegisterKey(s, "zed", k1.Key.PublicKeyG1, k1.Key.PublicKeyG2, k1.ProvePossession(w.Avs)));
        Assert.True(w.Step("register_operator", new JsonObject { ["operator"] = "op5" }).Accepted);
        Refused(w, "OperatorNotInOperatorSet", () => w.Manager.RegisterKey(s, "op5", k1.Key.PublicKeyG1, k1.Key.PublicKeyG2, AvsMessages.ProvePossession(k1.Key, w.Avs, "op5")));
        Assert.True(w.Manager.RegisterKey(s, "op1", k1.Key.PublicKeyG1, k1.Key.PublicKeyG2, k1.ProvePossession(w.Avs)).Ok);
        Refused(w, "OperatorAlreadyRegistered", () => w.Manager.RegisterKey(s, "op1", k2.Key.PublicKeyG1, k2.Key.PublicKeyG2, AvsMessages.ProvePossession(k2.Key, w.Avs, "op1")));
        Refused(w, "BLSPubkeyAlreadyRegistered", () => w.Manager.RegisterKey(s, "op2", k1.Key.PublicKeyG1, k1.Key.PublicKeyG2, AvsMessages.ProvePossession(k1.Key, w.Avs, "op2")));
    }

    [Fact]
    public void A_deployment_needs_a_registered_AVS_with_a_set_holding_the_strategies()
    {
        var w = World();
        Assert.Equal("InvalidAVS", TaskManager.Deploy(w.Engine.State, "nobody", new Squaring()).Error?.Name);
        Assert.True(w.Step("register_avs", new JsonObject { ["avs"] = "other" }).Accepted);
        Assert.Equal("InvalidOperatorSet", TaskManager.Deploy(w.Engine.State, "other", new Squaring()).Error?.Name);
        Assert.True(w.Step("create_operator_set", new JsonObject { ["avs"] = "other", ["set"] = 0, ["strategies"] = new JsonArray("rETH") }).Accepted);
        Assert.Equal("StrategyNotInOperatorSet", TaskManager.Deploy(w.Engine.State, "other", new Squaring()).Error?.Name);
    }
}
