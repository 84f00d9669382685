using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>
/// Renzo's L2 mint (contracts/Bridge/L2/xRenzoDeposit.sol and the native-bridge variant): the L1 ezETH
/// price is pushed in; each push must be non-zero, at least 1 ETH, within 1 % of the last price
/// (|delta| > last / 100 reverts), newer than the last and not in the future. A deposit takes the
/// bridge fee (min(amount, 32 ETH) * 5 / 10,000, floor: upstream charges at most one sweep batch's fee),
/// discounts the rest for the bridging time, and mints xezETH = 1e18 * (value - discount) / lastPrice; a
/// price older than 1 day rejects the deposit. The static rules are shared with the engine's ezETH bridge.
/// </summary>
public sealed class RenzoL2Deposit(UInt256 initialPrice, ulong initialTimestamp, ulong timeDiscountBps = 0)
{
    public const ulong BridgeFeeShare = 5;
    public const ulong FeeBasis = 10_000;
    public const ulong PriceLifetime = 86_400;
    /// <summary>The sweep batch size (32 ETH): the fee is charged on at most this much of one deposit.</summary>
    public static readonly UInt256 SweepBatchSize = Wad.Unit * 32UL;

    public ShareLedger XezEth { get; } = new("xezETH");
    public UInt256 LastPrice { get; private set; } = initialPrice;
    public ulong LastPriceTimestamp { get; private set; } = initialTimestamp;
    public ulong TimeDiscountBps { get; } = timeDiscountBps;
    public UInt256 BridgeFeesCollected { get; private set; }
    public UInt256 EthAwaitingSweep { get; private set; }

    public void UpdatePrice(UInt256 price, ulong timestamp, ulong nowSeconds)
    {
        CheckPush(LastPrice, LastPriceTimestamp, price, timestamp, nowSeconds);
        LastPrice = price;
        LastPriceTimestamp = timestamp;
    }

    /// <summary>
    /// The receiver's bounds on a pushed price: non-zero, at least 1 ETH, within 1 % of the last (no last
    /// price yet: <paramref name="lastPrice"/> zero, no band), newer than the last and not in the future.
    /// </summary>
    public static void CheckPush(UInt256 lastPrice, ulong lastTimestamp, UInt256 price, ulong timestamp, ulong nowSeconds)
    {
        LrtRevert.If(price.IsZero, "InvalidZeroInput", "price is zero");
        LrtRevert.If(price < Wad.Unit, "InvalidOraclePrice", $"price {price} is below 1 ETH");
        var band = lastPrice / 100UL;
        var move = price > lastPrice ? price - lastPrice : lastPrice - price;
        LrtRevert.If(!lastPrice.IsZero && move > band, "InvalidOraclePrice", $"price moves {move}, more than {band}");
        LrtRevert.If(timestamp <= lastTimestamp, "InvalidTimestamp", $"{timestamp} is not after {lastTimestamp}");
        LrtRevert.If(timestamp > nowSeconds, "InvalidTimestamp", $"{timestamp} is in the future");
    }

    /// <summary>getBridgeFeeShare: ⌊min(amount, 32 ETH)·5/10,000⌋.</summary>
    public static UInt256 BridgeFee(UInt256 amount) => UInt256.MulDiv(UInt256.Min(amount, SweepBatchSize), BridgeFeeShare, FeeBasis);

    /// <summary>A price older than a day (or none: timestamp 0) refuses L2 deposits.</summary>
    public static void CheckFresh(ulong lastTimestamp, ulong nowSeconds) =>
        LrtRevert.If(nowSeconds > lastTimestamp + PriceLifetime, "OraclePriceExpired", $"price from {lastTimestamp} is stale at {nowSeconds}");

    public UInt256 Deposit(string user, UInt256 amountIn, ulong nowSeconds)
    {
        LrtRevert.If(amountIn.IsZero, "InvalidZeroInput", "deposit of zero");
        CheckFresh(LastPriceTimestamp, nowSeconds);
        var fee = BridgeFee(amountIn);
        var value = amountIn - fee;
        var discount = UInt256.MulDiv(value, TimeDiscountBps, FeeBasis);
        var minted = UInt256.MulDiv(Wad.Unit, value - discount, LastPrice);
        LrtRevert.If(minted.IsZero, "InvalidZeroOutput", "deposit mints nothing");
        BridgeFeesCollected += fee;
        EthAwaitingSweep += value;
        XezEth.Mint(user, minted);
        return minted;
    }

    public string Describe() => $"price={LastPrice}@{LastPriceTimestamp} fees={BridgeFeesCollected} sweep={EthAwaitingSweep} {XezEth.Describe()}";
}
