using System.Numerics;
using CsCheck;
using Restake.Primitives;
using static Restake.Markets.Tests.Units;

namespace Restake.Markets.Tests;

public class ConstantProductPoolTests
{
    // Uniswap/v2-core test/UniswapV2Pair.spec.ts, "getInputPrice": [swap amount, reserve in, reserve out] in whole tokens
    // (×1e18) and the exact output the pair pays at the 30 bps fee.
    [Theory]
    [InlineData(1, 5, 10, "1662497915624478906")]
    [InlineData(1, 10, 5, "453305446940074565")]
    [InlineData(2, 5, 10, "2851015155847869602")]
    [InlineData(2, 10, 5, "831248957812239453")]
    [InlineData(1, 10, 10, "906610893880149131")]
    [InlineData(1, 100, 100, "987158034397061298")]
    [InlineData(1, 1000, 1000, "996006981039903216")]
    public void swaps_pay_what_the_uniswap_v2_pair_pays(ulong amountIn, ulong reserveIn, ulong reserveOut, string expected)
    {
        var pool = new ConstantProductPool("ezETH", "WETH", Eth(reserveIn), Eth(reserveOut));
        Assert.Equal(U(expected), pool.Swap("ezETH", Eth(amountIn), UInt256.Zero));
        Assert.Equal(Eth(reserveIn + amountIn), pool.Reserve0);
        Assert.Equal(Eth(reserveOut) - U(expected), pool.Reserve1);
    }

    // Uniswap/v2-periphery test/UniswapV2Router02.spec.ts: getAmountOut(2, 100, 100) = 1 and getAmountIn(1, 100, 100) = 2.
    [Fact]
    public void the_router_library_vectors_hold()
    {
        Assert.Equal(UInt256.One, ConstantProductPool.AmountOut(2UL, 100UL, 100UL));
        Assert.Equal((UInt256)2UL, ConstantProductPool.AmountIn(UInt256.One, 100UL, 100UL));
    }

    [Fact]
    public void a_refused_swap_changes_nothing()
    {
        var pool = new ConstantProductPool("ezETH", "WETH", Eth(10), Eth(10));
        Assert.Equal("InsufficientOutputAmount", Refusal(() => pool.Swap("ezETH", Eth(1), Eth(1))));
        Assert.Equal("InsufficientInputAmount", Refusal(() => pool.Swap("WETH", UInt256.Zero, UInt256.Zero)));
        Assert.Equal("UnknownToken", Refusal(() => pool.Swap("stETH", Eth(1), UInt256.Zero)));
        Assert.Equal(Eth(10), pool.Reserve0);
        Assert.Equal(Eth(10), pool.Reserve1);
    }

    [Fact]
    public void the_product_never_falls_and_a_round_trip_never_profits()
    {
        Gen.Select(Gen.ULong[1, 1_000_000], Gen.ULong[1, 1_000_000], Gen.ULong[1, 10_000_000]).Sample((r0, r1, x) =>
        {
            var pool = new ConstantProductPool("a", "b", (UInt256)r0 * 1_000_000_000_000UL, (UInt256)r1 * 1_000_000_000_000UL);
            var k = (BigInteger)pool.Reserve0 * pool.Reserve1;
            var amount = (UInt256)x * 1_000_000_000UL;
            UInt256 got;
            try
            {
                got = pool.Swap("a", amount, UInt256.Zero);
            }
            catch (Protocol.RevertException)
            {
                return; // too small to pay anything: refused
            }
            Assert.True((BigInteger)pool.Reserve0 * pool.Reserve1 >= k);
            try
            {
                Assert.True(pool.Swap("b", got, UInt256.Zero) < amount);
            }
            catch (Protocol.RevertException)
            {
            }
        });
    }
}

public class StableSwapPoolTests
{
    // A balanced pool's invariant is its sum: with x = y, D_P = D and Newton's step returns D itself.
    [Fact]
    public void a_balanced_pool_has_d_equal_to_its_balances()
    {
        Assert.Equal(Eth(2000), StableSwapPool.D([Eth(1000), Eth(1000)], 100UL * StableSwapPool.APrecision));
    }

    /// <summary>
    /// An independent oracle. The whitepaper's invariant for two coins, 4A(x+y) + D = 4AD + D³/(4xy), takes A as the
    /// paper's; Curve's code stores A·n^(n−1) (= 2A here) times A_PRECISION, so A = Ap/200. Times 4xy·200:
    /// g(x, y, D) = 16·Ap·x·y·(x+y) + 800·D·x·y − 16·Ap·D·x·y − 200·D³, increasing in y (while x + 2y ≥ D) and decreasing
    /// in D. Bisection over exact integers finds the root; Curve's Newton iterations must land within a couple of wei.
    /// </summary>
    private static BigInteger G(BigInteger x, BigInteger y, BigInteger d, BigInteger ap) =>
        16 * ap * x * y * (x + y) + 800 * d * x * y - 16 * ap * d * x * y - 200 * d * d * d;

    private static BigInteger Bisect(Func<BigInteger, bool> atOrAbove, BigInteger lo, BigInteger hi)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (atOrAbove(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }

    [Fact]
    public void newtons_d_and_y_agree_with_the_exact_invariant()
    {
        Gen.Select(Gen.ULong[1_000, 10_000_000], Gen.ULong[1_000, 10_000_000], Gen.ULong[1, 5_000], Gen.ULong[1, 2_000_000]).Sample((b0, b1, a, dx) =>
        {
            var xp = new[] { (UInt256)b0 * 1_000_000_000_000UL, (UInt256)b1 * 1_000_000_000_000UL };
            var ap = (UInt256)a * StableSwapPool.APrecision;
            var d = StableSwapPool.D(xp, ap);
            BigInteger x0 = xp[0], x1 = xp[1], bd = d, bap = ap;
            var exactD = Bisect(D => G(x0, x1, D, bap) <= 0, 1, (x0 + x1) * 2);
            Assert.True(BigInteger.Abs(bd - exactD) <= 2, $"Newton D {bd}, exact {exactD}");

            var x = xp[0] + (UInt256)dx * 1_000_000_000_000UL;
            var y = (BigInteger)StableSwapPool.Y(0, 1, x, xp, ap);
            var exactY = Bisect(Y => G(x, Y, bd, bap) >= 0, 1, bd * 4);
            Assert.True(BigInteger.Abs(y - exactY) <= 2, $"Newton y {y}, exact {exactY}");
        }, iter: 200);
    }

    [Fact]
    public void a_stable_pool_has_less_slippage_than_a_constant_product_pool_of_the_same_depth()
    {
        var stable = new StableSwapPool("ezETH", "WETH", Eth(1000), Eth(1000), 100, fee: 4_000_000);
        var cp = new ConstantProductPool("ezETH", "WETH", Eth(1000), Eth(1000), feeBps: 4);
        var fromStable = stable.Quote("ezETH", Eth(100));
        var fromCp = cp.Quote("ezETH", Eth(100));
        Assert.True(fromStable > fromCp, $"{fromStable} vs {fromCp}");
        Assert.True(fromStable < Eth(100));
        // Near balance the marginal price is 1 to within A's flatness.
        var price = stable.SpotPrice("ezETH");
        Assert.InRange((BigInteger)price, (BigInteger)Wad.Unit * 999_999 / 1_000_000, (BigInteger)Wad.Unit);
    }

    [Fact]
    public void a_rate_prices_an_lrt_at_its_redemption_value()
    {
        var pool = new StableSwapPool("rsETH", "WETH", Eth(1000), Eth(1050), 200, fee: 0);
        pool.SetRate("rsETH", 1_050_000_000_000_000_000UL);
        // Scaled by its 1.05 rate rsETH balances WETH: one rsETH sells for about 1.05 WETH.
        var out_ = (BigInteger)pool.Quote("rsETH", Eth(1));
        Assert.InRange(out_, (BigInteger)Eth(1) * 1_0499 / 10_000, (BigInteger)Eth(1) * 105 / 100);
    }

    [Fact]
    public void selling_never_returns_more_than_the_fair_value_and_d_never_falls()
    {
        Gen.Select(Gen.ULong[1_000, 1_000_000], Gen.ULong[1_000, 1_000_000], Gen.ULong[1, 2_000], Gen.ULong[1, 100_000]).Sample((b0, b1, a, dx) =>
        {
            var pool = new StableSwapPool("a", "b", (UInt256)b0 * Wad.Unit, (UInt256)b1 * Wad.Unit, a);
            var before = StableSwapPool.D([pool.Balance("a"), pool.Balance("b")], pool.AmpPrecise);
            try
            {
                pool.Swap("a", (UInt256)dx * 1_000_000_000_000_000UL, UInt256.Zero);
            }
            catch (Protocol.RevertException)
            {
                return;
            }
            var after = StableSwapPool.D([pool.Balance("a"), pool.Balance("b")], pool.AmpPrecise);
            Assert.True(after >= before, $"D fell from {before} to {after}");
        }, iter: 200);
    }
}
