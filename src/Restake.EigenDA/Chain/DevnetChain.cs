using System.Numerics;
using Restake.EigenDA.Network;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Rewards;

namespace Restake.EigenDA.Chain;

/// <summary>
/// A local chain for the DA devnet: the engine with daily rewards windows, tokens stETH and EIGEN (each with a strategy)
/// and WETH (the payment token), operators op1..opN each with one staker restaking 10·i stETH and 1000·i EIGEN and
/// allocating all of it to EigenDA's quorums 0 and 1, and a rollup account holding WETH. Time starts at a midnight and
/// the rewards calculator watches every command, so fees paid for a day become claimable rewards after it.
/// </summary>
public sealed class DevnetChain
{
    public const long Day = 86_400;
    public const string Rollup = "rollup";
    public const string PaymentToken = "WETH";

    /// <summary>2024-04-09T00:00:00Z, a midnight.</summary>
    public const long Genesis = 1_712_620_800;

    private DevnetChain(int operators)
    {
        var parameters = new ProtocolParams
        {
            GenesisTime = Genesis,
            WithdrawalDelayBlocks = 50,
            DeallocationDelayBlocks = 50,
            AllocationConfigurationDelayBlocks = 0,
            // Daily windows and a one-day root activation delay, so a devnet pays out within simulated days.
            Rewards = new RewardsParams { CalculationIntervalSeconds = Day, ActivationDelaySeconds = Day },
        };
        Engine = new Engine(parameters);
        Avs = new EigenDaAvs(Engine, PaymentParams.Devnet, PaymentToken) { Observer = (t, e) => Calculator.Observe(t, e) };
        var ether = UInt256.Pow10(18);
        Avs.Must(new AddToken("stETH", 18));
        Avs.Must(new AddToken("EIGEN", 18));
        Avs.Must(new AddToken(PaymentToken, 18));
        Avs.Must(new AddStrategy("stETH"));
        Avs.Must(new AddStrategy("EIGEN"));
        Avs.Register(["stETH"], "EIGEN");
        for (int i = 1; i <= operators; i++)
        {
            var op = OperatorName(i);
            var staker = StakerOf(op);
            Avs.Must(new RegisterOperator(op));
            Avs.Must(new Deposit(staker, "stETH", (UInt256)(ulong)(10 * i) * ether, MintShortfall: true));
            Avs.Must(new Deposit(staker, "EIGEN", (UInt256)(ulong)(1000 * i) * ether, MintShortfall: true));
            Avs.Must(new DelegateTo(staker, op));
            var key = Devnet.KeyOf(op);
            Avs.RegisterOperator(op, key.PublicKeyG1, key.PublicKeyG2, [0, 1]);
        }
        Avs.Must(new Roll(1));
        for (int i = 1; i <= operators; i++)
        {
            Avs.Must(new Allocate(OperatorName(i), Avs.Name, 0, "stETH", Wad.Unit));
            Avs.Must(new Allocate(OperatorName(i), Avs.Name, 1, "EIGEN", Wad.Unit));
        }
        Avs.Must(new Roll(1));
        Avs.Must(new Mint(Rollup, PaymentToken, (UInt256)100UL * ether));
    }

    public Engine Engine { get; }
    public EigenDaAvs Avs { get; }
    public RewardsCalculator Calculator { get; } = new() { Rounding = RewardsRounding.Floor };

    public static string OperatorName(int i) => "op" + i;

    public static string StakerOf(string op) => "staker-" + op;

    public static DevnetChain Create(int operators) => new(operators);

    /// <summary>Moves the clock forward to <paramref name="time"/> (whole blocks).</summary>
    public void WarpTo(long time)
    {
        var blocks = (time - Engine.State.Time + Engine.State.Params.SecondsPerBlock - 1) / Engine.State.Params.SecondsPerBlock;
        if (blocks > 0)
        {
            Avs.Must(new Roll(blocks));
        }
    }

    /// <summary>
    /// Closes the current day: waits until it is over, pays its revenue as a rewards submission for that day, computes the
    /// distribution through the end of that day, posts the root and waits until it is claimable. Returns the submission's
    /// split and the distribution (null when nothing was earned).
    /// </summary>
    public Settlement? SettleDay()
    {
        var dayStart = Days.Floor(Engine.State.Time);
        var dayEnd = dayStart + Day;
        WarpTo(dayEnd + 60);
        var paid = Avs.SettleRevenue(dayStart, Day, $"{Avs.Name}-fees-{dayStart}");
        if (paid is null)
        {
            return null;
        }
        // The calculator pays a window's days after its start, up to `end`; the snapshot for this window is at dayEnd.
        var distribution = Calculator.Calculate(Engine.State, dayEnd);
        Avs.Must(new SubmitRoot(distribution.Root, dayEnd));
        var rootIndex = Engine.State.Rewards.Roots.Count - 1;
        WarpTo(Engine.State.Rewards.Roots[rootIndex].ActivatedAt + 1);
        return new Settlement(paid.Value.Id, paid.Value.Amounts, distribution, rootIndex);
    }

    /// <summary>What a settled day paid: the submission, per-operator amounts, and the distribution with its root index.</summary>
    public sealed record Settlement(string SubmissionId, IReadOnlyList<(string Operator, BigInteger Amount)> Amounts, Distribution Distribution, int RootIndex);

    /// <summary>Claims an earner's rewards from a settlement's root into its account; returns the amount the claim moved.</summary>
    public BigInteger Claim(Settlement s, string earner)
    {
        var before = (BigInteger)Engine.State.BalanceOf(earner, PaymentToken);
        var claim = s.Distribution.ClaimFor(s.RootIndex, earner, [PaymentToken]) ?? throw new DaException(DaError.PaymentRefused, $"{earner} earned nothing in root {s.RootIndex}");
        Avs.Must(new Restake.Protocol.Claim(claim));
        return (BigInteger)Engine.State.BalanceOf(earner, PaymentToken) - before;
    }
}
