using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Protocol;

// DelegationManager's withdrawal queue, and the share managers' side of it.
public sealed partial class Engine
{
    private readonly record struct WithdrawalPlan(Position Position, string? Operator, UInt256 DepositShares, UInt256 Withdrawable, UInt256 Scaled, string Id, long Nonce);

    private void Handle(QueueWithdrawal c)
    {
        var strategy = StrategyNamed(c.Strategy);
        var staker = FindStaker(c.Staker);
        var position = staker?.Find(strategy);
        var held = position?.DepositShares ?? UInt256.Zero;
        Revert.If(c.DepositShares.IsZero && !strategy.IsBeacon, "SharesAmountZero", "cannot withdraw 0 shares");
        Revert.If(c.DepositShares > held, strategy.IsBeacon ? "SharesNegative" : "SharesAmountTooHigh",
            $"{c.Staker} holds {held} deposit shares of {strategy.Name}, fewer than {c.DepositShares}");
        var plan = PlanWithdrawal(staker!, position!, c.DepositShares, c.Id ?? DefaultWithdrawalId(c.Staker, staker!.WithdrawalNonce), staker!.WithdrawalNonce);
        ApplyWithdrawal(staker!, plan);
    }

    /// <summary>_removeSharesAndQueueWithdrawal: withdrawable a = x·k·SF leaves the operator, q = x·k is stored and stays slashable.</summary>
    private WithdrawalPlan PlanWithdrawal(Staker staker, Position position, UInt256 depositShares, string id, long nonce)
    {
        Revert.If(_s.WithdrawalsById.ContainsKey(id), "WithdrawalIdTaken", $"a withdrawal named '{id}' already exists");
        var op = staker.DelegatedTo;
        var sf = _s.SlashingFactor(staker.Name, position.Strategy, _s.MaxMagnitude(op, position.Strategy));
        var withdrawable = SlashingMath.CalcWithdrawable(position.ScalingFactor, depositShares, sf);
        var scaled = SlashingMath.ScaleForQueueWithdrawal(position.ScalingFactor, depositShares);
        if (op is not null)
        {
            RequireOperatorShares(_s.OperatorsByName[op], position.Strategy, withdrawable);
        }
        return new WithdrawalPlan(position, op, depositShares, withdrawable, scaled, id, nonce);
    }

    /// <summary>
    /// Native-ETH rounding can leave an operator a few wei short of what its last delegators could
    /// withdraw; the reference's checked subtraction then reverts (panic 0x11), and so do we, before any write.
    /// </summary>
    private static void RequireOperatorShares(Operator op, Strategy strategy, UInt256 leaving)
    {
        var held = op.Find(strategy)?.Shares ?? UInt256.Zero;
        Revert.If(held < leaving, "ArithmeticOverflow",
            $"{op.Name} holds {held} delegated {strategy.Name} shares, fewer than the {leaving} leaving (rounding dust; the reference reverts here too, panic 0x11)");
    }

    private void ApplyWithdrawal(Staker staker, WithdrawalPlan plan)
    {
        var strategy = plan.Position.Strategy;
        if (plan.Operator is not null)
        {
            var os = _s.OperatorsByName[plan.Operator].GetOrAdd(strategy);
            os.CumulativeScaledShares.Push(_s.Block, os.CumulativeScaledShares.Latest + plan.Scaled);
            os.Shares -= plan.Withdrawable;
            Emit(new OperatorSharesDecreased(plan.Operator, staker.Name, strategy.Name, plan.Withdrawable));
        }
        var after = plan.Position.DepositShares - plan.DepositShares;
        plan.Position.DepositShares = after;
        if (after.IsZero)
        {
            if (!strategy.IsBeacon)
            {
                staker.Unlist(plan.Position);
            }
            plan.Position.StoredScalingFactor = UInt256.Zero;
            Emit(new DepositScalingFactorUpdated(staker.Name, strategy.Name, Wad.Unit));
        }
        staker.WithdrawalNonce = plan.Nonce + 1;
        _s.WithdrawalsById[plan.Id] = new Withdrawal(plan.Id, staker.Name, plan.Operator, strategy, plan.Scaled, _s.Block, plan.Nonce);
        Emit(new SlashingWithdrawalQueued(plan.Id, staker.Name, plan.Operator, strategy.Name, plan.Scaled, plan.Withdrawable, _s.Block));
    }

    private void Handle(CompleteWithdrawal c)
    {
        Revert.If(!_s.WithdrawalsById.TryGetValue(c.Id, out var w) || w.Status != WithdrawalStatus.Queued,
            "WithdrawalNotQueued", $"there is no queued withdrawal '{c.Id}'");
        RequireCaller(c.Caller, "WithdrawerNotCaller", w!.Staker);
        var slashableUntil = w.StartBlock + _s.Params.WithdrawalDelayBlocks;
        Revert.If(_s.Block <= slashableUntil, "WithdrawalDelayNotElapsed",
            $"withdrawal '{c.Id}' stays slashable through block {slashableUntil}; it can complete from block {slashableUntil + 1} (now {_s.Block})");

        // The operator's max magnitude as it stood when the slashable window closed; the beacon factor as it is now.
        var m = _s.MaxMagnitudeAt(w.DelegatedTo, w.Strategy, slashableUntil);
        var shares = SlashingMath.ScaleForCompleteWithdrawal(w.ScaledShares, _s.SlashingFactor(w.Staker, w.Strategy, m));

        Action? payout = null;
        if (!shares.IsZero)
        {
            payout = c.AsTokens ? PlanPayout(w, shares) : PlanReturnAsShares(w, shares);
        }
        w.Status = WithdrawalStatus.Completed;
        w.CompletedShares = shares;
        Emit(new SlashingWithdrawalCompleted(w.Id, shares, c.AsTokens));
        payout?.Invoke();
    }

    private Action PlanReturnAsShares(Withdrawal w, UInt256 shares)
    {
        var credit = PlanAddShares(FindStaker(w.Staker), w.Staker, w.Strategy, shares);
        return () =>
        {
            ApplyAddShares(credit);
            if (w.Strategy.IsBeacon)
            {
                Emit(new PodSharesUpdated(w.Staker, shares, credit.PrevShares + shares));
            }
        };
    }

    private Action PlanPayout(Withdrawal w, UInt256 shares)
    {
        var strategy = w.Strategy;
        if (strategy.IsBeacon)
        {
            // EigenPod.withdrawRestakedBeaconChainETH: only checkpointed ETH sitting in the pod can leave, in whole gwei.
            var pod = PodOf(w.Staker);
            var gwei = (ulong)(shares / WeiPerGwei);
            Revert.If(gwei > pod.RestakedExecutionLayerGwei, "InsufficientWithdrawableBalance",
                $"the pod holds {pod.RestakedExecutionLayerGwei} gwei of checkpointed ETH, less than the {gwei} gwei owed (exit validators and checkpoint first, or complete as shares)");
            var wei = (UInt256)gwei * WeiPerGwei;
            return () =>
            {
                pod.RestakedExecutionLayerGwei -= gwei;
                pod.BalanceWei -= wei;
                strategy.TotalShares -= UInt256.Min(shares, strategy.TotalShares);
                _s.SetBalance(w.Staker, ProtocolConstants.NativeToken, _s.BalanceOf(w.Staker, ProtocolConstants.NativeToken) + wei);
                Emit(new RestakedBeaconChainEthWithdrawn(w.Staker, wei));
            };
        }
        var amount = PlanStrategyWithdraw(strategy, shares);
        return () => ApplyStrategyWithdraw(strategy, shares, amount, w.Staker);
    }

    /// <summary>StrategyBase.withdraw: floor((balance + 1e3) · shares / (totalShares + 1e3)) tokens.</summary>
    private static UInt256 PlanStrategyWithdraw(Strategy strategy, UInt256 shares)
    {
        Revert.If(shares > strategy.TotalShares, "WithdrawalAmountExceedsTotalDeposits", $"{shares} shares exceed the strategy's {strategy.TotalShares}");
        var amount = strategy.SharesToUnderlying(shares);
        Revert.If(amount > strategy.Balance, "ERC20InsufficientBalance", $"the strategy holds {strategy.Balance} tokens, less than the {amount} owed for {shares} shares");
        return amount;
    }

    private void ApplyStrategyWithdraw(Strategy strategy, UInt256 shares, UInt256 amount, string recipient)
    {
        strategy.TotalShares -= shares;
        strategy.Balance -= amount;
        var token = strategy.Token.Symbol;
        _s.SetBalance(recipient, token, _s.BalanceOf(recipient, token) + amount);
        Emit(new Transfer($"strategy:{strategy.Name}", recipient, token, amount));
    }
}
