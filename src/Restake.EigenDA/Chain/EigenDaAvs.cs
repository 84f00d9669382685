using System.Numerics;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Network;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.EigenDA.Chain;

/// <summary>
/// EigenDA as an AVS on the engine. Quorum q is the operator set (eigenda, q): set 0 holds the ETH-like strategies, set 1
/// the EIGEN strategy. An operator's stake in a quorum is its slashable stake in that set, summed over the set's
/// strategies (AllocationManager's view; 1 share counted as 1 unit, no price feed), counted while it is a member of the set. BLS keys live in EigenDA's own
/// <see cref="BlsApkRegistry"/>. Payments arrive in the payment token at the AVS's account (the PaymentVault); the
/// collected revenue is paid out as an operator-directed operator-set rewards submission to the operators that signed,
/// in proportion to the share of each blob's quorum stake they signed with, so it reaches their restakers through the
/// rewards calculation.
/// </summary>
public sealed class EigenDaAvs
{
    public const string DefaultName = "eigenda";

    private readonly Dictionary<string, BigInteger> _signedWeight = new(StringComparer.Ordinal);
    private BigInteger _revenue;

    public EigenDaAvs(Engine engine, PaymentParams payments, string paymentToken, string name = DefaultName)
    {
        Engine = engine;
        Name = name;
        PaymentToken = paymentToken;
        Payments = new PaymentLedger(payments);
    }

    public Engine Engine { get; }
    public string Name { get; }
    public string PaymentToken { get; }
    public BlsApkRegistry Keys { get; } = new();
    public PaymentLedger Payments { get; }

    /// <summary>Fees collected and not yet paid out as rewards.</summary>
    public BigInteger UnsettledRevenue => _revenue;

    /// <summary>Every engine command goes through here, so an observer (the rewards calculator) sees each one's events.</summary>
    public Action<long, IReadOnlyList<ProtocolEvent>>? Observer { get; set; }

    /// <summary>Registers the AVS and its two quorums' operator sets on the engine.</summary>
    public void Register(IReadOnlyList<string> ethStrategies, string eigenStrategy)
    {
        Must(new RegisterAvs(Name));
        Must(new CreateOperatorSet(Name, 0, ethStrategies));
        Must(new CreateOperatorSet(Name, 1, [eigenStrategy]));
    }

    /// <summary>An operator joins quorums: the engine registers it for those sets; EigenDA's registry records its BLS keys.</summary>
    public void RegisterOperator(string operatorName, Affine<Fp> publicKeyG1, Affine<Fp2> publicKeyG2, IReadOnlyList<byte> quorums)
    {
        // Checked first, so a refusal by either side changes neither.
        var known = Keys.TryGet(operatorName, out var held);
        if (known && (held.G1 != publicKeyG1 || held.G2 != publicKeyG2))
        {
            throw new DaException(DaError.BadOperatorSet, $"{operatorName} registered another BLS key before");
        }
        if (!known)
        {
            Keys.Check(operatorName, publicKeyG1, publicKeyG2);
        }
        Must(new RegisterForSets(operatorName, Name, [.. quorums.Select(q => (long)q)]));
        if (!known)
        {
            Keys.Register(operatorName, publicKeyG1, publicKeyG2);
        }
    }

    /// <summary>The registry a disperser, retriever and certificate check use: every keyed operator and its slashable stake per quorum now.</summary>
    public IReadOnlyList<RegisteredOperator> OperatorState()
    {
        var s = Engine.State;
        var result = new List<RegisteredOperator>();
        foreach (var name in Keys.Operators)
        {
            Keys.TryGet(name, out var k);
            var stakes = new Dictionary<byte, BigInteger>();
            if (s.Operators.TryGetValue(name, out var op))
            {
                for (byte q = 0; q <= 1; q++)
                {
                    // Registered members only (the registry coordinator drops a deregistered operator at once, though it stays slashable a while).
                    if (s.OperatorSetByKey($"{Name}/{q}") is { } set && set.Members.Contains(name))
                    {
                        var stake = set.Strategies.Aggregate(BigInteger.Zero, (acc, st) => acc + (BigInteger)s.SlashableStake(op, set, st));
                        if (stake > 0)
                        {
                            stakes[q] = stake;
                        }
                    }
                }
            }
            result.Add(new RegisteredOperator(name, k.Id, k.G1, k.G2, stakes));
        }
        return result;
    }

    /// <summary>Buys a reservation: the account pays rate × length × reservation price to the vault now; that is revenue.</summary>
    public Reservation Reserve(string account, long symbolsPerSecond, long start, long end, IReadOnlyList<byte> quorums)
    {
        var r = new Reservation(account, symbolsPerSecond, start, end, quorums);
        var cost = Payments.ReservationCost(symbolsPerSecond, start, end);
        if (Payments.ReservationOf(account) is not null)
        {
            throw new DaException(DaError.PaymentRefused, $"{account} already holds a reservation");
        }
        Pay(account, cost);
        Payments.AddReservation(r);
        _revenue += cost;
        return r;
    }

    /// <summary>An on-demand deposit: tokens move to the vault and cannot be withdrawn; they become revenue only as blobs use them.</summary>
    public void DepositOnDemand(string account, BigInteger amount)
    {
        if (amount <= 0)
        {
            throw new DaException(DaError.PaymentRefused, "a deposit is positive");
        }
        Pay(account, amount);
        Payments.AddDeposit(account, amount);
    }

    /// <summary>Admits a dispersal's payment; on-demand fees become revenue. With commit off it only checks, changing nothing.</summary>
    public Charge Authorize(PaymentHeader header, int blobSymbols, byte quorum, bool commit = true)
    {
        var charge = Payments.Authorize(header, blobSymbols, quorum, Engine.State.Time, commit);
        if (commit)
        {
            _revenue += charge.Fee;
        }
        return charge;
    }

    /// <summary>
    /// A paid dispersal as a whole: the payment is checked first, the dispersal runs, and only a certified blob is charged
    /// and recorded; a refused payment or a failed dispersal charges nothing.
    /// </summary>
    public (BlobCertificate Certificate, Charge Charge) PaidDispersal(PaymentHeader header, int blobSymbols, byte quorum, IReadOnlyList<RegisteredOperator> registry, Func<BlobCertificate> disperse)
    {
        Authorize(header, blobSymbols, quorum, commit: false);
        var certificate = disperse();
        var charge = Authorize(header, blobSymbols, quorum);
        RecordCertificate(certificate, registry);
        return (certificate, charge);
    }

    /// <summary>
    /// Records who signed a certified blob: each signer's weight grows by its share of the blob's quorum stake,
    /// floor(stake·10^18 / quorum total), so blobs of either quorum count alike whatever unit their stake is in.
    /// </summary>
    public void RecordCertificate(BlobCertificate certificate, IReadOnlyList<RegisteredOperator> registry)
    {
        var q = certificate.Blob.Quorum;
        if (certificate.TotalStake.IsZero)
        {
            return;
        }
        foreach (var id in certificate.Signers)
        {
            var op = registry.First(o => o.Id == id);
            _signedWeight[op.Name] = _signedWeight.GetValueOrDefault(op.Name) + (op.StakeIn(q) * WeightUnit / certificate.TotalStake);
        }
    }

    private static readonly BigInteger WeightUnit = BigInteger.Pow(10, 18);

    /// <summary>
    /// The revenue split: total × weight_i / Σ weight, floored; the floors' remainder goes to the heaviest signer (ties by
    /// name), so the amounts sum to the revenue exactly. Empty when nothing was earned or nobody signed.
    /// </summary>
    public IReadOnlyList<(string Operator, BigInteger Amount)> RevenueSplit() => Split(_revenue, _signedWeight);

    /// <summary>The split rule on its own: <paramref name="revenue"/> over operators by weight (see <see cref="RevenueSplit"/>).</summary>
    public static IReadOnlyList<(string Operator, BigInteger Amount)> Split(BigInteger revenue, IReadOnlyDictionary<string, BigInteger> weights)
    {
        var total = weights.Values.Aggregate(BigInteger.Zero, (a, b) => a + b);
        if (revenue.IsZero || total.IsZero)
        {
            return [];
        }
        var ordered = weights.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var amounts = ordered.Select(kv => (kv.Key, revenue * kv.Value / total)).ToList();
        var rest = revenue - amounts.Aggregate(BigInteger.Zero, (a, x) => a + x.Item2);
        var heaviest = ordered.Select((kv, i) => (kv, i)).OrderByDescending(x => x.kv.Value).ThenBy(x => x.kv.Key, StringComparer.Ordinal).First().i;
        amounts[heaviest] = (amounts[heaviest].Key, amounts[heaviest].Item2 + rest);
        return [.. amounts.Where(a => a.Item2 > 0)];
    }

    /// <summary>
    /// Pays the collected revenue as one operator-directed operator-set rewards submission on quorum 0's set for the
    /// window [start, start + duration), which must already be over (the engine's retroactivity rule). Returns the
    /// submission id and the amounts, or null when there was nothing to pay.
    /// </summary>
    public (string Id, IReadOnlyList<(string Operator, BigInteger Amount)> Amounts)? SettleRevenue(long start, long duration, string id)
    {
        var split = RevenueSplit();
        if (split.Count == 0)
        {
            return null;
        }
        var set = Engine.State.OperatorSetByKey($"{Name}/0")!;
        var strategies = set.Strategies.Select(st => new RewardsStrategy(st.Name, Wad.Unit)).OrderBy(x => x.Strategy, StringComparer.Ordinal).ToList();
        var operators = split.Select(a => new OperatorAmount(a.Operator, UInt256.Parse(a.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        Must(new SubmitRewards(RewardsKind.OperatorDirectedSet, Name, PaymentToken, UInt256.Zero, start, duration, strategies, operators, Set: 0, Id: id));
        _revenue = BigInteger.Zero;
        _signedWeight.Clear();
        return (id, split);
    }

    private void Pay(string account, BigInteger amount)
    {
        var outcome = Execute(new TransferToken(account, Name, PaymentToken, UInt256.Parse(amount.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (!outcome.Accepted)
        {
            throw new DaException(DaError.PaymentRefused, $"{account} cannot pay {amount} {PaymentToken}: {outcome.Error!.Message}");
        }
    }

    /// <summary>Runs one engine command; a refusal becomes a DaException naming the engine's error.</summary>
    public void Must(Command command)
    {
        var outcome = Execute(command);
        if (!outcome.Accepted)
        {
            throw new DaException(DaError.BadOperatorSet, $"the engine refused {command.GetType().Name}: {outcome.Error!.Name}: {outcome.Error.Message}");
        }
    }

    /// <summary>Runs one engine command and shows its events to the observer.</summary>
    public Outcome Execute(Command command)
    {
        var mark = Engine.Events.Count;
        var time = Engine.State.Time;
        var outcome = Engine.Execute(command);
        if (outcome.Accepted)
        {
            Observer?.Invoke(time, [.. Engine.Events.Skip(mark)]);
        }
        return outcome;
    }
}
