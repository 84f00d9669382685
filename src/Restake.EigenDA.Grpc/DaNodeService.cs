using Google.Protobuf;
using Grpc.Core;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Grpc.Protocol;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Grpc;

/// <summary>
/// The operator side of the gRPC service: decodes the bytes and hands them to the in-process <see cref="DaOperator"/>,
/// which keeps every rule (assignment match, KZG check of each chunk, signing, faults). Undecodable input is refused
/// (no signature, a reason), never a crash.
/// </summary>
internal sealed class DaNodeService(DaOperator node, BlobEncoder verifier, DaParams parameters, Action<string>? log) : DaNode.DaNodeBase
{
    public override Task<InfoReply> Info(InfoRequest request, ServerCallContext context) => Task.FromResult(new InfoReply
    {
        Name = node.Name,
        PublicKeyG1 = ByteString.CopyFrom(G1.ToBytes(node.Keys.PublicKeyG1)),
        PublicKeyG2 = ByteString.CopyFrom(G2.ToBytes(node.Keys.PublicKeyG2)),
        Fault = node.Fault.ToString(),
    });

    public override Task<StoreChunksReply> StoreChunks(StoreChunksRequest request, ServerCallContext context)
    {
        try
        {
            var batch = Wire.DecodeBatchHeader(request.BatchHeader.Span);
            var blob = Wire.DecodeBlobHeader(request.BlobHeader.Span);
            if (request.StartIndex > int.MaxValue || request.Count > int.MaxValue)
            {
                return Task.FromResult(Refuse("assignment out of range"));
            }
            var chunks = request.Chunks.Select(c => Wire.DecodeChunk(c.Span)).ToList();
            var signature = node.StoreChunks(batch, blob, new ChunkAssignment((int)request.StartIndex, (int)request.Count), chunks, verifier, parameters);
            if (signature is not { } s)
            {
                return Task.FromResult(Refuse(node.Fault == OperatorFault.Withhold ? "withholding" : "chunks do not match the assignment or fail their proofs"));
            }
            log?.Invoke($"stored {chunks.Count} chunks of blob {blob.HashHex[..12]}, signed");
            return Task.FromResult(new StoreChunksReply { Signed = true, Signature = ByteString.CopyFrom(Wire.Encode(s)) });
        }
        catch (DaException e)
        {
            return Task.FromResult(Refuse(e.Message));
        }
        catch (EncodingException e)
        {
            return Task.FromResult(Refuse(e.Message));
        }
    }

    public override Task<GetChunksReply> GetChunks(GetChunksRequest request, ServerCallContext context)
    {
        var reply = new GetChunksReply();
        try
        {
            var blob = Wire.DecodeBlobHeader(request.BlobHeader.Span);
            foreach (var c in node.GetChunks(blob))
            {
                reply.Chunks.Add(ByteString.CopyFrom(Wire.Encode(c)));
            }
        }
        catch (DaException)
        {
            // An undecodable request gets no chunks.
        }
        return Task.FromResult(reply);
    }

    private StoreChunksReply Refuse(string reason)
    {
        log?.Invoke("refused: " + reason);
        return new StoreChunksReply { Signed = false, Reason = reason };
    }
}
