using System.Numerics;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Grpc;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Grpc.Tests;

/// <summary>The DA node service over real gRPC on localhost, hosted in the test process: the rules hold across the wire.</summary>
public class NodeServiceTests
{
    // A small slice of the devnet SRS (same τ): enough for the 16-symbol blobs used here.
    private static readonly BlobEncoder Encoder = new(Srs.CreateInsecure(Devnet.Tau, 64));
    private static readonly DaParams P = Devnet.Params;

    private static byte[] Payload(int seed)
    {
        var b = new byte[300];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static async Task<(List<OperatorHost> Hosts, List<GrpcDaNode> Nodes, List<DaOperator> Operators)> Start(params OperatorFault[] faults)
    {
        var hosts = new List<OperatorHost>();
        var nodes = new List<GrpcDaNode>();
        var ops = new List<DaOperator>();
        for (int i = 0; i < faults.Length; i++)
        {
            var name = "op" + (i + 1);
            // Stakes 10, 20, ...: the registry the disperser uses; the node process itself holds none.
            var op = new DaOperator(name, Devnet.KeyOf(name), new Dictionary<byte, BigInteger>(), faults[i]);
            var host = await OperatorHost.StartAsync(op, Encoder, P, 0);
            hosts.Add(host);
            ops.Add(op);
            var registration = op.Registration with { Stakes = new Dictionary<byte, BigInteger> { [0] = 10 * (i + 1) } };
            nodes.Add(new GrpcDaNode(host.Address, registration));
        }
        return (hosts, nodes, ops);
    }

    private static async Task Stop(List<OperatorHost> hosts, List<GrpcDaNode> nodes)
    {
        foreach (var n in nodes)
        {
            n.Dispose();
        }
        foreach (var h in hosts)
        {
            await h.DisposeAsync();
        }
    }

    [Fact]
    public async Task honest_and_faulty_nodes_over_grpc_behave_as_in_process()
    {
        // Stakes 10..60 (total 210): op2 withholds (20), op3 serves bad chunks (30), op4 signs a wrong header (40).
        var (hosts, nodes, ops) = await Start(OperatorFault.Honest, OperatorFault.Withhold, OperatorFault.BadChunks, OperatorFault.WrongHeader, OperatorFault.Honest, OperatorFault.Honest);
        try
        {
            var registry = nodes.Select(n => n.Registration).ToList();
            Assert.Equal(("op1", Devnet.KeyOf("op1").PublicKeyG1), nodes[0].Info());
            var cert = new Disperser(Encoder, P, nodes).Disperse(Payload(1));
            Assert.Equal(CertificateStatus.Valid, cert.Verify(registry, P));
            // Signed: op1, op3, op5, op6 = 10 + 30 + 50 + 60 = 150 of 210 (71 %).
            Assert.Equal(150, cert.SignedStake);
            Assert.Equal(new HashSet<OperatorId> { ops[1].Id, ops[3].Id }, cert.NonSigners.ToHashSet());
            Assert.Equal("withholding", nodes[1].LastRefusal);
            Assert.Equal(0, ops[1].StoredChunkCount(cert.Blob));
            Assert.True(ops[3].StoredChunkCount(cert.Blob) > 0); // it stored, but its signature was for another header

            // The tampered chunks from op3 fail their proofs on the retriever's side; the rest rebuild the payload.
            Assert.NotEmpty(nodes[2].GetChunks(cert.Blob));
            Assert.Empty(nodes[1].GetChunks(cert.Blob));
            var all = nodes.SelectMany(n => n.GetChunks(cert.Blob)).ToList();
            var encoding = EncodingParams.For(cert.Blob.Commitment.Length, P.NumChunks, P.CodingRate);
            var blob = Reconstruction.VerifyAndReconstruct(Encoder, cert.Blob.Commitment, encoding, all, out int rejected);
            Assert.Equal(ops[2].StoredChunkCount(cert.Blob), rejected);
            Assert.Equal(Payload(1), PayloadCodec.FromBlob(blob));
            Assert.Equal(Payload(1), new Retriever(Encoder, P, nodes).Retrieve(cert).Payload);
        }
        finally
        {
            await Stop(hosts, nodes);
        }
    }

    [Fact]
    public async Task a_node_refuses_chunks_that_are_not_its_assignment_or_fail_their_proof()
    {
        var (hosts, nodes, ops) = await Start(OperatorFault.Honest);
        try
        {
            var blob = PayloadCodec.ToBlob(Payload(2));
            var header = new BlobHeader(0, 0, Encoder.Commit(blob));
            var batch = new BatchHeader(header.HashHex, 1);
            var chunks = Encoder.Encode(blob, EncodingParams.For(blob.Length, P.NumChunks, P.CodingRate));
            var mine = new ChunkAssignment(0, 4);
            var tampered = chunks[1] with { Evaluations = [.. chunks[1].Evaluations.Select((e, i) => i == 0 ? e + Fr.One : e)] };
            Assert.Null(nodes[0].StoreChunks(batch, header, mine, [chunks[0], tampered, chunks[2], chunks[3]]));
            Assert.Null(nodes[0].StoreChunks(batch, header, mine, chunks[1..5]));
            Assert.Equal(0, ops[0].StoredChunkCount(header));
            var sig = nodes[0].StoreChunks(batch, header, mine, chunks[..4]);
            Assert.NotNull(sig);
            Assert.True(Bls.Verify(sig.Value, Devnet.KeyOf("op1").PublicKeyG2, batch.Hash()));
        }
        finally
        {
            await Stop(hosts, nodes);
        }
    }

    [Fact]
    public void an_unreachable_node_is_a_non_signer_that_serves_nothing()
    {
        // Port 1 on localhost: nothing listens there.
        using var node = new GrpcDaNode(new Uri("http://127.0.0.1:1"), DaOperator.Devnet("gone", 10).Registration, TimeSpan.FromSeconds(5));
        var blob = PayloadCodec.ToBlob(Payload(3));
        var header = new BlobHeader(0, 0, Encoder.Commit(blob));
        Assert.Null(node.StoreChunks(new BatchHeader(header.HashHex, 1), header, new ChunkAssignment(0, 0), []));
        Assert.StartsWith("unreachable", node.LastRefusal, StringComparison.Ordinal);
        Assert.Empty(node.GetChunks(header));
    }
}
