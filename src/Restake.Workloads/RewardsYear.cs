using System.Diagnostics;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;
using Restake.Rewards;

namespace Restake.Workloads;

/// <summary>
/// A year of rewards on a large network: stakers spread over operators, AVSs each secured by an
/// operator set of some of those operators and paying a weekly stream of v1 rewards, with daily
/// churn (new deposits, withdrawals, redelegations) and a monthly slash; one root a week.
/// </summary>
public sealed class RewardsYear
{
    private const long Day = 86_400;
    public required int Stakers { get; init; }
    public required int Operators { get; init; }
    public required int Avss { get; init; }
    public int OperatorsPerAvs { get; init; } = 20;
    public int Days { get; init; } = 365;
    public int ChurnPerDay { get; init; } = 1_000;

    public sealed record Result(int Stakers, int Days, int Submissions, double BuildSeconds, double CalculateSeconds, int Earners, long PeakManagedBytes, string Root);

    public Result Run()
    {
        var genesis = DateTimeOffset.Parse("2024-04-11T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        var engine = new Engine(new ProtocolParams { GenesisTime = genesis - Day, WithdrawalDelayBlocks = 50, DeallocationDelayBlocks = 50 });
        var calculator = new RewardsCalculator { RecordPayouts = false };
        var rng = new Random(7);
        var watch = Stopwatch.StartNew();
        void Do(Command c)
        {
            var time = engine.State.Time;
            engine.Execute(c);
            calculator.Observe(time, engine.Events);
            engine.ForgetEvents();
        }
        Do(new AddToken("A", 18));
        Do(new AddToken("EIGEN", 18));
        Do(new AddStrategy("A"));
        for (var o = 0; o < Operators; o++)
        {
            Do(new RegisterOperator($"op{o}"));
        }
        for (var a = 0; a < Avss; a++)
        {
            Do(new RegisterAvs($"avs{a}"));
            Do(new CreateOperatorSet($"avs{a}", 0, ["A"]));
            for (var k = 0; k < OperatorsPerAvs; k++)
            {
                Do(new RegisterForSets($"op{((a * 7) + (k * 11)) % Operators}", $"avs{a}", [0]));
            }
            Do(new Mint($"avs{a}", "EIGEN", UInt256.Pow10(30)));
        }
        for (var i = 0; i < Stakers; i++)
        {
            var name = Networks.StakerName(i);
            Do(new Deposit(name, "A", (UInt256)(ulong)rng.Next(1, 64_000) * UInt256.Pow10(15), MintShortfall: true));
            Do(new DelegateTo(name, $"op{i % Operators}"));
        }
        var submissions = 0;
        var withdrawals = 0;
        for (var day = 0; day < Days; day++)
        {
            if (day % 7 == 0)
            {
                for (var a = 0; a < Avss; a++)
                {
                    var amount = (UInt256)(ulong)rng.Next(1_000, 100_000) * UInt256.Pow10(18);
                    Do(new SubmitRewards(RewardsKind.Avs, $"avs{a}", "EIGEN", amount, genesis + (day * Day), 7 * Day, [new RewardsStrategy("A", Wad.Unit)]));
                    submissions++;
                }
            }
            for (var c = 0; c < ChurnPerDay; c++)
            {
                var name = Networks.StakerName(rng.Next(Stakers));
                switch (rng.Next(3))
                {
                    case 0:
                        Do(new Deposit(name, "A", (UInt256)(ulong)rng.Next(1, 32_000) * UInt256.Pow10(15), MintShortfall: true));
                        break;
                    case 1:
                        var held = engine.State.Stakers[name].DepositSharesOf(engine.State.Strategies["A"]);
                        if (!held.IsZero)
                        {
                            Do(new QueueWithdrawal(name, "A", held / 2UL + UInt256.One, $"w{withdrawals++}"));
                        }
                        break;
                    default:
                        Do(new Redelegate(name, $"op{rng.Next(Operators)}", ["r" + withdrawals++]));
                        break;
                }
            }
            if (day % 30 == 29)
            {
                Do(new Allocate($"op{(day / 30 * 11) % Operators}", "avs0", 0, "A", Wad.Unit / 2UL));
            }
            Do(new Roll(Day / 12));
        }
        var build = watch.Elapsed.TotalSeconds;
        watch.Restart();
        Distribution? distribution = null;
        var end = Restake.Rewards.Days.Floor(engine.State.Time) - Day;
        distribution = calculator.Calculate(engine.State, end);
        var calculate = watch.Elapsed.TotalSeconds;
        return new Result(Stakers, Days, submissions, build, calculate, distribution.EarnerCount, GC.GetTotalMemory(false), "0x" + Convert.ToHexStringLower(distribution.Root));
    }
}
