using Restake.Primitives;

namespace Restake.AvsFramework;

/// <summary>
/// A quorum threshold: the operators backing the accepted result must hold at least <paramref name="Percent"/> % of the
/// strategy's slashable stake in the operator set at the task's reference block (incredible-squaring's
/// <c>quorumThresholdPercentage</c> over <c>_THRESHOLD_DENOMINATOR = 100</c>).
/// </summary>
public sealed record QuorumThreshold(string Strategy, int Percent);

/// <summary>What a proven fault costs the operator: a fraction (wad, 1e18 = all) of its allocation in each listed strategy.</summary>
public sealed record SlashRule(UInt256 Wad, IReadOnlyList<string> Strategies);

/// <summary>
/// The rewards policy: every task that outlives its challenge window pays <paramref name="PerTask"/> base units of
/// <paramref name="Token"/>, split equally among the operators whose report backed the accepted result (the remainder
/// of the division stays with the AVS); silent and slashed operators get nothing. Paid as operator-directed rewards to
/// the operator set, so each operator's stakers share it by the rewards calculation.
/// </summary>
public sealed record RewardsPolicy(string Token, UInt256 PerTask);

/// <summary>One operator's report for a task, with its weight (slashable stake in the weight strategy at the reference block).</summary>
public sealed record Report(string Operator, UInt256 Value, UInt256 Weight);

/// <summary>A task: <paramref name="Input"/> of a declared type, answered against the stake at <paramref name="ReferenceBlock"/>.</summary>
public sealed record AvsTask(long Id, string Type, UInt256 Input, long CreatedBlock, long ReferenceBlock, long ResponseDeadline);

/// <summary>
/// What an AVS declares. The task manager enforces the windows, the signatures and the quorum; the definition says what a
/// good answer is, which answer the AVS accepts, what counts as a provable fault, and what that fault costs.
/// Implementations must be deterministic (the node replays them).
/// </summary>
public abstract class AvsDefinition
{
    /// <summary>The AVS kind's name (<c>squaring</c>, <c>price-oracle</c>): how a node deploys it.</summary>
    public abstract string Name { get; }

    /// <summary>The operator set (of the deploying AVS) whose operators answer the tasks.</summary>
    public virtual long OperatorSet => 0;

    /// <summary>Per strategy, the share of slashable stake that must back the accepted result.</summary>
    public abstract IReadOnlyList<QuorumThreshold> Quorum { get; }

    /// <summary>The strategy whose stake weighs reports against each other (median, majority): the first quorum strategy.</summary>
    public virtual string WeightStrategy => Quorum[0].Strategy;

    /// <summary>The task types the AVS accepts.</summary>
    public abstract IReadOnlyList<string> TaskTypes { get; }

    /// <summary>Blocks after creation during which a response is accepted (incredible-squaring's TASK_RESPONSE_WINDOW_BLOCK).</summary>
    public virtual long ResponseWindowBlocks => 30;

    /// <summary>Blocks after the response during which a challenge is accepted (TASK_CHALLENGE_WINDOW_BLOCK = 100 upstream).</summary>
    public virtual long ChallengeWindowBlocks => 100;

    /// <summary>The slash a proven fault triggers.</summary>
    public abstract SlashRule Slash { get; }

    public abstract RewardsPolicy Rewards { get; }

    /// <summary>Null when a task of this type may ask <paramref name="input"/>; otherwise why not (the task is refused).</summary>
    public virtual string? CheckTask(string type, UInt256 input) => null;

    /// <summary>Null when <paramref name="value"/> is a well-formed answer to the task; otherwise why not (the response is refused).</summary>
    public virtual string? CheckResponse(AvsTask task, UInt256 value) => null;

    /// <summary>What an honest operator answers (what the example's workers compute).</summary>
    public abstract UInt256 HonestAnswer(AvsTask task);

    /// <summary>What a lying worker answers in a devnet run (<c>restake avs run --liars</c>): by default the honest answer plus one.</summary>
    public virtual UInt256 WrongAnswer(AvsTask task) => HonestAnswer(task) + UInt256.One;

    /// <summary>The result the AVS accepts from the reports (non-empty, ordered by operator).</summary>
    public abstract UInt256 Accept(AvsTask task, IReadOnlyList<Report> reports);

    /// <summary>Whether a report backs the accepted result (counts towards the quorum and earns the task's rewards).</summary>
    public abstract bool Supports(AvsTask task, UInt256 accepted, UInt256 value);

    /// <summary>The challenge rule: whether a report is a proven fault, decided from the task and the reports alone.</summary>
    public abstract bool IsFault(AvsTask task, UInt256 accepted, UInt256 value);

    /// <summary>The answer with the most weight behind it (ties: the smaller answer): a majority rule for <see cref="Accept"/>.</summary>
    protected static UInt256 HeaviestAnswer(IReadOnlyList<Report> reports) =>
        reports.GroupBy(r => r.Value)
            .Select(g => (Value: g.Key, Weight: g.Aggregate(UInt256.Zero, (acc, r) => acc + r.Weight)))
            .OrderByDescending(x => x.Weight).ThenBy(x => x.Value).First().Value;
}
