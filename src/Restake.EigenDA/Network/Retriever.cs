using Restake.EigenDA.Encoding;

namespace Restake.EigenDA.Network;

/// <summary>What a retrieval returned: the payload and how many served chunks failed their proof.</summary>
public sealed record Retrieval(byte[] Payload, int RejectedChunks);

/// <summary>
/// The retriever in process (the validator fallback path of the read flow): recompute the assignment from the registry,
/// ask each operator for its chunks, verify each operator's chunks against the certificate's commitment (one batched
/// check, one by one only when the batch fails), drop the bad ones, stop at enough distinct good chunks and decode.
/// </summary>
public sealed class Retriever(BlobEncoder verifier, DaParams parameters, IReadOnlyList<IDaNode> operators)
{
    /// <summary>A retriever over operators in this process.</summary>
    public Retriever(BlobEncoder verifier, DaParams parameters, IReadOnlyList<DaOperator> operators)
        : this(verifier, parameters, [.. operators.Select(o => (IDaNode)new InProcessNode(o, verifier, parameters))])
    {
    }

    public Retrieval Retrieve(BlobCertificate certificate)
    {
        var commitment = certificate.Blob.Commitment;
        var encoding = EncodingParams.For(commitment.Length, parameters.NumChunks, parameters.CodingRate);
        var assignments = Assignment.ForQuorum(operators.Select(o => o.Registration), certificate.Blob.Quorum, parameters);
        // Only chunks at an operator's assigned indices are accepted from it.
        var served = operators
            .Where(o => assignments.ContainsKey(o.Registration.Id))
            .OrderBy(o => o.Registration.Id.Hex, StringComparer.Ordinal)
            .Select(o => (IReadOnlyList<Chunk>)Own(o.GetChunks(certificate.Blob), assignments[o.Registration.Id]).ToList());
        try
        {
            var blob = Reconstruction.VerifyAndReconstruct(verifier, commitment, encoding, served, out int rejected);
            return new Retrieval(PayloadCodec.FromBlob(blob), rejected);
        }
        catch (EncodingException e) when (e.Error == EncodingError.NotEnoughChunks)
        {
            throw new DaException(DaError.NotEnoughChunks, e.Message);
        }
    }

    private static IEnumerable<Chunk> Own(IReadOnlyList<Chunk> served, ChunkAssignment a) =>
        served.Where(c => c.Index >= a.StartIndex && c.Index < a.StartIndex + a.Count);
}
