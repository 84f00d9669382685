namespace Restake.Picasso;

/// <summary>
/// A validator's public key as the guest chain serialises it: raw bytes, no length prefix.
/// Real keys are 32-byte ed25519 (Solana) keys; upstream's tests use a 4-byte mock key (a
/// little-endian <c>u32</c>), which the golden tests need. Ordered by bytes, as Solana's Pubkey.
/// </summary>
public sealed class PubKey : IEquatable<PubKey>, IComparable<PubKey>
{
    private readonly byte[] _bytes;

    public PubKey(byte[] bytes) => _bytes = (byte[])bytes.Clone();

    public ReadOnlySpan<byte> Bytes => _bytes;
    public int Length => _bytes.Length;

    /// <summary>Upstream's <c>MockPubKey(u32)</c>.</summary>
    public static PubKey Mock(uint n) => new(BitConverter.IsLittleEndian ? BitConverter.GetBytes(n) : [.. BitConverter.GetBytes(n).Reverse()]);

    public string Hex => Convert.ToHexStringLower(_bytes);
    public string Short => Hex.Length > 8 ? Hex[..8] : Hex;

    public int CompareTo(PubKey? other) => other is null ? 1 : _bytes.AsSpan().SequenceCompareTo(other._bytes);
    public bool Equals(PubKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as PubKey);
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(_bytes);
        return h.ToHashCode();
    }
    public override string ToString() => Hex;

    public static bool operator ==(PubKey? a, PubKey? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(PubKey? a, PubKey? b) => !(a == b);
    public static bool operator <(PubKey a, PubKey b) => a.CompareTo(b) < 0;
    public static bool operator >(PubKey a, PubKey b) => a.CompareTo(b) > 0;
    public static bool operator <=(PubKey a, PubKey b) => a.CompareTo(b) <= 0;
    public static bool operator >=(PubKey a, PubKey b) => a.CompareTo(b) >= 0;
}

/// <summary>One member of an epoch's validator set; the stake is never zero.</summary>
public sealed record Validator(PubKey PubKey, UInt128 Stake);

/// <summary>
/// An epoch: the validator set that signs its blocks and the stake a block needs to be final.
/// Borsh: <c>version u8 = 0 ‖ u32 count ‖ count × (version u8 = 0 ‖ pubkey ‖ stake u128) ‖ quorum_stake u128</c>;
/// the total stake is recomputed, never serialised (upstream <c>guestchain/src/epoch.rs</c>).
/// </summary>
public sealed class Epoch
{
    private Epoch(IReadOnlyList<Validator> validators, UInt128 quorumStake, UInt128 totalStake)
    {
        Validators = validators;
        QuorumStake = quorumStake;
        TotalStake = totalStake;
    }

    public IReadOnlyList<Validator> Validators { get; }
    public UInt128 QuorumStake { get; }
    public UInt128 TotalStake { get; }

    /// <summary>Null when the epoch could never finalise a block: no stake, a zero stake, a zero quorum, or a quorum above the total.</summary>
    public static Epoch? Create(IReadOnlyList<Validator> validators, UInt128 quorumStake) =>
        CreateWith(validators, _ => quorumStake);

    public static Epoch? CreateWith(IReadOnlyList<Validator> validators, Func<UInt128, UInt128> quorum)
    {
        UInt128 total = 0;
        foreach (var v in validators)
        {
            if (v.Stake == 0 || total + v.Stake < total)
            {
                return null;
            }
            total += v.Stake;
        }
        if (total == 0)
        {
            return null;
        }
        var q = quorum(total);
        return q == 0 || q > total ? null : new Epoch([.. validators], q, total);
    }

    /// <summary>Upstream's <c>Epoch::test</c> quorum: more than half the stake, <c>total / 2 + 1</c>.</summary>
    public static UInt128 MajorityQuorum(UInt128 total) => total / 2 + 1;

    /// <summary>The chain's rule (<c>ChainManager::maybe_generate_next_epoch</c>): <c>min(total, max(total / 2 + 1, min_quorum_stake))</c>.</summary>
    public static UInt128 ChainQuorum(UInt128 total, UInt128 minQuorumStake) =>
        UInt128.Min(total, UInt128.Max(MajorityQuorum(total), minQuorumStake));

    public Validator? Find(PubKey key) => Validators.FirstOrDefault(v => v.PubKey == key);

    public void WriteTo(BorshWriter w)
    {
        w.U8(0).U32((uint)Validators.Count);
        foreach (var v in Validators)
        {
            w.U8(0).Raw(v.PubKey.Bytes).U128(v.Stake);
        }
        w.U128(QuorumStake);
    }

    public byte[] ToBorsh()
    {
        var w = new BorshWriter();
        WriteTo(w);
        return w.ToArray();
    }

    /// <summary><c>epoch_commitment = SHA-256(borsh(epoch))</c>.</summary>
    public CryptoHash Commitment => CryptoHash.Digest(ToBorsh());

    public static Epoch ReadFrom(BorshReader r, int keyLength)
    {
        r.VersionZero();
        var count = r.U32();
        if (count > 10_000)
        {
            throw new FormatException($"Borsh: {count} validators is not a plausible epoch");
        }
        var validators = new List<Validator>((int)count);
        for (var i = 0; i < count; i++)
        {
            r.VersionZero();
            var key = new PubKey(r.Raw(keyLength));
            validators.Add(new Validator(key, r.U128()));
        }
        var quorum = r.U128();
        return Create(validators, quorum) ?? throw new FormatException("Borsh: an epoch with no stake, a zero stake or a quorum of zero or above the total");
    }

    public static Epoch FromBorsh(byte[] bytes, int keyLength = Ed25519.PublicKeyLength)
    {
        var r = new BorshReader(bytes);
        var e = ReadFrom(r, keyLength);
        r.End();
        return e;
    }
}
