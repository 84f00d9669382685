using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Protocol.Tests;

/// <summary>Small networks for tests, built through commands like any user's.</summary>
internal static class Builder
{
    public static ProtocolParams Testnet => new() { WithdrawalDelayBlocks = 50, DeallocationDelayBlocks = 50, AllocationConfigurationDelayBlocks = 75 };

    /// <summary>alice deposits 100 T and delegates to op, which allocates to avs/0.</summary>
    public static Engine SlashableOperator(UInt256 allocation)
    {
        var engine = new Engine(Testnet);
        Must(engine,
            new AddToken("T", 18), new AddStrategy("T"),
            new RegisterOperator("op"), new Deposit("alice", "T", UInt256.Pow10(20), MintShortfall: true), new DelegateTo("alice", "op"),
            new RegisterAvs("avs"), new CreateOperatorSet("avs", 0, ["T"]), new RegisterForSets("op", "avs", [0]),
            new Allocate("op", "avs", 0, "T", allocation), new Roll(1));
        return engine;
    }

    public static void Slash(Engine engine, UInt256 wad) => Must(engine, new Slash("avs", 0, "op", [new SlashStrategy("T", wad)]));

    public static void Must(Engine engine, params Command[] commands)
    {
        foreach (var c in commands)
        {
            var outcome = engine.Execute(c);
            Assert.True(outcome.Accepted, $"{c} was refused: {outcome.Error}");
        }
    }

    public static string Fingerprint(Engine engine) =>
        Restake.Scenarios.StateDocument.ToJson(Restake.Scenarios.StateDocument.Build(engine.State, null));
}
