using Restake.EigenDA.Crypto;
using Restake.Primitives;

namespace Restake.AvsFramework;

/// <summary>An operator's signed answer to a task, as a worker hands it to the aggregator.</summary>
public sealed record SignedAnswer(string Operator, UInt256 Value, Affine<Fp> Signature);

/// <summary>
/// An operator's worker: it holds the operator's BLS key, computes its answer to each task and signs the response digest.
/// <paramref name="answer"/> returns null to stay silent (a worker that is down); a lying worker simply answers wrong.
/// </summary>
public sealed class OperatorWorker(string @operator, BlsKeyPair key, Func<AvsTask, UInt256?> answer)
{
    public string Operator { get; } = @operator;
    public BlsKeyPair Key { get; } = key;

    /// <summary>The signed answer to <paramref name="task"/>, or null when the worker stays silent.</summary>
    public SignedAnswer? Answer(string avs, AvsTask task) =>
        answer(task) is { } value ? new SignedAnswer(Operator, value, Key.Sign(AvsMessages.ResponseDigest(avs, task.Id, task.ReferenceBlock, value))) : null;

    /// <summary>The key's proof of possession for registering it with <paramref name="avs"/>.</summary>
    public Affine<Fp> ProvePossession(string avs) => AvsMessages.ProvePossession(Key, avs, Operator);
}

/// <summary>What the aggregator concluded off-chain before posting: the response, and whether it expects the quorum to hold.</summary>
public sealed record Aggregation(TaskResponse? Response, bool QuorumReached, string Detail, IReadOnlyList<string> Rejected);

/// <summary>
/// The aggregator: collects the workers' signed answers, drops any whose signature does not verify against the operator's
/// registered key (or from operators outside the quorum at the reference block), groups the rest by answer, aggregates
/// each group's signatures and G2 keys, and checks the quorum with the same rule the task manager applies on chain, so it
/// posts only responses that will land.
/// </summary>
public static class Aggregator
{
    public static Aggregation Aggregate(AvsDefinition definition, string avs, AvsTask task, QuorumView quorum, IEnumerable<SignedAnswer> answers)
    {
        var rejected = new List<string>();
        var candidates = new SortedDictionary<string, SignedAnswer>(StringComparer.Ordinal);
        foreach (var a in answers)
        {
            if (quorum.Find(a.Operator) is null)
            {
                rejected.Add($"{a.Operator}: not in the quorum at block {quorum.Block}");
            }
            else if (candidates.ContainsKey(a.Operator))
            {
                rejected.Add($"{a.Operator}: answered twice");
            }
            else if (definition.CheckResponse(task, a.Value) is { } why)
            {
                rejected.Add($"{a.Operator}: {why}");
            }
            else
            {
                candidates[a.Operator] = a;
            }
        }
        // Optimistic, as aggregators do: one pairing check per answer group; only a group that fails is checked
        // signature by signature, to drop the bad ones.
        var valid = new SortedDictionary<string, SignedAnswer>(StringComparer.Ordinal);
        foreach (var g in candidates.Values.GroupBy(a => a.Value))
        {
            var digest = AvsMessages.ResponseDigest(avs, task.Id, task.ReferenceBlock, g.Key);
            var members = g.Select(a => quorum.Find(a.Operator)!).ToList();
            var whole = Bls.VerifyAggregate(Bls.AggregateG1([.. members.Select(m => m.G1)]), Bls.AggregateG2([.. members.Select(m => m.G2)]),
                Bls.AggregateG1([.. g.Select(a => a.Signature)]), digest);
            foreach (var a in g)
            {
                if (whole || Bls.Verify(a.Signature, quorum.Find(a.Operator)!.G2, digest))
                {
                    valid[a.Operator] = a;
                }
                else
                {
                    rejected.Add($"{a.Operator}: the signature does not verify");
                }
            }
        }
        if (valid.Count == 0)
        {
            return new Aggregation(null, false, "no valid answers", rejected);
        }
        var groups = new List<SignedGroup>();
        foreach (var g in valid.Values.GroupBy(a => a.Value).OrderBy(g => g.Key))
        {
            var signers = g.Select(a => a.Operator).ToHashSet(StringComparer.Ordinal);
            groups.Add(new SignedGroup(g.Key,
                [.. quorum.Members.Select(m => m.Operator).Where(o => !signers.Contains(o))],
                Bls.AggregateG2([.. quorum.Members.Where(m => signers.Contains(m.Operator)).Select(m => m.G2)]),
                Bls.AggregateG1([.. g.Select(a => a.Signature)])));
        }
        var reports = valid.Values.Select(a => new Report(a.Operator, a.Value, quorum.Find(a.Operator)!.Stakes.GetValueOrDefault(definition.WeightStrategy))).ToList();
        var accepted = definition.Accept(task, reports);
        var backers = reports.Where(r => definition.Supports(task, accepted, r.Value)).Select(r => r.Operator);
        var reached = quorum.Reached(definition.Quorum, backers, out var shortfall);
        return new Aggregation(new TaskResponse(task.Id, task.ReferenceBlock, groups), reached, reached ? $"accepted {accepted}" : shortfall, rejected);
    }
}

/// <summary>The challenger: reads a responded task's reports and names every answer the AVS's rule proves faulty.</summary>
public static class Challenger
{
    public static IReadOnlyList<string> Faults(AvsDefinition definition, TaskRecord record) =>
        record.Accepted is { } accepted
            ? [.. record.Reports.Where(r => definition.IsFault(record.Task, accepted, r.Value) && record.Challenges.All(c => c.Operator != r.Operator)).Select(r => r.Operator)]
            : [];
}
