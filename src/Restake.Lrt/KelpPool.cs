using System.Text;
using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>One asset Kelp accepts: deposits held, its oracle price (1e18 = 1 ETH) and its limits.</summary>
public sealed class KelpAsset(UInt256 price, UInt256 depositLimit, UInt256 minDeposit)
{
    public UInt256 Deposits { get; internal set; }
    public UInt256 Price { get; internal set; } = price;
    public UInt256 DepositLimit { get; } = depositLimit;
    public UInt256 MinDeposit { get; } = minDeposit;
}

/// <summary>What an updateRSETHPrice call did.</summary>
public enum KelpPriceOutcome { Updated, PausedOnDrop }

/// <summary>
/// rsETH: Kelp's LRTOracle (contracts/LRTOracle.sol) and LRTDepositPool (contracts/LRTDepositPool.sol).
/// totalETH = sum of mulWad(deposits, assetPrice); the price update takes protocolFeeInBPS of the
/// rise in TVL since the last price, mints it as rsETH to the treasury, and checks the move against
/// the all-time-high price: a rise beyond pricePercentageLimit (1e18 = 100 %) reverts for
/// non-managers, a drop beyond it pauses the protocol instead of updating.
/// </summary>
public sealed class KelpPool
{
    public const string Treasury = "kelp:treasury";
    public const ulong SecondsPerDay = 86_400;
    private readonly SortedDictionary<string, KelpAsset> _assets = new(StringComparer.Ordinal);

    public KelpPool(ulong protocolFeeBps = 1_000, UInt256? pricePercentageLimit = null, UInt256? maxFeeMintPerDay = null)
    {
        ProtocolFeeBps = protocolFeeBps;
        PricePercentageLimit = pricePercentageLimit ?? UInt256.Pow10(16); // 1 %
        MaxFeeMintPerDay = maxFeeMintPerDay ?? UInt256.Pow10(18) * 1_000UL;
        Withdrawals = new KelpWithdrawalManager(this);
    }

    public ShareLedger RsEth { get; } = new("rsETH");
    public UInt256 RsEthPrice { get; private set; } = Wad.Unit;
    public UInt256 HighestPrice { get; private set; } = Wad.Unit;
    public ulong ProtocolFeeBps { get; }
    public UInt256 PricePercentageLimit { get; }
    public UInt256 MaxFeeMintPerDay { get; }
    public UInt256 MintedInPeriod { get; private set; }
    public ulong FeePeriodStart { get; private set; }
    public bool Paused { get; private set; }
    public KelpWithdrawalManager Withdrawals { get; }
    public IReadOnlyDictionary<string, KelpAsset> Assets => _assets;

    public void AddAsset(string name, UInt256 price, UInt256 depositLimit, UInt256 minDeposit) =>
        _assets.Add(name, new KelpAsset(price, depositLimit, minDeposit));

    /// <summary>A per-asset oracle reading (LST exchange rate); the rsETH price follows at the next update.</summary>
    public void SetAssetPrice(string asset, UInt256 price) => Asset(asset).Price = price;

    /// <summary>Assets leave the pool (a slash of the restaked LSTs, or a payout).</summary>
    public void RemoveDeposits(string asset, UInt256 amount)
    {
        var a = Asset(asset);
        LrtRevert.If(amount > a.Deposits, "InvalidAmount", $"{asset} holds {a.Deposits}, removing {amount}");
        a.Deposits -= amount;
    }

    /// <summary>Restaking rewards arrive in an asset.</summary>
    public void AddDeposits(string asset, UInt256 amount) => Asset(asset).Deposits += amount;

    /// <summary>_getTotalEthInProtocol: sum of deposits * price / 1e18, each rounded down.</summary>
    public UInt256 TotalEth
    {
        get
        {
            var total = UInt256.Zero;
            foreach (var a in _assets.Values)
            {
                total += Wad.MulDown(a.Deposits, a.Price);
            }
            return total;
        }
    }

    /// <summary>getRsETHAmountToMint: amount * assetPrice / rsETHPrice, floor.</summary>
    public UInt256 RsEthToMint(string asset, UInt256 amount) => UInt256.MulDiv(amount, Asset(asset).Price, RsEthPrice);

    /// <summary>depositAsset: minimum and per-asset limit checked, rsETH minted at the stored price.</summary>
    public UInt256 Deposit(string user, string asset, UInt256 amount)
    {
        var a = Asset(asset);
        LrtRevert.If(Paused, "EnforcedPause", "deposit pool is paused");
        LrtRevert.If(amount.IsZero || amount < a.MinDeposit, "InvalidAmountToDeposit", $"{amount} below minimum {a.MinDeposit}");
        LrtRevert.If(a.Deposits + amount > a.DepositLimit, "MaximumDepositLimitReached", $"{asset} limit {a.DepositLimit}");
        var minted = RsEthToMint(asset, amount);
        LrtRevert.If(minted.IsZero, "InvalidAmountToDeposit", "deposit mints no rsETH");
        a.Deposits += amount;
        RsEth.Mint(user, minted);
        return minted;
    }

    /// <summary>updateRSETHPrice at <paramref name="nowSeconds"/>; <paramref name="asManager"/> skips the rise cap.</summary>
    public KelpPriceOutcome UpdatePrice(ulong nowSeconds, bool asManager = false)
    {
        var supply = RsEth.TotalSupply;
        if (supply.IsZero)
        {
            RsEthPrice = Wad.Unit;
            HighestPrice = Wad.Unit;
            return KelpPriceOutcome.Updated;
        }
        var total = TotalEth;
        var previousTvl = Wad.MulDown(supply, RsEthPrice);
        var fee = !Paused && total > previousTvl ? Bps.Down(total - previousTvl, ProtocolFeeBps) : UInt256.Zero;
        var newPrice = Wad.DivDown(total - fee, supply);
        var band = Wad.MulDown(PricePercentageLimit, HighestPrice);
        if (newPrice > HighestPrice && !PricePercentageLimit.IsZero && newPrice - HighestPrice > band)
        {
            LrtRevert.If(!asManager, "PriceAboveDailyThreshold", $"price {newPrice} rises more than {band} above {HighestPrice}");
        }
        if (newPrice < HighestPrice && !PricePercentageLimit.IsZero && HighestPrice - newPrice > band)
        {
            Paused = true; // upstream pauses deposit pool, withdrawal manager and oracle, and keeps the old price
            return KelpPriceOutcome.PausedOnDrop;
        }
        var feeShares = fee.IsZero ? UInt256.Zero : Wad.DivDown(fee, newPrice);
        // _checkAndUpdateDailyFeeMintLimit, validated before any write.
        var periodStart = FeePeriodStart;
        var minted = MintedInPeriod;
        if (nowSeconds >= periodStart + SecondsPerDay)
        {
            periodStart += (nowSeconds - periodStart) / SecondsPerDay * SecondsPerDay;
            minted = UInt256.Zero;
        }
        LrtRevert.If(minted + feeShares > MaxFeeMintPerDay, "DailyFeeMintLimitExceeded", $"{minted + feeShares} > {MaxFeeMintPerDay}");
        FeePeriodStart = periodStart;
        MintedInPeriod = minted + feeShares;
        if (newPrice > HighestPrice)
        {
            HighestPrice = newPrice;
        }
        if (!feeShares.IsZero)
        {
            RsEth.Mint(Treasury, feeShares);
        }
        RsEthPrice = newPrice;
        return KelpPriceOutcome.Updated;
    }

    /// <summary>Operators unpause after a drop (upstream: LRT admin).</summary>
    public void Unpause() => Paused = false;

    public string Describe()
    {
        var sb = new StringBuilder("price=").Append(RsEthPrice).Append(" high=").Append(HighestPrice).Append(" paused=").Append(Paused)
            .Append(" minted=").Append(MintedInPeriod).Append('@').Append(FeePeriodStart).Append(' ').Append(RsEth.Describe());
        foreach (var (name, a) in _assets)
        {
            sb.Append(' ').Append(name).Append('=').Append(a.Deposits).Append('@').Append(a.Price);
        }
        return sb.Append(' ').Append(Withdrawals.Describe()).ToString();
    }

    internal KelpAsset Asset(string name) =>
        _assets.TryGetValue(name, out var a) ? a : throw LrtRevert.With("AssetNotSupported", $"{name} is not a supported asset");
}
