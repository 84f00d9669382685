using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>A counterparty state update as its host signs it: height, timestamp and IBC store root.</summary>
public sealed record CounterpartyHeader(ulong Height, ulong TimestampNs, CryptoHash Root, byte[] Signature)
{
    public static byte[] SignBytes(ulong height, ulong timestampNs, CryptoHash root) =>
        new BorshWriter().Raw("restake/picasso/counterparty"u8).U64(height).U64(timestampNs).Hash(root).ToArray();
}

/// <summary>
/// The guest chain's light client of the counterparty. The counterparty is modelled as a single signing
/// host (in the manner of IBC's solo-machine client): an update is accepted when the host's ed25519
/// key signed it, and then its root proves the counterparty's packets and acknowledgements.
/// A Tendermint client is not modelled.
/// </summary>
public sealed class CounterpartyClient(PubKey hostKey) : IRemoteClient
{
    private readonly SortedDictionary<ulong, CryptoHash> _roots = [];

    public ulong LatestHeight { get; private set; }

    public Result<ulong> Update(CounterpartyHeader h)
    {
        if (!Ed25519.Verify(hostKey, CounterpartyHeader.SignBytes(h.Height, h.TimestampNs, h.Root), h.Signature))
        {
            return PicassoErrors.BadSignature("the counterparty host");
        }
        _roots[h.Height] = h.Root;
        LatestHeight = Math.Max(LatestHeight, h.Height);
        return h.Height;
    }

    public Result<bool> VerifyMembership(ulong height, string path, CryptoHash valueHash, StateProof proof)
    {
        if (!_roots.TryGetValue(height, out var root))
        {
            return PicassoErrors.ConsensusStateNotFound(height);
        }
        return StateTrie.Verify(root, path, valueHash, proof.Path)
            ? true
            : PicassoErrors.ProofVerificationFailed($"{path} is not committed under the counterparty root {root.Short} at height {height}");
    }
}

/// <summary>
/// The counterparty chain (a Cosmos chain, say): its IBC endpoint, the cf-guest client following the guest
/// chain, and a clock. <see cref="Commit"/> seals its store into a new height and signs it.
/// </summary>
public sealed class CounterpartyChain
{
    private readonly SigningKey _key;

    public CounterpartyChain(string name, CfGuestClient client, string channel, string guestChannel)
    {
        Name = name;
        _key = SigningKey.FromName("counterparty/" + name);
        Client = client;
        Ibc = new IbcEndpoint(channel, guestChannel);
    }

    public string Name { get; }
    public PubKey HostKey => _key.PubKey;
    public CfGuestClient Client { get; }
    public IbcEndpoint Ibc { get; }
    public ulong Height { get; private set; }
    public ulong TimestampNs { get; private set; }

    /// <summary>Closes a block of the counterparty and signs the update the guest side's client will accept.</summary>
    public CounterpartyHeader Commit(ulong timestampNs)
    {
        Height++;
        TimestampNs = timestampNs;
        var root = Ibc.Store.Root;
        return new CounterpartyHeader(Height, timestampNs, root, _key.Sign(CounterpartyHeader.SignBytes(Height, timestampNs, root)));
    }
}
