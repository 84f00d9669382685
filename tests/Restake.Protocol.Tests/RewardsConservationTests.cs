using System.Numerics;
using CsCheck;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;
using Restake.Rewards;

namespace Restake.Protocol.Tests;

/// <summary>
/// Conservation over random networks and random submissions of every kind: what all earners can
/// claim plus what is refunded never exceeds what was submitted, beyond the reference calculator's
/// own rounding (PostgreSQL rounds daily amounts half up: at most one wei per operator and day).
/// </summary>
public class RewardsConservationTests
{
    private const long Day = 86_400;
    private static readonly long Apr11 = DateTimeOffset.Parse("2024-04-11T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    /// <summary>With plain floors (params.rewards_rounding: floor) nothing is ever paid beyond what was submitted.</summary>
    [Fact]
    public void with_floor_rounding_earnings_plus_refunds_never_exceed_submissions() => Conservation(RewardsRounding.Floor, allowancePerSubmission: 0);

    /// <summary>The reference's rounding may pay at most one wei per day and operator more (a daily amount rounded half up).</summary>
    [Fact]
    public void with_the_reference_rounding_any_excess_stays_within_its_rounding() => Conservation(RewardsRounding.Sidecar, allowancePerSubmission: 3 * 7);

    private static void Conservation(RewardsRounding rounding, int allowancePerSubmission)
    {
        var accepted = 0;
        var paidOut = 0;
        var kinds = new HashSet<RewardsKind>();
        Gen.ULong.Sample(seed =>
        {
            var rng = new Random((int)(seed % int.MaxValue));
            var net = new RandomNetwork(seed);
            var engine = net.Engine;
            var calculator = new RewardsCalculator { Rounding = rounding, RecordPayouts = false };
            Builder.Must(engine, new AddToken("EIGEN", 18));
            var submitted = BigInteger.Zero;
            var allowance = BigInteger.Zero;
            void Step(Command c)
            {
                var mark = engine.Events.Count;
                var time = engine.State.Time;
                if (engine.Execute(c).Accepted)
                {
                    net.Remember(c);
                    calculator.Observe(time, engine.Events.Skip(mark).ToList());
                }
            }
            // Let the network live through three weeks, with random submissions along the way.
            for (var day = 0; day < 21; day++)
            {
                for (var i = 0; i < 15; i++)
                {
                    Step(net.Next());
                }
                if (rng.Next(3) == 0)
                {
                    var amount = (UInt256)(ulong)rng.NextInt64(1, long.MaxValue) * (UInt256)(ulong)rng.Next(1, 1000);
                    var week = Apr11 + (7 * Day * rng.Next(0, 2));
                    var strategies = new List<RewardsStrategy> { new("A", (UInt256)(ulong)rng.NextInt64(1, (long)Wad.One * 3)) };
                    if (rng.Next(2) == 0)
                    {
                        strategies.Add(new RewardsStrategy(ProtocolConstants.BeaconStrategy, Wad.Unit));
                    }
                    var kind = (RewardsKind)rng.Next(4);
                    var operators = kind is RewardsKind.OperatorDirected or RewardsKind.OperatorDirectedSet
                        ? new List<OperatorAmount> { new("op1", amount), new("op2", amount / 3UL + UInt256.One) }
                        : null;
                    var total = operators is null ? amount : operators.Aggregate(UInt256.Zero, (s, o) => s + o.Amount);
                    var start = operators is null ? week : Apr11 - (7 * Day);
                    Builder.Must(engine, new Mint("avs", "EIGEN", total));
                    var before = engine.State.Rewards.Submissions.Count;
                    Step(new SubmitRewards(kind, "avs", "EIGEN", amount, start, 7 * Day, strategies, operators, kind == RewardsKind.OperatorDirectedSet ? 0 : null));
                    if (engine.State.Rewards.Submissions.Count > before)
                    {
                        submitted += (BigInteger)total;
                        allowance += allowancePerSubmission;
                        accepted++;
                        kinds.Add(kind);
                    }
                }
                Step(new Roll(Day / 12));
            }
            var distribution = calculator.Calculate(engine.State, Restake.Rewards.Days.Floor(engine.State.Time) - Day);
            var paid = distribution.Cumulative.Where(kv => kv.Key.Token == "EIGEN").Aggregate(BigInteger.Zero, (s, kv) => s + (BigInteger)kv.Value);
            Assert.True(paid <= submitted + allowance, $"seed {seed}: earned and refunded {paid} > submitted {submitted}");
            if (paid > 0)
            {
                paidOut++;
            }
            // The escrow covers every claim the distribution allows, up to that rounding.
            Assert.True(paid <= (BigInteger)engine.State.BalanceOf(ProtocolConstants.RewardsEscrow, "EIGEN") + allowance);
        }, iter: InvariantPropertyTests.Scaled(25), threads: 1);
        // The property must have been exercised: submissions of every kind, and runs that paid.
        Assert.True(accepted >= 40, $"only {accepted} submissions accepted");
        Assert.Equal(4, kinds.Count);
        Assert.True(paidOut >= 10, $"only {paidOut} runs paid anything");
    }
}
