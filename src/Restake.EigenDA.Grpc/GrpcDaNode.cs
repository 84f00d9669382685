using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Grpc.Protocol;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Grpc;

/// <summary>
/// A DA node in another process, reached over gRPC: the disperser's and retriever's side of the pair. A node that is
/// down, refuses or answers garbage counts as a non-signer or serves nothing; the caller's rules handle the rest.
/// </summary>
public sealed class GrpcDaNode : IDaNode, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly DaNode.DaNodeClient _client;
    private readonly TimeSpan _timeout;

    public GrpcDaNode(Uri address, RegisteredOperator registration, TimeSpan? timeout = null)
    {
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = OperatorHost.MaxMessageBytes,
            MaxSendMessageSize = OperatorHost.MaxMessageBytes,
        });
        _client = new DaNode.DaNodeClient(_channel);
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
        Address = address;
        Registration = registration;
    }

    public Uri Address { get; }

    public RegisteredOperator Registration { get; }

    /// <summary>Why the last StoreChunks got no signature (the node's reason, or the transport error).</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>The node's name and G1 key, to check the registry points at the right process.</summary>
    public (string Name, Affine<Fp> PublicKeyG1) Info()
    {
        var reply = _client.Info(new InfoRequest(), deadline: DateTime.UtcNow + _timeout);
        return (reply.Name, Wire.DecodePoint(reply.PublicKeyG1.Span));
    }

    public Affine<Fp>? StoreChunks(BatchHeader batch, BlobHeader blob, ChunkAssignment assignment, IReadOnlyList<Chunk> chunks)
    {
        var request = new StoreChunksRequest
        {
            BatchHeader = ByteString.CopyFrom(Wire.Encode(batch)),
            BlobHeader = ByteString.CopyFrom(Wire.Encode(blob)),
            StartIndex = (uint)assignment.StartIndex,
            Count = (uint)assignment.Count,
        };
        request.Chunks.AddRange(chunks.Select(c => ByteString.CopyFrom(Wire.Encode(c))));
        try
        {
            var reply = _client.StoreChunks(request, deadline: DateTime.UtcNow + _timeout);
            if (!reply.Signed)
            {
                LastRefusal = reply.Reason;
                return null;
            }
            LastRefusal = null;
            return Wire.DecodePoint(reply.Signature.Span);
        }
        catch (RpcException e)
        {
            LastRefusal = $"unreachable ({e.StatusCode})";
            return null;
        }
        catch (DaException e)
        {
            LastRefusal = e.Message;
            return null;
        }
    }

    public IReadOnlyList<Chunk> GetChunks(BlobHeader blob)
    {
        try
        {
            var reply = _client.GetChunks(new GetChunksRequest { BlobHeader = ByteString.CopyFrom(Wire.Encode(blob)) }, deadline: DateTime.UtcNow + _timeout);
            var chunks = new List<Chunk>(reply.Chunks.Count);
            foreach (var c in reply.Chunks)
            {
                try
                {
                    chunks.Add(Wire.DecodeChunk(c.Span));
                }
                catch (DaException)
                {
                    // An undecodable chunk is dropped like one failing its proof.
                }
            }
            return chunks;
        }
        catch (RpcException)
        {
            return [];
        }
    }

    public void Dispose() => _channel.Dispose();
}
