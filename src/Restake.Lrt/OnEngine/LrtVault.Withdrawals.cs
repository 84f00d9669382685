using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.OnEngine;

// Withdrawals: escrow the LRT, unstake its value through engine withdrawals, pay the lower of request and claim value.
public sealed partial class LrtVault
{
    /// <summary>Puffer's smallest withdrawal (PufferWithdrawalManager.MIN_WITHDRAWAL_AMOUNT).</summary>
    public static readonly UInt256 PufferMinWithdrawal = PufferWithdrawalManager.MinWithdrawalAmount;

    internal LrtWithdrawal Request(Engine engine, LrtRequestWithdrawal c)
    {
        var s = engine.State;
        if (c.Amount.IsZero || (Preset == LrtPreset.Puffer && c.Amount < PufferMinWithdrawal) || (Preset == LrtPreset.Kelp && c.Amount < (Rules.MinWithdrawal ?? UInt256.Zero)))
        {
            throw Refuse(Preset == LrtPreset.Puffer ? "WithdrawalAmountTooLow" : "InvalidAmountToWithdraw", $"cannot withdraw {c.Amount} {Name}");
        }
        if (Preset == LrtPreset.Puffer)
        {
            CheckPufferRequest(c.Amount);
        }
        if (Paused)
        {
            throw Refuse("EnforcedPause", $"{Name} is paused (its price fell beyond the band)");
        }
        var held = Token.BalanceOf(c.User);
        if (held < c.Amount)
        {
            throw Refuse("ERC20InsufficientBalance", $"{c.User} holds {held} {Name}, less than {c.Amount}");
        }
        var rate = UInt256.Zero;
        UInt256 value;
        if (Preset == LrtPreset.Puffer)
        {
            (rate, value) = PufferQuote(s, c.Amount);
        }
        else
        {
            value = ValueOf(s, c.Amount);
        }
        var plan = PlanUnstake(s, value, c.Id);
        var before = NodeValues(s);
        foreach (var q in plan)
        {
            Must(engine, q);
        }
        ShiftMarks(before, s);
        Token.Transfer(c.User, EscrowHolder, c.Amount);
        var request = new LrtWithdrawal(c.Id, Name, c.User, c.Amount, value, s.Block, s.Time, plan.Select(q => q.Id!).ToList());
        Requests[c.Id] = request;
        if (Preset == LrtPreset.Puffer)
        {
            EnqueuePuffer(c.Id, c.Amount, rate, value);
        }
        return request;
    }

    /// <summary>Engine withdrawals of the first asset worth <paramref name="value"/>, taken from node delegators in order.</summary>
    private List<QueueWithdrawal> PlanUnstake(Protocol.State.NetworkState s, UInt256 value, string id)
    {
        var strategy = s.Strategies[Assets[0]];
        var price = PricesWad[Assets[0]];
        var need = UInt256.MulDivUp(value, Wad.Unit, price);
        var plan = new List<QueueWithdrawal>();
        foreach (var nd in Nodes)
        {
            if (need.IsZero)
            {
                break;
            }
            if (s.Stakers.GetValueOrDefault(nd.Name) is not { } staker || staker.Find(strategy) is not { } position || position.DepositShares.IsZero)
            {
                continue;
            }
            var tokens = strategy.SharesToUnderlying(s.WithdrawableShares(staker, position));
            if (tokens.IsZero)
            {
                continue;
            }
            var take = UInt256.Min(strategy.IsBeacon ? WholeGwei(s, staker, position, need) : need, tokens);
            var shares = take == tokens ? position.DepositShares : UInt256.Min(position.DepositShares, UInt256.MulDivUp(position.DepositShares, take, tokens));
            var engineId = $"{id}/{nd.Name}";
            if (s.Withdrawals.ContainsKey(engineId))
            {
                throw Refuse("WithdrawalIdTaken", $"an engine withdrawal named '{engineId}' already exists");
            }
            plan.Add(new QueueWithdrawal(nd.Name, strategy.Name, shares, engineId));
            need = take >= need ? UInt256.Zero : need - take;
        }
        return plan;
    }

    /// <summary>
    /// A pod pays whole gwei (rounded down), so native ETH is unstaked in whole gwei, rounded up; one gwei more when the
    /// shares are scaled by a slashing factor below 1, whose rounding could otherwise cost the last gwei. The excess
    /// stays with the node delegator, in NAV.
    /// </summary>
    private static UInt256 WholeGwei(Protocol.State.NetworkState s, Protocol.State.Staker staker, Protocol.State.Position position, UInt256 need)
    {
        var gwei = Amounts.WeiPerGwei;
        var up = UInt256.MulDivUp(need, UInt256.One, gwei) * gwei;
        var factor = s.SlashingFactor(staker.Name, position.Strategy, s.MaxMagnitude(staker.DelegatedTo, position.Strategy));
        return factor < Wad.One ? up + gwei : up;
    }

    internal UInt256 Claim(Engine engine, LrtWithdrawal w)
    {
        var s = engine.State;
        if (w.Claimed)
        {
            throw Refuse("WithdrawalAlreadyCompleted", $"withdrawal '{w.Id}' was already claimed");
        }
        if (Preset == LrtPreset.Puffer)
        {
            // Puffer pays from its finalized batch, not from the engine's withdrawals (the finalization completed them).
            w.Paid = ClaimPuffer(engine, w);
            w.Claimed = true;
            return w.Paid;
        }
        if (s.Block <= w.StartBlock + s.Params.WithdrawalDelayBlocks)
        {
            throw Refuse(Preset switch
            {
                LrtPreset.EtherFi => "RequestNotFinalized",
                LrtPreset.Kelp => "WithdrawalLocked",
                _ => "EarlyClaim",
            }, $"withdrawal '{w.Id}' unstakes through the engine: claimable after block {w.StartBlock + s.Params.WithdrawalDelayBlocks}");
        }
        CheckProtocolDelay(s, w);
        // The lower of the value at request and the value now, while the escrowed LRT still counts in the supply.
        var payValue = UInt256.Min(w.ValueAtRequest, ValueOf(s, w.Amount));
        // Native ETH leaves a pod only once exited validators' ETH is checkpointed there.
        CheckPodsCanPay(s, w.EngineWithdrawals);
        var before = NodeValues(s);
        foreach (var id in w.EngineWithdrawals)
        {
            Must(engine, new CompleteWithdrawal(id, AsTokens: true));
        }
        var paid = PayFromNodes(engine, s, w.User, payValue);
        var paidValue = Wad.MulDown(paid, PricesWad[Assets[0]]);
        if (Preset == LrtPreset.EtherFi)
        {
            ReportedValue = ReportedValue > paidValue ? ReportedValue - paidValue : UInt256.Zero;
        }
        ShiftMarks(before, s);
        Token.Burn(EscrowHolder, w.Amount);
        w.Claimed = true;
        w.Paid = paid;
        return paid;
    }

    /// <summary>The protocol's own wait on top of the engine's: Kelp's delay in blocks, Renzo's cooldown in seconds.</summary>
    private void CheckProtocolDelay(Protocol.State.NetworkState s, LrtWithdrawal w)
    {
        if (Preset == LrtPreset.Kelp && s.Block < w.StartBlock + (Rules.WithdrawalDelayBlocks ?? LrtRules.DefaultKelpDelayBlocks))
        {
            throw Refuse("WithdrawalLocked", $"rsETH withdrawals unlock {Rules.WithdrawalDelayBlocks ?? LrtRules.DefaultKelpDelayBlocks} blocks after the request (block {w.StartBlock})");
        }
        var cooldown = Rules.CooldownSeconds ?? LrtRules.DefaultRenzoCooldownSeconds;
        if (Preset == LrtPreset.Renzo && s.Time - w.StartTime < cooldown)
        {
            throw Refuse("EarlyClaim", $"ezETH withdrawals are claimable {cooldown} s after the request (at {w.StartTime})");
        }
    }

    /// <summary>
    /// Pays <paramref name="value"/> (ETH wei) in the first asset from the node delegators' idle tokens, in their
    /// order; returns the tokens paid (the queue and instant redemption both pay this way).
    /// </summary>
    private UInt256 PayFromNodes(Engine engine, Restake.Protocol.State.NetworkState s, string user, UInt256 value)
    {
        var token = s.Strategies[Assets[0]].Token.Symbol;
        var owed = Wad.DivDown(value, PricesWad[Assets[0]]);
        var paid = UInt256.Zero;
        foreach (var nd in Nodes)
        {
            var part = UInt256.Min(owed - paid, s.BalanceOf(nd.Name, token));
            if (!part.IsZero)
            {
                Must(engine, new TransferToken(nd.Name, user, token, part));
                paid += part;
            }
        }
        return paid;
    }
}
