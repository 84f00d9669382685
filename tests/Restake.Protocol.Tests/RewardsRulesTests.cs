using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;
using Restake.Rewards;

namespace Restake.Protocol.Tests;

/// <summary>Every way a rewards submission, root or claim can be refused, each by the reference's error, each changing nothing.</summary>
public class RewardsRulesTests
{
    private const long Day = 86_400;
    private static readonly long Apr11 = DateTimeOffset.Parse("2024-04-11T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
    private static readonly UInt256 Ten = UInt256.Pow10(19);

    /// <summary>alice restakes 10 T with op, a member of avs/0 since before the window; avs holds 100 EIGEN.</summary>
    private static (Engine Engine, RewardsCalculator Calculator) Network()
    {
        var engine = new Engine(Builder.Testnet); // genesis 2024-04-09
        var calculator = new RewardsCalculator();
        Run(engine, calculator,
            new AddToken("T", 18), new AddToken("EIGEN", 18), new AddStrategy("T"),
            new RegisterOperator("op"), new Deposit("alice", "T", Ten, MintShortfall: true), new DelegateTo("alice", "op"),
            new RegisterAvs("avs"), new CreateOperatorSet("avs", 0, ["T"]), new RegisterForSets("op", "avs", [0]),
            new Mint("avs", "EIGEN", Ten * 10UL));
        return (engine, calculator);
    }

    private static void Run(Engine engine, RewardsCalculator calculator, params Command[] commands)
    {
        foreach (var c in commands)
        {
            var mark = engine.Events.Count;
            var time = engine.State.Time;
            Builder.Must(engine, c);
            calculator.Observe(time, engine.Events.Skip(mark).ToList());
        }
    }

    private static void WarpTo(Engine engine, RewardsCalculator calculator, long time) =>
        Run(engine, calculator, new Roll((time - engine.State.Time + 11) / 12));

    private static SubmitRewards Submission(long start, long duration, UInt256? amount = null, string strategy = "T") =>
        new(RewardsKind.Avs, "avs", "EIGEN", amount ?? Ten, start, duration, [new RewardsStrategy(strategy, Wad.Unit)]);

    private static void Refused(Engine engine, Command command, string error)
    {
        var before = Builder.Fingerprint(engine);
        var outcome = engine.Execute(command);
        Assert.Equal(error, outcome.Error?.Name);
        Assert.Equal(before, Builder.Fingerprint(engine));
    }

    [Fact]
    public void submissions_breaking_a_timing_rule_are_refused()
    {
        var (engine, _) = Network();
        Refused(engine, Submission(Apr11, 0), "DurationIsZero");
        Refused(engine, Submission(Apr11, 3 * Day), "InvalidDurationRemainder");
        Refused(engine, Submission(Apr11, 77 * Day), "DurationExceedsMax");
        Refused(engine, Submission(Apr11 + Day, 7 * Day), "InvalidStartTimestampRemainder");
        Refused(engine, Submission(Apr11 - (7 * Day * 4), 7 * Day), "StartTimestampTooFarInPast"); // before rewards genesis (2024-03-21)
        Refused(engine, Submission(Apr11 + (7 * Day * 5), 7 * Day), "StartTimestampTooFarInFuture");
        Refused(engine, Submission(Apr11, 7 * Day, UInt256.Zero), "AmountIsZero");
        Refused(engine, Submission(Apr11, 7 * Day, UInt256.Pow10(38)), "AmountExceedsMax");
        Refused(engine, Submission(Apr11, 7 * Day, strategy: "nope"), "StrategyNotWhitelisted");
        Refused(engine, new SubmitRewards(RewardsKind.OperatorDirected, "avs", "EIGEN", UInt256.Zero, Apr11, 7 * Day,
            [new RewardsStrategy("T", Wad.Unit)], [new OperatorAmount("op", Ten)]), "SubmissionNotRetroactive");
        Refused(engine, Submission(Apr11, 7 * Day) with { Caller = "mallory" }, "UnauthorizedCaller");
        Refused(engine, Submission(Apr11, 7 * Day, Ten * 1000UL), "ERC20InsufficientBalance");
    }

    [Fact]
    public void roots_and_claims_follow_the_reference_rules()
    {
        var (engine, calculator) = Network();
        Run(engine, calculator, Submission(Apr11, 7 * Day));
        WarpTo(engine, calculator, Apr11 + (8 * Day));
        var end = Apr11 + (7 * Day);
        var distribution = calculator.Calculate(engine.State, end);
        Refused(engine, new SubmitRoot(distribution.Root, end, Caller: "mallory"), "UnauthorizedCaller");
        Refused(engine, new SubmitRoot(distribution.Root, engine.State.Time + 1), "RewardsEndTimestampNotElapsed");
        Run(engine, calculator, new SubmitRoot(distribution.Root, end));
        Refused(engine, new SubmitRoot(distribution.Root, end), "NewRootMustBeForNewCalculatedPeriod");

        var claim = distribution.ClaimFor(0, "alice")!;
        Refused(engine, new Claim(claim), "RootNotActivated");
        WarpTo(engine, calculator, engine.State.Rewards.Roots[0].ActivatedAt);
        Refused(engine, new DisableRoot(0), "RootAlreadyActivated");

        // A forged amount, a wrong index and a proof for someone else all fail the proof.
        var token = claim.Tokens[0];
        Refused(engine, new Claim(claim with { Tokens = [token with { CumulativeEarnings = token.CumulativeEarnings + UInt256.One }] }), "InvalidClaimProof");
        Refused(engine, new Claim(claim with { Earner = "op" }), "InvalidClaimProof");
        Refused(engine, new Claim(claim with { EarnerIndex = claim.EarnerIndex + 1 }), claim.EarnerProof.Length == 0 ? "InvalidEarnerLeafIndex" : "InvalidClaimProof");
        Refused(engine, new Claim(claim, Caller: "mallory"), "UnauthorizedCaller");

        Builder.Must(engine, new Claim(claim));
        Assert.Equal(token.CumulativeEarnings, engine.State.BalanceOf("alice", "EIGEN"));
        Refused(engine, new Claim(claim), "EarningsNotGreaterThanClaimed");
    }

    [Fact]
    public void a_disabled_root_cannot_be_claimed_and_the_next_root_pays_everything()
    {
        var (engine, calculator) = Network();
        Run(engine, calculator, Submission(Apr11, 7 * Day));
        WarpTo(engine, calculator, Apr11 + (8 * Day));
        var first = calculator.Calculate(engine.State, Apr11 + (4 * Day));
        Run(engine, calculator, new SubmitRoot(first.Root, Apr11 + (4 * Day)), new DisableRoot(0));
        Refused(engine, new DisableRoot(0), "RootDisabled");
        Refused(engine, new DisableRoot(5), "InvalidRootIndex");
        WarpTo(engine, calculator, engine.State.Time + (8 * Day));
        Refused(engine, new Claim(first.ClaimFor(0, "alice")!), "RootDisabled");

        var second = calculator.Calculate(engine.State, Apr11 + (7 * Day));
        Run(engine, calculator, new SubmitRoot(second.Root, Apr11 + (7 * Day)));
        WarpTo(engine, calculator, engine.State.Time + (8 * Day));
        Builder.Must(engine, new Claim(second.ClaimFor(1, "alice")!), new Claim(second.ClaimFor(1, "op")!));
        // Cumulative: the second root carries the first root's days as well.
        Assert.True(second.EarnedBy("alice", "EIGEN") > first.EarnedBy("alice", "EIGEN"));
        var paid = engine.State.BalanceOf("alice", "EIGEN") + engine.State.BalanceOf("op", "EIGEN");
        Assert.True(paid <= Ten, $"paid {paid} of {Ten}");
    }

    [Fact]
    public void splits_are_bounded_and_wait_for_the_previous_change()
    {
        var (engine, _) = Network();
        Refused(engine, new SetOperatorSplit("op", "avs", null, 10_001), "SplitExceedsMax");
        Refused(engine, new SetOperatorSplit("op", "avs", null, 500, Caller: "avs"), "InvalidPermissions");
        Refused(engine, new SetOperatorSplit("op", "avs", 9, 500), "InvalidOperatorSet");
        Builder.Must(engine, new SetOperatorSplit("op", "avs", null, 500));
        Refused(engine, new SetOperatorSplit("op", "avs", null, 700), "PreviousSplitPending");
        var split = engine.State.Rewards.Splits[new SplitKey("op", "avs", null)];
        Assert.Equal(1000, split.At(engine.State.Time, 1000));
        Assert.Equal(500, split.At(split.ActivatedAt, 1000));
    }
}
