using Restake.Primitives;

namespace Restake.Markets.Morpho;

/// <summary>A borrow rate per second (wad) for a market's utilization; Morpho markets name their IRM at creation.</summary>
public interface IRateModel
{
    UInt256 BorrowRatePerSecond(UInt256 totalSupplyAssets, UInt256 totalBorrowAssets);
}

/// <summary>A fixed yearly rate, for tests and simple studies.</summary>
public sealed record FixedRate(UInt256 YearlyWad) : IRateModel
{
    public UInt256 BorrowRatePerSecond(UInt256 totalSupplyAssets, UInt256 totalBorrowAssets) => YearlyWad / (365UL * 86_400UL);
}

/// <summary>A kinked curve on utilization (wad, yearly): base + slope1·u/u* below the target u*, then slope2 on the excess.</summary>
public sealed record KinkRate(UInt256 TargetUtilization, UInt256 BaseYearly, UInt256 Slope1Yearly, UInt256 Slope2Yearly) : IRateModel
{
    public UInt256 BorrowRatePerSecond(UInt256 totalSupplyAssets, UInt256 totalBorrowAssets)
    {
        var u = totalSupplyAssets.IsZero ? UInt256.Zero : Wad.DivDown(totalBorrowAssets, totalSupplyAssets);
        var yearly = u <= TargetUtilization
            ? BaseYearly + UInt256.MulDiv(Slope1Yearly, u, TargetUtilization)
            : BaseYearly + Slope1Yearly + UInt256.MulDiv(Slope2Yearly, u - TargetUtilization, Wad.Unit - TargetUtilization);
        return yearly / (365UL * 86_400UL);
    }
}

/// <summary>A borrower's or lender's position in one market.</summary>
public sealed record MorphoPosition(UInt256 SupplyShares, UInt256 BorrowShares, UInt256 Collateral);

/// <summary>What one liquidation did.</summary>
public sealed record MorphoLiquidation(string Borrower, UInt256 RepaidAssets, UInt256 RepaidShares, UInt256 SeizedAssets, UInt256 BadDebtAssets, UInt256 BadDebtShares);

/// <summary>
/// One isolated Morpho Blue market (morpho-org/morpho-blue src/Morpho.sol): a loan token, a collateral token, an oracle
/// price (loan-token units per collateral unit, scaled by 1e36), an LLTV. A borrower is healthy while
/// ⌊⌊collateral·price/1e36⌋·LLTV⌋ ≥ debt rounded up. Liquidation of an unhealthy borrower seizes collateral worth the
/// repaid debt times the liquidation incentive factor; when the borrower's collateral reaches zero the remaining debt is
/// bad debt, taken from the lenders' assets at once. Errors are named after upstream's ErrorsLib strings.
/// </summary>
public sealed class MorphoMarket
{
    private readonly Dictionary<string, MorphoPosition> _positions = new(StringComparer.Ordinal);

    public MorphoMarket(string loanToken, string collateralToken, UInt256 lltv, UInt256 price, IRateModel rates, long now = 0, UInt256? fee = null)
    {
        MarketRevert.If(lltv >= Wad.Unit || lltv.IsZero, "LltvNotEnabled", "the LLTV is between 0 and 1");
        MarketRevert.If(fee is { } f && f > 250_000_000_000_000_000UL, "MaxFeeExceeded", "the fee is at most 25 %");
        LoanToken = loanToken;
        CollateralToken = collateralToken;
        Lltv = lltv;
        Price = price;
        Rates = rates;
        LastUpdate = now;
        Fee = fee ?? UInt256.Zero;
    }

    public string LoanToken { get; }
    public string CollateralToken { get; }
    public UInt256 Lltv { get; }
    public IRateModel Rates { get; }
    public UInt256 Fee { get; }
    public UInt256 Price { get; private set; }
    public long LastUpdate { get; private set; }
    public UInt256 TotalSupplyAssets { get; private set; }
    public UInt256 TotalSupplyShares { get; private set; }
    public UInt256 TotalBorrowAssets { get; private set; }
    public UInt256 TotalBorrowShares { get; private set; }
    public UInt256 BadDebt { get; private set; }
    public const string FeeRecipient = "morpho:fee-recipient";

    public IReadOnlyDictionary<string, MorphoPosition> Positions => _positions;
    public MorphoPosition Position(string user) => _positions.GetValueOrDefault(user) ?? new MorphoPosition(UInt256.Zero, UInt256.Zero, UInt256.Zero);

    public UInt256 LiquidationIncentiveFactor => MorphoMath.LiquidationIncentiveFactor(Lltv);

    public void SetPrice(UInt256 price)
    {
        MarketRevert.If(price.IsZero, "InvalidPrice", "a price is above zero");
        Price = price;
    }

    /// <summary>Morpho's _accrueInterest at <paramref name="now"/>: debt grows by the compounded rate; the fee share goes to the fee recipient as supply shares.</summary>
    public void AccrueInterest(long now)
    {
        MarketRevert.If(now < LastUpdate, "TimeRunsForward", $"the market is at {LastUpdate}, not before it");
        var elapsed = (ulong)(now - LastUpdate);
        if (elapsed == 0)
        {
            return;
        }
        if (!TotalBorrowAssets.IsZero)
        {
            var rate = Rates.BorrowRatePerSecond(TotalSupplyAssets, TotalBorrowAssets);
            var interest = Wad.MulDown(TotalBorrowAssets, MorphoMath.TaylorCompounded(rate, elapsed));
            TotalBorrowAssets += interest;
            TotalSupplyAssets += interest;
            if (!Fee.IsZero)
            {
                var feeAmount = Wad.MulDown(interest, Fee);
                var feeShares = MorphoMath.ToSharesDown(feeAmount, TotalSupplyAssets - feeAmount, TotalSupplyShares);
                Update(FeeRecipient, p => p with { SupplyShares = p.SupplyShares + feeShares });
                TotalSupplyShares += feeShares;
            }
        }
        LastUpdate = now;
    }

    public (UInt256 Assets, UInt256 Shares) Supply(string user, UInt256 assets, long now)
    {
        MarketRevert.If(assets.IsZero, "InconsistentInput", "supply some assets");
        AccrueInterest(now);
        var shares = MorphoMath.ToSharesDown(assets, TotalSupplyAssets, TotalSupplyShares);
        Update(user, p => p with { SupplyShares = p.SupplyShares + shares });
        TotalSupplyShares += shares;
        TotalSupplyAssets += assets;
        return (assets, shares);
    }

    public (UInt256 Assets, UInt256 Shares) Withdraw(string user, UInt256 assets, long now)
    {
        MarketRevert.If(assets.IsZero, "InconsistentInput", "withdraw some assets");
        AccrueInterest(now);
        var shares = MorphoMath.ToSharesUp(assets, TotalSupplyAssets, TotalSupplyShares);
        MarketRevert.If(shares > Position(user).SupplyShares, "InsufficientBalance", $"{user} supplied less than {assets}");
        MarketRevert.If(TotalBorrowAssets > TotalSupplyAssets - assets, "InsufficientLiquidity", "lenders cannot take out what is lent");
        Update(user, p => p with { SupplyShares = p.SupplyShares - shares });
        TotalSupplyShares -= shares;
        TotalSupplyAssets -= assets;
        return (assets, shares);
    }

    public void SupplyCollateral(string user, UInt256 assets)
    {
        MarketRevert.If(assets.IsZero, "ZeroAssets", "supply some collateral");
        Update(user, p => p with { Collateral = p.Collateral + assets });
    }

    public void WithdrawCollateral(string user, UInt256 assets, long now)
    {
        MarketRevert.If(assets.IsZero, "ZeroAssets", "withdraw some collateral");
        AccrueInterest(now);
        var p = Position(user);
        MarketRevert.If(assets > p.Collateral, "InsufficientCollateral", $"{user} has {p.Collateral} collateral");
        MarketRevert.If(!IsHealthy(p with { Collateral = p.Collateral - assets }, Price), "InsufficientCollateral", $"{user} would be unhealthy");
        Update(user, x => x with { Collateral = x.Collateral - assets });
    }

    public (UInt256 Assets, UInt256 Shares) Borrow(string user, UInt256 assets, long now)
    {
        MarketRevert.If(assets.IsZero, "InconsistentInput", "borrow some assets");
        AccrueInterest(now);
        var shares = MorphoMath.ToSharesUp(assets, TotalBorrowAssets, TotalBorrowShares);
        var after = Position(user) with { BorrowShares = Position(user).BorrowShares + shares };
        MarketRevert.If(!IsHealthy(after, Price, TotalBorrowAssets + assets, TotalBorrowShares + shares), "InsufficientCollateral", $"{user}'s collateral does not cover that debt at LLTV");
        MarketRevert.If(TotalBorrowAssets + assets > TotalSupplyAssets, "InsufficientLiquidity", "the market has not that much to lend");
        _positions[user] = after;
        TotalBorrowShares += shares;
        TotalBorrowAssets += assets;
        return (assets, shares);
    }

    /// <summary>Repays <paramref name="assets"/>, or the whole debt by shares when <paramref name="assets"/> is null (as a user repays in full).</summary>
    public (UInt256 Assets, UInt256 Shares) Repay(string user, UInt256? assets, long now)
    {
        AccrueInterest(now);
        var p = Position(user);
        UInt256 shares, paid;
        if (assets is { } a)
        {
            MarketRevert.If(a.IsZero, "InconsistentInput", "repay some assets");
            shares = MorphoMath.ToSharesDown(a, TotalBorrowAssets, TotalBorrowShares);
            paid = a;
        }
        else
        {
            shares = p.BorrowShares;
            paid = MorphoMath.ToAssetsUp(shares, TotalBorrowAssets, TotalBorrowShares);
        }
        MarketRevert.If(shares > p.BorrowShares, "InsufficientBalance", $"{user} owes less than that");
        _positions[user] = p with { BorrowShares = p.BorrowShares - shares };
        TotalBorrowShares -= shares;
        TotalBorrowAssets = TotalBorrowAssets > paid ? TotalBorrowAssets - paid : UInt256.Zero;
        return (paid, shares);
    }

    public UInt256 DebtOf(string user) => MorphoMath.ToAssetsUp(Position(user).BorrowShares, TotalBorrowAssets, TotalBorrowShares);

    public UInt256 SupplyOf(string user) => MorphoMath.ToAssetsDown(Position(user).SupplyShares, TotalSupplyAssets, TotalSupplyShares);

    /// <summary>⌊⌊collateral·price/1e36⌋·LLTV⌋ in loan-token units.</summary>
    public UInt256 MaxBorrow(string user) => Wad.MulDown(UInt256.MulDiv(Position(user).Collateral, Price, MorphoMath.OraclePriceScale), Lltv);

    public bool IsHealthy(string user) => IsHealthy(Position(user), Price);

    /// <summary>What <paramref name="collateral"/> can borrow at LLTV at the current price.</summary>
    public UInt256 MaxBorrowFor(UInt256 collateral) => Wad.MulDown(UInt256.MulDiv(collateral, Price, MorphoMath.OraclePriceScale), Lltv);

    /// <summary>Health factor = max borrow / debt (wad); above 1 is healthy. No debt: the largest value.</summary>
    public UInt256 HealthFactor(string user)
    {
        var debt = DebtOf(user);
        return debt.IsZero ? UInt256.MaxValue : Wad.DivDown(MaxBorrow(user), debt);
    }

    private bool IsHealthy(MorphoPosition p, UInt256 price) => IsHealthy(p, price, TotalBorrowAssets, TotalBorrowShares);

    private bool IsHealthy(MorphoPosition p, UInt256 price, UInt256 totalBorrowAssets, UInt256 totalBorrowShares)
    {
        if (p.BorrowShares.IsZero)
        {
            return true;
        }
        var borrowed = MorphoMath.ToAssetsUp(p.BorrowShares, totalBorrowAssets, totalBorrowShares);
        var maxBorrow = Wad.MulDown(UInt256.MulDiv(p.Collateral, price, MorphoMath.OraclePriceScale), Lltv);
        return maxBorrow >= borrowed;
    }

    /// <summary>Morpho's liquidate with <paramref name="seizedAssets"/> given (the other input zero): the liquidator repays what that collateral is worth over the incentive factor.</summary>
    public MorphoLiquidation Liquidate(string borrower, UInt256 seizedAssets, long now)
    {
        MarketRevert.If(seizedAssets.IsZero, "InconsistentInput", "seize some collateral");
        AccrueInterest(now);
        var p = Position(borrower);
        MarketRevert.If(IsHealthy(p, Price), "HealthyPosition", $"{borrower} is healthy");
        MarketRevert.If(seizedAssets > p.Collateral, "InsufficientCollateral", $"{borrower} has {p.Collateral} collateral");
        var repaidAssets = RepaidFor(seizedAssets);
        var repaidShares = MorphoMath.ToSharesDown(repaidAssets, TotalBorrowAssets, TotalBorrowShares);
        MarketRevert.If(repaidShares > p.BorrowShares, "InsufficientBalance", "the seized collateral is worth more than the debt; seize less");
        return Settle(borrower, p, repaidAssets, repaidShares, seizedAssets);
    }

    /// <summary>What a liquidator pays to seize <paramref name="seizedAssets"/>: ⌈⌈seized·price/1e36⌉/LIF⌉, as Morpho's liquidate computes it.</summary>
    public UInt256 RepaidFor(UInt256 seizedAssets) =>
        Wad.DivUp(UInt256.MulDivUp(seizedAssets, Price, MorphoMath.OraclePriceScale), LiquidationIncentiveFactor);

    /// <summary>The largest seizure a liquidator can make: all the collateral, or as much as repays the whole debt.</summary>
    public UInt256 MaxSeizable(string borrower)
    {
        var p = Position(borrower);
        var debt = MorphoMath.ToAssetsDown(p.BorrowShares, TotalBorrowAssets, TotalBorrowShares);
        var forWholeDebt = UInt256.MulDiv(Wad.MulDown(debt, LiquidationIncentiveFactor), MorphoMath.OraclePriceScale, Price);
        return UInt256.Min(p.Collateral, forWholeDebt);
    }

    private MorphoLiquidation Settle(string borrower, MorphoPosition p, UInt256 repaidAssets, UInt256 repaidShares, UInt256 seizedAssets)
    {
        p = p with { BorrowShares = p.BorrowShares - repaidShares, Collateral = p.Collateral - seizedAssets };
        TotalBorrowShares -= repaidShares;
        TotalBorrowAssets = TotalBorrowAssets > repaidAssets ? TotalBorrowAssets - repaidAssets : UInt256.Zero;
        UInt256 badDebtShares = UInt256.Zero, badDebt = UInt256.Zero;
        if (p.Collateral.IsZero && !p.BorrowShares.IsZero)
        {
            badDebtShares = p.BorrowShares;
            badDebt = UInt256.Min(TotalBorrowAssets, MorphoMath.ToAssetsUp(badDebtShares, TotalBorrowAssets, TotalBorrowShares));
            TotalSupplyAssets -= badDebt;
            TotalBorrowAssets -= badDebt;
            TotalBorrowShares -= badDebtShares;
            p = p with { BorrowShares = UInt256.Zero };
            BadDebt += badDebt;
        }
        _positions[borrower] = p;
        return new MorphoLiquidation(borrower, repaidAssets, repaidShares, seizedAssets, badDebt, badDebtShares);
    }

    private void Update(string user, Func<MorphoPosition, MorphoPosition> change) => _positions[user] = change(Position(user));
}
