using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Restake.AvsFramework;
using Restake.EigenDA.Crypto;
using Restake.Node.Signing;
using Restake.Primitives;

namespace Restake.Node.Client;

/// <summary>How <c>restake avs run</c> runs an example AVS on a node.</summary>
public sealed record AvsRunOptions
{
    public required string Kind { get; init; }
    public int Operators { get; init; } = 4;
    /// <summary>Tasks to run before the summary; null runs until cancelled.</summary>
    public int? Tasks { get; init; }
    /// <summary>Operators (0-based) whose workers lie on every task; default: the last one when there are at least 3.</summary>
    public IReadOnlyList<int>? Liars { get; init; }
    /// <summary>Operators whose workers stay silent; default: the second to last when there are at least 4.</summary>
    public IReadOnlyList<int>? Silent { get; init; }
    /// <summary>After the tasks, close the challenge windows and the rewards week, pay the rewards and run the calculation.</summary>
    public bool PayRewards { get; init; }
    public string Mnemonic { get; init; } = DevAccounts.DefaultMnemonic;
}

/// <summary>What a run did: per task, the quorum and the challenges; per operator, its reports, slashes and stake.</summary>
public sealed record AvsRunSummary(
    string Kind, string Avs, int Tasks, int QuorumsReached, int QuorumsMissed, int ChallengesWon, int ChallengesFailed,
    IReadOnlyList<AvsRunOperator> Operators, JsonObject? Earned)
{
    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["avs"] = Avs,
        ["tasks"] = Tasks,
        ["quorums_reached"] = QuorumsReached,
        ["quorums_missed"] = QuorumsMissed,
        ["challenges_won"] = ChallengesWon,
        ["challenges_failed"] = ChallengesFailed,
        ["slashes"] = ChallengesWon,
        ["operators"] = new JsonArray([.. Operators.Select(o => (JsonNode?)new JsonObject
        {
            ["operator"] = o.Operator,
            ["behaviour"] = o.Behaviour,
            ["staker"] = o.Staker,
            ["reports"] = o.Reports,
            ["slashed"] = o.Slashed,
            ["stake_before"] = o.StakeBefore.ToString(),
            ["stake_after"] = o.StakeAfter.ToString(),
        })]),
        ["earned"] = Earned?.DeepClone(),
    };
}

public sealed record AvsRunOperator(string Operator, string Behaviour, string Staker, int Reports, int Slashed, UInt256 StakeBefore, UInt256 StakeAfter);

/// <summary>
/// Runs an example AVS against a node over HTTP: sets up its world with development accounts (account 1 is the AVS and
/// its aggregator, accounts 2.. the operators, the next ones their stakers, account 0 the challenger and the rewards
/// updater), then per task: the AVS creates it, N operator workers (concurrent tasks) read it from the node and sign
/// their answers, the aggregator checks the quorum at the reference block and posts, and the challenger proves the faults
/// it finds. Every rule is the node's: the runner only sends transactions.
/// </summary>
public sealed class AvsRunner(NodeClient node, AvsRunOptions options, Action<string> log)
{
    private static readonly UInt256 Ether = UInt256.Pow10(18);

    /// <param name="stop">ends the run after the task in flight (then the summary is still read and returned)</param>
    public async Task<AvsRunSummary> RunAsync(CancellationToken stop = default)
    {
        var cancel = CancellationToken.None;
        var kind = AvsKinds.Find(options.Kind) ?? throw new ArgumentException($"no AVS kind '{options.Kind}' (known: {string.Join(", ", AvsKinds.Names)})");
        var n = options.Operators;
        var accountsNeeded = 2 + (2 * n);
        var accounts = DevAccounts.Derive(options.Mnemonic, accountsNeeded);
        var known = (await Get("/api/accounts", cancel).ConfigureAwait(false)).AsArray().Count;
        if (n < 1 || known < accountsNeeded)
        {
            throw new ArgumentException($"{n} operator(s) need {accountsNeeded} development accounts and the node has {known} (start it with --accounts {accountsNeeded})");
        }
        var challenger = accounts[0];
        var avsAccount = accounts[1];
        var avs = EthAddress.Normalize(avsAccount.Address);
        var ops = Enumerable.Range(0, n).Select(i => accounts[2 + i]).ToList();
        var stakers = Enumerable.Range(0, n).Select(i => accounts[2 + n + i]).ToList();
        var liars = (options.Liars ?? (n >= 3 ? [n - 1] : [])).ToHashSet();
        var silent = (options.Silent ?? (n >= 4 ? [n - 2] : [])).ToHashSet();
        string Behaviour(int i) => liars.Contains(i) ? "lying" : silent.Contains(i) ? "silent" : "honest";

        await SetUpAsync(kind, avsAccount, ops, stakers, cancel).ConfigureAwait(false);
        var keys = ops.Select(o => BlsKeyPair.FromSeed(Encoding.UTF8.GetBytes($"restake-avs-devnet/{kind.Name}/{EthAddress.Normalize(o.Address)}"))).ToList();
        var workers = ops.Select((o, i) => new OperatorWorker(EthAddress.Normalize(o.Address), keys[i], t =>
            liars.Contains(i) ? kind.WrongAnswer(t) : silent.Contains(i) ? null : kind.HonestAnswer(t))).ToList();
        var deployed = await node.GetAsync($"/api/avs-tasks/{avs}", cancel).ConfigureAwait(false);
        if (!deployed.Ok)
        {
            await Send(avsAccount, "avs_deploy", new JsonObject { ["kind"] = kind.Name }, cancel).ConfigureAwait(false);
            deployed = await node.GetAsync($"/api/avs-tasks/{avs}", cancel).ConfigureAwait(false);
        }
        else if (deployed.Json!["kind"]!.GetValue<string>() != kind.Name)
        {
            throw new ArgumentException($"{avs} already runs {deployed.Json["kind"]} on this node");
        }
        var registered = deployed.Json!["keys"]!.AsObject();
        foreach (var w in workers.Where(w => !registered.ContainsKey(w.Operator)))
        {
            var op = ops[workers.IndexOf(w)];
            await Send(op, "avs_register_bls_key", new JsonObject
            {
                ["avs"] = avs,
                ["g1"] = AvsMessages.Hex(w.Key.PublicKeyG1),
                ["g2"] = AvsMessages.Hex(w.Key.PublicKeyG2),
                ["signature"] = AvsMessages.Hex(w.ProvePossession(avs)),
            }, cancel).ConfigureAwait(false);
        }
        await Mine(1, cancel).ConfigureAwait(false);
        var before = await StakesAsync(avs, workers, cancel).ConfigureAwait(false);
        log($"✅ {kind.Name} deployed at {avs}: {n} operator(s) ({string.Join(", ", Enumerable.Range(0, n).Select(i => $"{Short(workers[i].Operator)} {Behaviour(i)}"))})");

        var earlier = deployed.Json!["tasks"]!.AsArray().Count;
        int reached = 0, missed = 0, won = 0, failed = 0, done = 0;
        var firstTask = -1L;
        for (var k = 0; options.Tasks is not { } total || k < total; k++)
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }
            var input = (UInt256)(ulong)(earlier + k + 2);
            await Send(avsAccount, "avs_create_task", new JsonObject { ["type"] = kind.TaskTypes[0], ["input"] = input.ToString() }, cancel).ConfigureAwait(false);
            var doc = await Get($"/api/avs-tasks/{avs}", cancel).ConfigureAwait(false);
            var taskJson = doc["tasks"]!.AsArray()[^1]!;
            var task = AvsWire.ReadTask(taskJson);
            firstTask = firstTask < 0 ? task.Id : firstTask;
            // The reference block must be in the past before anyone answers against it.
            if ((await Get("/api/status", cancel).ConfigureAwait(false))["block"]!.GetValue<long>() <= task.ReferenceBlock)
            {
                await Mine(1, cancel).ConfigureAwait(false);
            }
            // The workers, concurrently: each reads the task from the node and signs its answer.
            var answers = await Task.WhenAll(workers.Select(w => Task.Run(async () =>
            {
                var t = AvsWire.ReadTask(await Get($"/api/avs-tasks/{avs}/tasks/{task.Id}", cancel).ConfigureAwait(false));
                return w.Answer(avs, t);
            }, cancel))).ConfigureAwait(false);
            var quorum = AvsWire.ReadQuorum(await Get($"/api/avs-tasks/{avs}/quorum?block={task.ReferenceBlock}", cancel).ConfigureAwait(false));
            var aggregation = Aggregator.Aggregate(kind, avs, task, quorum, answers.OfType<SignedAnswer>());
            done++;
            if (!aggregation.QuorumReached || aggregation.Response is null)
            {
                missed++;
                log($"⚠️  task {task.Id} ({task.Type} {task.Input}): quorum missed: {aggregation.Detail}");
                continue;
            }
            var posted = await node.SendAsync(avsAccount.PrivateKey, "avs_respond", AvsWire.Response(aggregation.Response), cancel: cancel).ConfigureAwait(false);
            if (!posted.Ok)
            {
                missed++;
                log($"⚠️  task {task.Id}: the node refused the response: {posted.Error}: {posted.Detail}");
                continue;
            }
            reached++;
            var record = await Get($"/api/avs-tasks/{avs}/tasks/{task.Id}", cancel).ConfigureAwait(false);
            log($"✅ task {task.Id} ({task.Type} {task.Input}): accepted {record["accepted"]}, {answers.Count(a => a is not null)} of {n} answered");
            // The challenger: every report the AVS's rule proves faulty.
            var accepted = UInt256.Parse(record["accepted"]!.GetValue<string>());
            foreach (var (op, report) in record["reports"]!.AsObject())
            {
                var value = UInt256.Parse(report!["value"]!.GetValue<string>());
                if (!kind.IsFault(task, accepted, value))
                {
                    continue;
                }
                var challenge = await node.SendAsync(challenger.PrivateKey, "avs_challenge", new JsonObject { ["avs"] = avs, ["task"] = task.Id, ["operator"] = op }, cancel: cancel).ConfigureAwait(false);
                if (challenge.Ok)
                {
                    won++;
                    log($"⚔️  task {task.Id}: {Short(op)} answered {value}: challenged and slashed");
                }
                else
                {
                    failed++;
                    log($"⚠️  task {task.Id}: the challenge of {Short(op)} was refused: {challenge.Error}: {challenge.Detail}");
                }
            }
        }

        JsonObject? earned = null;
        if (options.PayRewards && done > 0)
        {
            earned = await PayRewardsAsync(kind, avsAccount, challenger, stakers, cancel).ConfigureAwait(false);
        }
        var after = await StakesAsync(avs, workers, cancel).ConfigureAwait(false);
        var final = await Get($"/api/avs-tasks/{avs}", cancel).ConfigureAwait(false);
        var tasks = final["tasks"]!.AsArray().Where(t => t!["id"]!.GetValue<long>() >= firstTask).ToList();
        var summaryOps = workers.Select((w, i) => new AvsRunOperator(w.Operator, Behaviour(i), EthAddress.Normalize(stakers[i].Address),
            tasks.Count(t => t!["reports"]!.AsObject().ContainsKey(w.Operator)),
            tasks.Count(t => t!["challenges"]!.AsArray().Any(c => c!["operator"]!.GetValue<string>() == w.Operator)),
            before[i], after[i])).ToList();
        return new AvsRunSummary(kind.Name, avs, done, reached, missed, won, failed, summaryOps, earned);
    }

    /// <summary>The world: the AVS and its set, each operator with one staker's stETH delegated and half of it allocated.</summary>
    private async Task SetUpAsync(AvsDefinition kind, DevAccount avsAccount, IReadOnlyList<DevAccount> ops, IReadOnlyList<DevAccount> stakers, CancellationToken cancel)
    {
        var avs = EthAddress.Normalize(avsAccount.Address);
        var strategies = kind.Quorum.Select(q => q.Strategy).Concat(kind.Slash.Strategies).Append(kind.WeightStrategy).Distinct(StringComparer.Ordinal).ToList();
        var avsState = await node.GetAsync($"/api/state/avs/{avs}", cancel).ConfigureAwait(false);
        if (!avsState.Ok)
        {
            await Send(avsAccount, "register_avs", new JsonObject(), cancel).ConfigureAwait(false);
        }
        var sets = (await node.GetAsync($"/api/state/avs/{avs}", cancel).ConfigureAwait(false)).Json?["sets"]?.AsObject();
        if (sets?.ContainsKey(kind.OperatorSet.ToString(CultureInfo.InvariantCulture)) != true)
        {
            await Send(avsAccount, "create_operator_set", new JsonObject { ["set"] = kind.OperatorSet, ["strategies"] = new JsonArray([.. strategies.Select(s => (JsonNode?)s)]) }, cancel).ConfigureAwait(false);
        }
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            var address = EthAddress.Normalize(op.Address);
            var state = await node.GetAsync($"/api/state/operators/{address}", cancel).ConfigureAwait(false);
            if (state.Ok && state.Json?["allocations"]?[$"{avs}/{kind.OperatorSet}"] is not null)
            {
                continue;
            }
            if (!state.Ok)
            {
                await Send(op, "register_operator", new JsonObject { ["allocation_delay"] = 1 }, cancel).ConfigureAwait(false);
            }
            // Stakes differ so the weights matter: each operator carries twice the next one's (the last ones, who lie or
            // stay silent by default, carry the least: 4 operators hold 800, 400, 200 and 100).
            var amount = (100 << Math.Min(ops.Count - 1 - i, 5)).ToString(CultureInfo.InvariantCulture);
            foreach (var s in strategies)
            {
                await Send(stakers[i], "deposit", new JsonObject { ["strategy"] = s, ["amount"] = amount }, cancel).ConfigureAwait(false);
            }
            await Send(stakers[i], "delegate", new JsonObject { ["operator"] = address }, cancel).ConfigureAwait(false);
            await Send(op, "register_for_sets", new JsonObject { ["avs"] = avs, ["sets"] = new JsonArray(kind.OperatorSet) }, cancel).ConfigureAwait(false);
            foreach (var s in strategies)
            {
                await Send(op, "allocate", new JsonObject { ["avs"] = avs, ["set"] = kind.OperatorSet, ["strategy"] = s, ["magnitude"] = "0.5" }, cancel).ConfigureAwait(false);
            }
        }
        await Mine(2, cancel).ConfigureAwait(false);
    }

    /// <summary>Closes the challenge windows and the rewards week, pays the AVS's rewards and runs the rewards calculation.</summary>
    private async Task<JsonObject> PayRewardsAsync(AvsDefinition kind, DevAccount avsAccount, DevAccount admin, IReadOnlyList<DevAccount> stakers, CancellationToken cancel)
    {
        await Mine(kind.ChallengeWindowBlocks + 1, cancel).ConfigureAwait(false);
        // The week holding the tasks must be over (operator-directed rewards pay for the past).
        await node.PostAsync("/dev/increase-time", new JsonObject { ["seconds"] = (7 + 1) * 86_400 }, cancel).ConfigureAwait(false);
        var paid = 0;
        while (true)
        {
            var before = (await Get($"/api/avs-tasks/{EthAddress.Normalize(avsAccount.Address)}", cancel).ConfigureAwait(false))["tasks"]!.AsArray().Count(t => t!["rewards_paid"]!.GetValue<bool>());
            await Send(avsAccount, "avs_pay_rewards", new JsonObject(), cancel).ConfigureAwait(false);
            var now = (await Get($"/api/avs-tasks/{EthAddress.Normalize(avsAccount.Address)}", cancel).ConfigureAwait(false))["tasks"]!.AsArray().Count(t => t!["rewards_paid"]!.GetValue<bool>());
            if (now == before)
            {
                break;
            }
            paid += now - before;
        }
        // The calculation through yesterday's midnight takes the submissions made until today's: let a day pass.
        await node.PostAsync("/dev/increase-time", new JsonObject { ["seconds"] = 86_400 }, cancel).ConfigureAwait(false);
        await Send(admin, "calculate_rewards", new JsonObject(), cancel).ConfigureAwait(false);
        var rewards = (await Get("/api/state/rewards", cancel).ConfigureAwait(false))["items"]!;
        var earned = new JsonObject();
        foreach (var s in stakers)
        {
            var address = EthAddress.Normalize(s.Address);
            earned[address] = rewards["earned"]?[address]?[kind.Rewards.Token]?.DeepClone() ?? "0";
        }
        log($"💰 rewards for {paid} task(s) paid and calculated; the stakers earned {kind.Rewards.Token}: {string.Join(", ", earned.Select(kv => $"{Short(kv.Key)} {kv.Value}"))}");
        return earned;
    }

    private async Task<List<UInt256>> StakesAsync(string avs, IReadOnlyList<OperatorWorker> workers, CancellationToken cancel)
    {
        var kindDoc = await Get($"/api/avs-tasks/{avs}", cancel).ConfigureAwait(false);
        var weight = kindDoc["quorum"]!.AsObject().First().Key;
        var list = new List<UInt256>();
        foreach (var w in workers)
        {
            var s = await Get($"/api/avs-tasks/{avs}/stake/{w.Operator}", cancel).ConfigureAwait(false);
            list.Add(UInt256.Parse(s["stakes"]![weight]!.GetValue<string>()));
        }
        return list;
    }

    private async Task Send(DevAccount from, string verb, JsonObject body, CancellationToken cancel)
    {
        var answer = await node.SendAsync(from.PrivateKey, verb, body, cancel: cancel).ConfigureAwait(false);
        if (!answer.Ok)
        {
            throw new AvsRunException($"{verb} from {Short(EthAddress.Normalize(from.Address))} was refused: {answer.Error}: {answer.Detail}");
        }
    }

    private async Task Mine(long blocks, CancellationToken cancel)
    {
        var answer = await node.PostAsync("/dev/mine", new JsonObject { ["blocks"] = blocks }, cancel).ConfigureAwait(false);
        if (!answer.Ok)
        {
            throw new AvsRunException($"mining failed: {answer.Error}: {answer.Detail}");
        }
    }

    private async Task<JsonNode> Get(string path, CancellationToken cancel)
    {
        var answer = await node.GetAsync(path, cancel).ConfigureAwait(false);
        return answer.Ok ? answer.Json! : throw new AvsRunException($"GET {path}: {answer.Error}: {answer.Detail}");
    }

    private static string Short(string address) => address.Length > 10 ? address[..6] + "…" + address[^4..] : address;
}

/// <summary>A step of an AVS run the node refused, or a read that failed: one line for the user.</summary>
public sealed class AvsRunException(string message) : Exception(message);
