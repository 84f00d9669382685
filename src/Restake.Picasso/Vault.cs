using System.Numerics;
using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>A whitelisted mint: SOL or an LST, with its exchange rate in lamports per whole token (9 decimals, 1e9 base units).</summary>
public sealed record VaultToken(string Symbol, ulong LamportsPerToken);

/// <summary>How a deposit counts as guest-chain stake.</summary>
public enum StakeWeighting
{
    /// <summary>Upstream: the raw token amount, whichever token (no oracle; a TODO in the restaking program).</summary>
    OneForOne,

    /// <summary>Ours: the amount at its exchange rate, in lamports, rounded down.</summary>
    PriceAware,
}

/// <summary>
/// A receipt (upstream mints a "Composable Restaking Position" NFT, symbol CRP, with <c>vault_params</c>):
/// who holds it, the token and amount behind it, the validator it stakes for, the withdrawal request if any.
/// <see cref="Amount"/> is what the holder can withdraw; slashing lowers it.
/// </summary>
public sealed class Receipt
{
    internal Receipt(ulong id, string owner, string token, ulong amount, PubKey validator, long stakeTimestampSec)
    {
        Id = id;
        Owner = owner;
        Token = token;
        Amount = amount;
        Deposited = amount;
        Validator = validator;
        StakeTimestampSec = stakeTimestampSec;
    }

    public ulong Id { get; }
    public string Owner { get; }
    public string Token { get; }
    public ulong Deposited { get; }
    public ulong Amount { get; internal set; }
    public ulong Slashed => Deposited - Amount;
    public PubKey Validator { get; }
    public long StakeTimestampSec { get; }
    public long? WithdrawalRequestSec { get; internal set; }
}

/// <summary>One depositor's share of a slash.</summary>
public sealed record DepositorLoss(ulong Receipt, string Owner, string Token, ulong Before, ulong Lost);

/// <summary>
/// What a slash did, reported the way the engine reports an EigenLayer slash (operator, rate as a wad,
/// what each strategy lost): the validator, the evidence, per token the pool before and the amount taken,
/// each depositor's loss, and the guest-chain stake before and after.
/// </summary>
public sealed record SlashReport(
    PubKey Validator,
    string Reason,
    ulong WadSlashed,
    IReadOnlyDictionary<string, (ulong Before, ulong Slashed)> Tokens,
    IReadOnlyList<DepositorLoss> Losses,
    UInt128 StakeBefore,
    UInt128 StakeAfter);

/// <summary>A validator's stake counted both ways, for the weighting report.</summary>
public sealed record WeightingRow(PubKey Validator, UInt128 OneForOne, UInt128 PriceAware)
{
    /// <summary>Price-aware minus one-for-one, in lamports (positive when LSTs are worth more than SOL).</summary>
    public BigInteger Difference => (BigInteger)PriceAware - (BigInteger)OneForOne;
}

/// <summary>
/// The restaking vault (upstream <c>solana/restaking</c>): deposits of whitelisted tokens under a staking cap,
/// a receipt per deposit, stake credited to the chosen validator on the guest chain (by <c>set_stake</c>);
/// withdrawals by request, then after the unbonding period (7 days upstream) anyone may complete them. Slashing
/// is ours: upstream has none ("Since we dont have slashing yet, we would return the complete amount").
/// </summary>
public sealed class RestakingVault
{
    /// <summary>Upstream <c>UNBONDING_PERIOD_IN_SEC</c> = 7 × 24 × 60 × 60 (<c>programs/restaking/src/constants.rs</c>).</summary>
    public const long UnbondingPeriodSec = 7 * 24 * 60 * 60;

    /// <summary>1.0 as a wad: slash rates are fractions of 1e18, as in the engine's EigenLayer slashes.</summary>
    public const ulong Wad = 1_000_000_000_000_000_000;

    private const ulong OneToken = 1_000_000_000;

    private readonly Dictionary<string, VaultToken> _tokens;
    private readonly SortedDictionary<ulong, Receipt> _receipts = [];
    private readonly Dictionary<string, TokenLedger> _ledger = [];
    private ulong _nextId = 1;

    public RestakingVault(IEnumerable<VaultToken> whitelist, UInt128 stakingCap, StakeWeighting weighting)
    {
        _tokens = whitelist.ToDictionary(t => t.Symbol);
        StakingCap = stakingCap;
        Weighting = weighting;
        foreach (var t in _tokens.Keys)
        {
            _ledger[t] = new TokenLedger();
        }
    }

    /// <summary>SOL and the first LSTs the docs list, at illustrative exchange rates (not an oracle's).</summary>
    public static IReadOnlyList<VaultToken> DemoTokens { get; } =
    [
        new("SOL", 1_000_000_000),
        new("mSOL", 1_280_000_000),
        new("jitoSOL", 1_250_000_000),
        new("bSOL", 1_270_000_000),
    ];

    public UInt128 StakingCap { get; }
    public StakeWeighting Weighting { get; }

    /// <summary>Upstream <c>total_deposited_amount</c>: raw amounts of every token summed; slashing lowers it too.</summary>
    public UInt128 TotalDeposited { get; private set; }

    public GuestChain? Chain { get; private set; }
    public IReadOnlyCollection<Receipt> Receipts => _receipts.Values;
    public IReadOnlyDictionary<string, VaultToken> Tokens => _tokens;
    public IReadOnlyDictionary<string, TokenLedger> Ledger => _ledger;

    public Receipt? Find(ulong id) => _receipts.GetValueOrDefault(id);

    /// <summary>Upstream <c>set_service</c>/guest-chain initialisation: from now on stake changes reach the chain.</summary>
    public void AttachChain(GuestChain chain) => Chain = chain;

    public UInt128 Weight(string token, ulong amount, StakeWeighting weighting) => weighting switch
    {
        StakeWeighting.OneForOne => amount,
        _ => (UInt128)amount * _tokens[token].LamportsPerToken / OneToken,
    };

    /// <summary>The stake the vault gives <paramref name="validator"/>, counted per receipt and rounded down per receipt.</summary>
    public UInt128 StakeOf(PubKey validator, StakeWeighting? weighting = null)
    {
        UInt128 s = 0;
        foreach (var r in _receipts.Values.Where(r => r.Validator == validator))
        {
            s += Weight(r.Token, r.Amount, weighting ?? Weighting);
        }
        return s;
    }

    public IReadOnlyList<PubKey> ValidatorsWithStake() => [.. _receipts.Values.Select(r => r.Validator).Distinct().Order()];

    /// <summary>Each validator's stake one-for-one (upstream) and price-aware (ours), and the difference.</summary>
    public IReadOnlyList<WeightingRow> WeightingReport() =>
        [.. ValidatorsWithStake().Select(v => new WeightingRow(v, StakeOf(v, StakeWeighting.OneForOne), StakeOf(v, StakeWeighting.PriceAware)))];

    // The chain's candidate stake moves by the change in the vault's stake for the validator.
    private Result<UInt128> PushStake(PubKey validator, UInt128 before, UInt128 after, bool forced)
    {
        if (Chain is null || before == after)
        {
            return after;
        }
        var current = Chain.Candidates.StakeOf(validator);
        var target = after > before ? current + (after - before) : current - UInt128.Min(current, before - after);
        return Chain.SetStake(validator, target, forced);
    }

    /// <summary>
    /// Ours (upstream has no oracle): a new exchange rate. Under price-aware weighting every validator's stake
    /// moves with it at once, never refused (like a slash, a price fall is not something one can decline).
    /// </summary>
    public Result<VaultToken> SetExchangeRate(string token, ulong lamportsPerToken)
    {
        if (!_tokens.ContainsKey(token))
        {
            return PicassoErrors.InvalidTokenMint(token);
        }
        if (lamportsPerToken == 0)
        {
            return PicassoErrors.BadExchangeRate(token);
        }
        var before = ValidatorsWithStake().ToDictionary(v => v, v => StakeOf(v));
        var updated = new VaultToken(token, lamportsPerToken);
        _tokens[token] = updated;
        foreach (var (v, stake) in before)
        {
            PushStake(v, stake, StakeOf(v), forced: true);
        }
        return updated;
    }

    /// <summary>Upstream <c>deposit</c>: whitelisted mint, cap, a receipt, stake credited to the validator.</summary>
    public Result<Receipt> Deposit(string owner, string token, ulong amount, PubKey validator, long nowSec)
    {
        if (!_tokens.ContainsKey(token))
        {
            return PicassoErrors.InvalidTokenMint(token);
        }
        if (amount == 0)
        {
            return PicassoErrors.ZeroAmount();
        }
        var total = TotalDeposited + amount;
        if (total > StakingCap)
        {
            return PicassoErrors.StakingCapExceeded(total, StakingCap);
        }
        var before = StakeOf(validator);
        var after = before + Weight(token, amount, Weighting);
        var pushed = PushStake(validator, before, after, forced: false);
        if (!pushed.IsOk)
        {
            return pushed.Error!;
        }
        var r = new Receipt(_nextId++, owner, token, amount, validator, nowSec);
        _receipts[r.Id] = r;
        TotalDeposited = total;
        _ledger[token].Deposited += amount;
        return r;
    }

    /// <summary>Upstream <c>withdrawal_request</c>: the receipt goes into escrow; the stake stays (and stays slashable) until the withdrawal.</summary>
    public Result<Receipt> RequestWithdrawal(ulong id, string owner, long nowSec)
    {
        var r = Owned(id, owner);
        if (!r.IsOk)
        {
            return r;
        }
        if (r.Value.WithdrawalRequestSec is not null)
        {
            return PicassoErrors.WithdrawalAlreadyRequested(id);
        }
        r.Value.WithdrawalRequestSec = nowSec;
        return r;
    }

    /// <summary>Upstream <c>cancel_withdrawal_request</c>: the receipt comes back out of escrow.</summary>
    public Result<Receipt> CancelWithdrawal(ulong id, string owner)
    {
        var r = Owned(id, owner);
        if (!r.IsOk)
        {
            return r;
        }
        if (r.Value.WithdrawalRequestSec is null)
        {
            return PicassoErrors.NoWithdrawalRequest(id);
        }
        r.Value.WithdrawalRequestSec = null;
        return r;
    }

    /// <summary>
    /// Upstream <c>withdraw</c> (anyone may call it): once <c>now ≥ request + 7 days</c>, the receipt is burnt, its
    /// amount (after any slash) is paid, and the stake leaves the validator. A stake decrease the guest chain
    /// refuses (too few validators or too little stake left) refuses the withdrawal.
    /// </summary>
    public Result<ulong> Withdraw(ulong id, long nowSec)
    {
        if (!_receipts.TryGetValue(id, out var r))
        {
            return PicassoErrors.UnknownReceipt(id);
        }
        if (r.WithdrawalRequestSec is not { } requested)
        {
            return PicassoErrors.NoWithdrawalRequest(id);
        }
        if (nowSec < requested + UnbondingPeriodSec)
        {
            return PicassoErrors.CannotWithdrawDuringUnbondingPeriod(nowSec, requested + UnbondingPeriodSec);
        }
        var before = StakeOf(r.Validator);
        var pushed = PushStake(r.Validator, before, before - Weight(r.Token, r.Amount, Weighting), forced: false);
        if (!pushed.IsOk)
        {
            return pushed.Error!;
        }
        _receipts.Remove(id);
        TotalDeposited -= r.Amount;
        _ledger[r.Token].Withdrawn += r.Amount;
        _ledger[r.Token].PaidTo[r.Owner] = _ledger[r.Token].PaidTo.GetValueOrDefault(r.Owner) + r.Amount;
        return r.Amount;
    }

    private Result<Receipt> Owned(ulong id, string owner)
    {
        if (!_receipts.TryGetValue(id, out var r))
        {
            return PicassoErrors.UnknownReceipt(id);
        }
        return r.Owner == owner ? r : PicassoErrors.NotReceiptOwner(id, owner);
    }

    /// <summary>
    /// Ours: takes <paramref name="wad"/>/1e18 of every token pool behind <paramref name="validator"/> (receipts in
    /// escrow included: they are still at stake). Per token the amount taken is rounded up, like any slash, and
    /// shared among the receipts pro rata by largest remainder (ties to the older receipt), so the losses add up
    /// exactly. Walks the validator's receipts. The guest-chain stake falls at once (never refused).
    /// </summary>
    public Result<SlashReport> SlashAllReceipts(PubKey validator, ulong wad, string reason)
    {
        if (wad == 0 || wad > Wad)
        {
            return PicassoErrors.BadSlashRate(wad);
        }
        var before = StakeOf(validator);
        var tokens = new SortedDictionary<string, (ulong, ulong)>(StringComparer.Ordinal);
        var losses = new List<DepositorLoss>();
        foreach (var group in _receipts.Values.Where(r => r.Validator == validator).GroupBy(r => r.Token).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rs = group.OrderBy(r => r.Id).ToList();
            var pool = rs.Aggregate(BigInteger.Zero, (s, r) => s + r.Amount);
            var take = (pool * wad + Wad - 1) / Wad;
            var shares = rs.Select(r => (R: r, Floor: take * r.Amount / pool, Frac: take * r.Amount % pool)).ToList();
            var left = take - shares.Aggregate(BigInteger.Zero, (s, x) => s + x.Floor);
            var bonus = shares.OrderByDescending(x => x.Frac).ThenBy(x => x.R.Id).Take((int)left).Select(x => x.R.Id).ToHashSet();
            foreach (var (r, floor, _) in shares)
            {
                var lost = (ulong)(floor + (bonus.Contains(r.Id) ? 1 : 0));
                losses.Add(new DepositorLoss(r.Id, r.Owner, r.Token, r.Amount, lost));
            }
            tokens[group.Key] = ((ulong)pool, (ulong)take);
        }
        foreach (var l in losses)
        {
            _receipts[l.Receipt].Amount -= l.Lost;
            _ledger[l.Token].Slashed += l.Lost;
            TotalDeposited -= l.Lost;
        }
        var after = StakeOf(validator);
        var pushed = PushStake(validator, before, after, forced: true);
        System.Diagnostics.Debug.Assert(pushed.IsOk, "a forced stake update is never refused");
        return new SlashReport(validator, reason, wad, tokens, losses, before, after);
    }
}

/// <summary>Per token: what came in, went out, was slashed, and who was paid. Held = Deposited − Withdrawn − Slashed.</summary>
public sealed class TokenLedger
{
    public UInt128 Deposited { get; internal set; }
    public UInt128 Withdrawn { get; internal set; }
    public UInt128 Slashed { get; internal set; }
    public Dictionary<string, UInt128> PaidTo { get; } = [];
}
