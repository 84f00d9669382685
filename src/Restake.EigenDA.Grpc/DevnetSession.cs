using System.Numerics;
using Restake.EigenDA.Chain;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Grpc;

/// <summary>
/// A local EigenDA devnet: the chain (engine, EigenDA AVS, registry, payments), N operator processes reached over gRPC,
/// and a disperser and a retriever in this process. Disposing kills every operator process.
/// </summary>
public sealed class DevnetSession : IDisposable
{
    public const int MinOperators = 4;

    private readonly List<OperatorProcess> _processes = [];
    private readonly List<GrpcDaNode> _nodes = [];
    private readonly BlobEncoder _encoder;

    private DevnetSession(DevnetChain chain, BlobEncoder encoder)
    {
        Chain = chain;
        _encoder = encoder;
    }

    public DevnetChain Chain { get; }
    public DaParams Parameters => Devnet.Params;
    public IReadOnlyList<GrpcDaNode> Nodes => _nodes;
    public IReadOnlyList<OperatorProcess> Processes => _processes;

    /// <summary>Refuses an operator count outside the devnet's range with one clear error.</summary>
    public static void CheckOperatorCount(int n)
    {
        if (n < MinOperators || n > Devnet.Params.MaxNumOperators)
        {
            throw new DaException(DaError.BadOperatorSet, $"the devnet runs {MinOperators} to {Devnet.Params.MaxNumOperators} operators, not {n}");
        }
    }

    /// <summary>Builds the chain, starts one operator process per operator (faults by name) and connects to each.</summary>
    public static async Task<DevnetSession> StartAsync(int operators, IReadOnlyList<string> restake, IReadOnlyDictionary<string, OperatorFault>? faults = null)
    {
        CheckOperatorCount(operators);
        var chain = DevnetChain.Create(operators);
        var session = new DevnetSession(chain, new BlobEncoder(Devnet.DisperserSrs()));
        try
        {
            for (int i = 1; i <= operators; i++)
            {
                var name = DevnetChain.OperatorName(i);
                session._processes.Add(OperatorProcess.Launch(restake, name, faults?.GetValueOrDefault(name) ?? OperatorFault.Honest));
            }
            var registry = chain.Avs.OperatorState().ToDictionary(o => o.Name);
            foreach (var p in session._processes)
            {
                if (!await p.WaitReadyAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false))
                {
                    throw new DaException(DaError.BadOperatorSet, $"operator {p.Name} exited before listening: {p.Stderr.Trim()}");
                }
                var node = new GrpcDaNode(p.Address!, registry[p.Name]);
                session._nodes.Add(node);
                var (name, key) = node.Info();
                if (name != p.Name || key != registry[p.Name].PublicKeyG1)
                {
                    throw new DaException(DaError.BadOperatorSet, $"the process at {p.Address} is {name}, with a key the registry does not hold for {p.Name}");
                }
            }
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The registry as the chain holds it now (the nodes' stakes are refreshed from it before each dispersal).</summary>
    public IReadOnlyList<RegisteredOperator> Registry() => Chain.Avs.OperatorState();

    /// <summary>Pays (per the header), encodes, sends every operator its chunks, aggregates and checks the certificate.</summary>
    public Dispersal Disperse(ReadOnlySpan<byte> payload, PaymentHeader payment, byte quorum = 0)
    {
        if (payload.Length > Devnet.MaxPayloadBytes)
        {
            throw new DaException(DaError.BadMessage, $"the payload is {payload.Length} bytes; a devnet blob carries at most {Devnet.MaxPayloadBytes}");
        }
        var registry = Registry();
        var blobSymbols = PayloadCodec.ToBlob(payload).Length;
        var nodes = NodesFor(registry);
        var bytes = payload.ToArray();
        var (certificate, charge) = Chain.Avs.PaidDispersal(payment, blobSymbols, quorum, registry, () =>
        {
            var c = new Disperser(_encoder, Parameters, nodes).Disperse(bytes, quorum, (ulong)Chain.Engine.State.Block);
            // The client checks its certificate before it counts as dispersed.
            var status = c.Verify(registry, Parameters);
            return status == CertificateStatus.Valid ? c : throw new DaException(DaError.InsufficientSignatures, $"the certificate does not verify: {status}");
        });
        return new Dispersal(certificate, charge, CertificateStatus.Valid, registry);
    }

    /// <summary>Asks the operators for their chunks, verifies and reconstructs.</summary>
    public Retrieval Retrieve(BlobCertificate certificate) => new Retriever(_encoder, Parameters, NodesFor(Registry())).Retrieve(certificate);

    /// <summary>Kills an operator process (SIGKILL).</summary>
    public void Kill(string name) => _processes.Single(p => p.Name == name).Kill();

    private List<IDaNode> NodesFor(IReadOnlyList<RegisteredOperator> registry)
    {
        var byName = registry.ToDictionary(r => r.Name);
        return [.. _nodes.Select(n => (IDaNode)new Registered(n, byName[n.Registration.Name]))];
    }

    public void Dispose()
    {
        foreach (var n in _nodes)
        {
            n.Dispose();
        }
        foreach (var p in _processes)
        {
            p.Dispose();
        }
    }

    /// <summary>A dispersal's outcome: the certificate, the payment and the registry it was checked against.</summary>
    public sealed record Dispersal(BlobCertificate Certificate, Charge Charge, CertificateStatus Status, IReadOnlyList<RegisteredOperator> Registry);

    /// <summary>A node seen with the registry's current stakes.</summary>
    private sealed class Registered(GrpcDaNode node, RegisteredOperator registration) : IDaNode
    {
        public RegisteredOperator Registration => registration;

        public Crypto.Affine<Crypto.Fp>? StoreChunks(BatchHeader batch, BlobHeader blob, ChunkAssignment assignment, IReadOnlyList<Chunk> chunks) =>
            node.StoreChunks(batch, blob, assignment, chunks);

        public IReadOnlyList<Chunk> GetChunks(BlobHeader blob) => node.GetChunks(blob);
    }
}
