using System.Numerics;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Chain;

/// <summary>
/// PaymentVault's global parameters (docs/spec protocol/payments/payment_system.md): the price of one 32-byte symbol in
/// the payment token's base units, the minimum billed size, and the validators' leaky-bucket length.
/// </summary>
public sealed record PaymentParams(BigInteger PricePerSymbol, int MinNumSymbols, long BucketSeconds, BigInteger ReservationPricePerSymbol)
{
    /// <summary>
    /// Devnet values (not mainnet's): 1 gwei a symbol on demand, at least 32 symbols billed, a 2-minute validator bucket,
    /// reservations at half the on-demand price per reserved symbol.
    /// </summary>
    public static PaymentParams Devnet { get; } = new(1_000_000_000, 32, 120, 500_000_000);

    /// <summary>Symbols billed for a blob: its symbol count (already a power of two after encoding), at least MinNumSymbols.</summary>
    public int BilledSymbols(int blobSymbols) => Math.Max(blobSymbols, MinNumSymbols);
}

/// <summary>
/// A bandwidth reservation (PaymentVault.Reservation): symbols per second for [Start, End) seconds on some quorums.
/// Reservations are bought out of band upstream; here the buyer pays rate × length × the reservation price up front.
/// </summary>
public sealed record Reservation(string Account, long SymbolsPerSecond, long Start, long End, IReadOnlyList<byte> Quorums);

/// <summary>
/// The payment header of a dispersal (common_v2.proto PaymentHeader): account, a timestamp in seconds here (nanoseconds
/// upstream), and the cumulative payment: zero means "use my reservation", non-zero means on-demand.
/// </summary>
public sealed record PaymentHeader(string Account, long Timestamp, BigInteger CumulativePayment)
{
    public bool IsOnDemand => !CumulativePayment.IsZero;
}

/// <summary>How a dispersal was paid: the method, the symbols billed and the fee (zero for a reservation dispersal).</summary>
public sealed record Charge(string Account, bool OnDemand, int Symbols, BigInteger Fee);

/// <summary>
/// The leaky bucket a validator keeps per reservation (spec §2.1): capacity = rate × bucket length; symbols are added per
/// dispersal and leak at the reserved rate; a dispersal is admitted while the bucket has any room left, even if it then
/// overfills (one overfill, §2.1.3); validators start empty (§2.1.4). All integers: the level is in symbols.
/// </summary>
public sealed class LeakyBucket(long symbolsPerSecond, long bucketSeconds)
{
    private BigInteger _level;
    private long _last = long.MinValue;

    public BigInteger Capacity { get; } = (BigInteger)symbolsPerSecond * bucketSeconds;

    public BigInteger Level => _level;

    /// <summary>Leaks to <paramref name="now"/>, then adds the symbols if there is room; false (and no change) when full. With commit off it only checks.</summary>
    public bool TryAdd(long now, int symbols, bool commit = true)
    {
        var level = _level;
        if (_last != long.MinValue && now > _last)
        {
            level = BigInteger.Max(BigInteger.Zero, level - ((BigInteger)symbolsPerSecond * (now - _last)));
        }
        if (level >= Capacity)
        {
            return false;
        }
        if (!commit)
        {
            return true;
        }
        _level = level + symbols;
        _last = Math.Max(now, _last);
        return true;
    }
}

/// <summary>
/// The vault's ledger on the disperser's side: reservations with their buckets, on-demand deposits and the on-demand
/// usage the disperser tracks per account (spec §2.2: the cumulative_payment field only says "on-demand"; the disperser
/// compares its own usage record + the blob's cost with the deposit). Token movements happen on the engine
/// (<see cref="EigenDaAvs"/>); this class only decides. A refused payment changes nothing.
/// </summary>
public sealed class PaymentLedger(PaymentParams parameters)
{
    private readonly Dictionary<string, (Reservation Reservation, LeakyBucket Bucket)> _reservations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BigInteger> _deposits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BigInteger> _usage = new(StringComparer.Ordinal);

    public PaymentParams Parameters => parameters;

    public BigInteger DepositOf(string account) => _deposits.GetValueOrDefault(account);

    public BigInteger UsageOf(string account) => _usage.GetValueOrDefault(account);

    public Reservation? ReservationOf(string account) => _reservations.TryGetValue(account, out var r) ? r.Reservation : null;

    /// <summary>The price of a reservation: rate × length × reservation price per symbol.</summary>
    public BigInteger ReservationCost(long symbolsPerSecond, long start, long end) =>
        (BigInteger)symbolsPerSecond * (end - start) * parameters.ReservationPricePerSymbol;

    internal void AddReservation(Reservation r)
    {
        if (r.SymbolsPerSecond <= 0 || r.End <= r.Start || r.Quorums.Count == 0)
        {
            throw new DaException(DaError.PaymentRefused, "a reservation needs a positive rate, end after start and at least one quorum");
        }
        if (_reservations.ContainsKey(r.Account))
        {
            throw new DaException(DaError.PaymentRefused, $"{r.Account} already holds a reservation");
        }
        _reservations[r.Account] = (r, new LeakyBucket(r.SymbolsPerSecond, parameters.BucketSeconds));
    }

    internal void AddDeposit(string account, BigInteger amount) => _deposits[account] = DepositOf(account) + amount;

    /// <summary>
    /// Admits a dispersal of <paramref name="blobSymbols"/> on <paramref name="quorum"/> at time <paramref name="now"/>, or
    /// throws PaymentRefused. With commit off it only checks (the disperser checks before encoding and commits once certified).
    /// </summary>
    public Charge Authorize(PaymentHeader header, int blobSymbols, byte quorum, long now, bool commit = true)
    {
        var symbols = parameters.BilledSymbols(blobSymbols);
        if (!header.IsOnDemand)
        {
            if (!_reservations.TryGetValue(header.Account, out var r))
            {
                throw new DaException(DaError.PaymentRefused, $"{header.Account} has no reservation (set a cumulative payment to pay on demand)");
            }
            if (now < r.Reservation.Start || now >= r.Reservation.End)
            {
                throw new DaException(DaError.PaymentRefused, $"{header.Account}'s reservation is active from {r.Reservation.Start} to {r.Reservation.End}, not at {now}");
            }
            if (!r.Reservation.Quorums.Contains(quorum))
            {
                throw new DaException(DaError.PaymentRefused, $"{header.Account}'s reservation does not cover quorum {quorum}");
            }
            if (!r.Bucket.TryAdd(now, symbols, commit))
            {
                throw new DaException(DaError.PaymentRefused, $"{header.Account}'s reservation bucket is full ({r.Bucket.Level} of {r.Bucket.Capacity} symbols); wait or pay on demand");
            }
            return new Charge(header.Account, false, symbols, BigInteger.Zero);
        }
        if (quorum > 1)
        {
            throw new DaException(DaError.PaymentRefused, "on-demand payments cover quorums 0 and 1 only");
        }
        var fee = symbols * parameters.PricePerSymbol;
        var used = UsageOf(header.Account) + fee;
        if (used > DepositOf(header.Account))
        {
            throw new DaException(DaError.PaymentRefused, $"{header.Account} deposited {DepositOf(header.Account)}, has used {UsageOf(header.Account)}, and this blob costs {fee}");
        }
        if (commit)
        {
            _usage[header.Account] = used;
        }
        return new Charge(header.Account, true, symbols, fee);
    }
}
