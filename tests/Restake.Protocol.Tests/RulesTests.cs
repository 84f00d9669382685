using CsCheck;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Protocol.Tests;

/// <summary>Who may do what, when: authorization, stage gates and the staker's strategy list.</summary>
public class RulesTests
{
    private static string? Refusal(Engine engine, Command command) => engine.Execute(command).Error?.Name;

    [Fact]
    public void only_the_operator_allocates_its_magnitude()
    {
        var engine = Builder.SlashableOperator(allocation: 500_000_000_000_000_000UL);
        Assert.Equal("InvalidPermissions", Refusal(engine, new Allocate("op", "avs", 0, "T", Wad.Unit, Caller: "avs")));
        Assert.Equal("UninitializedAllocationDelay", Refusal(engine, new Allocate("alice", "avs", 0, "T", Wad.Unit)));
    }

    [Fact]
    public void only_the_avs_slashes_its_own_operator_sets()
    {
        var engine = Builder.SlashableOperator(allocation: Wad.Unit);
        Builder.Must(engine, new RegisterAvs("other"), new CreateOperatorSet("other", 0, ["T"]));
        var slash = new Slash("avs", 0, "op", [new SlashStrategy("T", Wad.Unit)], Caller: "other");
        Assert.Equal("InvalidCaller", Refusal(engine, slash));
        // "other" can name its own set, but op never joined it, so there is nothing of op's to slash there.
        Assert.Equal("OperatorNotSlashable", Refusal(engine, new Slash("other", 0, "op", [new SlashStrategy("T", Wad.Unit)])));
        Assert.Equal(Wad.One, engine.State.Operators["op"].Strategies[0].MaxMagnitude);
    }

    [Fact]
    public void only_the_staker_moves_its_own_shares()
    {
        var engine = Builder.SlashableOperator(allocation: Wad.Unit);
        Builder.Must(engine, new QueueWithdrawal("alice", "T", UInt256.Pow10(18), "w"), new Roll(51));
        Assert.Equal("WithdrawerNotCaller", Refusal(engine, new CompleteWithdrawal("w", AsTokens: true, Caller: "mallory")));
        Assert.Equal("CallerCannotUndelegate", Refusal(engine, new Undelegate("alice", Caller: "mallory")));
        Assert.Equal("SharesAmountTooHigh", Refusal(engine, new QueueWithdrawal("mallory", "T", 1UL, "w2")));
        Builder.Must(engine, new CompleteWithdrawal("w", AsTokens: true, Caller: "alice"));
    }

    [Fact]
    public void stages_open_features_in_order()
    {
        var engine = new Engine(new ProtocolParams { Stage = 1 });
        Builder.Must(engine, new AddToken("T", 18), new AddStrategy("T"), new Deposit("alice", "T", 1000UL, MintShortfall: true), new CreatePod("alice"));
        Assert.Equal("NotAvailableInStage", Refusal(engine, new RegisterOperator("op")));
        Assert.Equal("NotAvailableInStage", Refusal(engine, new RegisterAvs("avs")));
        Builder.Must(engine, new SetStage(2), new RegisterOperator("op"), new RegisterAvs("avs"), new CreateOperatorSet("avs", 0, ["T"]), new RegisterForSets("op", "avs", [0]));
        Assert.Equal("NotAvailableInStage", Refusal(engine, new Allocate("op", "avs", 0, "T", Wad.Unit)));
        Builder.Must(engine, new SetStage(3), new Allocate("op", "avs", 0, "T", Wad.Unit));
        Assert.Equal("InvalidStage", Refusal(engine, new SetStage(2)));
    }

    [Fact]
    public void a_staker_holds_at_most_32_strategies()
    {
        var engine = new Engine();
        for (var i = 0; i < 33; i++)
        {
            Builder.Must(engine, new AddToken($"T{i}", 18), new AddStrategy($"T{i}"));
        }
        for (var i = 0; i < 32; i++)
        {
            Builder.Must(engine, new Deposit("alice", $"T{i}", 1000UL, MintShortfall: true));
        }
        Assert.Equal("MaxStrategiesExceeded", Refusal(engine, new Deposit("alice", "T32", 1000UL, MintShortfall: true)));
        Builder.Must(engine, new QueueWithdrawal("alice", "T0", 1000UL, "w"), new Deposit("alice", "T32", 1000UL, MintShortfall: true));
    }

    [Fact]
    public void undelegation_queues_strategies_in_the_reference_list_order()
    {
        // StrategyManager drops an emptied strategy by moving the last one into its slot: A B C, empty A → C B.
        var engine = new Engine(Builder.Testnet);
        Builder.Must(engine, new AddToken("A", 18), new AddToken("B", 18), new AddToken("C", 18),
            new AddStrategy("A"), new AddStrategy("B"), new AddStrategy("C"), new RegisterOperator("op"),
            new Deposit("alice", "A", 1000UL, MintShortfall: true), new Deposit("alice", "B", 1000UL, MintShortfall: true),
            new Deposit("alice", "C", 1000UL, MintShortfall: true), new QueueWithdrawal("alice", "A", 1000UL, "a"),
            new DelegateTo("alice", "op"), new Undelegate("alice", ["first", "second"]));
        Assert.Equal("C", engine.State.Withdrawals["first"].Strategy.Name);
        Assert.Equal("B", engine.State.Withdrawals["second"].Strategy.Name);
    }

    /// <summary>
    /// §6 row 7 (PR #869): withdrawals are asked in deposit shares, so "withdraw everything" works after
    /// any slashing; the withdrawal stores q = x·k and the operator loses exactly x·k·m.
    /// </summary>
    [Fact]
    public void queueing_all_deposit_shares_never_reverts_after_odd_slashes()
    {
        var wad = Gen.ULong[1, Wad.One - 1];
        Gen.Select(wad.Array[1, 6], Gen.ULong[1_000, ulong.MaxValue]).Sample((slashes, deposit) =>
        {
            var engine = Builder.SlashableOperator(allocation: Wad.Unit);
            Builder.Must(engine, new Deposit("bob", "T", deposit, MintShortfall: true), new DelegateTo("bob", "op"));
            foreach (var w in slashes)
            {
                if (engine.State.Operators["op"].Strategies[0].MaxMagnitude > 0)
                {
                    Builder.Slash(engine, w);
                }
            }
            var strategy = engine.State.Strategies["T"];
            var staker = engine.State.Stakers["bob"];
            var position = staker.Find(strategy)!;
            var shares = position.DepositShares;
            var k = position.ScalingFactor;
            var m = engine.State.Operators["op"].Strategies[0].MaxMagnitude;
            var before = engine.State.Operators["op"].Strategies[0].Shares;
            var outcome = engine.Execute(new QueueWithdrawal("bob", "T", shares, "all"));
            Assert.True(outcome.Accepted, outcome.Error?.ToString());
            Assert.Equal(Wad.MulDown(shares, k), engine.State.Withdrawals["all"].ScaledShares);
            Assert.Equal(before - SlashingMath.CalcWithdrawable(k, shares, m), engine.State.Operators["op"].Strategies[0].Shares);
            Assert.True(staker.Find(strategy)!.DepositShares.IsZero);
        }, iter: 300);
    }
}
