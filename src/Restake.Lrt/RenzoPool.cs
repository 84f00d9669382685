using System.Text;
using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>A collateral token with its Chainlink-style price (1e18 = 1 ETH) and when it was read.</summary>
public sealed class RenzoToken(UInt256 price, ulong priceTimestamp)
{
    public UInt256 Balance { get; internal set; }
    public UInt256 Price { get; internal set; } = price;
    public ulong PriceTimestamp { get; internal set; } = priceTimestamp;
}

/// <summary>
/// ezETH: Renzo's RenzoOracle (contracts/Oracle/RenzoOracle.sol) and RestakeManager deposit path.
/// Prices older than MAX_TIME_WINDOW = 86,400 + 60 s are rejected. Mint is computed as upstream does,
/// through an inflation percentage: infl = 1e18 * v / (tvl + v); newSupply = supply * 1e18 / (1e18 - infl);
/// mint = newSupply - supply (each step floor), not the algebraically equal supply * v / tvl.
/// Redeem = tvl * burn / supply (floor).
/// </summary>
public sealed class RenzoPool
{
    public const ulong MaxTimeWindow = 86_400 + 60;
    private readonly SortedDictionary<string, RenzoToken> _tokens = new(StringComparer.Ordinal);
    private readonly List<RenzoWithdrawal> _queue = [];

    public ShareLedger EzEth { get; } = new("ezETH");
    public UInt256 MaxDepositTvl { get; set; }
    public ulong CoolDownSeconds { get; set; } = 7 * 86_400;
    public IReadOnlyDictionary<string, RenzoToken> Tokens => _tokens;
    public IReadOnlyList<RenzoWithdrawal> Queue => _queue;

    public void AddToken(string name, UInt256 price, ulong timestamp) => _tokens.Add(name, new RenzoToken(price, timestamp));

    public void SetPrice(string token, UInt256 price, ulong timestamp)
    {
        var t = Token(token);
        t.Price = price;
        t.PriceTimestamp = timestamp;
    }

    /// <summary>Rewards (positive) or a slash (negative) land in a token balance held by the operator delegators.</summary>
    public void AddBalance(string token, UInt256 amount) => Token(token).Balance += amount;

    public void RemoveBalance(string token, UInt256 amount)
    {
        var t = Token(token);
        LrtRevert.If(amount > t.Balance, "InvalidTokenAmount", $"{token} holds {t.Balance}");
        t.Balance -= amount;
    }

    /// <summary>lookupTokenValue: price * balance / 1e18; stale or non-positive prices revert.</summary>
    public UInt256 LookupTokenValue(string token, UInt256 balance, ulong nowSeconds)
    {
        var t = Token(token);
        LrtRevert.If(nowSeconds >= MaxTimeWindow && t.PriceTimestamp < nowSeconds - MaxTimeWindow, "OraclePriceExpired",
            $"{token} price from {t.PriceTimestamp} is older than {MaxTimeWindow} s at {nowSeconds}");
        LrtRevert.If(t.Price.IsZero, "InvalidOraclePrice", $"{token} price is zero");
        return Wad.MulDown(t.Price, balance);
    }

    /// <summary>calculateTVLs: the value of every token balance.</summary>
    public UInt256 Tvl(ulong nowSeconds)
    {
        var total = UInt256.Zero;
        foreach (var (name, t) in _tokens)
        {
            total += LookupTokenValue(name, t.Balance, nowSeconds);
        }
        return total;
    }

    /// <summary>Value of 1e18 ezETH.</summary>
    public UInt256 Rate(ulong nowSeconds) => EzEth.TotalSupply.IsZero ? Wad.Unit : UInt256.MulDiv(Tvl(nowSeconds), Wad.Unit, EzEth.TotalSupply);

    /// <summary>calculateMintAmount, as upstream computes it (first mint 1:1).</summary>
    public static UInt256 CalculateMintAmount(UInt256 tvl, UInt256 newValue, UInt256 supply)
    {
        if (tvl.IsZero || supply.IsZero)
        {
            return newValue;
        }
        var inflation = UInt256.MulDiv(Wad.Unit, newValue, tvl + newValue);
        var newSupply = UInt256.MulDiv(supply, Wad.Unit, Wad.Unit - inflation);
        var mint = newSupply - supply;
        LrtRevert.If(mint.IsZero, "InvalidTokenAmount", "deposit mints no ezETH");
        return mint;
    }

    /// <summary>calculateRedeemAmount: tvl * burn / supply, floor; zero reverts.</summary>
    public static UInt256 CalculateRedeemAmount(UInt256 burn, UInt256 supply, UInt256 tvl)
    {
        var amount = UInt256.MulDiv(tvl, burn, supply);
        LrtRevert.If(amount.IsZero, "InvalidTokenAmount", "redeem pays nothing");
        return amount;
    }

    public UInt256 Deposit(string user, string token, UInt256 amount, ulong nowSeconds)
    {
        LrtRevert.If(amount.IsZero, "InvalidZeroInput", "deposit of zero");
        var tvl = Tvl(nowSeconds);
        var value = LookupTokenValue(token, amount, nowSeconds);
        LrtRevert.If(!MaxDepositTvl.IsZero && tvl + value > MaxDepositTvl, "MaxTVLReached", $"TVL would exceed {MaxDepositTvl}");
        var mint = CalculateMintAmount(tvl, value, EzEth.TotalSupply);
        Token(token).Balance += amount;
        EzEth.Mint(user, mint);
        return mint;
    }

    /// <summary>WithdrawQueue.withdraw: ezETH escrowed, the ETH value at request recorded.</summary>
    public RenzoWithdrawal RequestWithdraw(string user, UInt256 ezEth, string outToken, ulong nowSeconds)
    {
        LrtRevert.If(ezEth.IsZero, "InvalidZeroInput", "withdraw of zero");
        LrtRevert.If(EzEth.BalanceOf(user) < ezEth, "ERC20InsufficientBalance", $"{user} lacks {ezEth} ezETH");
        var amount = RedeemInToken(ezEth, outToken, nowSeconds);
        EzEth.Transfer(user, RenzoWithdrawal.Holder, ezEth);
        var w = new RenzoWithdrawal(_queue.Count, user, outToken, ezEth, amount, nowSeconds);
        _queue.Add(w);
        return w;
    }

    /// <summary>WithdrawQueue.claim after the cooldown: the lower of the request-time and claim-time amounts.</summary>
    public UInt256 Claim(int id, ulong nowSeconds)
    {
        LrtRevert.If(id < 0 || id >= _queue.Count || _queue[id].Claimed, "InvalidWithdrawIndex", $"no open withdrawal {id}");
        var w = _queue[id];
        LrtRevert.If(nowSeconds - w.CreatedAt < CoolDownSeconds, "EarlyClaim", $"cooldown ends at {w.CreatedAt + CoolDownSeconds}");
        var payout = UInt256.Min(w.AmountToRedeem, RedeemInToken(w.EzEthLocked, w.OutToken, nowSeconds));
        LrtRevert.If(payout > Token(w.OutToken).Balance, "NotEnoughWithdrawBuffer", "buffer short of the claim");
        EzEth.Burn(RenzoWithdrawal.Holder, w.EzEthLocked);
        Token(w.OutToken).Balance -= payout;
        w.Claimed = true;
        return payout;
    }

    public string Describe()
    {
        var sb = new StringBuilder(EzEth.Describe());
        foreach (var (name, t) in _tokens)
        {
            sb.Append(' ').Append(name).Append('=').Append(t.Balance).Append('@').Append(t.Price).Append('/').Append(t.PriceTimestamp);
        }
        foreach (var w in _queue)
        {
            sb.Append(" [").Append(w.Id).Append(' ').Append(w.EzEthLocked).Append(' ').Append(w.AmountToRedeem).Append(' ').Append(w.Claimed).Append(']');
        }
        return sb.ToString();
    }

    private UInt256 RedeemInToken(UInt256 ezEth, string token, ulong nowSeconds)
    {
        var value = CalculateRedeemAmount(ezEth, EzEth.TotalSupply, Tvl(nowSeconds));
        var t = Token(token);
        return UInt256.MulDiv(value, Wad.Unit, t.Price); // lookupTokenAmountFromValue, floor
    }

    private RenzoToken Token(string name) =>
        _tokens.TryGetValue(name, out var t) ? t : throw LrtRevert.With("OracleNotFound", $"{name} has no oracle");
}

/// <summary>One WithdrawQueue request.</summary>
public sealed record RenzoWithdrawal(int Id, string User, string OutToken, UInt256 EzEthLocked, UInt256 AmountToRedeem, ulong CreatedAt)
{
    public const string Holder = "renzo:withdraw-queue";
    public bool Claimed { get; internal set; }
}
