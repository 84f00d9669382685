using Restake.Picasso;

namespace Restake.Picasso.Tests;

/// <summary>The whole story: packets both ways across an epoch change, then equivocation, a frozen client, slashed stake.</summary>
public class EndToEndTests
{
    private const ulong Sol = 1_000_000_000;

    private static PicassoNetwork Network()
    {
        var n = new PicassoNetwork(new NetworkOptions { SlashRateWad = RestakingVault.Wad / 5 });
        foreach (var v in new[] { "v1", "v2", "v3", "v4" })
        {
            n.AddValidator(v);
        }
        n.Deposit("alice", "SOL", 100 * Sol, "v1");
        n.Deposit("bob", "mSOL", 60 * Sol, "v2");
        n.Deposit("carol", "jitoSOL", 80 * Sol, "v3");
        n.Deposit("dave", "bSOL", 50 * Sol, "v4");
        n.Deposit("erin", "SOL", 30 * Sol, "v2");
        Assert.True(n.Launch().IsOk);
        return n;
    }

    private static FinalisedBlock Block(PicassoNetwork n, string? packet = null)
    {
        if (packet is not null)
        {
            n.SendToCounterparty(packet);
        }
        n.AdvanceSlots(n.Options.Chain.MinBlockLength);
        return n.ProduceAndFinalise().Value;
    }

    [Fact]
    public void Packets_cross_both_ways_across_an_epoch_change()
    {
        var n = Network();
        var genesisEpoch = n.Chain!.Epoch.Commitment;

        var out1 = n.SendToCounterparty("guest->hub #1").Value;
        var in1 = n.SendToGuest("hub->guest #1").Value;
        Block(n);
        var r1 = n.Relay().Value;
        Assert.Equal([out1.Sequence], r1.DeliveredToCounterparty.Select(p => p.Sequence));
        Assert.Equal([in1.Sequence], r1.DeliveredToGuest.Select(p => p.Sequence));
        Assert.Equal([out1.Sequence], r1.AcknowledgedOnGuest.Select(p => p.Sequence));

        // A new depositor's validator changes the top set: the next epoch is due after min_epoch_length.
        n.AddValidator("v5");
        Assert.True(n.Deposit("frank", "SOL", 120 * Sol, "v5").IsOk);
        var out2 = n.SendToCounterparty("guest->hub #2, last block of epoch 0").Value;
        n.AdvanceSlots(n.Options.Chain.MinEpochLength);
        var end = n.ProduceAndFinalise().Value;
        Assert.NotNull(end.Block.NextEpoch);
        Assert.Contains(end.Block.NextEpoch!.Validators, v => v.PubKey == n.KeyOf("v5").Value);

        var out3 = n.SendToCounterparty("guest->hub #3, epoch 1").Value;
        var in2 = n.SendToGuest("hub->guest #2").Value;
        var first = Block(n);
        Assert.Equal(end.Header.Hash, first.Header.EpochId);
        Assert.Contains(first.Signatures, s => first.SigningEpoch.Validators[s.Index].PubKey == n.KeyOf("v5").Value);

        var r2 = n.Relay().Value;
        Assert.Equal([end.Header.BlockHeight, first.Header.BlockHeight], r2.GuestHeadersRelayed); // the epoch-ending block is relayed
        Assert.Equal([out2.Sequence, out3.Sequence], r2.DeliveredToCounterparty.Select(p => p.Sequence));
        Assert.Equal([in1.Sequence], r2.AcknowledgedOnCounterparty.Select(p => p.Sequence)); // the guest's ack of hub #1, proven in a guest block
        Assert.Equal([in2.Sequence], r2.DeliveredToGuest.Select(p => p.Sequence));
        Assert.Equal([out2.Sequence, out3.Sequence], r2.AcknowledgedOnGuest.Select(p => p.Sequence));
        var client = n.Counterparty!.Client;
        Assert.Equal(genesisEpoch, client.PrevEpochCommitment);
        Assert.Equal(end.Block.NextEpoch.Commitment, client.EpochCommitment);

        Block(n);
        var r3 = n.Relay().Value;
        Assert.Equal([in2.Sequence], r3.AcknowledgedOnCounterparty.Select(p => p.Sequence));
        Assert.Empty(n.GuestIbc.InFlight);
        Assert.Empty(n.Counterparty.Ibc.InFlight);
        Assert.Equal(["guest->hub #1", "guest->hub #2, last block of epoch 0", "guest->hub #3, epoch 1"], n.Counterparty.Ibc.Received.Select(p => p.Text));
        Assert.Equal(["hub->guest #1", "hub->guest #2"], n.GuestIbc.Received.Select(p => p.Text));
    }

    [Fact]
    public void Equivocation_freezes_the_client_and_slashes_only_those_who_signed_both()
    {
        var n = Network();
        n.SendToCounterparty("honest");
        var real = Block(n);
        Assert.True(n.Relay().IsOk);
        var client = n.Counterparty!.Client;

        // Stakes (one-for-one, SOL): v1 100, v2 90, v3 80, v4 50 = 320, quorum 320 / 2 + 1 lamports. The real block was signed in set order
        // (v1, v2 reach 190); v2, v3 and v4 (220) sign a forged block at the same height.
        Assert.Equal((UInt128)160_000_000_001, real.SigningEpoch.QuorumStake);
        var forged = n.Equivocate(["v2", "v3", "v4"], real.Header.BlockHeight).Value;
        Assert.Equal(UpdateOutcome.FrozenByMisbehaviour, n.UpdateCounterpartyClient(forged).Value);
        Assert.True(client.IsFrozen);

        var realHeader = n.HeaderAt(real.Header.BlockHeight);
        var punished = n.ReportMisbehaviour(new Misbehaviour(realHeader, forged)).Value;
        Assert.Equal(["v2"], punished.Equivocators); // v3 and v4 signed only the forged block; v1 only the real one

        // v2 held bob's 60 mSOL and erin's 30 SOL; 20 % of each pool: 12 mSOL and 6 SOL.
        var slash = Assert.Single(punished.Slashes);
        Assert.Equal(((ulong)60 * Sol, (ulong)12 * Sol), slash.Tokens["mSOL"]);
        Assert.Equal(((ulong)30 * Sol, (ulong)6 * Sol), slash.Tokens["SOL"]);
        Assert.Equal((UInt128)(90 * Sol), slash.StakeBefore);
        Assert.Equal((UInt128)(72 * Sol), slash.StakeAfter);
        Assert.Equal((UInt128)(72 * Sol), n.Chain!.Candidates.StakeOf(n.KeyOf("v2").Value));
        Assert.True(n.Chain.Candidates.Changed); // the next epoch carries the lower stake

        // The losses reach the depositors: bob can withdraw 48 mSOL after unbonding.
        var bob = n.Vault.Receipts.Single(r => r.Owner == "bob");
        n.RequestWithdrawal("bob", bob.Id);
        n.AdvanceSeconds((ulong)RestakingVault.UnbondingPeriodSec);
        Assert.Equal(48 * Sol, n.Withdraw(bob.Id).Value);

        Assert.Equal("EvidenceAlreadyUsed", n.ReportMisbehaviour(new Misbehaviour(realHeader, forged)).Error!.Name);
    }

    [Fact]
    public void A_forged_header_the_client_has_no_block_for_is_caught_by_evidence_and_the_whole_coalition_is_slashed()
    {
        var n = Network();
        var real = Block(n, "a");
        Block(n, "b");
        Assert.True(n.Relay().IsOk); // only the newest block is relayed; the client never saw `real`
        var forged = n.Equivocate(["v1", "v2"], real.Header.BlockHeight).Value;
        Assert.Equal(UpdateOutcome.Updated, n.UpdateCounterpartyClient(forged).Value); // the attack lands...

        var evidence = new Misbehaviour(n.HeaderAt(real.Header.BlockHeight), forged);
        Assert.True(n.Counterparty!.Client.SubmitMisbehaviour(evidence).IsOk); // ...until a watcher shows the real block
        Assert.True(n.Counterparty.Client.IsFrozen);
        var punished = n.ReportMisbehaviour(evidence).Value;
        Assert.Equal(["v1", "v2"], punished.Equivocators.Order());
        Assert.Equal(100 * Sol * 4 / 5, n.Vault.Receipts.Single(r => r.Owner == "alice").Amount);
    }

    [Fact]
    public void Evidence_that_does_not_hold_slashes_nobody()
    {
        var n = Network();
        var real = Block(n, "a");
        var header = n.HeaderAt(real.Header.BlockHeight);
        Assert.Equal("NotMisbehaviour", n.ReportMisbehaviour(new Misbehaviour(header, header)).Error!.Name);
        var forgedByOthers = n.Equivocate(["v3", "v4", "v2"], real.Header.BlockHeight).Value;
        var onlyV1 = header with { Signatures = [.. header.Signatures.Where(s => real.SigningEpoch.Validators[s.Index].PubKey == n.KeyOf("v1").Value)] };
        Assert.Equal("QuorumNotReached", n.ReportMisbehaviour(new Misbehaviour(onlyV1, forgedByOthers)).Error!.Name);
        var weak = n.Equivocate(["v3", "v4"], real.Header.BlockHeight).Value; // 130 SOL < the 160 SOL + 1 lamport quorum
        Assert.Equal("QuorumNotReached", n.ReportMisbehaviour(new Misbehaviour(header, weak)).Error!.Name);
        Assert.Empty(n.Slashes);
        Assert.All(n.Vault.Receipts, r => Assert.Equal(r.Deposited, r.Amount));
    }

    [Fact]
    public void Heights_and_timestamps_in_opposite_order_are_misbehaviour_too()
    {
        var n = Network();
        var b1 = Block(n, "a");
        var b2 = Block(n, "b");
        n.UpdateCounterpartyClient(n.HeaderAt(b1.Header.BlockHeight));
        // A forged block 2 stamped before block 1: the client sees a timestamp not after its neighbour's and freezes.
        var early = n.Equivocate(["v1", "v2"], b2.Header.BlockHeight, "rewind", timestampNs: b1.Header.TimestampNs - 1).Value;
        Assert.Equal(UpdateOutcome.FrozenByMisbehaviour, n.UpdateCounterpartyClient(early).Value);
        // As evidence beside block 1 (different heights, opposite order), it slashes whoever signed both.
        var punished = n.ReportMisbehaviour(new Misbehaviour(n.HeaderAt(b1.Header.BlockHeight), early)).Value;
        Assert.Equal(["v1", "v2"], punished.Equivocators.Order());
        // Two honest blocks in order are not evidence.
        Assert.Equal("NotMisbehaviour", n.ReportMisbehaviour(new Misbehaviour(n.HeaderAt(b1.Header.BlockHeight), n.HeaderAt(b2.Header.BlockHeight))).Error!.Name);
    }

    [Fact]
    public void Chain_verbs_before_launch_are_refused_by_name()
    {
        var n = new PicassoNetwork();
        n.AddValidator("v1");
        Assert.Equal("NotLaunched", n.ProduceBlock().Error!.Name);
        Assert.Equal("NotLaunched", n.Sign("v1").Error!.Name);
        Assert.Equal("NotLaunched", n.Relay().Error!.Name);
        Assert.Equal("NotLaunched", n.SendToGuest("x").Error!.Name);
        Assert.Equal("NotLaunched", n.Equivocate(["v1"], 1).Error!.Name);
        Assert.Equal("UnknownValidator", n.Deposit("a", "SOL", 1, "nobody").Error!.Name);
        Assert.Equal("BadGenesis", n.Launch().Error!.Name); // no stake yet
        Assert.True(n.Deposit("a", "SOL", 2_000_000_000, "v1").IsOk);
        Assert.True(n.Launch().IsOk);
        Assert.Equal("BadGenesis", n.Launch().Error!.Name);
    }

    [Fact]
    public void Events_tell_the_story_in_order_and_the_slash_is_reported_like_an_eigenlayer_slash()
    {
        var n = Network();
        n.SendToCounterparty("p");
        var real = Block(n);
        n.Relay();
        var forged = n.Equivocate(["v2", "v3", "v4"], real.Header.BlockHeight).Value;
        n.UpdateCounterpartyClient(forged);
        n.ReportMisbehaviour(new Misbehaviour(n.HeaderAt(real.Header.BlockHeight), forged));
        var names = n.Events.Select(e => e.Name).ToList();
        Assert.Equal(["Deposited", "Deposited", "Deposited", "Deposited", "Deposited", "Initialised", "PacketSent", "NewBlock", "BlockSigned", "BlockSigned", "BlockFinalised",
            "ClientUpdated", "PacketReceived", "PacketAcknowledged", "ClientFrozen", "ValidatorSlashed"], names);
        var slashed = Assert.IsType<ValidatorSlashed>(n.Events[^1]);
        Assert.Equal("v2", slashed.Validator);
        Assert.Equal(RestakingVault.Wad / 5, slashed.WadSlashed);
        Assert.Equal(["SOL", "mSOL"], slashed.Tokens);
        Assert.Equal([6 * Sol, 12 * Sol], slashed.AmountsSlashed);
        // Refusals add no event.
        var count = n.Events.Count;
        n.Relay();
        n.Withdraw(99);
        Assert.Equal(count, n.Events.Count);
    }
}
