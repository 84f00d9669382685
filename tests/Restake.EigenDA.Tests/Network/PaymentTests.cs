using System.Numerics;
using Restake.EigenDA.Chain;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Tests.Network;

/// <summary>The payment rules of docs/spec protocol/payments/payment_system.md, worked by hand.</summary>
public class PaymentTests
{
    [Fact]
    public void the_leaky_bucket_leaks_at_the_rate_and_allows_one_overfill()
    {
        // 10 symbols/s, a 5 s bucket: capacity 50.
        var b = new LeakyBucket(10, 5);
        Assert.Equal(50, b.Capacity);
        Assert.True(b.TryAdd(0, 30));   // 30
        Assert.True(b.TryAdd(0, 30));   // 60: room was left, so the overfill is allowed (§2.1.3)
        Assert.False(b.TryAdd(0, 1));   // full
        Assert.False(b.TryAdd(1, 1));   // leaked to 50: still no room
        Assert.Equal(60, b.Level);      // refusals change nothing
        Assert.True(b.TryAdd(2, 5));    // leaked to 40, +5
        Assert.Equal(45, b.Level);
        Assert.True(b.TryAdd(100, 7));  // empties, never below zero
        Assert.Equal(7, b.Level);
    }

    private static PaymentLedger Ledger() => new(new PaymentParams(1_000_000_000, 32, 120, 500_000_000));

    [Fact]
    public void on_demand_bills_at_least_the_minimum_and_stops_at_the_deposit()
    {
        var l = Ledger();
        l.AddDeposit("r", 100_000_000_000); // 100 gwei
        var onDemand = new PaymentHeader("r", 0, 1);
        // A check without commit changes nothing.
        Assert.Equal(32_000_000_000, l.Authorize(onDemand, 16, 0, 0, commit: false).Fee);
        Assert.Equal(0, l.UsageOf("r"));
        // 16 symbols are billed as 32: 32 gwei each time.
        Assert.Equal(new Charge("r", true, 32, 32_000_000_000), l.Authorize(onDemand, 16, 0, 0));
        l.Authorize(onDemand, 16, 1, 0);
        l.Authorize(onDemand, 32, 0, 0);
        Assert.Equal(96_000_000_000, l.UsageOf("r"));
        Assert.Equal(DaError.PaymentRefused, Assert.Throws<DaException>(() => l.Authorize(onDemand, 16, 0, 0)).Error);
        Assert.Equal(96_000_000_000, l.UsageOf("r"));
        // 64 symbols cost 64 gwei: also beyond what is left.
        Assert.Throws<DaException>(() => l.Authorize(onDemand, 64, 0, 0));
        // Only quorums 0 and 1 take on-demand payments.
        l.AddDeposit("r", 1_000_000_000_000);
        Assert.Throws<DaException>(() => l.Authorize(onDemand, 16, 2, 0));
    }

    [Fact]
    public void reservations_admit_within_window_quorums_and_rate()
    {
        var l = Ledger();
        // 2 symbols/s on quorum 0 from t = 100 to 200: a 120 s validator bucket holds 240 symbols.
        l.AddReservation(new Reservation("r", 2, 100, 200, [0]));
        var reserved = new PaymentHeader("r", 0, BigInteger.Zero);
        Assert.Equal(100L * 2 * 500_000_000, l.ReservationCost(2, 100, 200));
        Assert.Throws<DaException>(() => l.Authorize(reserved, 32, 0, 99));   // not started
        Assert.Throws<DaException>(() => l.Authorize(reserved, 32, 0, 200));  // over
        Assert.Throws<DaException>(() => l.Authorize(reserved, 32, 1, 150));  // other quorum
        Assert.Throws<DaException>(() => l.Authorize(new PaymentHeader("nobody", 0, 0), 32, 0, 150));
        Assert.Equal(new Charge("r", false, 256, 0), l.Authorize(reserved, 256, 0, 150)); // empty bucket: the overfill is allowed
        Assert.Throws<DaException>(() => l.Authorize(reserved, 32, 0, 150));  // 256 ≥ 240
        Assert.Throws<DaException>(() => l.Authorize(reserved, 32, 0, 158));  // leaked 16: 240, still full
        Assert.False(l.Authorize(reserved, 32, 0, 159).OnDemand);     // 238 < 240
    }
}
