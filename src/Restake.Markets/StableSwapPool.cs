using Restake.Primitives;

namespace Restake.Markets;

/// <summary>
/// A two-coin stable-swap pool priced as Curve's StableSwap does (curvefi/curve-contract pools, and stableswap-ng with
/// A_PRECISION = 100): the invariant D solved by Newton's method from the rate-scaled balances, the output balance y
/// by Newton's method for the new input balance, dy = xp_j − y − 1 less the fee (1e10 = 100 %), scaled back by the
/// coin's rate. Rates (wad) let an LST or LRT pool price one coin at its redemption rate (stableswap-ng's oracle
/// rates); 1e18 each for a plain pool. The fee is the fixed one (no off-peg multiplier).
/// </summary>
public sealed class StableSwapPool : IPool
{
    public const ulong APrecision = 100;
    public const ulong FeeDenominator = 10_000_000_000;
    private const int Coins = 2;
    private const int MaxIterations = 255;

    private readonly UInt256[] _balances = new UInt256[Coins];
    private readonly UInt256[] _rates = [Wad.Unit, Wad.Unit];

    /// <param name="amplification">A, as a pool's A() reads (the stored value is A·A_PRECISION)</param>
    /// <param name="fee">per 1e10 (Curve's 4,000,000 = 0.04 %)</param>
    public StableSwapPool(string token0, string token1, UInt256 balance0, UInt256 balance1, ulong amplification, ulong fee = 4_000_000)
    {
        MarketRevert.If(token0 == token1, "IdenticalAddresses", "a pool trades two different tokens");
        MarketRevert.If(balance0.IsZero || balance1.IsZero, "InsufficientLiquidity", "both balances must be above zero");
        MarketRevert.If(amplification is 0 or > 1_000_000, "InvalidAmplification", "A is between 1 and 1,000,000");
        MarketRevert.If(fee > FeeDenominator / 2, "InvalidFee", "the fee is at most 50 %");
        Token0 = token0;
        Token1 = token1;
        _balances[0] = balance0;
        _balances[1] = balance1;
        AmpPrecise = (UInt256)amplification * APrecision;
        Fee = fee;
    }

    public string Token0 { get; }
    public string Token1 { get; }

    /// <summary>A·A_PRECISION.</summary>
    public UInt256 AmpPrecise { get; }
    public ulong Fee { get; }

    public UInt256 Balance(string token) => _balances[Pools.IndexOf(this, token)];

    /// <summary>Sets a coin's rate (wad of the common unit per coin), as an oracle-rate pool reads it before each trade.</summary>
    public void SetRate(string token, UInt256 rateWad)
    {
        MarketRevert.If(rateWad.IsZero, "InvalidRate", "a rate is above zero");
        _rates[Pools.IndexOf(this, token)] = rateWad;
    }

    private UInt256[] Xp() => [Wad.MulDown(_balances[0], _rates[0]), Wad.MulDown(_balances[1], _rates[1])];

    /// <summary>The invariant D for rate-scaled balances.</summary>
    public static UInt256 D(IReadOnlyList<UInt256> xp, UInt256 ampPrecise)
    {
        var s = xp[0] + xp[1];
        if (s.IsZero)
        {
            return UInt256.Zero;
        }
        var d = s;
        var ann = ampPrecise * (ulong)Coins;
        for (var i = 0; i < MaxIterations; i++)
        {
            var dP = d;
            foreach (var x in xp)
            {
                dP = dP * d / (x * (ulong)Coins);
            }
            var previous = d;
            d = (ann * s / APrecision + dP * (ulong)Coins) * d / ((ann - APrecision) * d / APrecision + (ulong)(Coins + 1) * dP);
            if (Close(d, previous))
            {
                return d;
            }
        }
        throw new Protocol.RevertException(new Protocol.ProtocolError("DidNotConverge", "the invariant D did not converge"));
    }

    /// <summary>The balance of coin <paramref name="j"/> that keeps D when coin <paramref name="i"/> holds <paramref name="x"/>.</summary>
    public static UInt256 Y(int i, int j, UInt256 x, IReadOnlyList<UInt256> xp, UInt256 ampPrecise)
    {
        var d = D(xp, ampPrecise);
        var ann = ampPrecise * (ulong)Coins;
        var c = d;
        var sum = UInt256.Zero;
        for (var k = 0; k < Coins; k++)
        {
            if (k == j)
            {
                continue;
            }
            var xk = k == i ? x : xp[k];
            sum += xk;
            c = c * d / (xk * (ulong)Coins);
        }
        c = c * d * APrecision / (ann * (ulong)Coins);
        var b = sum + d * APrecision / ann;
        var y = d;
        for (var n = 0; n < MaxIterations; n++)
        {
            var previous = y;
            y = (y * y + c) / (y * 2UL + b - d);
            if (Close(y, previous))
            {
                return y;
            }
        }
        throw new Protocol.RevertException(new Protocol.ProtocolError("DidNotConverge", "y did not converge"));
    }

    private static bool Close(UInt256 a, UInt256 b) => a > b ? a - b <= UInt256.One : b - a <= UInt256.One;

    public UInt256 Quote(string tokenIn, UInt256 amountIn) => Exchange(tokenIn, amountIn).Dy;

    private (int I, int J, UInt256 Dy) Exchange(string tokenIn, UInt256 amountIn)
    {
        var i = Pools.IndexOf(this, tokenIn);
        var j = 1 - i;
        MarketRevert.If(amountIn.IsZero, "InsufficientInputAmount", "the amount in is zero");
        var xp = Xp();
        var x = xp[i] + Wad.MulDown(amountIn, _rates[i]);
        var y = Y(i, j, x, xp, AmpPrecise);
        MarketRevert.If(xp[j] <= y + UInt256.One, "InsufficientLiquidity", "the pool cannot pay for that trade");
        var dy = xp[j] - y - UInt256.One;
        var fee = dy * Fee / FeeDenominator;
        return (i, j, Wad.DivDown(dy - fee, _rates[j]));
    }

    public UInt256 Swap(string tokenIn, UInt256 amountIn, UInt256 minOut)
    {
        var (i, j, dy) = Exchange(tokenIn, amountIn);
        MarketRevert.If(dy.IsZero || dy < minOut, "InsufficientOutputAmount", $"the exchange pays {dy}, below the minimum {minOut}");
        MarketRevert.If(dy >= _balances[j], "InsufficientLiquidity", "the pool cannot pay for that trade");
        _balances[i] += amountIn;
        _balances[j] -= dy;
        return dy;
    }

    /// <summary>The marginal price of <paramref name="token"/>, by a trade of 1e-6 of the pool's smaller balance, before fees.</summary>
    public UInt256 SpotPrice(string token)
    {
        var i = Pools.IndexOf(this, token);
        var j = 1 - i;
        var xp = Xp();
        var probe = UInt256.Max(UInt256.Min(xp[0], xp[1]) / 1_000_000UL, UInt256.One);
        var y = Y(i, j, xp[i] + probe, xp, AmpPrecise);
        // price of coin i in coin j = (Δxp_j / rate_j) / (Δxp_i / rate_i)
        return UInt256.MulDiv(Wad.DivDown(xp[j] - y, _rates[j]), _rates[i], probe);
    }
}
