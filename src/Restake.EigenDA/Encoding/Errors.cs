namespace Restake.EigenDA.Encoding;

/// <summary>Why an encoding, verification or reconstruction request was refused.</summary>
public enum EncodingError
{
    /// <summary>The payload does not fit the largest blob (or the length field).</summary>
    PayloadTooLarge,
    /// <summary>A blob's symbol count is not a power of two, or the bytes are not whole 32-byte symbols.</summary>
    BadBlobLength,
    /// <summary>A 32-byte symbol is not below the scalar field modulus r.</summary>
    SymbolNotInField,
    /// <summary>The encoded payload header is malformed (first byte, version, length, padding).</summary>
    BadPayloadHeader,
    /// <summary>Chunk count, chunk length and blob length do not fit together (powers of two, extension ≥ 1).</summary>
    BadParameters,
    /// <summary>A chunk index outside 0..NumChunks−1 or a chunk with the wrong number of symbols.</summary>
    BadChunk,
    /// <summary>A chunk's KZG multiproof does not verify against the blob commitment.</summary>
    InvalidChunkProof,
    /// <summary>Fewer distinct chunks than reconstruction needs.</summary>
    NotEnoughChunks,
}

/// <summary>One named error for the encoding layer; the message says what was expected.</summary>
public sealed class EncodingException(EncodingError error, string message) : Exception(message)
{
    public EncodingError Error { get; } = error;
}
