using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;

namespace Restake.EigenDA.Network;

/// <summary>
/// What the disperser and the retriever need of a DA node: its registration, StoreChunks and GetChunks. The rules stay in
/// <see cref="DaOperator"/>; an implementation either calls one in process or carries the bytes to a node process.
/// </summary>
public interface IDaNode
{
    RegisteredOperator Registration { get; }

    /// <summary>Sends the node its chunks and the batch header; its BLS signature on the header hash, or null when it refuses or cannot be reached.</summary>
    Affine<Fp>? StoreChunks(BatchHeader batch, BlobHeader blob, ChunkAssignment assignment, IReadOnlyList<Chunk> chunks);

    /// <summary>The chunks the node serves for a blob (none when it withholds, lost them or cannot be reached).</summary>
    IReadOnlyList<Chunk> GetChunks(BlobHeader blob);
}

/// <summary>A <see cref="DaOperator"/> called in process, verifying with the given encoder and parameters.</summary>
public sealed class InProcessNode(DaOperator node, BlobEncoder verifier, DaParams parameters) : IDaNode
{
    public DaOperator Operator => node;

    public RegisteredOperator Registration => node.Registration;

    public Affine<Fp>? StoreChunks(BatchHeader batch, BlobHeader blob, ChunkAssignment assignment, IReadOnlyList<Chunk> chunks) =>
        node.StoreChunks(batch, blob, assignment, chunks, verifier, parameters);

    public IReadOnlyList<Chunk> GetChunks(BlobHeader blob) => node.GetChunks(blob);
}
