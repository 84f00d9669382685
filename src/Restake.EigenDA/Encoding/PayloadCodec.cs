using System.Buffers.Binary;
using System.Numerics;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Encoding;

/// <summary>How a rollup interprets its encoded payload (integration spec, "PayloadPolynomial").</summary>
public enum PayloadForm
{
    /// <summary>The encoded payload's symbols are the blob's coefficients (no transform; what ZK rollups use).</summary>
    Coefficients,
    /// <summary>The symbols are evaluations on the power-of-two domain: an inverse FFT gives the blob (optimistic rollups).</summary>
    Evaluations,
}

/// <summary>
/// Payload encoding version 0 (integration spec, "EncodedPayload"): a 32-byte header [0x00, version, payload length as
/// uint32 big-endian, 26 zero bytes], then every 31 payload bytes prefixed with a 0x00 byte so each 32-byte big-endian
/// symbol is below r, zero-padded to a power-of-two number of symbols.
/// </summary>
public static class PayloadCodec
{
    public const int SymbolBytes = 32;
    public const int BytesPerSymbol = 31;
    public const byte Version0 = 0;

    /// <summary>The largest blob: 16 MiB = 2^19 symbols.</summary>
    public const int MaxBlobSymbols = 1 << 19;

    /// <summary>Symbols an encoded payload of this many bytes occupies, before power-of-two padding.</summary>
    public static int SymbolsFor(int payloadLength) => 1 + ((payloadLength + BytesPerSymbol - 1) / BytesPerSymbol);

    /// <summary>The blob (coefficients) for a payload.</summary>
    public static Fr[] ToBlob(ReadOnlySpan<byte> payload, PayloadForm form = PayloadForm.Coefficients)
    {
        var symbols = Encode(payload);
        if (form == PayloadForm.Evaluations)
        {
            FftDomain.Of(symbols.Length).Inverse(symbols);
        }
        return symbols;
    }

    /// <summary>The payload back from a blob; a malformed header or padding raises <see cref="EncodingException"/>.</summary>
    public static byte[] FromBlob(ReadOnlySpan<Fr> blob, PayloadForm form = PayloadForm.Coefficients)
    {
        var symbols = blob.ToArray();
        if (!BitOperations.IsPow2(symbols.Length))
        {
            throw new EncodingException(EncodingError.BadBlobLength, $"a blob has a power-of-two number of symbols, not {symbols.Length}");
        }
        if (form == PayloadForm.Evaluations)
        {
            FftDomain.Of(symbols.Length).Forward(symbols);
        }
        return Decode(symbols);
    }

    public static Fr[] Encode(ReadOnlySpan<byte> payload)
    {
        long needed = SymbolsFor(payload.Length);
        if (needed > MaxBlobSymbols)
        {
            throw new EncodingException(EncodingError.PayloadTooLarge, $"a {payload.Length}-byte payload needs {needed} symbols; a blob holds at most {MaxBlobSymbols} (16 MiB)");
        }
        int count = (int)BitOperations.RoundUpToPowerOf2((uint)needed);
        var symbols = new Fr[count];
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        word[1] = Version0;
        BinaryPrimitives.WriteUInt32BigEndian(word[2..], (uint)payload.Length);
        symbols[0] = Symbol(word);
        for (int i = 1; i < needed; i++)
        {
            word.Clear();
            int from = (i - 1) * BytesPerSymbol;
            int take = Math.Min(BytesPerSymbol, payload.Length - from);
            payload.Slice(from, take).CopyTo(word[1..]);
            symbols[i] = Symbol(word);
        }
        return symbols;
    }

    public static byte[] Decode(ReadOnlySpan<Fr> symbols)
    {
        if (symbols.Length == 0)
        {
            throw new EncodingException(EncodingError.BadPayloadHeader, "an encoded payload has at least its header symbol");
        }
        Span<byte> word = stackalloc byte[32];
        symbols[0].WriteBigEndian(word);
        if (word[0] != 0 || word[1] != Version0 || word[6..].ContainsAnyExcept((byte)0))
        {
            throw new EncodingException(EncodingError.BadPayloadHeader, "the header symbol is not [0x00, version 0, uint32 length, 26 zero bytes]");
        }
        uint length = BinaryPrimitives.ReadUInt32BigEndian(word[2..]);
        long needed = 1 + ((length + (long)BytesPerSymbol - 1) / BytesPerSymbol);
        if (needed > symbols.Length)
        {
            throw new EncodingException(EncodingError.BadPayloadHeader, $"the header claims {length} bytes, more than {symbols.Length} symbols hold");
        }
        var payload = new byte[length];
        for (int i = 1; i < needed; i++)
        {
            symbols[i].WriteBigEndian(word);
            if (word[0] != 0)
            {
                throw new EncodingException(EncodingError.BadPayloadHeader, $"symbol {i} does not start with a zero byte");
            }
            int from = (i - 1) * BytesPerSymbol;
            int take = (int)Math.Min(BytesPerSymbol, length - from);
            word.Slice(1, take).CopyTo(payload.AsSpan(from));
        }
        return payload;
    }

    /// <summary>A blob's wire form: 32-byte big-endian symbols.</summary>
    public static byte[] BlobToBytes(ReadOnlySpan<Fr> blob)
    {
        var b = new byte[blob.Length * SymbolBytes];
        for (int i = 0; i < blob.Length; i++)
        {
            blob[i].WriteBigEndian(b.AsSpan(i * SymbolBytes, SymbolBytes));
        }
        return b;
    }

    /// <summary>Parses a blob: whole 32-byte symbols, a power-of-two count, each below r.</summary>
    public static Fr[] BlobFromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % SymbolBytes != 0 || !BitOperations.IsPow2(bytes.Length / SymbolBytes) || bytes.Length / SymbolBytes > MaxBlobSymbols)
        {
            throw new EncodingException(EncodingError.BadBlobLength, $"a blob is a power-of-two number (at most {MaxBlobSymbols}) of 32-byte symbols; got {bytes.Length} bytes");
        }
        var blob = new Fr[bytes.Length / SymbolBytes];
        for (int i = 0; i < blob.Length; i++)
        {
            if (!Fr.TryFromBigEndian(bytes.Slice(i * SymbolBytes, SymbolBytes), out blob[i]))
            {
                throw new EncodingException(EncodingError.SymbolNotInField, $"symbol {i} is not below the BN254 scalar field modulus");
            }
        }
        return blob;
    }

    private static Fr Symbol(ReadOnlySpan<byte> word) =>
        Fr.TryFromBigEndian(word, out var f) ? f : throw new InvalidOperationException("a zero-prefixed word is always below r");
}
