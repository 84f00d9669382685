using Restake.Picasso;
using Restake.Protocol;

namespace Restake.Picasso.Tests;

public class ChainTests
{
    private static readonly SigningKey Ali = SigningKey.FromName("ali"), Bob = SigningKey.FromName("bob"), Eve = SigningKey.FromName("eve");

    // Upstream manager.rs test_generate's config: min_block_length 4, max_block_age_ns 1000, min_epoch_length 8, max 3 validators.
    private static readonly ChainConfig Cfg = new(1, 3, 1, 1, 1, MinBlockLength: 4, MaxBlockAgeNs: 1000, MinEpochLength: 8);

    private static GuestChain NewChain(ChainConfig? cfg = null) =>
        GuestChain.Start(cfg ?? Cfg, [new(Ali.PubKey, 2), new(Bob.PubKey, 2), new(Eve.PubKey, 2)], hostHeight: 1, timestampNs: 1, CryptoHash.Zero).Value;

    private static Result<SignEffect> SignHead(GuestChain c, SigningKey k) => c.Sign(k.PubKey, k.Sign(c.Pending!.Fingerprint));

    [Theory]
    // Upstream quorum: min(total, max(total / 2 + 1, min_quorum_stake)) -- more than half, not two thirds.
    [InlineData(6, 1, 4)]
    [InlineData(20, 1, 11)]
    [InlineData(21, 1, 11)]
    [InlineData(20, 15, 15)]
    [InlineData(20, 30, 20)]
    public void Quorum_is_more_than_half_the_stake_raised_to_the_minimum_and_capped_at_the_total(ulong total, ulong min, ulong quorum) =>
        Assert.Equal((UInt128)quorum, Epoch.ChainQuorum(total, min));

    [Fact]
    public void Block_generation_and_signing_follow_the_upstream_manager_test()
    {
        var c = NewChain();
        Assert.Equal((UInt128)4, c.Epoch.QuorumStake);
        Assert.Equal("BlockTooYoung", c.GenerateNext(4, 2, CryptoHash.Zero).Error!.Name);
        Assert.Equal("UnchangedState", c.GenerateNext(5, 2, CryptoHash.Zero).Error!.Name);
        Assert.Equal("BadHostTimestamp", c.GenerateNext(5, 1, CryptoHash.Test(1)).Error!.Name);
        Assert.True(c.GenerateNext(5, 2, CryptoHash.Test(1)).IsOk);
        Assert.Equal("HasPendingBlock", c.GenerateNext(10, 3, CryptoHash.Test(2)).Error!.Name);

        Assert.Equal(SignEffect.NoQuorumYet, SignHead(c, Ali).Value);
        Assert.Equal(SignEffect.Duplicate, SignHead(c, Ali).Value);
        var stranger = SigningKey.FromName("stranger");
        Assert.Equal("BadValidator", SignHead(c, stranger).Error!.Name);
        Assert.Equal("BadSignature", c.Sign(Bob.PubKey, stranger.Sign(c.Pending!.Fingerprint)).Error!.Name);
        Assert.Equal(0ul, c.Head.BlockHeight);
        Assert.Equal(SignEffect.GotQuorum, SignHead(c, Bob).Value);
        Assert.Equal(1ul, c.Head.BlockHeight);
        Assert.Equal("NoPendingBlock", c.Sign(Eve.PubKey, Eve.Sign(new byte[72])).Error!.Name);

        // max_block_age_ns: an unchanged state still makes a block once the last one is 1000 ns old.
        Assert.Equal("UnchangedState", c.GenerateNext(10, 1001, CryptoHash.Test(1)).Error!.Name);
        Assert.True(c.GenerateNext(10, 1002, CryptoHash.Test(1)).IsOk);
    }

    [Fact]
    public void A_stake_change_brings_a_new_epoch_after_min_epoch_length_and_the_next_block_carries_its_id()
    {
        var c = NewChain();
        Assert.True(c.SetStake(Ali.PubKey, 10).IsOk);
        Assert.True(c.Candidates.Changed);
        // Host 5 is 4 slots after genesis (host 1): no epoch yet (min_epoch_length 8).
        var b1 = c.GenerateNext(5, 2, CryptoHash.Test(1)).Value;
        Assert.Null(b1.NextEpoch);
        SignHead(c, Ali);
        SignHead(c, Bob);
        var b2 = c.GenerateNext(9, 3, CryptoHash.Test(1)).Value; // 8 slots: due, though the state did not change
        Assert.NotNull(b2.NextEpoch);
        Assert.Equal([Ali.PubKey, .. new[] { Bob.PubKey, Eve.PubKey }.Order()], b2.NextEpoch!.Validators.Select(v => v.PubKey));
        Assert.Equal((UInt128)14, b2.NextEpoch.TotalStake);
        Assert.Equal((UInt128)8, b2.NextEpoch.QuorumStake);
        Assert.False(c.Candidates.Changed);
        // The old epoch signs the epoch-ending block.
        SignHead(c, Bob);
        Assert.Equal(SignEffect.GotQuorum, SignHead(c, Eve).Value);
        Assert.Same(b2.NextEpoch, c.Epoch);
        var b3 = c.GenerateNext(13, 4, CryptoHash.Test(2)).Value;
        Assert.Equal(b2.Header.Hash, b3.Header.EpochId);
        // Bob and Eve (4 of 14) no longer reach quorum 8; Ali alone (10) does.
        Assert.Equal(SignEffect.NoQuorumYet, SignHead(c, Bob).Value);
        Assert.Equal(SignEffect.NoQuorumYet, SignHead(c, Eve).Value);
        Assert.Equal(SignEffect.GotQuorum, SignHead(c, Ali).Value);
        Assert.Equal(2, c.Epochs.Count); // the genesis epoch and the new one
    }

    [Fact]
    public void Candidates_are_ordered_by_stake_then_key_and_only_the_top_max_validators_serve()
    {
        var cfg = Cfg with { MaxValidators = 2 };
        var c = GuestChain.Start(cfg, [new(Ali.PubKey, 5), new(Bob.PubKey, 7), new(Eve.PubKey, 5)], 1, 1, CryptoHash.Zero).Value;
        var expectedThird = Ali.PubKey < Eve.PubKey ? Eve.PubKey : Ali.PubKey;
        Assert.Equal(2, c.Epoch.Validators.Count);
        Assert.Equal(Bob.PubKey, c.Epoch.Validators[0].PubKey);
        Assert.Equal(expectedThird, c.Candidates.All[2].PubKey);
        Assert.Null(c.Epoch.Find(expectedThird));
    }

    [Fact]
    public void Stake_updates_keep_the_upstream_minimums()
    {
        var cfg = Cfg with { MinValidators = 3, MinValidatorStake = 2, MinTotalStake = 5 };
        var c = NewChain(cfg);
        Assert.Equal("NotEnoughValidatorStake", c.SetStake(Ali.PubKey, 1).Error!.Name);
        Assert.Equal("NotEnoughValidators", c.SetStake(Ali.PubKey, 0).Error!.Name);
        var c2 = NewChain(Cfg with { MinTotalStake = 6 });
        Assert.Equal("NotEnoughTotalStake", c2.SetStake(Ali.PubKey, 1).Error!.Name);
        Assert.False(c2.Candidates.Changed);
        Assert.Equal((UInt128)2, c2.Candidates.StakeOf(Ali.PubKey));
        // A slash is never refused: forced below the validator minimum, the candidate drops out.
        Assert.True(c.SetStake(Ali.PubKey, 1, forced: true).IsOk);
        Assert.Equal(UInt128.Zero, c.Candidates.StakeOf(Ali.PubKey));
    }

    [Fact]
    public void A_withdrawal_the_chain_refuses_is_refused_whole()
    {
        var n = new PicassoNetwork(new NetworkOptions { Chain = ChainConfig.Demo with { MinValidators = 1, MinTotalStake = 5_000_000_000 } });
        n.AddValidator("v1");
        var r = n.Deposit("alice", "SOL", 6_000_000_000, "v1").Value;
        n.Launch();
        n.RequestWithdrawal("alice", r.Id);
        n.AdvanceSeconds((ulong)RestakingVault.UnbondingPeriodSec);
        Assert.Equal("NotEnoughValidators", n.Withdraw(r.Id).Error!.Name);
        Assert.NotNull(n.Vault.Find(r.Id));
        Assert.Equal((UInt128)6_000_000_000, n.Chain!.Candidates.StakeOf(n.KeyOf("v1").Value));
    }
}
