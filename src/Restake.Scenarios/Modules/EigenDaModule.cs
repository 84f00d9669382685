using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Restake.EigenDA.Chain;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Network;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Scenarios.Modules;

/// <summary>
/// EigenDA in scenario files (docs/eigenda.md): the AVS and its quorums on the engine, operators registering BLS keys,
/// payments (on-demand deposits, reservations), paid dispersals to the operators in process, faults, retrieval, and the
/// fees paid out as operator-set rewards. Devnet parameters (c = 64, rate 8, at most 16 operators, the INSECURE devnet
/// SRS). Payloads are named by a <c>blob</c> id in the file and made of deterministic bytes (or given as text).
/// </summary>
internal sealed class EigenDaModule : IScenarioModule
{
    public string Name => "eigenda";

    public IReadOnlySet<string> Verbs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "da_setup", "da_register", "da_fault", "da_deposit", "da_reserve", "da_disperse", "da_retrieve", "da_pay_rewards",
    };

    public IReadOnlyList<string> Sections { get; } = ["eigenda"];

    public IModuleReader NewReader(ModuleParseContext context) => new Reader(context);

    public IModuleRuntime NewRuntime() => new Runtime();

    internal sealed record Setup(string Avs, IReadOnlyList<string> EthStrategies, string EigenStrategy, string Token);
    internal sealed record Register(string Operator, IReadOnlyList<byte> Quorums);
    internal sealed record SetFault(string Operator, OperatorFault Fault);
    internal sealed record DepositFunds(string Account, UInt256 Amount);
    internal sealed record Reserve(string Account, long SymbolsPerSecond, long Seconds, IReadOnlyList<byte> Quorums);
    internal sealed record Disperse(string Blob, byte[] Payload, string Account, bool OnDemand, byte Quorum);
    internal sealed record Retrieve(string Blob);
    internal sealed record PayRewards;

    private sealed class Reader(ModuleParseContext c) : IModuleReader
    {
        private readonly HashSet<string> _blobs = new(StringComparer.Ordinal);
        private string? _token;

        public object Read(string verb, YamlFields f) => verb switch
        {
            "da_setup" => ReadSetup(f),
            "da_register" => new Register(f.Required("operator"), Quorums(f, [0, 1])),
            "da_fault" => new SetFault(f.Required("operator"), OperatorFaults.TryParse(f.Required("fault"), out var fault)
                ? fault : throw new ScenarioFileException($"fault: '{f.Required("fault")}' is not one of {OperatorFaults.Names}", f.Line)),
            "da_deposit" => new DepositFunds(f.Required("account"), c.Amount(f.Required("amount"), Token(f), f.Line)),
            "da_reserve" => new Reserve(f.Required("account"), Positive(f, "symbols_per_second"),
                Durations.TryParseSeconds(f.Required("duration"), out var s, out var e) && s > 0 ? s : throw new ScenarioFileException($"duration: {e ?? "must be positive"}", f.Line),
                Quorums(f, [0])),
            "da_disperse" => ReadDisperse(f),
            "da_retrieve" => new Retrieve(Known(f)),
            "da_pay_rewards" => new PayRewards(),
            _ => throw new ScenarioFileException($"unknown EigenDA verb {verb}", f.Line),
        };

        private Setup ReadSetup(YamlFields f)
        {
            _token = f.Optional("payment_token") ?? "WETH";
            return new Setup(f.Optional("avs") ?? EigenDaAvs.DefaultName, f.RequiredList("eth_strategies"), f.Required("eigen_strategy"), _token);
        }

        private string Token(YamlFields f) => _token ?? throw new ScenarioFileException("da_setup must come before payments (it names the payment token)", f.Line);

        private static long Positive(YamlFields f, string key) =>
            f.RequiredInteger(key) is var n and > 0 and <= 1_000_000_000 ? n : throw new ScenarioFileException($"{key} is between 1 and 1,000,000,000", f.Line);

        private static List<byte> Quorums(YamlFields f, List<byte> fallback)
        {
            var list = f.OptionalList("quorums");
            if (list is null)
            {
                return fallback;
            }
            return [.. list.Select(q => q is "0" or "1" ? byte.Parse(q, CultureInfo.InvariantCulture) : throw new ScenarioFileException($"quorums: '{q}' is not 0 (ETH) or 1 (EIGEN)", f.Line))];
        }

        private Disperse ReadDisperse(YamlFields f)
        {
            var id = f.Required("blob");
            if (!_blobs.Add(id))
            {
                throw new ScenarioFileException($"a blob named '{id}' already exists", f.Line);
            }
            byte[] payload;
            if (f.Optional("text") is { } text)
            {
                payload = System.Text.Encoding.UTF8.GetBytes(text);
            }
            else
            {
                var size = f.RequiredInteger("bytes");
                if (size is < 0 or > Devnet.MaxPayloadBytes)
                {
                    throw new ScenarioFileException($"bytes: a devnet blob carries 0 to {Devnet.MaxPayloadBytes} bytes", f.Line);
                }
                // Deterministic bytes from the blob's name, so a run is repeatable.
                payload = new byte[size];
                new Random(BitConverter.ToInt32(Protocol.Rewards.Keccak.Hash(System.Text.Encoding.UTF8.GetBytes(id)))).NextBytes(payload);
            }
            var payment = f.Optional("payment") ?? "on_demand";
            if (payment is not ("on_demand" or "reservation"))
            {
                throw new ScenarioFileException($"payment: '{payment}' is on_demand or reservation", f.Line);
            }
            var quorum = f.OptionalInteger("quorum") ?? 0;
            if (quorum is not (0 or 1))
            {
                throw new ScenarioFileException("quorum: 0 (ETH) or 1 (EIGEN)", f.Line);
            }
            return new Disperse(id, payload, f.Required("account"), payment == "on_demand", (byte)quorum);
        }

        private string Known(YamlFields f)
        {
            var id = f.Required("blob");
            return _blobs.Contains(id) ? id : throw new ScenarioFileException($"no earlier da_disperse names a blob '{id}'", f.Line);
        }
    }

    /// <summary>The run's EigenDA: the AVS binding, the operators in process (their stored chunks) and the certified blobs.</summary>
    public sealed class Runtime : IModuleRuntime
    {
        private static readonly Lazy<BlobEncoder> SharedEncoder = new(() => new BlobEncoder(Devnet.DisperserSrs()));

        private readonly SortedDictionary<string, DaOperator> _nodes = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, (BlobCertificate Certificate, byte[] Payload, Charge Charge)> _blobs = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, string> _retrievals = new(StringComparer.Ordinal);
        private readonly List<(string Id, IReadOnlyList<(string Operator, BigInteger Amount)> Amounts)> _payouts = [];
        private EigenDaAvs? _avs;

        private static DaParams P => Devnet.Params;

        public Outcome Perform(ModuleContext context, object action)
        {
            try
            {
                if (action is Setup setup)
                {
                    if (_avs is not null)
                    {
                        return Refuse("AlreadySetUp", "EigenDA is set up already");
                    }
                    var avs = new EigenDaAvs(context.Engine, PaymentParams.Devnet, setup.Token, setup.Avs);
                    if (!context.Engine.State.Tokens.ContainsKey(setup.Token))
                    {
                        return Refuse("OnlyUnderlyingToken", $"there is no token '{setup.Token}' to pay in");
                    }
                    avs.Register(setup.EthStrategies, setup.EigenStrategy);
                    _avs = avs;
                    return Outcome.Ok;
                }
                if (_avs is null)
                {
                    return Refuse("NotSetUp", "da_setup first");
                }
                switch (action)
                {
                    case Register r:
                        var key = Devnet.KeyOf(r.Operator);
                        _avs.RegisterOperator(r.Operator, key.PublicKeyG1, key.PublicKeyG2, r.Quorums);
                        _nodes.TryAdd(r.Operator, new DaOperator(r.Operator, key, new Dictionary<byte, BigInteger>()));
                        return Outcome.Ok;
                    case SetFault f:
                        if (!_nodes.TryGetValue(f.Operator, out var node))
                        {
                            return Refuse("UnknownOperator", $"{f.Operator} has not registered with EigenDA (da_register)");
                        }
                        node.Fault = f.Fault;
                        return Outcome.Ok;
                    case DepositFunds d:
                        _avs.DepositOnDemand(d.Account, (BigInteger)d.Amount);
                        return Outcome.Ok;
                    case Reserve r:
                        var now = context.Engine.State.Time;
                        _avs.Reserve(r.Account, r.SymbolsPerSecond, now, now + r.Seconds, r.Quorums);
                        return Outcome.Ok;
                    case Disperse d:
                        return DoDisperse(context, d);
                    case Retrieve r:
                        return DoRetrieve(r);
                    case PayRewards:
                        return DoPay(context);
                    default:
                        throw new ArgumentException($"unknown EigenDA action {action.GetType().Name}", nameof(action));
                }
            }
            catch (DaException e)
            {
                return Refuse(e.Error.ToString(), e.Message);
            }
        }

        private static Outcome Refuse(string name, string message) => new(new ProtocolError(name, message));

        private List<IDaNode> Nodes(IReadOnlyList<RegisteredOperator> registry)
        {
            var byName = registry.ToDictionary(r => r.Name);
            return [.. _nodes.Values.Where(n => byName.ContainsKey(n.Name)).Select(n => (IDaNode)new Staked(n, byName[n.Name], SharedEncoder.Value))];
        }

        private Outcome DoDisperse(ModuleContext context, Disperse d)
        {
            var registry = _avs!.OperatorState();
            var header = new PaymentHeader(d.Account, context.Engine.State.Time, d.OnDemand ? BigInteger.One : BigInteger.Zero);
            var symbols = PayloadCodec.ToBlob(d.Payload).Length;
            var (certificate, charge) = _avs.PaidDispersal(header, symbols, d.Quorum, registry, () =>
                new Disperser(SharedEncoder.Value, P, Nodes(registry)).Disperse(d.Payload, d.Quorum, (ulong)context.Engine.State.Block));
            _blobs[d.Blob] = (certificate, d.Payload, charge);
            return Outcome.Ok;
        }

        private Outcome DoRetrieve(Retrieve r)
        {
            if (!_blobs.TryGetValue(r.Blob, out var blob))
            {
                return Refuse("BlobNotDispersed", $"blob '{r.Blob}' was never certified (its da_disperse was refused)");
            }
            var got = new Retriever(SharedEncoder.Value, P, Nodes(_avs!.OperatorState())).Retrieve(blob.Certificate);
            if (!got.Payload.AsSpan().SequenceEqual(blob.Payload))
            {
                return Refuse("RetrievedBytesDiffer", $"blob '{r.Blob}' came back different");
            }
            _retrievals[r.Blob] = $"retrieved, {got.RejectedChunks} bad chunks dropped";
            return Outcome.Ok;
        }

        /// <summary>The revenue so far, paid for the last whole calculation interval before now (operator-directed rewards look back).</summary>
        private Outcome DoPay(ModuleContext context)
        {
            var s = context.Engine.State;
            var interval = s.Params.Rewards.CalculationIntervalSeconds;
            var end = s.Time / interval * interval;
            if (end >= s.Time)
            {
                end -= interval;
            }
            var start = end - interval;
            var id = $"{_avs!.Name}-fees-{_payouts.Count}";
            var paid = _avs.SettleRevenue(start, interval, id);
            if (paid is null)
            {
                return Refuse("NothingToPay", "no revenue, or nobody signed since the last payout");
            }
            _payouts.Add((paid.Value.Id, paid.Value.Amounts));
            return Outcome.Ok;
        }

        public void AddSections(JsonObject document, NetworkState state)
        {
            if (_avs is null)
            {
                return;
            }
            var operators = new JsonObject();
            foreach (var o in _avs.OperatorState())
            {
                operators[o.Name] = new JsonObject
                {
                    ["id"] = o.Id.ToString(),
                    ["stake_quorum_0"] = Raw(o.StakeIn(0)),
                    ["stake_quorum_1"] = Raw(o.StakeIn(1)),
                    ["fault"] = _nodes.TryGetValue(o.Name, out var n) ? OperatorFaults.Name(n.Fault) : "none",
                };
            }
            var blobs = new JsonObject();
            foreach (var (id, b) in _blobs)
            {
                var names = _avs.OperatorState().ToDictionary(o => o.Id, o => o.Name);
                blobs[id] = new JsonObject
                {
                    ["bytes"] = b.Payload.Length,
                    ["symbols"] = b.Certificate.Blob.Commitment.Length,
                    ["quorum"] = b.Certificate.Blob.Quorum,
                    ["payment"] = b.Charge.OnDemand ? "on_demand" : "reservation",
                    ["fee"] = Raw(b.Charge.Fee),
                    ["signers"] = string.Join(",", b.Certificate.Signers.Select(i => names.GetValueOrDefault(i, i.ToString())).Order(StringComparer.Ordinal)),
                    ["signer_count"] = b.Certificate.Signers.Count,
                    ["signed_percent"] = (int)(b.Certificate.SignedStake * 100 / b.Certificate.TotalStake),
                    ["retrieval"] = _retrievals.GetValueOrDefault(id, "not retrieved"),
                };
            }
            var payouts = new JsonObject();
            foreach (var (id, amounts) in _payouts)
            {
                var o = new JsonObject();
                foreach (var (op, amount) in amounts)
                {
                    o[op] = Raw(amount);
                }
                payouts[id] = o;
            }
            document["eigenda"] = new JsonObject
            {
                ["avs"] = _avs.Name,
                ["payment_token"] = _avs.PaymentToken,
                ["operators"] = operators,
                ["blobs"] = blobs,
                ["unsettled_revenue"] = Raw(_avs.UnsettledRevenue),
                ["payouts"] = payouts,
            };
        }

        /// <summary>Amounts in the document are base units, as every section holds them (expectations scale "0.5" by the token's decimals).</summary>
        private static string Raw(BigInteger v) => v.ToString(CultureInfo.InvariantCulture);

        /// <summary>An in-process operator seen with the engine's current stakes.</summary>
        private sealed class Staked(DaOperator node, RegisteredOperator registration, BlobEncoder verifier) : IDaNode
        {
            public RegisteredOperator Registration => registration;

            public Affine<Fp>? StoreChunks(BatchHeader batch, BlobHeader blob, ChunkAssignment assignment, IReadOnlyList<Chunk> chunks) =>
                node.StoreChunks(batch, blob, assignment, chunks, verifier, P);

            public IReadOnlyList<Chunk> GetChunks(BlobHeader blob) => node.GetChunks(blob);
        }
    }
}
