using System.Security.Cryptography;

namespace Restake.Picasso;

/// <summary>A 32-byte SHA-256 hash with value equality (upstream's <c>CryptoHash</c>).</summary>
public sealed class CryptoHash : IEquatable<CryptoHash>
{
    private readonly byte[] _bytes;

    public CryptoHash(byte[] bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException($"a hash is 32 bytes, not {bytes.Length}", nameof(bytes));
        }
        _bytes = (byte[])bytes.Clone();
    }

    public static CryptoHash Zero { get; } = new(new byte[32]);

    public ReadOnlySpan<byte> Bytes => _bytes;

    public byte[] ToArray() => (byte[])_bytes.Clone();

    public static CryptoHash Digest(ReadOnlySpan<byte> data) => new(SHA256.HashData(data));

    /// <summary>Upstream's <c>CryptoHash::test(n)</c>: eight big-endian <c>u32</c> words, each equal to n.</summary>
    public static CryptoHash Test(uint word)
    {
        var b = new byte[32];
        for (var i = 0; i < 8; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 4), word);
        }
        return new CryptoHash(b);
    }

    public static CryptoHash FromHex(string hex) => new(Convert.FromHexString(hex));
    public static CryptoHash FromBase64(string b64) => new(Convert.FromBase64String(b64));

    public string Hex => Convert.ToHexStringLower(_bytes);
    public string Base64 => Convert.ToBase64String(_bytes);

    /// <summary>The first eight hex digits, for tables.</summary>
    public string Short => Hex[..8];

    public bool Equals(CryptoHash? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as CryptoHash);
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
    public override string ToString() => Hex;

    public static bool operator ==(CryptoHash? a, CryptoHash? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(CryptoHash? a, CryptoHash? b) => !(a == b);
}
