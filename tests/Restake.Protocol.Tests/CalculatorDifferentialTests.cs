using CsCheck;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;
using Restake.Protocol.Tests.Oracle;
using Restake.Rewards;

namespace Restake.Protocol.Tests;

/// <summary>
/// The streaming calculator (replayed ledger, 256-bit fast paths) gives exactly what the plain oracle
/// (random access by day, BigInteger throughout) gives, on random networks with random submissions,
/// slashes, beacon penalties, undelegations and membership changes, over several roots.
/// </summary>
public class CalculatorDifferentialTests
{
    private const long Day = 86_400;
    private static readonly long Apr11 = DateTimeOffset.Parse("2024-04-11T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    [Fact]
    public void streaming_calculator_matches_the_oracle_to_the_wei()
    {
        var compared = 0;
        Gen.ULong.Sample(seed =>
        {
            var rng = new Random((int)(seed % int.MaxValue));
            var net = new RandomNetwork(seed);
            var engine = net.Engine;
            var fast = new RewardsCalculator { RecordPayouts = false }; // the parallel path
            var oracle = new OracleCalculator();
            Builder.Must(engine, new AddToken("EIGEN", 18));
            void Step(Command c)
            {
                var mark = engine.Events.Count;
                var time = engine.State.Time;
                if (engine.Execute(c).Accepted)
                {
                    net.Remember(c);
                    var events = engine.Events.Skip(mark).ToList();
                    fast.Observe(time, events);
                    oracle.Observe(time, events);
                }
            }
            for (var day = 0; day < 30; day++)
            {
                for (var i = 0; i < 12; i++)
                {
                    Step(net.Next());
                }
                if (rng.Next(2) == 0)
                {
                    var amount = (UInt256)(ulong)rng.NextInt64(1, long.MaxValue) * (UInt256)(ulong)rng.Next(1, 100_000);
                    var kind = (RewardsKind)rng.Next(4);
                    var directed = kind is RewardsKind.OperatorDirected or RewardsKind.OperatorDirectedSet;
                    var strategies = new List<RewardsStrategy> { new("A", rng.Next(2) == 0 ? Wad.Unit : (UInt256)(ulong)rng.NextInt64(1, (long)Wad.One * 2)) };
                    if (rng.Next(2) == 0)
                    {
                        strategies.Add(new RewardsStrategy(ProtocolConstants.BeaconStrategy, rng.Next(2) == 0 ? strategies[0].Multiplier : Wad.Unit * 2UL));
                    }
                    var operators = directed ? new List<OperatorAmount> { new("op1", amount), new("op2", amount / 7UL + UInt256.One) } : null;
                    var total = directed ? operators!.Aggregate(UInt256.Zero, (s, o) => s + o.Amount) : amount;
                    Builder.Must(engine, new Mint("avs", "EIGEN", total));
                    var start = directed ? Apr11 - (7 * Day) + (7 * Day * rng.Next(0, 3)) : Apr11 + (7 * Day * rng.Next(0, 3));
                    Step(new SubmitRewards(kind, "avs", "EIGEN", amount, start, 7 * Day, strategies, operators, kind == RewardsKind.OperatorDirectedSet ? rng.Next(2) : null));
                }
                if (rng.Next(3) == 0)
                {
                    Step(new SetOperatorSplit(rng.Next(2) == 0 ? "op1" : "op2", "avs", rng.Next(2) == 0 ? null : 0, rng.Next(0, 10_001)));
                }
                if (day % 9 == 8)
                {
                    var end = Restake.Rewards.Days.Floor(engine.State.Time) - Day;
                    var a = fast.Calculate(engine.State, end);
                    var b = oracle.Calculate(engine.State, end);
                    Assert.Equal(b.Cumulative.OrderBy(kv => kv.Key).ToList(), a.Cumulative.OrderBy(kv => kv.Key).ToList());
                    Assert.Equal(Convert.ToHexString(b.Root), Convert.ToHexString(a.Root));
                    compared += a.Cumulative.Count;
                }
                Step(new Roll(Day / 12));
            }
        }, iter: InvariantPropertyTests.Scaled(20), threads: 1);
        Assert.True(compared > 100, $"only {compared} earnings compared");
    }
}
