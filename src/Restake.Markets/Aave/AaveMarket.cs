using Restake.Primitives;

namespace Restake.Markets.Aave;

/// <summary>A reserve's risk parameters, in basis points as Aave v3 stores them (a bonus of 10,500 pays 5 %).</summary>
public sealed record ReserveConfig(
    string Asset,
    int Decimals,
    ulong LtvBps,
    ulong LiquidationThresholdBps,
    ulong LiquidationBonusBps,
    ulong ReserveFactorBps,
    InterestRateCurve Curve,
    ulong LiquidationProtocolFeeBps = 1_000,
    int EModeCategory = 0,
    bool Borrowable = true);

/// <summary>An efficiency-mode category: correlated assets (ETH and its staking tokens) get their own LTV, threshold and bonus.</summary>
public sealed record EModeCategory(int Id, string Label, ulong LtvBps, ulong LiquidationThresholdBps, ulong LiquidationBonusBps);

/// <summary>A user's position in base currency (wad of ETH here), as Aave v3's GenericLogic.calculateUserAccountData computes it.</summary>
public sealed record AccountData(UInt256 CollateralBase, UInt256 DebtBase, ulong AvgLtvBps, ulong AvgLiquidationThresholdBps, UInt256 HealthFactor)
{
    public bool Liquidatable => HealthFactor < AaveMath.Wad;
}

/// <summary>What one liquidation did.</summary>
public sealed record Liquidation(string User, string CollateralAsset, string DebtAsset, UInt256 DebtRepaid, UInt256 CollateralSeized, UInt256 ProtocolFee, UInt256 BadDebtBase);

/// <summary>One reserve's running state: indexes (ray), rates (ray), scaled totals, the cash the pool holds.</summary>
public sealed class Reserve(ReserveConfig config, long now)
{
    public ReserveConfig Config { get; } = config;
    public UInt256 LiquidityIndex { get; internal set; } = AaveMath.Ray;
    public UInt256 BorrowIndex { get; internal set; } = AaveMath.Ray;
    public UInt256 LiquidityRate { get; internal set; }
    public UInt256 BorrowRate { get; internal set; } = config.Curve.BaseRate;
    public long LastUpdate { get; internal set; } = now;
    public UInt256 ScaledSupply { get; internal set; }
    public UInt256 ScaledDebt { get; internal set; }
    public UInt256 Cash { get; internal set; }
    public UInt256 AccruedToTreasury { get; internal set; }

    /// <summary>Debt written off when a borrower's collateral ran out (Aave v3.3 calls it the reserve's deficit).</summary>
    public UInt256 BadDebt { get; internal set; }

    public UInt256 Unit => UInt256.Pow10(Config.Decimals);

    public UInt256 NormalizedIncome(long now) =>
        now == LastUpdate ? LiquidityIndex : AaveMath.RayMul(AaveMath.LinearInterest(LiquidityRate, (ulong)(now - LastUpdate)), LiquidityIndex);

    public UInt256 NormalizedDebt(long now) =>
        now == LastUpdate ? BorrowIndex : AaveMath.RayMul(AaveMath.CompoundedInterest(BorrowRate, (ulong)(now - LastUpdate)), BorrowIndex);
}

/// <summary>
/// A lending pool in the style of Aave v3 (aave/aave-v3-core, v3.0–v3.2 logic; ReserveLogic, GenericLogic,
/// ValidationLogic, BorrowLogic, LiquidationLogic): supplies earn the liquidity index, debts grow by the compounded
/// borrow index, health factor = Σ collateral·price·threshold / debt, liquidation of at most the close factor
/// (50 %, or 100 % below HF 0.95) with a bonus in collateral, part of which goes to the protocol. When a liquidation
/// leaves a borrower without collateral, the remaining debt is written off as bad debt (v3.3's deficit).
/// Prices are wad of the base currency (ETH) per whole token. Time is the caller's clock in seconds.
/// </summary>
public sealed class AaveMarket
{
    public static readonly UInt256 CloseFactorHfThreshold = 950_000_000_000_000_000UL;
    public const ulong DefaultCloseFactorBps = 5_000;
    public const ulong MaxCloseFactorBps = 10_000;

    private readonly Dictionary<string, Reserve> _reserves = new(StringComparer.Ordinal);
    private readonly Dictionary<int, EModeCategory> _eModes = [];
    private readonly Dictionary<string, UInt256> _prices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserAccount> _users = new(StringComparer.Ordinal);

    public AaveMarket(long now = 0) => Now = now;

    public long Now { get; private set; }
    public IReadOnlyDictionary<string, Reserve> Reserves => _reserves;
    public IReadOnlyDictionary<string, UInt256> Prices => _prices;
    public IEnumerable<string> Users => _users.Keys;

    public void AddReserve(ReserveConfig config, UInt256 price)
    {
        MarketRevert.If(_reserves.ContainsKey(config.Asset), "ReserveAlreadyInitialized", $"{config.Asset} is already listed");
        MarketRevert.If(config.LtvBps > config.LiquidationThresholdBps, "InvalidReserveParams", "LTV is at most the liquidation threshold");
        MarketRevert.If(config.LiquidationThresholdBps > 0 && AaveMath.PercentMul(config.LiquidationThresholdBps, config.LiquidationBonusBps) > AaveMath.PercentageFactor,
            "InvalidReserveParams", "threshold × bonus must stay within 100 %, or a liquidation could take more than the collateral");
        MarketRevert.If(config.LiquidationThresholdBps > 0 && config.LiquidationBonusBps <= AaveMath.PercentageFactor, "InvalidReserveParams", "the bonus is above 100 %");
        MarketRevert.If(config.EModeCategory != 0 && !_eModes.ContainsKey(config.EModeCategory), "InconsistentEModeCategory", $"no e-mode category {config.EModeCategory}");
        MarketRevert.If(price.IsZero, "InvalidPrice", "a price is above zero");
        _reserves[config.Asset] = new Reserve(config, Now);
        _prices[config.Asset] = price;
    }

    public void AddEModeCategory(EModeCategory category)
    {
        MarketRevert.If(category.Id == 0, "InvalidEModeCategoryParams", "category 0 is no e-mode");
        MarketRevert.If(category.LtvBps > category.LiquidationThresholdBps || category.LiquidationBonusBps <= AaveMath.PercentageFactor
            || AaveMath.PercentMul(category.LiquidationThresholdBps, category.LiquidationBonusBps) > AaveMath.PercentageFactor,
            "InvalidEModeCategoryParams", "LTV ≤ threshold, bonus above 100 %, threshold × bonus within 100 %");
        _eModes[category.Id] = category;
    }

    public void SetPrice(string asset, UInt256 price)
    {
        Get(asset);
        MarketRevert.If(price.IsZero, "InvalidPrice", "a price is above zero");
        _prices[asset] = price;
    }

    /// <summary>Moves the clock; indexes follow lazily (every read uses the normalized index at <see cref="Now"/>).</summary>
    public void AdvanceTo(long now)
    {
        MarketRevert.If(now < Now, "TimeRunsForward", $"the market is at {Now}, not before it");
        Now = now;
    }

    public void SetUserEMode(string user, int category)
    {
        MarketRevert.If(category != 0 && !_eModes.ContainsKey(category), "InconsistentEModeCategory", $"no e-mode category {category}");
        var account = Account(user);
        var before = account.EMode;
        account.EMode = category;
        foreach (var asset in account.Debt.Where(d => !d.Value.IsZero).Select(d => d.Key))
        {
            if (category != 0 && _reserves[asset].Config.EModeCategory != category)
            {
                account.EMode = before;
                MarketRevert.If(true, "NotBorrowableInEMode", $"{user} borrows {asset}, outside category {category}");
            }
        }
        if (!account.Debt.Values.All(v => v.IsZero) && Data(user).Liquidatable)
        {
            account.EMode = before;
            MarketRevert.If(true, "HealthFactorLowerThanLiquidationThreshold", "leaving e-mode would make the position liquidatable");
        }
    }

    public UInt256 SupplyBalance(string user, string asset) =>
        _users.TryGetValue(user, out var a) && a.Collateral.TryGetValue(asset, out var scaled) ? AaveMath.RayMul(scaled, Get(asset).NormalizedIncome(Now)) : UInt256.Zero;

    public UInt256 DebtBalance(string user, string asset) =>
        _users.TryGetValue(user, out var a) && a.Debt.TryGetValue(asset, out var scaled) ? AaveMath.RayMul(scaled, Get(asset).NormalizedDebt(Now)) : UInt256.Zero;

    public void Supply(string user, string asset, UInt256 amount)
    {
        var r = Get(asset);
        MarketRevert.If(amount.IsZero, "InvalidAmount", "supply more than zero");
        UpdateState(r);
        var scaled = AaveMath.RayDiv(amount, r.LiquidityIndex);
        MarketRevert.If(scaled.IsZero, "InvalidMintAmount", "the amount is below one scaled unit");
        var account = Account(user);
        account.Collateral[asset] = account.Collateral.GetValueOrDefault(asset) + scaled;
        r.ScaledSupply += scaled;
        r.Cash += amount;
        UpdateRates(r);
    }

    public void Withdraw(string user, string asset, UInt256 amount)
    {
        var r = Get(asset);
        MarketRevert.If(amount.IsZero, "InvalidAmount", "withdraw more than zero");
        var balance = SupplyBalance(user, asset);
        MarketRevert.If(amount > balance, "NotEnoughAvailableUserBalance", $"{user} has {balance} {asset} supplied");
        MarketRevert.If(amount > r.Cash, "NotEnoughAvailableLiquidity", $"the pool holds {r.Cash} {asset} in cash");
        Tentatively(user, () =>
        {
            UpdateState(r);
            var account = _users[user];
            var scaled = UInt256.Min(AaveMath.RayDiv(amount, r.LiquidityIndex), account.Collateral[asset]);
            account.Collateral[asset] -= scaled;
            r.ScaledSupply -= scaled;
            r.Cash -= amount;
            UpdateRates(r);
        }, mustStayHealthy: true);
    }

    public void Borrow(string user, string asset, UInt256 amount)
    {
        var r = Get(asset);
        MarketRevert.If(amount.IsZero, "InvalidAmount", "borrow more than zero");
        MarketRevert.If(!r.Config.Borrowable, "BorrowingNotEnabled", $"{asset} cannot be borrowed");
        MarketRevert.If(amount > r.Cash, "NotEnoughAvailableLiquidity", $"the pool holds {r.Cash} {asset} in cash");
        var account = Account(user);
        MarketRevert.If(account.EMode != 0 && r.Config.EModeCategory != account.EMode, "InconsistentEModeCategory", $"{asset} is outside {user}'s e-mode category");
        var data = Data(user);
        MarketRevert.If(data.CollateralBase.IsZero, "CollateralBalanceIsZero", $"{user} has no collateral");
        MarketRevert.If(data.AvgLtvBps == 0, "LtvValidationFailed", $"{user}'s collateral has no borrowing power");
        MarketRevert.If(data.Liquidatable, "HealthFactorLowerThanLiquidationThreshold", $"{user} is liquidatable already");
        var amountBase = _prices[asset] * amount / r.Unit;
        var collateralNeeded = AaveMath.PercentDiv(data.DebtBase + amountBase, data.AvgLtvBps);
        MarketRevert.If(collateralNeeded > data.CollateralBase, "CollateralCannotCoverNewBorrow",
            $"borrowing needs {collateralNeeded} of collateral in base currency; {user} has {data.CollateralBase}");
        UpdateState(r);
        var scaled = AaveMath.RayDiv(amount, r.BorrowIndex);
        MarketRevert.If(scaled.IsZero, "InvalidMintAmount", "the amount is below one scaled unit");
        account.Debt[asset] = account.Debt.GetValueOrDefault(asset) + scaled;
        r.ScaledDebt += scaled;
        r.Cash -= amount;
        UpdateRates(r);
    }

    /// <summary>Repays up to <paramref name="amount"/> (all of the debt when it is larger); returns what was repaid.</summary>
    public UInt256 Repay(string user, string asset, UInt256 amount)
    {
        var r = Get(asset);
        MarketRevert.If(amount.IsZero, "InvalidAmount", "repay more than zero");
        var debt = DebtBalance(user, asset);
        MarketRevert.If(debt.IsZero, "NoDebtOfSelectedType", $"{user} owes no {asset}");
        var paid = UInt256.Min(amount, debt);
        UpdateState(r);
        BurnDebt(r, _users[user], paid);
        r.Cash += paid;
        UpdateRates(r);
        return paid;
    }

    public AccountData Data(string user)
    {
        if (!_users.TryGetValue(user, out var account))
        {
            return new AccountData(UInt256.Zero, UInt256.Zero, 0, 0, UInt256.MaxValue);
        }
        UInt256 collateral = UInt256.Zero, debt = UInt256.Zero, ltvWeighted = UInt256.Zero, ltWeighted = UInt256.Zero;
        foreach (var (asset, r) in _reserves)
        {
            var (ltv, lt, _) = Params(account, r);
            if (account.Collateral.TryGetValue(asset, out var scaled) && !scaled.IsZero && lt > 0)
            {
                var balanceBase = AaveMath.RayMul(scaled, r.NormalizedIncome(Now)) * _prices[asset] / r.Unit;
                collateral += balanceBase;
                ltvWeighted += balanceBase * ltv;
                ltWeighted += balanceBase * lt;
            }
            if (account.Debt.TryGetValue(asset, out var scaledDebt) && !scaledDebt.IsZero)
            {
                debt += AaveMath.RayMul(scaledDebt, r.NormalizedDebt(Now)) * _prices[asset] / r.Unit;
            }
        }
        var avgLtv = collateral.IsZero ? 0UL : (ulong)(ltvWeighted / collateral);
        var avgLt = collateral.IsZero ? 0UL : (ulong)(ltWeighted / collateral);
        var hf = debt.IsZero ? UInt256.MaxValue : AaveMath.WadDiv(AaveMath.PercentMul(collateral, avgLt), debt);
        return new AccountData(collateral, debt, avgLtv, avgLt, hf);
    }

    /// <summary>
    /// Liquidates <paramref name="user"/>: repays up to <paramref name="debtToCover"/> of <paramref name="debtAsset"/> (at most the close
    /// factor of that debt) and seizes collateral worth it plus the bonus, the liquidator receiving the collateral token.
    /// </summary>
    public Liquidation Liquidate(string user, string collateralAsset, string debtAsset, UInt256 debtToCover)
    {
        var collateralReserve = Get(collateralAsset);
        var debtReserve = Get(debtAsset);
        MarketRevert.If(debtToCover.IsZero, "InvalidAmount", "cover more than zero");
        var data = Data(user);
        MarketRevert.If(!data.Liquidatable, "HealthFactorNotBelowThreshold", $"{user}'s health factor is {Amounts.Format(data.HealthFactor, 18)}");
        var account = _users[user];
        var collateralBalance = SupplyBalance(user, collateralAsset);
        var (_, collateralLt, bonus) = Params(account, collateralReserve);
        MarketRevert.If(collateralBalance.IsZero || collateralLt == 0, "CollateralCannotBeLiquidated", $"{user} has no {collateralAsset} collateral");
        var userDebt = DebtBalance(user, debtAsset);
        MarketRevert.If(userDebt.IsZero, "SpecifiedCurrencyNotBorrowedByUser", $"{user} owes no {debtAsset}");

        var closeFactor = data.HealthFactor > CloseFactorHfThreshold ? DefaultCloseFactorBps : MaxCloseFactorBps;
        var maxDebt = AaveMath.PercentMul(userDebt, closeFactor);
        var debtAmount = UInt256.Min(debtToCover, maxDebt);
        var (seized, repaid, fee) = CollateralToLiquidate(collateralReserve, debtReserve, debtAmount, collateralBalance, bonus);
        MarketRevert.If(seized + fee > collateralReserve.Cash, "NotEnoughAvailableLiquidity", $"the pool holds {collateralReserve.Cash} {collateralAsset} in cash to pay the liquidator");

        UpdateState(debtReserve);
        BurnDebt(debtReserve, account, repaid);
        debtReserve.Cash += repaid;
        UpdateRates(debtReserve);

        UpdateState(collateralReserve);
        var scaled = UInt256.Min(AaveMath.RayDiv(seized + fee, collateralReserve.LiquidityIndex), account.Collateral[collateralAsset]);
        account.Collateral[collateralAsset] -= scaled;
        collateralReserve.ScaledSupply -= scaled;
        collateralReserve.Cash -= seized;
        if (!fee.IsZero)
        {
            // The protocol's share stays supplied, credited to the treasury.
            var treasuryScaled = AaveMath.RayDiv(fee, collateralReserve.LiquidityIndex);
            collateralReserve.AccruedToTreasury += treasuryScaled;
            collateralReserve.ScaledSupply += treasuryScaled;
        }
        UpdateRates(collateralReserve);
        return new Liquidation(user, collateralAsset, debtAsset, repaid, seized, fee, WriteOffIfNoCollateral(account));
    }

    /// <summary>LiquidationLogic._calculateAvailableCollateralToLiquidate: (collateral to the liquidator, debt repaid, protocol fee).</summary>
    public (UInt256 Seized, UInt256 Repaid, UInt256 ProtocolFee) CollateralToLiquidate(Reserve collateral, Reserve debt, UInt256 debtToCover, UInt256 userCollateral, ulong bonusBps)
    {
        var collateralPrice = _prices[collateral.Config.Asset];
        var debtPrice = _prices[debt.Config.Asset];
        var baseCollateral = debtPrice * debtToCover * collateral.Unit / (collateralPrice * debt.Unit);
        var maxCollateral = AaveMath.PercentMul(baseCollateral, bonusBps);
        UInt256 amount, repaid;
        if (maxCollateral > userCollateral)
        {
            amount = userCollateral;
            repaid = AaveMath.PercentDiv(collateralPrice * amount * debt.Unit / (debtPrice * collateral.Unit), bonusBps);
        }
        else
        {
            amount = maxCollateral;
            repaid = debtToCover;
        }
        var fee = UInt256.Zero;
        if (collateral.Config.LiquidationProtocolFeeBps != 0)
        {
            var bonus = amount - AaveMath.PercentDiv(amount, bonusBps);
            fee = AaveMath.PercentMul(bonus, collateral.Config.LiquidationProtocolFeeBps);
        }
        return (amount - fee, repaid, fee);
    }

    private UInt256 WriteOffIfNoCollateral(UserAccount account)
    {
        var anyCollateral = account.Collateral.Any(c => !c.Value.IsZero && _reserves[c.Key].Config.LiquidationThresholdBps > 0);
        if (anyCollateral)
        {
            return UInt256.Zero;
        }
        var writtenOff = UInt256.Zero;
        foreach (var (asset, scaled) in account.Debt.ToList())
        {
            if (scaled.IsZero)
            {
                continue;
            }
            var r = _reserves[asset];
            UpdateState(r);
            var amount = AaveMath.RayMul(scaled, r.BorrowIndex);
            account.Debt[asset] = UInt256.Zero;
            r.ScaledDebt -= UInt256.Min(scaled, r.ScaledDebt);
            r.BadDebt += amount;
            writtenOff += _prices[asset] * amount / r.Unit;
            UpdateRates(r);
        }
        return writtenOff;
    }

    private void BurnDebt(Reserve r, UserAccount account, UInt256 amount)
    {
        var asset = r.Config.Asset;
        var scaled = UInt256.Min(AaveMath.RayDiv(amount, r.BorrowIndex), account.Debt[asset]);
        account.Debt[asset] -= scaled;
        r.ScaledDebt -= UInt256.Min(scaled, r.ScaledDebt);
    }

    private (ulong Ltv, ulong Lt, ulong Bonus) Params(UserAccount account, Reserve r) =>
        account.EMode != 0 && r.Config.EModeCategory == account.EMode && _eModes[account.EMode] is var e
            ? (e.LtvBps, e.LiquidationThresholdBps, e.LiquidationBonusBps)
            : (r.Config.LtvBps, r.Config.LiquidationThresholdBps, r.Config.LiquidationBonusBps);

    /// <summary>ReserveLogic.updateState: indexes to now, the reserve factor's share of the new interest to the treasury.</summary>
    private void UpdateState(Reserve r)
    {
        if (r.LastUpdate == Now)
        {
            return;
        }
        var previousBorrowIndex = r.BorrowIndex;
        r.LiquidityIndex = r.NormalizedIncome(Now);
        r.BorrowIndex = r.NormalizedDebt(Now);
        var previousDebt = AaveMath.RayMul(r.ScaledDebt, previousBorrowIndex);
        var currentDebt = AaveMath.RayMul(r.ScaledDebt, r.BorrowIndex);
        var toTreasury = AaveMath.PercentMul(currentDebt - UInt256.Min(previousDebt, currentDebt), r.Config.ReserveFactorBps);
        if (!toTreasury.IsZero)
        {
            var scaled = AaveMath.RayDiv(toTreasury, r.LiquidityIndex);
            r.AccruedToTreasury += scaled;
            r.ScaledSupply += scaled;
        }
        r.LastUpdate = Now;
    }

    private static void UpdateRates(Reserve r)
    {
        var debt = AaveMath.RayMul(r.ScaledDebt, r.BorrowIndex);
        (r.BorrowRate, r.LiquidityRate) = r.Config.Curve.Rates(debt, r.Cash, r.Config.ReserveFactorBps);
    }

    /// <summary>Runs a change that must leave the user healthy; undone (and refused) when it does not.</summary>
    private void Tentatively(string user, Action change, bool mustStayHealthy)
    {
        var snapshot = Snapshot();
        change();
        if (mustStayHealthy && Data(user).Liquidatable)
        {
            Restore(snapshot);
            MarketRevert.If(true, "HealthFactorLowerThanLiquidationThreshold", $"the change would leave {user} liquidatable");
        }
    }

    private (Dictionary<string, (UInt256, UInt256, UInt256, UInt256, long, UInt256, UInt256, UInt256, UInt256)> Reserves, Dictionary<string, UserAccount> Users) Snapshot() =>
        (_reserves.ToDictionary(kv => kv.Key, kv => (kv.Value.LiquidityIndex, kv.Value.BorrowIndex, kv.Value.LiquidityRate, kv.Value.BorrowRate, kv.Value.LastUpdate,
            kv.Value.ScaledSupply, kv.Value.ScaledDebt, kv.Value.Cash, kv.Value.AccruedToTreasury), StringComparer.Ordinal),
         _users.ToDictionary(kv => kv.Key, kv => kv.Value.Copy(), StringComparer.Ordinal));

    private void Restore((Dictionary<string, (UInt256, UInt256, UInt256, UInt256, long, UInt256, UInt256, UInt256, UInt256)> Reserves, Dictionary<string, UserAccount> Users) s)
    {
        foreach (var (asset, v) in s.Reserves)
        {
            var r = _reserves[asset];
            (r.LiquidityIndex, r.BorrowIndex, r.LiquidityRate, r.BorrowRate, r.LastUpdate, r.ScaledSupply, r.ScaledDebt, r.Cash, r.AccruedToTreasury) = v;
        }
        _users.Clear();
        foreach (var (user, account) in s.Users)
        {
            _users[user] = account;
        }
    }

    private Reserve Get(string asset)
    {
        MarketRevert.If(!_reserves.ContainsKey(asset), "ReserveNotListed", $"{asset} is not listed");
        return _reserves[asset];
    }

    private UserAccount Account(string user)
    {
        if (!_users.TryGetValue(user, out var a))
        {
            _users[user] = a = new UserAccount();
        }
        return a;
    }

    private sealed class UserAccount
    {
        public Dictionary<string, UInt256> Collateral { get; init; } = new(StringComparer.Ordinal);
        public Dictionary<string, UInt256> Debt { get; init; } = new(StringComparer.Ordinal);
        public int EMode { get; set; }

        public UserAccount Copy() => new() { Collateral = new(Collateral, StringComparer.Ordinal), Debt = new(Debt, StringComparer.Ordinal), EMode = EMode };
    }
}
