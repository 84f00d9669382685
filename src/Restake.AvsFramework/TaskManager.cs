using Restake.EigenDA.Crypto;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.AvsFramework;

/// <summary>
/// The operators who signed one answer: the aggregate signature σ of the signers, their aggregate G2 key, and the quorum
/// members who did not sign it (BLSSignatureChecker's NonSignerStakesAndSignature, reduced to what this chain needs).
/// </summary>
public sealed record SignedGroup(UInt256 Value, IReadOnlyList<string> NonSigners, Affine<Fp2> ApkG2, Affine<Fp> Sigma);

/// <summary>The aggregator's response to a task: one signed group per distinct answer.</summary>
public sealed record TaskResponse(long Task, long ReferenceBlock, IReadOnlyList<SignedGroup> Groups);

public enum TaskStatus
{
    /// <summary>Waiting for a response within the response window.</summary>
    Open,
    /// <summary>No response reached the quorum in the window.</summary>
    QuorumMissed,
    /// <summary>Responded; challenges are open.</summary>
    Responded,
    /// <summary>The challenge window has closed.</summary>
    Final,
}

/// <summary>An operator's signed answer to a task as the task manager recorded it.</summary>
public sealed record OperatorReport(string Operator, UInt256 Value, UInt256 Weight, bool Backs);

/// <summary>A proven fault: who challenged which operator's answer, and the slash it triggered.</summary>
public sealed record ChallengeRecord(long Task, string Operator, string Challenger, long Block, UInt256 Reported, UInt256 Accepted);

/// <summary>One task and everything recorded about it.</summary>
public sealed class TaskRecord(AvsTask task)
{
    public AvsTask Task { get; } = task;
    public long? ResponseBlock { get; internal set; }
    public UInt256? Accepted { get; internal set; }
    internal SortedDictionary<string, OperatorReport> ReportsByOperator { get; } = new(StringComparer.Ordinal);
    public IReadOnlyCollection<OperatorReport> Reports => ReportsByOperator.Values;
    /// <summary>Quorum members at the reference block that signed nothing.</summary>
    public IReadOnlyList<string> Silent { get; internal set; } = [];
    /// <summary>Per quorum strategy: the stake backing the accepted result and the total at the reference block.</summary>
    public IReadOnlyDictionary<string, (UInt256 Backed, UInt256 Total)> Stake { get; internal set; } = new Dictionary<string, (UInt256, UInt256)>();
    internal List<ChallengeRecord> ChallengeList { get; } = [];
    public IReadOnlyList<ChallengeRecord> Challenges => ChallengeList;
    public bool RewardsPaid { get; internal set; }

    public TaskStatus StatusAt(long block, long challengeWindow) => ResponseBlock switch
    {
        null when block > Task.ResponseDeadline => TaskStatus.QuorumMissed,
        null => TaskStatus.Open,
        { } r when block > r + challengeWindow => TaskStatus.Final,
        _ => TaskStatus.Responded,
    };
}

/// <summary>A result or the named error that refused it (and changed nothing).</summary>
public readonly record struct AvsResult<T>(T? Value, ProtocolError? Error)
{
    public bool Ok => Error is null;

    public static implicit operator AvsResult<T>(ProtocolError error) => new(default, error);
}

/// <summary>
/// The AVS's on-chain half (incredible-squaring's TaskManager with middleware's BLSApkRegistry, StakeRegistry and
/// BLSSignatureChecker): a deterministic state machine over the engine. Each call either applies whole or is refused
/// with a named error and changes nothing. The AVS's account creates tasks and posts the aggregated responses; anyone
/// may challenge; a proven fault slashes through the engine's <see cref="Slash"/>, with the AVS as caller.
/// </summary>
public sealed class TaskManager
{
    private readonly SortedDictionary<string, BlsKey> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<Affine<Fp>> _usedKeys = [];
    private readonly List<TaskRecord> _tasks = [];

    private TaskManager(string avs, AvsDefinition definition)
    {
        Avs = avs;
        Definition = definition;
    }

    public string Avs { get; }
    public AvsDefinition Definition { get; }
    public StakeRegistry Stakes { get; } = new();
    public IReadOnlyDictionary<string, BlsKey> Keys => _keys;
    public IReadOnlyList<TaskRecord> Tasks => _tasks;

    /// <summary>
    /// Puts an AVS's rules in charge of its operator set. The AVS must be registered and its set must hold every quorum
    /// and slash strategy.
    /// </summary>
    public static AvsResult<TaskManager> Deploy(NetworkState state, string avs, AvsDefinition definition)
    {
        try
        {
            Require(state.Avss.ContainsKey(avs), "InvalidAVS", $"'{avs}' is not a registered AVS (send register_avs first)");
            var set = state.OperatorSetByKey($"{avs}/{definition.OperatorSet}");
            Require(set is not null, "InvalidOperatorSet", $"{avs} has no operator set {definition.OperatorSet} (create it first)");
            foreach (var s in definition.Quorum.Select(q => q.Strategy).Concat(definition.Slash.Strategies).Append(definition.WeightStrategy))
            {
                Require(set!.Strategies.Any(x => x.Name == s), "StrategyNotInOperatorSet", $"operator set {set.Key} does not hold {s}, which {definition.Name} needs");
            }
            Require(definition.Quorum.Count > 0 && definition.Quorum.All(q => q.Percent is > 0 and <= 100), "InvalidQuorum", "quorum thresholds are 1 to 100 percent, at least one");
            var manager = new TaskManager(avs, definition);
            manager.Sync(state);
            return new(manager, null);
        }
        catch (Rejected r)
        {
            return r.Error;
        }
    }

    /// <summary>Checkpoints the set's stakes at the current block; call after every change to the engine.</summary>
    public void Sync(NetworkState state) => Stakes.Sync(state, Avs, Definition.OperatorSet);

    /// <summary>
    /// BLSApkRegistry.registerBLSPublicKey: an operator of the set registers a key pair, proving possession with a
    /// signature on <see cref="AvsMessages.PossessionDigest"/> (checked with the γ-randomised pairing, which also proves
    /// that the G1 and G2 keys share the secret). One key per operator, never reused.
    /// </summary>
    public AvsResult<BlsKey> RegisterKey(NetworkState state, string @operator, Affine<Fp> g1, Affine<Fp2> g2, Affine<Fp> possession)
    {
        try
        {
            Require(state.Operators.TryGetValue(@operator, out var op), "OperatorNotRegistered", $"{@operator} is not a registered operator");
            var set = state.OperatorSetByKey($"{Avs}/{Definition.OperatorSet}")!;
            Require(op!.Registrations.TryGetValue(set, out var reg) && reg.Registered, "OperatorNotInOperatorSet", $"{@operator} is not registered in {set.Key}");
            Require(!_keys.ContainsKey(@operator), "OperatorAlreadyRegistered", $"{@operator} already has a BLS key for {Avs}");
            Require(!g1.Infinity && !g2.Infinity, "ZeroPubKey", "the key is the point at infinity");
            Require(!_usedKeys.Contains(g1), "BLSPubkeyAlreadyRegistered", "another operator registered this key");
            Require(!possession.Infinity && G1.IsOnCurve(possession) && Bls.VerifyAggregate(g1, g2, possession, AvsMessages.PossessionDigest(Avs, @operator, g1)),
                "InvalidBLSSignatureOrPrivateKey", "the proof of possession does not verify for this operator, AVS and key");
            var key = new BlsKey(@operator, g1, g2, state.Block);
            _keys[@operator] = key;
            _usedKeys.Add(g1);
            Sync(state);
            return new(key, null);
        }
        catch (Rejected r)
        {
            return r.Error;
        }
    }

    /// <summary>The quorum at <paramref name="block"/>: operators whose key was registered by then and who had slashable stake in a quorum strategy.</summary>
    public QuorumView QuorumAt(long block)
    {
        var members = new List<QuorumMember>();
        var totals = new SortedDictionary<string, UInt256>(StringComparer.Ordinal);
        var strategies = Definition.Quorum.Select(q => q.Strategy).Append(Definition.WeightStrategy).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in _keys.Values)
        {
            if (key.Block > block)
            {
                continue;
            }
            var stakes = strategies.ToDictionary(s => s, s => Stakes.StakeAt(key.Operator, s, block), StringComparer.Ordinal);
            if (stakes.Values.All(v => v.IsZero))
            {
                continue;
            }
            members.Add(new QuorumMember(key.Operator, key.G1, key.G2, stakes));
            foreach (var (s, v) in stakes)
            {
                totals[s] = totals.GetValueOrDefault(s) + v;
            }
        }
        return new QuorumView(block, members, totals);
    }

    /// <summary>createNewTask: only the AVS creates tasks; the reference block is the creation block.</summary>
    public AvsResult<AvsTask> CreateTask(NetworkState state, string caller, string type, UInt256 input)
    {
        try
        {
            Require(caller == Avs, "OnlyTaskGenerator", $"only {Avs} creates its tasks, not {caller}");
            Require(Definition.TaskTypes.Contains(type), "UnknownTaskType", $"{Definition.Name} takes tasks of type {string.Join(", ", Definition.TaskTypes)}, not '{type}'");
            Require(Definition.CheckTask(type, input) is not { } bad, "InvalidTaskInput", $"{type} {input}: {Definition.CheckTask(type, input)}");
            Sync(state);
            var task = new AvsTask(_tasks.Count, type, input, state.Block, state.Block, state.Block + Definition.ResponseWindowBlocks);
            _tasks.Add(new TaskRecord(task));
            return new(task, null);
        }
        catch (Rejected r)
        {
            return r.Error;
        }
    }

    /// <summary>
    /// respondToTask with checkSignatures: the aggregator posts one signed group per distinct answer. Each group's signers
    /// are the quorum at the task's reference block minus its non-signers; their aggregate G1 key (the quorum's minus the
    /// non-signers') must verify σ with the given G2 aggregate. The definition then accepts a result from the reports, and
    /// the operators backing it must hold each strategy's threshold of the stake at the reference block.
    /// </summary>
    public AvsResult<TaskRecord> Respond(NetworkState state, string caller, TaskResponse response)
    {
        try
        {
            Require(caller == Avs, "OnlyAggregator", $"only {Avs} posts aggregated responses, not {caller}");
            var record = TaskOf(response.Task);
            var task = record.Task;
            Require(response.ReferenceBlock == task.ReferenceBlock, "StaleReferenceBlock",
                $"task {task.Id} is answered against the stake at block {task.ReferenceBlock}; the response was computed at block {response.ReferenceBlock}");
            Require(response.ReferenceBlock < state.Block, "FutureReferenceBlock",
                $"the reference block {response.ReferenceBlock} must be before the current block {state.Block} (its stake may still change)");
            Require(state.Block <= task.ResponseDeadline, "TaskResponseWindowPassed",
                $"task {task.Id} took responses until block {task.ResponseDeadline}; this is block {state.Block}");
            Require(record.ResponseBlock is null, "TaskAlreadyResponded", $"task {task.Id} was answered at block {record.ResponseBlock}");
            Require(response.Groups.Count > 0, "MalformedResponse", "a response carries at least one signed answer");
            var quorum = QuorumAt(task.ReferenceBlock);
            var signedBy = new SortedDictionary<string, UInt256>(StringComparer.Ordinal);
            var digestCache = new List<(SignedGroup Group, List<QuorumMember> Signers)>();
            foreach (var g in response.Groups)
            {
                if (Definition.CheckResponse(task, g.Value) is { } why)
                {
                    throw new Rejected("MalformedResponse", $"answer {g.Value}: {why}");
                }
                var non = new HashSet<string>(StringComparer.Ordinal);
                foreach (var n in g.NonSigners)
                {
                    Require(quorum.Find(n) is not null, "UnknownNonSigner", $"{n} was not in the quorum at block {task.ReferenceBlock}");
                    Require(non.Add(n), "DuplicateNonSigner", $"{n} is listed twice as a non-signer");
                }
                var signers = quorum.Members.Where(m => !non.Contains(m.Operator)).ToList();
                Require(signers.Count > 0, "NoSigners", $"nobody signed answer {g.Value}");
                foreach (var s in signers)
                {
                    Require(signedBy.TryAdd(s.Operator, g.Value), "DuplicateResponse",
                        $"{s.Operator} would have signed both {signedBy.GetValueOrDefault(s.Operator)} and {g.Value}; an operator answers a task once");
                }
                digestCache.Add((g, signers));
            }
            foreach (var (g, signers) in digestCache)
            {
                var apk = Bls.SignersApk(Bls.AggregateG1([.. quorum.Members.Select(m => m.G1)]),
                    [.. quorum.Members.Where(m => g.NonSigners.Contains(m.Operator, StringComparer.Ordinal)).Select(m => m.G1)]);
                var ok = !g.Sigma.Infinity && G1.IsOnCurve(g.Sigma) && !g.ApkG2.Infinity
                    && Bls.VerifyAggregate(apk, g.ApkG2, g.Sigma, AvsMessages.ResponseDigest(Avs, task.Id, task.ReferenceBlock, g.Value));
                Require(ok, "InvalidSignature", $"the aggregate signature on answer {g.Value} does not verify for its {signers.Count} signer(s)");
            }
            var reports = quorum.Members.Where(m => signedBy.ContainsKey(m.Operator))
                .Select(m => new Report(m.Operator, signedBy[m.Operator], m.Stakes.GetValueOrDefault(Definition.WeightStrategy))).ToList();
            var accepted = Definition.Accept(task, reports);
            var backers = reports.Where(r => Definition.Supports(task, accepted, r.Value)).Select(r => r.Operator).ToList();
            Require(quorum.Reached(Definition.Quorum, backers, out var shortfall), "QuorumNotReached", $"task {task.Id}: {shortfall}");

            record.ResponseBlock = state.Block;
            record.Accepted = accepted;
            foreach (var r in reports)
            {
                record.ReportsByOperator[r.Operator] = new OperatorReport(r.Operator, r.Value, r.Weight, backers.Contains(r.Operator));
            }
            record.Silent = [.. quorum.Members.Select(m => m.Operator).Where(o => !signedBy.ContainsKey(o))];
            record.Stake = Definition.Quorum.ToDictionary(q => q.Strategy, q => (
                backers.Aggregate(UInt256.Zero, (acc, o) => acc + quorum.Find(o)!.Stakes.GetValueOrDefault(q.Strategy)),
                quorum.Totals.GetValueOrDefault(q.Strategy)), StringComparer.Ordinal);
            return new(record, null);
        }
        catch (Rejected r)
        {
            return r.Error;
        }
    }

    /// <summary>
    /// raiseAndResolveChallenge: within the challenge window, anyone names an operator's answer; the definition's rule
    /// decides. A proven fault slashes the operator through the engine (the AVS is the caller); an answer that is not a
    /// fault is refused (<c>ResponseNotFaulty</c>) and nothing changes.
    /// </summary>
    public AvsResult<ChallengeRecord> Challenge(Engine engine, string challenger, long taskId, string @operator)
    {
        try
        {
            var state = engine.State;
            var record = TaskOf(taskId);
            Require(record.ResponseBlock is { } responded, "TaskNotResponded", $"task {taskId} has no response to challenge");
            Require(state.Block <= record.ResponseBlock!.Value + Definition.ChallengeWindowBlocks, "ChallengeWindowPassed",
                $"task {taskId}'s answers could be challenged until block {record.ResponseBlock + Definition.ChallengeWindowBlocks}; this is block {state.Block}");
            Require(record.ReportsByOperator.TryGetValue(@operator, out var report), "OperatorDidNotRespond", $"{@operator} signed no answer to task {taskId}");
            Require(record.ChallengeList.All(c => c.Operator != @operator), "AlreadyChallenged", $"{@operator}'s answer to task {taskId} was already proven faulty");
            var accepted = record.Accepted!.Value;
            Require(Definition.IsFault(record.Task, accepted, report!.Value), "ResponseNotFaulty",
                $"{@operator}'s answer {report.Value} to task {taskId} is not a fault under {Definition.Name}'s rule (accepted {accepted})");
            var slash = new Slash(Avs, Definition.OperatorSet, @operator,
                [.. Definition.Slash.Strategies.Select(s => new SlashStrategy(s, Definition.Slash.Wad))], Caller: Avs,
                Description: $"{Definition.Name} task {taskId}: answered {report.Value}, accepted {accepted}");
            var outcome = engine.Execute(slash);
            if (!outcome.Accepted)
            {
                return outcome.Error!;
            }
            var challenge = new ChallengeRecord(taskId, @operator, challenger, state.Block, report.Value, accepted);
            record.ChallengeList.Add(challenge);
            Sync(state);
            return new(challenge, null);
        }
        catch (Rejected r)
        {
            return r.Error;
        }
    }

    /// <summary>
    /// Pays the rewards policy for the tasks whose challenge window has closed and whose rewards week has ended, one
    /// calculation interval at a time (operator-directed rewards must lie in the past): an operator-directed submission
    /// to the operator set, escrowed from the AVS's balance. Null when nothing is payable yet.
    /// </summary>
    public AvsResult<SubmitRewards?> PayRewards(Engine engine, string caller)
    {
        try
        {
            Require(caller == Avs, "UnauthorizedCaller", $"only {Avs} pays its rewards");
            var state = engine.State;
            var interval = state.Params.Rewards.CalculationIntervalSeconds;
            long IntervalOf(TaskRecord t)
            {
                var time = state.Params.GenesisTime + (t.ResponseBlock!.Value * state.Params.SecondsPerBlock);
                return time - (time % interval);
            }
            var payable = _tasks.Where(t => !t.RewardsPaid && t.StatusAt(state.Block, Definition.ChallengeWindowBlocks) == TaskStatus.Final
                    && IntervalOf(t) + interval < state.Time)
                .GroupBy(IntervalOf).OrderBy(g => g.Key).FirstOrDefault();
            if (payable is null)
            {
                return new((SubmitRewards?)null, null);
            }
            var owed = new SortedDictionary<string, UInt256>(StringComparer.Ordinal);
            foreach (var t in payable)
            {
                var earners = t.Reports.Where(r => r.Backs && t.Challenges.All(c => c.Operator != r.Operator)).Select(r => r.Operator).ToList();
                if (earners.Count == 0)
                {
                    continue;
                }
                var share = Definition.Rewards.PerTask / (UInt256)(ulong)earners.Count;
                foreach (var e in earners.Where(_ => !share.IsZero))
                {
                    owed[e] = owed.GetValueOrDefault(e) + share;
                }
            }
            var strategies = Definition.Quorum.Select(q => q.Strategy).Distinct(StringComparer.Ordinal)
                .Select(s => new RewardsStrategy(s, Wad.Unit)).ToList();
            SubmitRewards? submission = null;
            if (owed.Count > 0)
            {
                submission = new SubmitRewards(RewardsKind.OperatorDirectedSet, Avs, Definition.Rewards.Token, UInt256.Zero, payable.Key, interval, strategies,
                    [.. owed.Select(kv => new OperatorAmount(kv.Key, kv.Value))], Definition.OperatorSet, Id: $"{Avs}/{Definition.Name}/rewards/{payable.Key}", Caller: Avs);
                var outcome = engine.Execute(submission);
                if (!outcome.Accepted)
                {
                    return outcome.Error!;
                }
            }
            foreach (var t in payable)
            {
                t.RewardsPaid = true;
            }
            return new(submission, null);
        }
        catch (Rejected r)
        {
            return r.Error;
        }
    }

    private TaskRecord TaskOf(long id)
    {
        Require(id >= 0 && id < _tasks.Count, "TaskNotFound", $"{Avs} has no task {id}");
        return _tasks[(int)id];
    }

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new Rejected(name, message);
        }
    }

    private sealed class Rejected(string name, string message) : Exception(message)
    {
        public ProtocolError Error { get; } = new(name, message);
    }
}
