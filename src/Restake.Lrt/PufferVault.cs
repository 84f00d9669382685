using System.Text;
using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>
/// pufETH: PufferVaultV5 (mainnet-contracts/src/PufferVaultV5.sol), an OpenZeppelin ERC4626 vault with
/// no decimals offset, so conversions use the virtual +1 share and +1 asset:
/// shares = assets * (supply + 1) / (totalAssets + 1). Exit fee and treasury fee each at most 250 bps.
/// Assets are split into liquid ETH/WETH (what withdrawals can pay) and ETH locked in validators.
/// </summary>
public sealed class PufferVault
{
    public const ulong MaxExitFeeBps = 250;
    public const string TreasuryAccount = "puffer:treasury";

    public ShareLedger Shares { get; } = new("pufETH");
    public UInt256 LiquidEth { get; internal set; }
    public UInt256 LockedEth { get; internal set; }
    public UInt256 TreasuryEth { get; private set; }
    public ulong ExitFeeBps { get; private set; } = 100;
    public ulong TreasuryExitFeeBps { get; private set; }

    public UInt256 TotalAssets => LiquidEth + LockedEth;
    public ulong TotalExitFeeBps => ExitFeeBps + TreasuryExitFeeBps;

    /// <summary>OZ _convertToShares: assets * (supply + 1) / (totalAssets + 1), rounding as named.</summary>
    public UInt256 ConvertToShares(UInt256 assets, bool roundUp = false) => roundUp
        ? UInt256.MulDivUp(assets, Shares.TotalSupply + UInt256.One, TotalAssets + UInt256.One)
        : UInt256.MulDiv(assets, Shares.TotalSupply + UInt256.One, TotalAssets + UInt256.One);

    /// <summary>OZ _convertToAssets: shares * (totalAssets + 1) / (supply + 1), rounding as named.</summary>
    public UInt256 ConvertToAssets(UInt256 shares, bool roundUp = false) => roundUp
        ? UInt256.MulDivUp(shares, TotalAssets + UInt256.One, Shares.TotalSupply + UInt256.One)
        : UInt256.MulDiv(shares, TotalAssets + UInt256.One, Shares.TotalSupply + UInt256.One);

    /// <summary>Value of 1e18 pufETH, as the withdrawal manager reads it.</summary>
    public UInt256 Rate => ConvertToAssets(Wad.Unit);

    public void SetExitFeeBps(ulong bps)
    {
        LrtRevert.If(bps > MaxExitFeeBps, "InvalidExitFeeBasisPoints", $"{bps} > {MaxExitFeeBps}");
        ExitFeeBps = bps;
    }

    public void SetTreasuryExitFeeBps(ulong bps)
    {
        LrtRevert.If(bps > MaxExitFeeBps, "InvalidExitFeeBasisPoints", $"{bps} > {MaxExitFeeBps}");
        TreasuryExitFeeBps = bps;
    }

    /// <summary>deposit: shares rounded down (previewDeposit).</summary>
    public UInt256 Deposit(string receiver, UInt256 assets)
    {
        var shares = ConvertToShares(assets);
        LiquidEth += assets;
        Shares.Mint(receiver, shares);
        return shares;
    }

    /// <summary>mint: assets rounded up (previewMint).</summary>
    public UInt256 Mint(string receiver, UInt256 shares)
    {
        var assets = ConvertToAssets(shares, roundUp: true);
        LiquidEth += assets;
        Shares.Mint(receiver, shares);
        return assets;
    }

    /// <summary>_assetsWithFee: assets * 1e4 / (1e4 - fee), floor.</summary>
    public UInt256 AssetsWithFee(UInt256 assets) => UInt256.MulDiv(assets, Bps.Denominator, Bps.Scale - TotalExitFeeBps);

    /// <summary>previewRedeem: floor conversion, minus the total fee rounded up.</summary>
    public UInt256 PreviewRedeem(UInt256 shares)
    {
        var assets = ConvertToAssets(shares);
        return assets - Bps.Up(assets, TotalExitFeeBps);
    }

    /// <summary>previewWithdraw: shares for assets grossed up by the fee, rounded up.</summary>
    public UInt256 PreviewWithdraw(UInt256 assets) => ConvertToShares(AssetsWithFee(assets), roundUp: true);

    /// <summary>maxWithdraw: the lower of the owner's redeemable value and liquidity net of the fee.</summary>
    public UInt256 MaxWithdraw(string owner)
    {
        var liquidity = LiquidEth - Bps.Up(LiquidEth, TotalExitFeeBps);
        return UInt256.Min(PreviewRedeem(Shares.BalanceOf(owner)), liquidity);
    }

    /// <summary>maxRedeem: the lower of the owner's shares and the shares the liquidity can buy back.</summary>
    public UInt256 MaxRedeem(string owner) => UInt256.Min(Shares.BalanceOf(owner), ConvertToShares(LiquidEth, roundUp: true));

    /// <summary>withdraw: burns previewWithdraw shares; the exit fee stays in the vault, the treasury fee leaves.</summary>
    public UInt256 Withdraw(string owner, UInt256 assets)
    {
        var max = MaxWithdraw(owner);
        LrtRevert.If(assets > max, "ERC4626ExceededMaxWithdraw", $"{owner} may withdraw {max}, asked {assets}");
        var withFee = AssetsWithFee(assets);
        var treasuryFee = Bps.Up(withFee, TreasuryExitFeeBps);
        var shares = ConvertToShares(withFee, roundUp: true);
        LrtRevert.If(LiquidEth < assets + treasuryFee, "ERC4626ExceededMaxWithdraw", "liquidity short of assets and fee");
        Shares.Burn(owner, shares);
        LiquidEth -= assets + treasuryFee;
        TreasuryEth += treasuryFee;
        return shares;
    }

    /// <summary>redeem: assets = floor conversion minus exit and treasury fees, each rounded up.</summary>
    public UInt256 Redeem(string owner, UInt256 shares)
    {
        var max = MaxRedeem(owner);
        LrtRevert.If(shares > max, "ERC4626ExceededMaxRedeem", $"{owner} may redeem {max}, asked {shares}");
        var withFee = ConvertToAssets(shares);
        var exitFee = Bps.Up(withFee, ExitFeeBps);
        var treasuryFee = Bps.Up(withFee, TreasuryExitFeeBps);
        LrtRevert.If(exitFee + treasuryFee > withFee, "ERC4626ExceededMaxRedeem", "fees exceed the redemption");
        var assets = withFee - exitFee - treasuryFee;
        LrtRevert.If(LiquidEth < assets + treasuryFee, "ERC4626ExceededMaxRedeem", "liquidity short of assets and fee");
        Shares.Burn(owner, shares);
        LiquidEth -= assets + treasuryFee;
        TreasuryEth += treasuryFee;
        return assets;
    }

    /// <summary>Oracle-reported validator rewards: locked ETH grows, so the rate rises.</summary>
    public void AccrueRewards(UInt256 wei) => LockedEth += wei;

    /// <summary>A loss nobody's bond covers: locked ETH falls, socialised through the rate.</summary>
    public void AbsorbLoss(UInt256 wei)
    {
        LrtRevert.If(wei > LockedEth, "InvalidAmount", $"loss {wei} exceeds locked {LockedEth}");
        LockedEth -= wei;
    }

    public string Describe() => new StringBuilder("liquid=").Append(LiquidEth).Append(" locked=").Append(LockedEth)
        .Append(" treasury=").Append(TreasuryEth).Append(" fee=").Append(ExitFeeBps).Append('/').Append(TreasuryExitFeeBps)
        .Append(' ').Append(Shares.Describe()).ToString();
}
