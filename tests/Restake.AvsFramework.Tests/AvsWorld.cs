using System.Text.Json.Nodes;
using Restake.AvsFramework;
using Restake.EigenDA.Crypto;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Scenarios;

namespace Restake.AvsFramework.Tests;

/// <summary>
/// An example AVS's world run in process: the example's scenario file on a fresh engine, its task manager deployed, one
/// worker per operator (deterministic keys), and the rewards calculator fed with every event, as the node feeds it.
/// </summary>
internal sealed class AvsWorld
{
    public static readonly string[] Operators = ["op1", "op2", "op3", "op4"];

    // Deriving a key pair costs two scalar multiplications; the tests share them.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, BlsKeyPair> Keys = new(StringComparer.Ordinal);

    private AvsWorld(RunResult run, TaskManager manager, IReadOnlyList<OperatorWorker> workers)
    {
        Run = run;
        Manager = manager;
        Workers = workers;
    }

    public RunResult Run { get; }
    public Engine Engine => Run.Engine;
    public TaskManager Manager { get; }
    public IReadOnlyList<OperatorWorker> Workers { get; }
    public string Avs => Manager.Avs;
    public AvsDefinition Definition => Manager.Definition;

    /// <summary>What each operator answers (null: silent); honest by default.</summary>
    public Dictionary<string, Func<AvsTask, UInt256?>> Behaviour { get; } = new(StringComparer.Ordinal);

    public static AvsWorld Start(string scenarioFile, string avs, AvsDefinition definition, bool registerKeys = true)
    {
        var scenario = ScenarioParser.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "scenarios", "avs", scenarioFile)));
        // The file's world: its steps before the first AVS step (the rest is the file's own run of the AVS).
        var run = ScenarioRunner.Run(scenario with { Steps = [.. scenario.Steps.TakeWhile(s => !s.Verb.StartsWith("avs_", StringComparison.Ordinal))] });
        Assert.True(run.ExitCode == 0, run.Failure);
        run.Engine.ForgetEvents();
        var deployed = TaskManager.Deploy(run.Engine.State, avs, definition);
        Assert.True(deployed.Ok, deployed.Error?.ToString());
        var workers = new List<OperatorWorker>();
        AvsWorld? world = null;
        foreach (var op in Operators)
        {
            var name = op;
            workers.Add(new OperatorWorker(op, Keys.GetOrAdd(op, o => BlsKeyPair.FromSeed(System.Text.Encoding.UTF8.GetBytes("avs-test/" + o))),
                t => world!.Behaviour.TryGetValue(name, out var b) ? b(t) : definition.HonestAnswer(t)));
        }
        world = new AvsWorld(run, deployed.Value!, workers);
        if (registerKeys)
        {
            foreach (var w in workers)
            {
                var r = world.Manager.RegisterKey(run.Engine.State, w.Operator, w.Key.PublicKeyG1, w.Key.PublicKeyG2, w.ProvePossession(avs));
                Assert.True(r.Ok, r.Error?.ToString());
            }
            world.Roll(1);
        }
        return world;
    }

    /// <summary>Runs a scenario verb on the engine (as a step of the file would), feeding the calculator and the stake history.</summary>
    public Outcome Step(string verb, JsonObject body)
    {
        var time = Engine.State.Time;
        var outcome = ScenarioRunner.Perform(Engine, Run.Rewards, Run.Lrts, ScenarioParser.ParseAction(verb, body.ToJsonString(), Engine.State));
        Observe(time);
        return outcome;
    }

    public void Roll(long blocks) => Assert.True(Step("roll", new JsonObject { ["blocks"] = blocks }).Accepted);

    /// <summary>Runs an AVS call, then feeds its engine events to the calculator and syncs the stake history.</summary>
    public AvsResult<T> Do<T>(Func<Engine, AvsResult<T>> call)
    {
        var time = Engine.State.Time;
        var result = call(Engine);
        Observe(time);
        return result;
    }

    private void Observe(long time)
    {
        var events = Engine.Events.ToList();
        Engine.ForgetEvents();
        Run.Rewards.Calculator.Observe(time, events);
        Manager.Sync(Engine.State);
    }

    public AvsTask NewTask(UInt256 input)
    {
        var r = Do(e => Manager.CreateTask(e.State, Avs, Definition.TaskTypes[0], input));
        Assert.True(r.Ok, r.Error?.ToString());
        Roll(1);
        return r.Value!;
    }

    public Aggregation Aggregate(AvsTask task) =>
        Aggregator.Aggregate(Definition, Avs, task, Manager.QuorumAt(task.ReferenceBlock), Workers.Select(w => w.Answer(Avs, task)).OfType<SignedAnswer>());

    public AvsResult<TaskRecord> Respond(TaskResponse response) => Do(e => Manager.Respond(e.State, Avs, response));

    public AvsResult<ChallengeRecord> Challenge(long task, string op, string challenger = "watchtower") =>
        Do(e => Manager.Challenge(e, challenger, task, op));

    public UInt256 Slashable(string op) => Manager.Stakes.StakeAt(op, "stETH", Engine.State.Block);

    public string StateText() => Run.State().ToJsonString();

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Restake.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Restake.slnx)");
    }
}
