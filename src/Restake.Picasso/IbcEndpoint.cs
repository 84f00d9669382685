using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>A state proof: for the guest chain, the Borsh header whose hash is the consensus state's block hash (it supplies <c>state_root</c>), plus the trie path.</summary>
public sealed record StateProof(byte[]? HeaderBorsh, MerkleProof Path);

/// <summary>A light client of the other chain, as one endpoint's packet handlers use it.</summary>
public interface IRemoteClient
{
    Result<bool> VerifyMembership(ulong height, string path, CryptoHash valueHash, StateProof proof);
}

/// <summary>
/// One chain's side of a channel: sends (stores a packet commitment), receives (checks the sender's
/// commitment through the light client, stores a receipt and an acknowledgement), acknowledges (checks
/// the receiver's acknowledgement, deletes the commitment). Everything lives in the <see cref="StateTrie"/>.
/// </summary>
public sealed class IbcEndpoint(string channel, string counterpartyChannel)
{
    private readonly Dictionary<ulong, Packet> _sent = [];

    public string Channel { get; } = channel;
    public string CounterpartyChannel { get; } = counterpartyChannel;
    public StateTrie Store { get; } = new();
    public ulong NextSequence { get; private set; } = 1;
    public List<Packet> Received { get; } = [];

    /// <summary>Packets sent and not yet acknowledged.</summary>
    public IReadOnlyCollection<Packet> InFlight => _sent.Values;

    public Packet Send(byte[] data, ulong timeoutTimestampNs)
    {
        var p = new Packet(NextSequence++, Channel, CounterpartyChannel, data, timeoutTimestampNs);
        Store.Set(IbcCommitments.CommitmentPath(Channel, p.Sequence), IbcCommitments.Packet(p));
        _sent[p.Sequence] = p;
        return p;
    }

    public Result<byte[]> Receive(Packet p, IRemoteClient client, ulong proofHeight, StateProof proof)
    {
        if (p.DestinationChannel != Channel)
        {
            return PicassoErrors.UnknownChannel(p.DestinationChannel);
        }
        var receipt = IbcCommitments.ReceiptPath(Channel, p.Sequence);
        if (Store.Contains(receipt))
        {
            return PicassoErrors.PacketAlreadyReceived(p.Sequence);
        }
        var ok = client.VerifyMembership(proofHeight, IbcCommitments.CommitmentPath(p.SourceChannel, p.Sequence), IbcCommitments.Packet(p), proof);
        if (!ok.IsOk)
        {
            return ok.Error!;
        }
        var ack = IbcCommitments.SuccessAck;
        Store.Set(receipt, IbcCommitments.Receipt);
        Store.Set(IbcCommitments.AckPath(Channel, p.Sequence), IbcCommitments.Ack(ack));
        Received.Add(p);
        return ack;
    }

    public Result<Packet> Acknowledge(Packet p, byte[] ack, IRemoteClient client, ulong proofHeight, StateProof proof)
    {
        var path = IbcCommitments.CommitmentPath(Channel, p.Sequence);
        if (p.SourceChannel != Channel || !_sent.ContainsKey(p.Sequence) || !Store.Contains(path))
        {
            return PicassoErrors.PacketCommitmentNotFound(p.Sequence);
        }
        var ok = client.VerifyMembership(proofHeight, IbcCommitments.AckPath(p.DestinationChannel, p.Sequence), IbcCommitments.Ack(ack), proof);
        if (!ok.IsOk)
        {
            return ok.Error!;
        }
        Store.Remove(path);
        _sent.Remove(p.Sequence);
        return p;
    }
}
