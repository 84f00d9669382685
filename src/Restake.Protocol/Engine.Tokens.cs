using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Protocol;

// StrategyManager and StrategyBase: tokens, deposits, donations, caps.
public sealed partial class Engine
{
    private void Handle(AddToken c)
    {
        Revert.If(_s.TokensBySymbol.ContainsKey(c.Symbol), "TokenExists", $"token '{c.Symbol}' already exists");
        Revert.If(c.Decimals is < 0 or > 36, "InvalidDecimals", $"decimals must be between 0 and 36, not {c.Decimals}");
        _s.TokensBySymbol[c.Symbol] = new Token(c.Symbol, c.Decimals);
        Emit(new TokenAdded(c.Symbol, c.Decimals));
    }

    private void Handle(AddStrategy c)
    {
        Revert.If(!_s.TokensBySymbol.TryGetValue(c.Token, out var token), "OnlyUnderlyingToken", $"there is no token '{c.Token}'");
        Revert.If(_s.StrategiesByName.ContainsKey(c.Token), "StrategyExists", $"strategy '{c.Token}' already exists");
        CheckCaps(c.MaxPerDeposit, c.MaxTotalDeposits);
        var strategy = new Strategy(c.Token, token!, isBeacon: false, index: _s.StrategiesByName.Count)
        {
            MaxPerDeposit = c.MaxPerDeposit,
            MaxTotalDeposits = c.MaxTotalDeposits,
        };
        _s.StrategiesByName[strategy.Name] = strategy;
        Emit(new StrategyAdded(strategy.Name, token!.Symbol));
    }

    private static void CheckCaps(UInt256? perDeposit, UInt256? total) =>
        Revert.If(perDeposit is { } p && total is { } t && p > t, "MaxPerDepositExceedsMax", "max_per_deposit cannot exceed max_total_deposits");

    private void Handle(Mint c)
    {
        Revert.If(!_s.TokensBySymbol.ContainsKey(c.Token), "OnlyUnderlyingToken", $"there is no token '{c.Token}'");
        var updated = _s.BalanceOf(c.To, c.Token) + c.Amount;
        _s.SetBalance(c.To, c.Token, updated);
        Emit(new Transfer("mint", c.To, c.Token, c.Amount));
    }

    private void Handle(Deposit c)
    {
        var strategy = StrategyNamed(c.Strategy);
        Revert.If(strategy.IsBeacon, "InvalidStrategy", "native ETH enters through an EigenPod (create_pod, verify_validators), not deposit");
        var token = strategy.Token.Symbol;
        var payer = c.From ?? c.Staker;
        var held = _s.BalanceOf(payer, token);
        var minted = c.MintShortfall && held < c.Amount ? c.Amount - held : UInt256.Zero;
        held += minted;
        Revert.If(held < c.Amount, "ERC20InsufficientBalance", $"{payer} holds {held} base units of {token}, less than {c.Amount}");
        Revert.If(strategy.MaxPerDeposit is { } perDeposit && c.Amount > perDeposit, "MaxPerDepositExceedsMax", $"deposit of {c.Amount} exceeds the per-deposit cap {strategy.MaxPerDeposit}");
        var balanceAfter = strategy.Balance + c.Amount;
        Revert.If(strategy.MaxTotalDeposits is { } total && balanceAfter > total, "BalanceExceedsMaxTotalDeposits", $"the strategy would hold {balanceAfter}, above its total cap {strategy.MaxTotalDeposits}");

        // StrategyBase.deposit: virtual shares and balance defeat the first-depositor inflation attack.
        var newShares = Wad.MulDivDown(c.Amount, strategy.VirtualShares, strategy.VirtualBalance);
        Revert.If(newShares.IsZero, "NewSharesZero", $"a deposit of {c.Amount} would mint 0 shares");
        var totalShares = strategy.TotalShares + newShares;
        Revert.If(totalShares > ProtocolConstants.MaxTotalShares, "TotalSharesExceedsMax", "the strategy would exceed 1e38 - 1 shares");

        var staker = FindStaker(c.Staker);
        var credit = PlanAddShares(staker, c.Staker, strategy, newShares);

        if (!minted.IsZero)
        {
            if (Recording)
            {
                Emit(new Transfer("mint", payer, token, minted));
            }
        }
        // A faucet deposit of exactly the amount leaves no balance behind: skip the write (hot in large networks).
        var faucetOnly = held == minted && held == c.Amount;
        if (!faucetOnly)
        {
            _s.SetBalance(payer, token, held - c.Amount);
        }
        strategy.Balance = balanceAfter;
        strategy.TotalShares = totalShares;
        if (Recording)
        {
            Emit(new Deposited(c.Staker, strategy.Name, c.Amount, newShares));
        }
        ApplyAddShares(credit);
    }

    private void Handle(Donate c)
    {
        var strategy = StrategyNamed(c.Strategy);
        Revert.If(strategy.IsBeacon, "InvalidStrategy", "ETH cannot be donated to the native-ETH strategy");
        var token = strategy.Token.Symbol;
        if (c.From is not null)
        {
            var held = _s.BalanceOf(c.From, token);
            Revert.If(held < c.Amount, "ERC20InsufficientBalance", $"{c.From} holds {held} base units of {token}, less than {c.Amount}");
            var balance = strategy.Balance + c.Amount;
            _s.SetBalance(c.From, token, held - c.Amount);
            strategy.Balance = balance;
        }
        else
        {
            strategy.Balance += c.Amount;
        }
        Emit(new Transfer(c.From ?? "mint", $"strategy:{strategy.Name}", token, c.Amount));
    }

    private void Handle(TransferToken c)
    {
        Revert.If(!_s.TokensBySymbol.ContainsKey(c.Token), "OnlyUnderlyingToken", $"there is no token '{c.Token}'");
        var held = _s.BalanceOf(c.From, c.Token);
        Revert.If(held < c.Amount, "ERC20InsufficientBalance", $"{c.From} holds {held} base units of {c.Token}, less than {c.Amount}");
        if (c.From != c.To)
        {
            var received = _s.BalanceOf(c.To, c.Token) + c.Amount;
            _s.SetBalance(c.From, c.Token, held - c.Amount);
            _s.SetBalance(c.To, c.Token, received);
        }
        Emit(new Transfer(c.From, c.To, c.Token, c.Amount));
    }

    private void Handle(SetCaps c)
    {
        var strategy = StrategyNamed(c.Strategy);
        Revert.If(strategy.IsBeacon, "InvalidStrategy", "the native-ETH strategy has no deposit caps");
        var perDeposit = c.MaxPerDeposit.Change ? c.MaxPerDeposit.Value : strategy.MaxPerDeposit;
        var total = c.MaxTotalDeposits.Change ? c.MaxTotalDeposits.Value : strategy.MaxTotalDeposits;
        CheckCaps(perDeposit, total);
        strategy.MaxPerDeposit = perDeposit;
        strategy.MaxTotalDeposits = total;
        Emit(new StrategyCapsSet(strategy.Name, perDeposit, total));
    }

    /// <summary>
    /// A planned credit of deposit shares (StrategyManager/EigenPodManager addShares followed by
    /// DelegationManager.increaseDelegatedShares), computed in full before anything is written.
    /// </summary>
    private readonly record struct ShareCredit(Staker? Staker, string StakerName, Strategy Strategy, UInt256 PrevShares, UInt256 Added, UInt256? NewScalingFactor, Operator? Operator, bool JoinsList);

    private ShareCredit PlanAddShares(Staker? staker, string stakerName, Strategy strategy, UInt256 added)
    {
        Revert.If(added.IsZero && !strategy.IsBeacon, "SharesAmountZero", "cannot add 0 shares");
        var position = staker?.Find(strategy);
        var prev = position?.DepositShares ?? UInt256.Zero;
        var joinsList = !strategy.IsBeacon && prev.IsZero;
        Revert.If(joinsList && staker is not null && staker.ListedStrategies >= ProtocolConstants.MaxStakerStrategyListLength,
            "MaxStrategiesExceeded", $"{stakerName} already holds {ProtocolConstants.MaxStakerStrategyListLength} strategies");
        var op = staker?.DelegatedTo is { } opName ? _s.OperatorsByName[opName] : null;
        var m = op?.Find(strategy)?.MaxMagnitude ?? Wad.One;
        var sf = strategy.IsBeacon ? _s.SlashingFactor(stakerName, strategy, m) : (UInt256)m;
        Revert.If(sf.IsZero, "FullySlashed", $"{stakerName}'s slashing factor for {strategy.Name} is 0: new shares would be worthless");
        UInt256? k = added.IsZero ? null : SlashingMath.UpdatedScalingFactor(position?.ScalingFactor ?? Wad.Unit, prev, added, sf);
        return new ShareCredit(staker, stakerName, strategy, prev, added, k, op, joinsList);
    }

    private void ApplyAddShares(ShareCredit credit)
    {
        var staker = credit.Staker ?? StakerForWrite(credit.StakerName);
        var position = staker.GetOrAdd(credit.Strategy);
        position.DepositShares = credit.PrevShares + credit.Added;
        if (credit.JoinsList && !credit.Added.IsZero)
        {
            staker.List(position);
        }
        if (credit.NewScalingFactor is { } k)
        {
            position.StoredScalingFactor = k;
            if (Recording)
            {
                Emit(new DepositScalingFactorUpdated(credit.StakerName, credit.Strategy.Name, k));
            }
            if (credit.Operator is not null)
            {
                var os = credit.Operator.GetOrAdd(credit.Strategy);
                os.Shares += credit.Added;
                if (Recording)
                {
                    Emit(new OperatorSharesIncreased(credit.Operator.Name, credit.StakerName, credit.Strategy.Name, credit.Added));
                }
            }
        }
    }
}
