using Restake.Primitives;

namespace Restake.Markets;

/// <summary>
/// A constant-product pool as Uniswap V2 prices it (Uniswap/v2-periphery UniswapV2Library getAmountOut/getAmountIn,
/// v2-core UniswapV2Pair.swap): out = ⌊in·(1e4−fee)·Rout / (Rin·1e4 + in·(1e4−fee))⌋, the fee (30 bps upstream) staying
/// in the pool, so x·y never falls. Reserves are base units of each token.
/// </summary>
public sealed class ConstantProductPool : IPool
{
    private const ulong BpsUnit = 10_000;

    public ConstantProductPool(string token0, string token1, UInt256 reserve0, UInt256 reserve1, ulong feeBps = 30)
    {
        MarketRevert.If(token0 == token1, "IdenticalAddresses", "a pool trades two different tokens");
        MarketRevert.If(reserve0.IsZero || reserve1.IsZero, "InsufficientLiquidity", "both reserves must be above zero");
        MarketRevert.If(feeBps >= BpsUnit, "InvalidFee", "the fee is below 10,000 bps");
        Token0 = token0;
        Token1 = token1;
        Reserve0 = reserve0;
        Reserve1 = reserve1;
        FeeBps = feeBps;
    }

    public string Token0 { get; }
    public string Token1 { get; }
    public UInt256 Reserve0 { get; private set; }
    public UInt256 Reserve1 { get; private set; }
    public ulong FeeBps { get; }

    public UInt256 Balance(string token) => Pools.IndexOf(this, token) == 0 ? Reserve0 : Reserve1;

    /// <summary>Uniswap V2's getAmountOut.</summary>
    public static UInt256 AmountOut(UInt256 amountIn, UInt256 reserveIn, UInt256 reserveOut, ulong feeBps = 30)
    {
        MarketRevert.If(amountIn.IsZero, "InsufficientInputAmount", "the amount in is zero");
        MarketRevert.If(reserveIn.IsZero || reserveOut.IsZero, "InsufficientLiquidity", "a reserve is zero");
        var inWithFee = amountIn * (BpsUnit - feeBps);
        return inWithFee * reserveOut / (reserveIn * BpsUnit + inWithFee);
    }

    /// <summary>Uniswap V2's getAmountIn: the least input that buys <paramref name="amountOut"/> (rounded up, +1 as upstream).</summary>
    public static UInt256 AmountIn(UInt256 amountOut, UInt256 reserveIn, UInt256 reserveOut, ulong feeBps = 30)
    {
        MarketRevert.If(amountOut.IsZero, "InsufficientOutputAmount", "the amount out is zero");
        MarketRevert.If(reserveIn.IsZero || amountOut >= reserveOut, "InsufficientLiquidity", "the pool cannot pay that much");
        return reserveIn * amountOut * BpsUnit / ((reserveOut - amountOut) * (BpsUnit - feeBps)) + UInt256.One;
    }

    public UInt256 Quote(string tokenIn, UInt256 amountIn) =>
        Pools.IndexOf(this, tokenIn) == 0 ? AmountOut(amountIn, Reserve0, Reserve1, FeeBps) : AmountOut(amountIn, Reserve1, Reserve0, FeeBps);

    public UInt256 Swap(string tokenIn, UInt256 amountIn, UInt256 minOut)
    {
        var zeroForOne = Pools.IndexOf(this, tokenIn) == 0;
        var out_ = Quote(tokenIn, amountIn);
        MarketRevert.If(out_.IsZero || out_ < minOut, "InsufficientOutputAmount", $"the swap pays {out_}, below the minimum {minOut}");
        if (zeroForOne)
        {
            Reserve0 += amountIn;
            Reserve1 -= out_;
        }
        else
        {
            Reserve1 += amountIn;
            Reserve0 -= out_;
        }
        return out_;
    }

    public UInt256 SpotPrice(string token) =>
        Pools.IndexOf(this, token) == 0 ? Wad.DivDown(Reserve1, Reserve0) : Wad.DivDown(Reserve0, Reserve1);
}
