using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Workloads;

/// <summary>Builds networks of many stakers delegated to one operator that one operator set can slash.</summary>
public static class Networks
{
    public const string Operator = "op";
    public const string Avs = "avs";
    public static readonly UInt256 DepositAmount = UInt256.Pow10(18) * 32UL;

    /// <summary>An engine with tokens A and B, an operator fully allocated to avs/0 in both, and no stakers yet.</summary>
    public static Engine Empty()
    {
        var engine = new Engine(new ProtocolParams { WithdrawalDelayBlocks = 50, DeallocationDelayBlocks = 50 }, recordEvents: false);
        Must(engine, new AddToken("A", 18), new AddToken("B", 18), new AddStrategy("A"), new AddStrategy("B"),
            new RegisterOperator(Operator), new RegisterAvs(Avs), new CreateOperatorSet(Avs, 0, ["A", "B"]),
            new RegisterForSets(Operator, Avs, [0]),
            new Allocate(Operator, Avs, 0, "A", Wad.Unit), new Allocate(Operator, Avs, 0, "B", Wad.Unit), new Roll(1));
        return engine;
    }

    /// <summary>The commands that give <paramref name="stakers"/> stakers one deposit and a delegation each.</summary>
    public static Command[] DepositAndDelegate(int stakers, int firstIndex = 0, string strategy = "A")
    {
        var commands = new Command[stakers * 2];
        for (var i = 0; i < stakers; i++)
        {
            var name = StakerName(firstIndex + i);
            commands[2 * i] = new Deposit(name, strategy, DepositAmount, MintShortfall: true);
            commands[(2 * i) + 1] = new DelegateTo(name, Operator);
        }
        return commands;
    }

    /// <summary>A network of <paramref name="stakers"/> delegated stakers holding positions in both strategies.</summary>
    public static Engine WithStakers(int stakers, bool twoPositions = true)
    {
        var engine = Empty();
        for (var i = 0; i < stakers; i++)
        {
            var name = StakerName(i);
            Must(engine, new Deposit(name, "A", DepositAmount, MintShortfall: true));
            if (twoPositions)
            {
                Must(engine, new Deposit(name, "B", DepositAmount, MintShortfall: true));
            }
            Must(engine, new DelegateTo(name, Operator));
        }
        return engine;
    }

    /// <summary>A tiny slash of the operator in strategy A: each call lowers its magnitude a little.</summary>
    public static readonly Slash SmallSlash = new(Avs, 0, Operator, [new SlashStrategy("A", 1_000_000UL)]);

    public static string StakerName(int i) => "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Must(Engine engine, params Command[] commands)
    {
        foreach (var c in commands)
        {
            var outcome = engine.Execute(c);
            if (!outcome.Accepted)
            {
                throw new InvalidOperationException($"{c.GetType().Name} was refused: {outcome.Error}");
            }
        }
    }
}
