using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Lrt.OnEngine;

/// <summary>
/// PufferWithdrawalManager.finalizeWithdrawals: finalizes every full batch after the last finalized one up to
/// <paramref name="Batch"/>, each at the vault's rate of the moment.
/// </summary>
public sealed record LrtFinalizeWithdrawals(string Lrt, int Batch) : LrtAction;

/// <summary>
/// One pufETH withdrawal batch: pufETH to burn and ETH expected (sums of its requests), and once finalized the
/// rate it settled at, the tokens moved out of the vault for it, and what its claims have taken.
/// </summary>
public sealed class PufferBatch
{
    public UInt256 ToBurn { get; internal set; }
    public UInt256 ToTransfer { get; internal set; }
    public UInt256? Rate { get; internal set; }
    public UInt256 Transferred { get; internal set; }
    public int Claimed { get; internal set; }
    public UInt256 AmountClaimed { get; internal set; }
    public List<string> Requests { get; } = [];
}

// pufETH's queue on the engine (PufferWithdrawalManager): requests join fixed-size batches; a full batch is
// finalized at the rate then (its pufETH burned, min(expected, toBurn·rate) moved out of the vault); each request
// is paid amount·min(rate at request, batch rate). No exit fee: the manager prices with convertToAssets.
public sealed partial class LrtVault
{
    /// <summary>Where Puffer's treasury exit fee goes (PufferVaultV5's $.treasury).</summary>
    public const string PufferTreasury = "puffer:treasury";

    private readonly List<PufferBatch> _batches = [new PufferBatch { Rate = UInt256.Zero }];
    private readonly Dictionary<string, (int Index, UInt256 Rate)> _pufferRequests = new(StringComparer.Ordinal);
    private int _pufferNext = -1;

    /// <summary>BATCH_SIZE (create_lrt batch_size; upstream's deploy script sets 10).</summary>
    public int BatchSize => Rules.BatchSize ?? LrtRules.DefaultPufferBatchSize;
    /// <summary>Batches by index; batch 0 is upstream's empty first batch, finalized from the start.</summary>
    public IReadOnlyList<PufferBatch> Batches => _batches;
    public int FinalizedBatch { get; private set; }
    /// <summary>Puffer: the treasury exit fee paid out so far, in ETH wei (it leaves the vault).</summary>
    public UInt256 TreasuryFeesPaid { get; private set; }

    /// <summary>A pufETH request's index in the manager and its rate at request (convertToAssets(1 ether)).</summary>
    public (int Index, UInt256 Rate)? PufferRequest(string id) => _pufferRequests.TryGetValue(id, out var r) ? r : null;

    /// <summary>requestWithdrawal's rate and expected ETH: rate = convertToAssets(1e18), expected = ⌊amount·rate/1e18⌋.</summary>
    private (UInt256 Rate, UInt256 Expected) PufferQuote(NetworkState s, UInt256 amount)
    {
        var rate = ValueOf(s, Wad.Unit);
        return (rate, Wad.MulDown(amount, rate));
    }

    private void CheckPufferRequest(UInt256 amount)
    {
        if (Rules.MaxWithdrawal is { } max && amount > max)
        {
            throw Refuse("WithdrawalAmountTooHigh", $"{amount} pufETH is above the maximum withdrawal {max}");
        }
    }

    /// <summary>Puts a request into the current batch (upstream's first batch is empty, so requests start at index BATCH_SIZE).</summary>
    private void EnqueuePuffer(string id, UInt256 amount, UInt256 rate, UInt256 expected)
    {
        if (_pufferNext < 0)
        {
            _pufferNext = BatchSize;
        }
        var index = _pufferNext++;
        var b = index / BatchSize;
        if (b == _batches.Count)
        {
            _batches.Add(new PufferBatch());
        }
        var batch = _batches[b];
        batch.ToBurn += amount;
        batch.ToTransfer += expected;
        batch.Requests.Add(id);
        _pufferRequests[id] = (index, rate);
    }

    internal void FinalizeBatches(Engine engine, LrtFinalizeWithdrawals c)
    {
        var s = engine.State;
        if (Preset != LrtPreset.Puffer)
        {
            throw Refuse("BatchWithdrawalsUnsupported", $"{Name} has no withdrawal batches (pufETH only)");
        }
        var full = _pufferNext < 0 ? 1 : _pufferNext / BatchSize;
        if (c.Batch >= full)
        {
            throw Refuse("BatchesAreNotFull", $"batch {c.Batch} is not full: {full - 1} batch(es) of {BatchSize} requests are");
        }
        if (c.Batch <= FinalizedBatch)
        {
            throw Refuse("BatchAlreadyFinalized", $"batches up to {FinalizedBatch} are finalized");
        }
        var range = Enumerable.Range(FinalizedBatch + 1, c.Batch - FinalizedBatch).Select(i => _batches[i]).ToList();
        var engineIds = range.SelectMany(b => b.Requests).SelectMany(id => Requests[id].EngineWithdrawals).ToList();
        var until = s.Block - s.Params.WithdrawalDelayBlocks;
        foreach (var id in engineIds.Where(id => s.Withdrawals[id].StartBlock >= until))
        {
            throw Refuse("WithdrawalDelayNotElapsed", $"the batch's ETH is still unstaking: engine withdrawal '{id}' completes from block {s.Withdrawals[id].StartBlock + s.Params.WithdrawalDelayBlocks + 1}");
        }
        CheckPodsCanPay(s, engineIds);
        CheckBatchLiquidity(s, range, engineIds);

        var before = NodeValues(s);
        foreach (var id in engineIds)
        {
            Must(engine, new CompleteWithdrawal(id, AsTokens: true));
        }
        foreach (var batch in range)
        {
            // Each batch at the rate of its moment: the previous batch's payout and burn already left the vault.
            var rate = ValueOf(s, Wad.Unit);
            var transfer = UInt256.Min(batch.ToTransfer, Wad.MulDown(batch.ToBurn, rate));
            batch.Transferred = PayFromNodes(engine, s, EscrowHolder, transfer);
            batch.Rate = rate;
            Token.Burn(EscrowHolder, batch.ToBurn);
        }
        ShiftMarks(before, s);
        FinalizedBatch = c.Batch;
    }

    /// <summary>
    /// Upstream's transferETH reverts when the vault lacks the ETH; here the finalization is refused before anything moves
    /// when the first asset's idle tokens, with what the batches' unstaking returns, cannot pay the batches. The check
    /// replays the finalization exactly on a copy of what it touches: the completions one by one through the strategy's
    /// share math (each changes its balance and shares), the node delegators' idle tokens, and NAV from them.
    /// </summary>
    private void CheckBatchLiquidity(NetworkState s, List<PufferBatch> range, List<string> engineIds)
    {
        var strategy = s.Strategies[Assets[0]];
        var token = strategy.Token.Symbol;
        var price = PricesWad[Assets[0]];
        var idle = Nodes.ToDictionary(nd => nd.Name, nd => s.BalanceOf(nd.Name, token));
        var rest = Nav(s) - Nodes.Aggregate(UInt256.Zero, (a, nd) => a + FirstAssetValue(s, nd, idle[nd.Name], strategy.VirtualBalance, strategy.VirtualShares, []));
        var (balance, shares) = (strategy.VirtualBalance, strategy.VirtualShares);
        var completed = new HashSet<string>(engineIds, StringComparer.Ordinal);
        foreach (var id in engineIds)
        {
            var w = s.Withdrawals[id];
            var m = s.MaxMagnitudeAt(w.DelegatedTo, strategy, w.StartBlock + s.Params.WithdrawalDelayBlocks);
            var paidShares = SlashingMath.ScaleForCompleteWithdrawal(w.ScaledShares, s.SlashingFactor(w.Staker, strategy, m));
            // A pod pays whole gwei; a strategy pays its share of the balance.
            UInt256 tokens;
            if (strategy.IsBeacon)
            {
                tokens = paidShares / Amounts.WeiPerGwei * Amounts.WeiPerGwei;
            }
            else
            {
                tokens = Wad.MulDivDown(balance, paidShares, shares);
                balance -= tokens;
                shares -= paidShares;
            }
            idle[w.Staker] += tokens;
        }
        var supply = Token.TotalSupply;
        foreach (var batch in range)
        {
            var nav = rest + Nodes.Aggregate(UInt256.Zero, (a, nd) => a + FirstAssetValue(s, nd, idle[nd.Name], balance, shares, completed));
            var rate = UInt256.MulDiv(Wad.Unit, nav + UInt256.One, supply + UInt256.One);
            var owed = Wad.DivDown(UInt256.Min(batch.ToTransfer, Wad.MulDown(batch.ToBurn, rate)), price);
            foreach (var nd in Nodes)
            {
                var part = UInt256.Min(owed, idle[nd.Name]);
                idle[nd.Name] -= part;
                owed -= part;
            }
            if (!owed.IsZero)
            {
                throw Refuse("ETHTransferFailed", $"the vault's idle {token}, with what the batches' unstaking returns, is {owed} wei short of batch {_batches.IndexOf(batch)}'s payout");
            }
            supply -= batch.ToBurn;
        }
    }

    /// <summary>
    /// A node delegator's value in the first asset (idle + restaked as one amount, then its queued withdrawals in that
    /// strategy), read with the strategy's virtual balance and shares given, skipping the withdrawals named as completed.
    /// </summary>
    private UInt256 FirstAssetValue(NetworkState s, NodeDelegator nd, UInt256 idle, UInt256 balance, UInt256 shares, HashSet<string> completed)
    {
        var strategy = s.Strategies[Assets[0]];
        var price = PricesWad[Assets[0]];
        UInt256 Tokens(UInt256 x) => strategy.IsBeacon ? x : Wad.MulDivDown(balance, x, shares);
        var tokens = idle;
        if (s.Stakers.GetValueOrDefault(nd.Name) is { } staker && staker.Find(strategy) is { } position)
        {
            tokens += Tokens(s.WithdrawableShares(staker, position));
        }
        var value = Wad.MulDown(tokens, price);
        foreach (var w in s.Withdrawals.Values.Where(w => w.Staker == nd.Name && w.Strategy.Name == strategy.Name && w.Status == WithdrawalStatus.Queued && !completed.Contains(w.Id)))
        {
            var m = s.MaxMagnitudeAt(w.DelegatedTo, w.Strategy, Math.Min(s.Block, w.StartBlock + s.Params.WithdrawalDelayBlocks));
            value += Wad.MulDown(Tokens(SlashingMath.ScaleForCompleteWithdrawal(w.ScaledShares, m)), price);
        }
        return value;
    }

    /// <summary>completeQueuedWithdrawal: ⌊amount·min(rate at request, batch rate)/1e18⌋ from the manager; the last claim of a batch returns its dust to the vault.</summary>
    private UInt256 ClaimPuffer(Engine engine, LrtWithdrawal w)
    {
        var s = engine.State;
        var (index, rateAtRequest) = _pufferRequests[w.Id];
        var batch = _batches[index / BatchSize];
        if (index / BatchSize > FinalizedBatch)
        {
            throw Refuse("NotFinalized", $"withdrawal '{w.Id}' is in batch {index / BatchSize}; batches up to {FinalizedBatch} are finalized");
        }
        var token = s.Strategies[Assets[0]].Token.Symbol;
        var payout = Wad.DivDown(Wad.MulDown(w.Amount, UInt256.Min(rateAtRequest, batch.Rate!.Value)), PricesWad[Assets[0]]);
        if (!payout.IsZero)
        {
            Must(engine, new TransferToken(EscrowHolder, w.User, token, payout));
        }
        batch.Claimed++;
        batch.AmountClaimed += payout;
        if (batch.Claimed == batch.Requests.Count && batch.Transferred > batch.AmountClaimed)
        {
            // returnExcessETHToVault: what the batch moved out beyond its claims goes back into the pool.
            var before = NodeValues(s);
            Must(engine, new TransferToken(EscrowHolder, Nodes[0].Name, token, batch.Transferred - batch.AmountClaimed));
            ShiftMarks(before, s);
        }
        return payout;
    }

    /// <summary>
    /// ERC-4626 redeem (PufferVaultV5): gross = ⌊x·(NAV+1)/(S+1)⌋; exit fee and treasury fee each ⌈gross·bps/1e4⌉; the holder
    /// gets gross − both, the treasury its fee (it leaves the vault); the exit fee stays with the holders. Paid from the
    /// first asset's idle tokens (upstream's WETH + ETH liquidity): above maxRedeem = min(balance, ⌈liquid·(S+1)/(NAV+1)⌉) →
    /// ERC4626ExceededMaxRedeem.
    /// </summary>
    private UInt256 RedeemPuffer(Engine engine, LrtInstantRedeem c)
    {
        var s = engine.State;
        var nav = Nav(s);
        var supply = Token.TotalSupply;
        var liquid = Liquidity(s);
        var maxRedeem = UInt256.Min(Token.BalanceOf(c.User), UInt256.MulDivUp(liquid, supply + UInt256.One, nav + UInt256.One));
        if (c.Amount > maxRedeem)
        {
            throw Refuse("ERC4626ExceededMaxRedeem", $"{c.User} may redeem at most {maxRedeem} {Name} now (balance, and the vault's idle liquidity {liquid})");
        }
        var gross = UInt256.MulDiv(c.Amount, nav + UInt256.One, supply + UInt256.One);
        var exitFee = Bps.Up(gross, Rules.ExitFeeBps ?? 0UL);
        var treasuryFee = Bps.Up(gross, Rules.TreasuryFeeBps ?? 0UL);
        if (gross < exitFee + treasuryFee || gross - exitFee > liquid)
        {
            throw Refuse("ERC4626ExceededMaxRedeem", $"redeeming {c.Amount} {Name} pays {gross} wei gross; the vault's idle liquidity is {liquid}");
        }
        var before = NodeValues(s);
        var paid = PayFromNodes(engine, s, c.User, gross - exitFee - treasuryFee);
        if (!treasuryFee.IsZero)
        {
            TreasuryFeesPaid += Wad.MulDown(PayFromNodes(engine, s, PufferTreasury, treasuryFee), PricesWad[Assets[0]]);
        }
        ShiftMarks(before, s);
        Token.Burn(c.User, c.Amount);
        return paid;
    }
}
