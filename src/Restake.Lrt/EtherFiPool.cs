using System.Text;
using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>A signed oracle delta in wei: rewards (rate up) or a loss (rate down).</summary>
public readonly record struct Accrual(UInt256 Magnitude, bool IsLoss)
{
    public static Accrual Reward(UInt256 wei) => new(wei, false);
    public static Accrual Loss(UInt256 wei) => new(wei, true);
}

/// <summary>Ether.fi's constants as deployed; values, so a scenario can pin others.</summary>
public sealed record EtherFiParams(
    ulong MaxPositiveRebaseBps = 25,
    ulong MaxNegativeRebaseBps = 3,
    ulong MaxProtocolFeeInvRatio = 5,
    ulong ExitFeeBps = 30,
    ulong ExitFeeSplitToTreasuryBps = 1_000,
    ulong LowWatermarkBpsOfTvl = 100,
    ulong BucketCapacityUnits = 2_000_000_000, // 2,000 ETH in 1e12-wei units
    ulong BucketRefillUnitsPerSecond = 1_000_000); // 1 ETH a second

/// <summary>
/// eETH: Ether.fi's LiquidityPool share accounting (src/core/LiquidityPool.sol), the oracle rebase
/// bounds (src/oracle/EtherFiAdmin.sol, LiquidityPool.rebase), protocol fees minted as eETH
/// (payProtocolFees -> depositToRecipient) and instant redemption (src/withdrawals/EtherFiRedemptionManager.sol).
/// The withdrawal NFT queue lives in <see cref="EtherFiWithdrawQueue"/>.
/// </summary>
public sealed class EtherFiPool
{
    public const string FeeRecipient = "etherfi:fee-recipient";
    public const string Treasury = "etherfi:treasury";

    public EtherFiPool(EtherFiParams? parameters = null, ulong nowSeconds = 0)
    {
        Params = parameters ?? new EtherFiParams();
        Limiter = new BucketLimiter(Params.BucketCapacityUnits, Params.BucketRefillUnitsPerSecond, nowSeconds);
        Queue = new EtherFiWithdrawQueue(this);
    }

    public EtherFiParams Params { get; }
    public ShareLedger Shares { get; } = new("eETH-shares");
    public UInt256 TotalValueInLp { get; internal set; }
    public UInt256 TotalValueOutOfLp { get; internal set; }
    public BucketLimiter Limiter { get; }
    public EtherFiWithdrawQueue Queue { get; }

    /// <summary>getTotalPooledEther = totalValueOutOfLp + totalValueInLp.</summary>
    public UInt256 Tvl => TotalValueInLp + TotalValueOutOfLp;

    /// <summary>floor(a * totalShares / TVL); 0 on an empty pool.</summary>
    public UInt256 SharesForAmount(UInt256 amount) => Tvl.IsZero ? UInt256.Zero : UInt256.MulDiv(amount, Shares.TotalSupply, Tvl);

    /// <summary>ceil(a * totalShares / TVL): withdrawals round in the pool's favour.</summary>
    public UInt256 SharesForWithdrawalAmount(UInt256 amount) => Tvl.IsZero ? UInt256.Zero : UInt256.MulDivUp(amount, Shares.TotalSupply, Tvl);

    /// <summary>floor(s * TVL / totalShares); 0 with no shares.</summary>
    public UInt256 AmountForShare(UInt256 shares) => Shares.TotalSupply.IsZero ? UInt256.Zero : UInt256.MulDiv(shares, Tvl, Shares.TotalSupply);

    /// <summary>eETH balance: the holder's shares at the current rate.</summary>
    public UInt256 BalanceOf(string holder) => AmountForShare(Shares.BalanceOf(holder));

    /// <summary>weETH.getRate(): value of 1e18 shares.</summary>
    public UInt256 Rate => AmountForShare(Wad.Unit);

    /// <summary>deposit(): ETH into the LP, shares priced on the TVL before the deposit (first deposit 1:1).</summary>
    public UInt256 Deposit(string user, UInt256 amount) => DepositCore(user, amount, inLp: true);

    /// <summary>
    /// One oracle report as EtherFiAdmin.executeTasks applies it: validate (negative cap, fee share),
    /// rebase (positive cap in LiquidityPool.rebase), then mint the protocol fees as eETH to the fee
    /// recipient at the post-rebase rate. Rejected reports change nothing.
    /// </summary>
    public UInt256 ApplyReport(Accrual accrued, UInt256 protocolFees)
    {
        var tvl = Tvl;
        if (accrued.IsLoss && !tvl.IsZero)
        {
            // EtherFiAdmin._validateRebaseApr: drop * 1e4 > TVL * maxNegativeRebaseBps fails.
            LrtRevert.If(accrued.Magnitude * Bps.Denominator > tvl * Params.MaxNegativeRebaseBps,
                "ReportValidationFailed", $"EtherFiAdmin: negative rebase exceeds cap ({accrued.Magnitude} of TVL {tvl})");
        }
        if (!protocolFees.IsZero)
        {
            // EtherFiAdmin._validateProtocolFees: fees * 5 > fees + accruedRewards fails (fees <= 20 % of rewards).
            var feeTimesRatio = protocolFees * Params.MaxProtocolFeeInvRatio;
            var rewardsOk = !accrued.IsLoss
                ? feeTimesRatio <= protocolFees + accrued.Magnitude
                : protocolFees >= accrued.Magnitude && feeTimesRatio <= protocolFees - accrued.Magnitude;
            LrtRevert.If(!rewardsOk, "ReportValidationFailed", "EtherFiAdmin: protocol fees exceed 20% total rewards");
        }
        if (!accrued.IsLoss && !accrued.Magnitude.IsZero)
        {
            // LiquidityPool.rebase: accrued > TVL * 25 / 1e4 (floor) reverts.
            var maxIncrease = Bps.Down(tvl, Params.MaxPositiveRebaseBps);
            LrtRevert.If(accrued.Magnitude > maxIncrease, "RebaseExceedsPositiveCap", $"rebase {accrued.Magnitude} > cap {maxIncrease}");
        }
        LrtRevert.If(accrued.IsLoss && accrued.Magnitude > TotalValueOutOfLp, "ReportValidationFailed",
            "EtherFiAdmin: loss exceeds the value out of the LP");
        var outAfter = accrued.IsLoss ? TotalValueOutOfLp - accrued.Magnitude : TotalValueOutOfLp + accrued.Magnitude;
        var feeShares = UInt256.Zero;
        if (!protocolFees.IsZero)
        {
            var tvlAfter = TotalValueInLp + outAfter;
            feeShares = tvlAfter.IsZero ? protocolFees : UInt256.MulDiv(protocolFees, Shares.TotalSupply, tvlAfter);
            LrtRevert.If(feeShares.IsZero, "InvalidAmount", "protocol fees buy zero shares");
        }
        TotalValueOutOfLp = outAfter + protocolFees;
        if (!feeShares.IsZero)
        {
            Shares.Mint(FeeRecipient, feeShares);
        }
        return feeShares;
    }

    /// <summary>The quote an instant redemption of <paramref name="ethAmount"/> eETH would give.</summary>
    public RedemptionQuote QuoteRedemption(UInt256 ethAmount)
    {
        // EtherFiRedemptionManager._calcRedemption.
        var eEthShares = SharesForAmount(ethAmount);
        var toReceiver = AmountForShare(UInt256.MulDiv(eEthShares, Bps.Scale - Params.ExitFeeBps, Bps.Denominator));
        var sharesToBurn = SharesForWithdrawalAmount(toReceiver);
        LrtRevert.If(sharesToBurn > eEthShares, "InvalidNumSharesBurnt", "rounding left no fee shares");
        var feeShares = eEthShares - sharesToBurn;
        var feeSharesToTreasury = Bps.Down(feeShares, Params.ExitFeeSplitToTreasuryBps);
        return new RedemptionQuote(eEthShares, toReceiver, sharesToBurn, feeSharesToTreasury, feeShares - feeSharesToTreasury);
    }

    /// <summary>lowWatermarkInETH = TVL * lowWatermarkBps / 1e4 (floor).</summary>
    public UInt256 LowWatermark => Bps.Down(Tvl, Params.LowWatermarkBpsOfTvl);

    /// <summary>canRedeem: liquidity above the low watermark covers the amount and the bucket has room.</summary>
    public bool CanRedeem(UInt256 ethAmount, ulong nowSeconds)
    {
        var liquid = TotalValueInLp;
        var floor = LowWatermark;
        if (liquid < floor || liquid - floor < ethAmount)
        {
            return false;
        }
        return Limiter.CanConsume(BucketUnitsUp(ethAmount), nowSeconds) && ethAmount <= liquid;
    }

    /// <summary>
    /// redeemEEth to ETH: the user gives <paramref name="ethAmount"/> of eETH, receives the amount
    /// after the exit fee; the treasury's split of the fee goes to it as eETH shares, the rest is
    /// burned, so it stays in the pool for the remaining holders.
    /// </summary>
    public RedemptionQuote RedeemEEth(string user, UInt256 ethAmount, ulong nowSeconds)
    {
        LrtRevert.If(ethAmount > BalanceOf(user), "InsufficientBalance", $"{user} holds {BalanceOf(user)} eETH, redeeming {ethAmount}");
        LrtRevert.If(!CanRedeem(ethAmount, nowSeconds), "ExceededRedeemable", $"{ethAmount} exceeds instant liquidity or the rate limit");
        var q = QuoteRedemption(ethAmount);
        LrtRevert.If(q.AmountToReceiver.IsZero || q.SharesToBurn.IsZero, "InvalidAmount", "redemption rounds to zero");
        LrtRevert.If(Shares.BalanceOf(user) < q.EEthShares, "InsufficientBalance", "not enough shares");
        Limiter.Consume(BucketUnitsUp(ethAmount), nowSeconds);
        Shares.Transfer(user, Treasury, q.FeeSharesToTreasury);
        Shares.Burn(user, q.SharesToBurn + q.FeeSharesToStakers);
        TotalValueInLp -= q.AmountToReceiver;
        return q;
    }

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("in=").Append(TotalValueInLp).Append(" out=").Append(TotalValueOutOfLp).Append(' ')
          .Append(Shares.Describe()).Append(' ').Append(Limiter).Append(' ').Append(Queue.Describe());
        return sb.ToString();
    }

    internal UInt256 DepositCore(string user, UInt256 amount, bool inLp)
    {
        var tvlBefore = Tvl;
        var shares = tvlBefore.IsZero ? amount : UInt256.MulDiv(amount, Shares.TotalSupply, tvlBefore);
        LrtRevert.If(amount.IsZero || shares.IsZero, "InvalidAmount", $"deposit of {amount} buys {shares} shares");
        if (inLp)
        {
            TotalValueInLp += amount;
        }
        else
        {
            TotalValueOutOfLp += amount;
        }
        Shares.Mint(user, shares);
        return shares;
    }

    private static ulong BucketUnitsUp(UInt256 amount)
    {
        var units = UInt256.MulDivUp(amount, UInt256.One, BucketLimiter.UnitScale);
        LrtRevert.If(!units.FitsIn64, "AmountTooLarge", $"{amount} exceeds the bucket's range");
        return (ulong)units;
    }
}

/// <summary>One instant redemption: shares taken, ETH paid, and how the fee shares split.</summary>
public readonly record struct RedemptionQuote(
    UInt256 EEthShares, UInt256 AmountToReceiver, UInt256 SharesToBurn, UInt256 FeeSharesToTreasury, UInt256 FeeSharesToStakers);
