using System.Numerics;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Risk;

namespace Restake.Risk.Tests;

public class EngineNetworkTests
{
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);

    // alice 100 T → op1 (half to a/0, half to b/0), bob 200 T → op2 (all to a/0), carol 300 T → op3
    // (60 % to a/1). First deposits mint shares 1:1, so slashable stake is shares · magnitude / WAD.
    private static Engine Build()
    {
        var engine = new Engine(new ProtocolParams { WithdrawalDelayBlocks = 50, DeallocationDelayBlocks = 50, AllocationConfigurationDelayBlocks = 75 });
        var half = UInt256.Pow10(18) / 2;
        Command[] commands =
        [
            new AddToken("T", 18), new AddStrategy("T"),
            new RegisterOperator("op1"), new RegisterOperator("op2"), new RegisterOperator("op3"),
            new Deposit("alice", "T", UInt256.Pow10(20), MintShortfall: true), new DelegateTo("alice", "op1"),
            new Deposit("bob", "T", UInt256.Pow10(20) * 2, MintShortfall: true), new DelegateTo("bob", "op2"),
            new Deposit("carol", "T", UInt256.Pow10(20) * 3, MintShortfall: true), new DelegateTo("carol", "op3"),
            new RegisterAvs("a"), new RegisterAvs("b"),
            new CreateOperatorSet("a", 0, ["T"]), new CreateOperatorSet("a", 1, ["T"]), new CreateOperatorSet("b", 0, ["T"]),
            new RegisterForSets("op1", "a", [0]), new RegisterForSets("op1", "b", [0]),
            new RegisterForSets("op2", "a", [0]), new RegisterForSets("op3", "a", [1]),
            new Allocate("op1", "a", 0, "T", half), new Allocate("op1", "b", 0, "T", half),
            new Allocate("op2", "a", 0, "T", UInt256.Pow10(18)),
            new Allocate("op3", "a", 1, "T", UInt256.Pow10(17) * 6),
            new Roll(1),
        ];
        foreach (var c in commands)
        {
            var outcome = engine.Execute(c);
            Assert.True(outcome.Accepted, $"{c} was refused: {outcome.Error}");
        }
        return engine;
    }

    private static readonly Dictionary<string, SetDeclaration> Declared = new()
    {
        ["a/0"] = new(150 * Eth, 5000),
        ["a/1"] = new(100 * Eth, 6667),
        ["b/0"] = new(40 * Eth, 3334),
    };

    [Fact]
    public void Engine_state_becomes_the_unique_stake_graph()
    {
        var net = EngineNetwork.FromState(Build().State, Declared);
        Assert.Equal(["op1", "op2", "op3"], net.Operators.Select(o => o.Name));
        Assert.Equal(["a/0", "a/1", "b/0"], net.Services.Select(s => s.Name));
        Assert.Equal([100 * Eth, 200 * Eth, 300 * Eth], net.Operators.Select(o => o.Stake));
        Assert.Equal(50 * Eth, net.Allocation(0, 0));
        Assert.Equal(50 * Eth, net.Allocation(0, 2));
        Assert.Equal(200 * Eth, net.Allocation(1, 0));
        Assert.Equal(180 * Eth, net.Allocation(2, 1));
        Assert.Equal(BigInteger.Zero, net.Allocation(2, 0));
        Assert.False(net.IsFullReuse);
    }

    // Hand-worked: a/0 has 250 securing, needs 125: op2 alone costs 200 > 150. a/1 needs 120.006 of 180:
    // op3 costs 180 > 100. b/0 needs 16.67 of 50: op1 loses min(100, 50) = 50 > 40, net −10: the best.
    // Together a/0 + b/0 via op1 and op2 costs 100 + 200 for 190. Secure, margin 10 ETH.
    [Fact]
    public void Security_of_the_engine_network_by_hand_and_by_both_searches()
    {
        var net = EngineNetwork.FromState(Build().State, Declared);
        var bf = BruteForce.MostProfitable(net)!;
        Assert.Equal(-10 * Eth, bf.Net);
        Assert.Equal(["b/0"], bf.Services.Select(s => net.Services[s].Name));
        var sv = AttackSolver.MostProfitable(net, new SolverOptions(10, 1));
        Assert.Equal(SolveStatus.Optimal, sv.Status);
        Assert.True(sv.ExactScaling);
        Assert.Equal(-10 * Eth, sv.ObjectiveValue);
    }

    // Costs of corruption, by hand: a/0 200 (op2 alone), a/1 180 (op3), b/0 50 (op1's allocation there).
    [Fact]
    public void Cost_of_corruption_per_set_by_hand_and_by_both_searches()
    {
        var net = EngineNetwork.FromState(Build().State, Declared);
        BigInteger[] expected = [200 * Eth, 180 * Eth, 50 * Eth];
        for (var s = 0; s < 3; s++)
        {
            Assert.Equal(expected[s], BruteForce.CostOfCorruption(net, s).Cost);
            var sv = AttackSolver.CostOfCorruption(net, s, new SolverOptions(10, 1));
            Assert.Equal(SolveStatus.Optimal, sv.Status);
            Assert.Equal(expected[s], sv.Attack!.Cost);
            Assert.Equal(net.Services[s].ProfitFromCorruption - expected[s], sv.ObjectiveValue);
        }
    }

    [Fact]
    public void Exposure_graph_runs_from_staker_through_operator_to_set()
    {
        var exposures = EngineNetwork.Exposures(Build().State);
        Assert.Equal(
        [
            new Exposure("alice", "op1", "a/0", "T", 50 * Eth),
            new Exposure("alice", "op1", "b/0", "T", 50 * Eth),
            new Exposure("bob", "op2", "a/0", "T", 200 * Eth),
            new Exposure("carol", "op3", "a/1", "T", 180 * Eth),
        ], exposures);
    }

    [Fact]
    public void Undeclared_set_key_is_a_named_error()
    {
        var bad = new Dictionary<string, SetDeclaration> { ["nope/0"] = new(1, 5000) };
        Assert.Equal("UnknownOperatorSet", Assert.Throws<RiskModelException>(() => EngineNetwork.FromState(Build().State, bad)).Code);
    }
}
