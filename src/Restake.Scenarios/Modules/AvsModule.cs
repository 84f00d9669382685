using System.Text;
using System.Text.Json.Nodes;
using Restake.AvsFramework;
using Restake.EigenDA.Crypto;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Scenarios.Modules;

/// <summary>
/// AVSs built with the AVS framework in scenario files (docs/avs.md): deploy an AVS kind on a registered AVS, run tasks
/// whose operators answer honestly, lie or stay silent (workers with deterministic BLS keys, the framework's aggregator),
/// challenge answers, pay rewards. The section <c>avs_tasks</c> is the node's. Stakes are checkpointed at every AVS
/// step, so a task's reference block sees the stake of its creation.
/// </summary>
internal sealed class AvsModule : IScenarioModule
{
    public string Name => "avs";

    public IReadOnlySet<string> Verbs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "avs_deploy", "avs_register_key", "avs_task", "avs_challenge", "avs_pay_rewards",
    };

    public IReadOnlyList<string> Sections { get; } = ["avs_tasks"];

    public IModuleReader NewReader(ModuleParseContext context) => new Reader();

    public IModuleRuntime NewRuntime() => new Runtime();

    internal sealed record Deploy(string Avs, string Kind);
    internal sealed record RegisterKey(string Avs, string Operator);
    internal sealed record RunTask(string Avs, string? Type, UInt256 Input, IReadOnlyList<string> Liars, IReadOnlyList<string> Silent);
    internal sealed record Challenge(string Avs, long Task, string Operator, string Challenger);
    internal sealed record PayRewards(string Avs);

    private sealed class Reader : IModuleReader
    {
        public object Read(string verb, YamlFields f) => verb switch
        {
            "avs_deploy" => new Deploy(f.Required("avs"), Kind(f)),
            "avs_register_key" => new RegisterKey(f.Required("avs"), f.Required("operator")),
            "avs_task" => new RunTask(f.Required("avs"), f.Optional("type"), Input(f), f.OptionalList("lie") ?? [], f.OptionalList("silent") ?? []),
            "avs_challenge" => new Challenge(f.Required("avs"), f.RequiredInteger("task"), f.Required("operator"), f.Optional("challenger") ?? "challenger"),
            _ => new PayRewards(f.Required("avs")),
        };

        private static string Kind(YamlFields f)
        {
            var kind = f.Required("kind");
            return AvsKinds.Find(kind) is null ? throw new ScenarioFileException($"no AVS kind '{kind}' (known: {string.Join(", ", AvsKinds.Names)})", f.Line) : kind;
        }

        private static UInt256 Input(YamlFields f) =>
            UInt256.TryParse(f.Required("input"), out var v) ? v : throw new ScenarioFileException("input: a whole number (a uint256)", f.Line);
    }

    /// <summary>The run's AVSs: one task manager per AVS name.</summary>
    public sealed class Runtime : IModuleRuntime
    {
        private readonly SortedDictionary<string, TaskManager> _managers = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, TaskManager> Managers => _managers;

        /// <summary>The deterministic key of an operator's worker for an AVS in scenario files.</summary>
        public static BlsKeyPair KeyOf(string avs, string @operator) => BlsKeyPair.FromSeed(Encoding.UTF8.GetBytes($"restake-avs-scenario/{avs}/{@operator}"));

        public Outcome Perform(ModuleContext context, object action)
        {
            var engine = context.Engine;
            foreach (var m in _managers.Values)
            {
                m.Sync(engine.State);
            }
            return action switch
            {
                Deploy d => DeployKind(engine.State, d),
                RegisterKey r => Manager(r.Avs) is { } m ? Register(m, engine.State, r.Operator) : Missing(r.Avs),
                RunTask t => Manager(t.Avs) is { } m ? Task(m, engine, t) : Missing(t.Avs),
                Challenge c => Manager(c.Avs) is { } m ? Result(m.Challenge(engine, c.Challenger, c.Task, c.Operator)) : Missing(c.Avs),
                PayRewards p => Manager(p.Avs) is { } m ? Result(m.PayRewards(engine, p.Avs)) : Missing(p.Avs),
                _ => throw new ArgumentException($"unknown AVS action {action.GetType().Name}", nameof(action)),
            };
        }

        private TaskManager? Manager(string avs) => _managers.GetValueOrDefault(avs);

        private static Outcome Missing(string avs) => new(new ProtocolError("AvsNotDeployed", $"{avs} runs no AVS (avs_deploy it first)"));

        private static Outcome Result<T>(AvsResult<T> r) => r.Ok ? Outcome.Ok : new Outcome(r.Error);

        /// <summary>Deploys the kind and registers a key for every operator registered in its set.</summary>
        private Outcome DeployKind(NetworkState state, Deploy d)
        {
            if (_managers.TryGetValue(d.Avs, out var running))
            {
                return new Outcome(new ProtocolError("AvsAlreadyDeployed", $"{d.Avs} already runs {running.Definition.Name}"));
            }
            var deployed = TaskManager.Deploy(state, d.Avs, AvsKinds.Find(d.Kind)!);
            if (!deployed.Ok)
            {
                return new Outcome(deployed.Error);
            }
            var m = deployed.Value!;
            var set = state.OperatorSetByKey($"{d.Avs}/{m.Definition.OperatorSet}")!;
            foreach (var op in set.Members.Where(o => state.Operators[o].Registrations.TryGetValue(set, out var r) && r.Registered))
            {
                var key = KeyOf(d.Avs, op);
                var registered = m.RegisterKey(state, op, key.PublicKeyG1, key.PublicKeyG2, AvsMessages.ProvePossession(key, d.Avs, op));
                if (!registered.Ok)
                {
                    return new Outcome(registered.Error);
                }
            }
            _managers[d.Avs] = m;
            return Outcome.Ok;
        }

        private static Outcome Register(TaskManager m, NetworkState state, string op)
        {
            var key = KeyOf(m.Avs, op);
            return Result(m.RegisterKey(state, op, key.PublicKeyG1, key.PublicKeyG2, AvsMessages.ProvePossession(key, m.Avs, op)));
        }

        /// <summary>
        /// One task end to end: created (refused: nothing changes), a block mined, each key holder's worker answers
        /// (honest, lying or silent as the step says), and the aggregator posts when its quorum holds. A missed quorum is
        /// not a refusal: the task stays open until its window passes (status <c>quorum_missed</c>).
        /// </summary>
        private static Outcome Task(TaskManager m, Engine engine, RunTask t)
        {
            var created = m.CreateTask(engine.State, m.Avs, t.Type ?? m.Definition.TaskTypes[0], t.Input);
            if (!created.Ok)
            {
                return new Outcome(created.Error);
            }
            var task = created.Value!;
            engine.Execute(new Roll(1));
            m.Sync(engine.State);
            var answers = new List<SignedAnswer>();
            foreach (var op in m.Keys.Keys)
            {
                if (t.Silent.Contains(op))
                {
                    continue;
                }
                var value = t.Liars.Contains(op) ? m.Definition.WrongAnswer(task) : m.Definition.HonestAnswer(task);
                answers.Add(new OperatorWorker(op, KeyOf(m.Avs, op), _ => value).Answer(m.Avs, task)!);
            }
            var aggregation = Aggregator.Aggregate(m.Definition, m.Avs, task, m.QuorumAt(task.ReferenceBlock), answers);
            if (aggregation.QuorumReached && aggregation.Response is { } response)
            {
                m.Respond(engine.State, m.Avs, response);
            }
            return Outcome.Ok;
        }

        public void AddSections(JsonObject document, NetworkState state)
        {
            if (_managers.Count == 0)
            {
                return;
            }
            document["avs_tasks"] = new JsonObject(_managers.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)AvsDocument.Build(kv.Value, state.Block))));
        }
    }
}
