using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Protocol.Tests;

/// <summary>Token transfers and deposits paid by another account: what a liquid restaking pool does with its users' tokens.</summary>
public class TransferTests
{
    private static Engine WithToken()
    {
        var engine = new Engine(Builder.Testnet);
        Builder.Must(engine, new AddToken("T", 18), new AddStrategy("T"), new Mint("alice", "T", 100UL));
        return engine;
    }

    [Fact]
    public void a_transfer_moves_the_balance_and_emits_the_event()
    {
        var engine = WithToken();
        Builder.Must(engine, new TransferToken("alice", "bob", "T", 40UL));
        Assert.Equal((UInt256)60UL, engine.State.BalanceOf("alice", "T"));
        Assert.Equal((UInt256)40UL, engine.State.BalanceOf("bob", "T"));
        Assert.Equal(new Transfer("alice", "bob", "T", 40UL), engine.Events[^1]);
    }

    [Fact]
    public void a_transfer_above_the_balance_is_refused_and_changes_nothing()
    {
        var engine = WithToken();
        var before = Builder.Fingerprint(engine);
        Assert.Equal("ERC20InsufficientBalance", engine.Execute(new TransferToken("alice", "bob", "T", 101UL)).Error?.Name);
        Assert.Equal("OnlyUnderlyingToken", engine.Execute(new TransferToken("alice", "bob", "nope", 1UL)).Error?.Name);
        Assert.Equal(before, Builder.Fingerprint(engine));
    }

    [Fact]
    public void a_deposit_from_another_account_pays_from_it_and_credits_the_staker()
    {
        var engine = WithToken();
        Builder.Must(engine, new Deposit("pool/nd0", "T", 30UL, From: "alice"));
        Assert.Equal((UInt256)70UL, engine.State.BalanceOf("alice", "T"));
        Assert.Equal(UInt256.Zero, engine.State.BalanceOf("pool/nd0", "T"));
        Assert.Equal((UInt256)30UL, engine.State.Stakers["pool/nd0"].AllPositions.Single().DepositShares);
        var before = Builder.Fingerprint(engine);
        Assert.Equal("ERC20InsufficientBalance", engine.Execute(new Deposit("pool/nd0", "T", 71UL, From: "alice")).Error?.Name);
        Assert.Equal(before, Builder.Fingerprint(engine));
    }
}
