using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>
/// Renzo's L2 mint (contracts/Bridge/L2/xRenzoDeposit.sol and the native-bridge variant): the L1 ezETH
/// price is pushed in; each push must be non-zero, at least 1 ETH, within 1 % of the last price
/// (|delta| > last / 100 reverts), newer than the last and not in the future. A deposit takes the
/// bridge fee (amount * 5 / 10,000, floor), discounts the rest for the bridging time, and mints
/// xezETH = 1e18 * (value - discount) / lastPrice; a price older than 1 day rejects the deposit.
/// </summary>
public sealed class RenzoL2Deposit(UInt256 initialPrice, ulong initialTimestamp, ulong timeDiscountBps = 0)
{
    public const ulong BridgeFeeShare = 5;
    public const ulong FeeBasis = 10_000;
    public const ulong PriceLifetime = 86_400;

    public ShareLedger XezEth { get; } = new("xezETH");
    public UInt256 LastPrice { get; private set; } = initialPrice;
    public ulong LastPriceTimestamp { get; private set; } = initialTimestamp;
    public ulong TimeDiscountBps { get; } = timeDiscountBps;
    public UInt256 BridgeFeesCollected { get; private set; }
    public UInt256 EthAwaitingSweep { get; private set; }

    public void UpdatePrice(UInt256 price, ulong timestamp, ulong nowSeconds)
    {
        LrtRevert.If(price.IsZero, "InvalidZeroInput", "price is zero");
        LrtRevert.If(price < Wad.Unit, "InvalidOraclePrice", $"price {price} is below 1 ETH");
        var band = LastPrice / 100UL;
        var move = price > LastPrice ? price - LastPrice : LastPrice - price;
        LrtRevert.If(move > band, "InvalidOraclePrice", $"price moves {move}, more than {band}");
        LrtRevert.If(timestamp <= LastPriceTimestamp, "InvalidTimestamp", $"{timestamp} is not after {LastPriceTimestamp}");
        LrtRevert.If(timestamp > nowSeconds, "InvalidTimestamp", $"{timestamp} is in the future");
        LastPrice = price;
        LastPriceTimestamp = timestamp;
    }

    public UInt256 Deposit(string user, UInt256 amountIn, ulong nowSeconds)
    {
        LrtRevert.If(amountIn.IsZero, "InvalidZeroInput", "deposit of zero");
        LrtRevert.If(nowSeconds > LastPriceTimestamp + PriceLifetime, "OraclePriceExpired", $"price from {LastPriceTimestamp} is stale");
        var fee = UInt256.MulDiv(amountIn, BridgeFeeShare, FeeBasis);
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
