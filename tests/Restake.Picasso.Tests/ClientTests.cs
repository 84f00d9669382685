using System.Text;
using Restake.Picasso;

namespace Restake.Picasso.Tests;

/// <summary>The cf-guest client on the counterparty: header checks, rejections that change nothing, freezing, proofs.</summary>
public class ClientTests
{
    private const ulong Sol = 1_000_000_000;

    // Four validators of 10, 10, 10, 5 SOL: total 35, quorum 35 / 2 + 1 = 18.
    private static PicassoNetwork Launched()
    {
        var n = new PicassoNetwork();
        foreach (var (name, stake) in new[] { ("v1", 10UL), ("v2", 10UL), ("v3", 10UL), ("v4", 5UL) })
        {
            n.AddValidator(name);
            n.Deposit("self-" + name, "SOL", stake * Sol, name);
        }
        n.Launch();
        return n;
    }

    private static FinalisedBlock NextBlock(PicassoNetwork n, string packet = "x")
    {
        n.SendToCounterparty(packet);
        n.AdvanceSlots(n.Options.Chain.MinBlockLength);
        return n.ProduceAndFinalise().Value;
    }

    private static (ulong Latest, int States, bool Frozen) Snapshot(CfGuestClient c) => (c.LatestHeight, c.ConsensusStates.Count, c.IsFrozen);

    [Fact]
    public void Packet_commitment_is_ibc_gos_formula()
    {
        // Hand-worked with Python's hashlib: sha256(be64(1000) || be64(0) || be64(0) || sha256("hello")).
        var p = new Packet(1, "channel-0", "channel-7", Encoding.UTF8.GetBytes("hello"), 1000);
        Assert.Equal("101d8d90ec8493edb7bb4d53fd40c7657cfb99539077399295f019303b5a9716", IbcCommitments.Packet(p).Hex);
    }

    [Fact]
    public void State_trie_root_and_proofs()
    {
        // Hand-worked with Python: node(node(leaf(a), leaf(b)), leaf(c)), the odd leaf carried up.
        var t = new StateTrie();
        Assert.Equal(CryptoHash.Zero, t.Root);
        t.Set("c", CryptoHash.Digest("C"u8));
        t.Set("a", CryptoHash.Digest("A"u8));
        t.Set("b", CryptoHash.Digest("B"u8));
        Assert.Equal("907af38d52ece097e882b40eabd1a20bd9e487bef787408ce146d53f85198913", t.Root.Hex);
        foreach (var k in new[] { "a", "b", "c" })
        {
            var proof = t.Prove(k)!;
            Assert.True(StateTrie.Verify(t.Root, k, t.Get(k)!, proof));
            Assert.False(StateTrie.Verify(t.Root, k, CryptoHash.Digest("other"u8), proof));
        }
        Assert.False(StateTrie.Verify(t.Root, "a", t.Get("a")!, t.Prove("b")!));
        Assert.Null(t.Prove("d"));
    }

    [Fact]
    public void A_header_signed_by_less_than_the_quorum_is_refused_and_changes_nothing()
    {
        var n = Launched();
        var b = NextBlock(n);
        var full = n.HeaderAt(b.Header.BlockHeight);
        // v1 (10) + v4 (5) = 15 < 18.
        var epoch = b.SigningEpoch;
        int Index(string name) => epoch.Validators.ToList().FindIndex(v => v.PubKey == n.KeyOf(name).Value);
        var key1 = SigningKey.FromName("v1");
        var key4 = SigningKey.FromName("v4");
        var fp = Fingerprint.Of(n.Chain!.GenesisHash, b.Header);
        var weak = full with { Signatures = [(Index("v1"), key1.Sign(fp)), (Index("v4"), key4.Sign(fp))] };
        var before = Snapshot(n.Counterparty!.Client);
        var r = n.UpdateCounterpartyClient(weak);
        Assert.Equal("QuorumNotReached", r.Error!.Name);
        Assert.Equal(before, Snapshot(n.Counterparty.Client));
        Assert.True(n.UpdateCounterpartyClient(full).IsOk);
    }

    [Fact]
    public void A_wrong_signature_is_refused_and_changes_nothing()
    {
        var n = Launched();
        var b = NextBlock(n);
        var full = n.HeaderAt(b.Header.BlockHeight);
        var sigs = full.Signatures.ToList();
        var bad = (byte[])sigs[0].Signature.Clone();
        bad[10] ^= 0x40;
        sigs[0] = (sigs[0].Index, bad);
        var before = Snapshot(n.Counterparty!.Client);
        Assert.Equal("BadSignature", n.UpdateCounterpartyClient(full with { Signatures = sigs }).Error!.Name);
        Assert.Equal(before, Snapshot(n.Counterparty.Client));
        // And a signature over another chain's fingerprint (another genesis) does not verify either.
        var other = Fingerprint.Of(CryptoHash.Test(1), b.Header);
        sigs[0] = (sigs[0].Index, SigningKey.FromName(n.NameOf(b.SigningEpoch.Validators[sigs[0].Index].PubKey)).Sign(other));
        Assert.Equal("BadSignature", n.UpdateCounterpartyClient(full with { Signatures = sigs }).Error!.Name);
    }

    [Fact]
    public void Malformed_signature_lists_are_refused_by_name()
    {
        var n = Launched();
        var b = NextBlock(n);
        var full = n.HeaderAt(b.Header.BlockHeight);
        var s0 = full.Signatures[0];
        Assert.Equal("DuplicateSignature", n.UpdateCounterpartyClient(full with { Signatures = [s0, s0, .. full.Signatures.Skip(1)] }).Error!.Name);
        Assert.Equal("ValidatorIndexOutOfBounds", n.UpdateCounterpartyClient(full with { Signatures = [(9, s0.Signature)] }).Error!.Name);
        Assert.Equal("UnexpectedGenesisHash", n.UpdateCounterpartyClient(full with { GenesisHash = CryptoHash.Test(5) }).Error!.Name);
        Assert.Equal("MalformedMessage", n.UpdateCounterpartyClient(full with { BlockHeaderBorsh = [0, 1, 2] }).Error!.Name);
        Assert.Equal(0ul, n.Counterparty!.Client.LatestHeight);
    }

    [Fact]
    public void A_packet_proof_against_the_wrong_root_is_refused()
    {
        var n = Launched();
        var p = n.SendToCounterparty("pay bob 5").Value;
        n.AdvanceSlots(4);
        var b1 = n.ProduceAndFinalise().Value; // commits the packet
        n.AdvanceSlots(4);
        n.SendToCounterparty("another");
        var b2 = n.ProduceAndFinalise().Value;
        n.UpdateCounterpartyClient(n.HeaderAt(b1.Header.BlockHeight));
        n.UpdateCounterpartyClient(n.HeaderAt(b2.Header.BlockHeight));
        var cp = n.Counterparty!;
        var proof = n.ProveOnGuest(b1.Header.BlockHeight, IbcCommitments.CommitmentPath(PicassoNetwork.GuestChannel, p.Sequence))!;
        // The height-1 proof presented for height 2: its header is not block 2.
        Assert.Equal("ProofVerificationFailed", cp.Ibc.Receive(p, cp.Client, b2.Header.BlockHeight, proof).Error!.Name);
        // Block 2's header with block 1's trie path: the path does not lead to block 2's state root.
        var mixed = proof with { HeaderBorsh = b2.Header.ToBorsh() };
        Assert.Equal("ProofVerificationFailed", cp.Ibc.Receive(p, cp.Client, b2.Header.BlockHeight, mixed).Error!.Name);
        // A packet whose data was changed does not match the commitment.
        Assert.Equal("ProofVerificationFailed", cp.Ibc.Receive(p with { Data = "pay bob 500"u8.ToArray() }, cp.Client, b1.Header.BlockHeight, proof).Error!.Name);
        Assert.Equal("ConsensusStateNotFound", cp.Ibc.Receive(p, cp.Client, 99, proof).Error!.Name);
        Assert.Empty(cp.Ibc.Received);
        Assert.True(cp.Ibc.Receive(p, cp.Client, b1.Header.BlockHeight, proof).IsOk);
        Assert.Equal("PacketAlreadyReceived", cp.Ibc.Receive(p, cp.Client, b1.Header.BlockHeight, proof).Error!.Name);
    }

    [Fact]
    public void Skipping_the_epoch_ending_block_leaves_the_client_unable_to_follow()
    {
        var n = Launched();
        n.AddValidator("v5");
        n.Deposit("carol", "SOL", 40 * Sol, "v5");
        n.AdvanceSlots(n.Options.Chain.MinEpochLength);
        var end = n.ProduceAndFinalise().Value;
        Assert.NotNull(end.Header.NextEpochCommitment);
        var first = NextBlock(n);
        Assert.Equal(end.Header.Hash, first.Header.EpochId);
        Assert.Equal("UnexpectedEpoch", n.UpdateCounterpartyClient(n.HeaderAt(first.Header.BlockHeight)).Error!.Name);
        Assert.True(n.UpdateCounterpartyClient(n.HeaderAt(end.Header.BlockHeight)).IsOk);
        Assert.Equal(UpdateOutcome.Updated, n.UpdateCounterpartyClient(n.HeaderAt(first.Header.BlockHeight)).Value);
        Assert.Equal(end.Block.NextEpoch!.Commitment, n.Counterparty!.Client.EpochCommitment);
    }

    [Fact]
    public void A_conflicting_header_freezes_the_client_and_updates_after_freezing_are_refused()
    {
        var n = Launched();
        var b = NextBlock(n);
        n.UpdateCounterpartyClient(n.HeaderAt(b.Header.BlockHeight));
        var forged = n.Equivocate(["v1", "v2"], b.Header.BlockHeight).Value;
        Assert.Equal(UpdateOutcome.FrozenByMisbehaviour, n.UpdateCounterpartyClient(forged).Value);
        var client = n.Counterparty!.Client;
        Assert.Equal(ClientStatus.Frozen, client.Status(n.TimeNs));
        var next = NextBlock(n);
        var before = Snapshot(client);
        Assert.Equal("ClientFrozen", n.UpdateCounterpartyClient(n.HeaderAt(next.Header.BlockHeight)).Error!.Name);
        Assert.Equal("ClientFrozen", n.Relay().Error!.Name);
        Assert.Equal(before, Snapshot(client));
    }

    [Fact]
    public void Misbehaviour_evidence_freezes_the_client_and_identical_headers_are_not_evidence()
    {
        var n = Launched();
        var b = NextBlock(n);
        var real = n.HeaderAt(b.Header.BlockHeight);
        Assert.Equal("NotMisbehaviour", n.Counterparty!.Client.SubmitMisbehaviour(new Misbehaviour(real, real)).Error!.Name);
        Assert.False(n.Counterparty.Client.IsFrozen);
        var forged = n.Equivocate(["v2", "v3"], b.Header.BlockHeight).Value;
        Assert.True(n.Counterparty.Client.SubmitMisbehaviour(new Misbehaviour(real, forged)).IsOk);
        Assert.True(n.Counterparty.Client.IsFrozen);
    }

    [Fact]
    public void Consensus_states_past_the_trusting_period_are_pruned_and_an_expired_client_takes_no_update()
    {
        var n = new PicassoNetwork(new NetworkOptions { TrustingPeriodNs = 10 * PicassoNetwork.SlotNs });
        n.AddValidator("v1");
        n.Deposit("a", "SOL", 5 * Sol, "v1");
        n.Launch();
        var b1 = NextBlock(n); // slot +4
        n.UpdateCounterpartyClient(n.HeaderAt(b1.Header.BlockHeight));
        n.AdvanceSlots(2);
        var b2 = NextBlock(n); // slot +10: genesis is 10 slots old, past the period; b1 is 6 slots old
        Assert.Equal(UpdateOutcome.Updated, n.UpdateCounterpartyClient(n.HeaderAt(b2.Header.BlockHeight)).Value);
        Assert.False(n.Counterparty!.Client.ConsensusStates.ContainsKey(0));
        Assert.True(n.Counterparty.Client.ConsensusStates.ContainsKey(b1.Header.BlockHeight));
        n.AdvanceSlots(20);
        Assert.Equal(ClientStatus.Expired, n.Counterparty.Client.Status(n.TimeNs));
        var b3 = NextBlock(n);
        Assert.Equal("ClientExpired", n.UpdateCounterpartyClient(n.HeaderAt(b3.Header.BlockHeight)).Error!.Name);
    }
}
