using System.Numerics;
using CsCheck;
using Restake.Primitives;

namespace Restake.Primitives.Tests;

/// <summary>UInt256 agrees with BigInteger on every operation, fast paths included, and refuses to wrap.</summary>
public class UInt256Tests
{
    private static readonly BigInteger Max = (BigInteger.One << 256) - 1;

    // Values spread over every size class: small, 64-bit, 128-bit and full 256-bit, so each fast path is exercised.
    private static readonly Gen<BigInteger> Value = Gen.OneOf(
        Gen.ULong.Select(x => (BigInteger)(x % 1000)),
        Gen.ULong.Select(x => (BigInteger)x),
        Gen.Select(Gen.ULong, Gen.ULong, (a, b) => ((BigInteger)a << 64) | b),
        Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong, Gen.ULong, (a, b, c, d) => ((BigInteger)a << 192) | ((BigInteger)b << 128) | ((BigInteger)c << 64) | d));

    private static readonly Gen<BigInteger> NonZero = Value.Where(v => !v.IsZero);

    [Fact]
    public void add_sub_mul_div_match_big_integer()
    {
        Gen.Select(Value, Value).Sample((a, b) =>
        {
            var x = (UInt256)a;
            var y = (UInt256)b;
            Check(a + b, () => x + y);
            Check(a - b, () => x - y);
            Check(a * b, () => x * y);
            if (!b.IsZero)
            {
                Assert.Equal(a / b, (BigInteger)(x / y));
                Assert.Equal(a % b, (BigInteger)(x % y));
            }
            Assert.Equal(a.CompareTo(b), x.CompareTo(y));
        }, iter: 20_000);
    }

    [Fact]
    public void mul_div_rounds_down_and_up_at_full_precision()
    {
        Gen.Select(Value, Value, NonZero).Sample((a, b, d) =>
        {
            var floor = BigInteger.DivRem(a * b, d, out var rem);
            var ceil = rem.IsZero ? floor : floor + 1;
            Check(floor, () => UInt256.MulDiv((UInt256)a, (UInt256)b, (UInt256)d));
            Check(ceil, () => UInt256.MulDivUp((UInt256)a, (UInt256)b, (UInt256)d));
        }, iter: 20_000);
    }

    [Fact]
    public void parse_and_format_round_trip()
    {
        Value.Sample(a =>
        {
            var text = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(UInt256.TryParse(text, out var parsed));
            Assert.Equal(text, parsed.ToString());
        }, iter: 5_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("0x10")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")] // 2^256
    public void parse_refuses_what_is_not_a_uint256(string text) => Assert.False(UInt256.TryParse(text, out _));

    [Fact]
    public void max_value_is_two_to_the_256_minus_one() => Assert.Equal(Max, (BigInteger)UInt256.MaxValue);

    /// <summary>Either both overflow the uint256 range, or both give the same value.</summary>
    private static void Check(BigInteger expected, Func<UInt256> actual)
    {
        if (expected.Sign < 0 || expected > Max)
        {
            Assert.Throws<OverflowException>(() => actual());
        }
        else
        {
            Assert.Equal(expected, (BigInteger)actual());
        }
    }
}

/// <summary>The 256-by-128-bit division path, on the values that stress Knuth's algorithm D.</summary>
public class WideDivisionTests
{
    private static readonly Gen<BigInteger> Divisor128 = Gen.Select(Gen.ULong[1, ulong.MaxValue], Gen.ULong, (h, l) => ((BigInteger)h << 64) | l);

    [Fact]
    public void mul_div_with_wide_divisors_matches_big_integer()
    {
        var operand = Gen.Select(Gen.ULong, Gen.ULong, (h, l) => ((BigInteger)h << 64) | l);
        Gen.Select(operand, operand, Divisor128).Sample((a, b, d) =>
        {
            var expected = BigInteger.DivRem(a * b, d, out var rem);
            if (expected > (BigInteger.One << 256) - 1)
            {
                return;
            }
            Assert.Equal(expected, (BigInteger)UInt256.MulDiv((UInt256)a, (UInt256)b, (UInt256)d));
            Assert.Equal(rem.IsZero ? expected : expected + 1, (BigInteger)UInt256.MulDivUp((UInt256)a, (UInt256)b, (UInt256)d));
        }, iter: 50_000);
    }

    /// <summary>Limbs near 0, 2^63 and 2^64 − 1 make the quotient estimate overshoot, the rare add-back branch.</summary>
    [Fact]
    public void mul_div_with_extreme_limbs_matches_big_integer()
    {
        var limb = Gen.OneOf(Gen.Const(0UL), Gen.Const(1UL), Gen.Const(ulong.MaxValue), Gen.Const(ulong.MaxValue - 1), Gen.Const(1UL << 63), Gen.Const((1UL << 63) - 1), Gen.ULong);
        var wide = Gen.Select(limb, limb, (h, l) => ((BigInteger)h << 64) | l);
        Gen.Select(wide, wide, wide.Where(d => d >> 64 != 0)).Sample((a, b, d) =>
        {
            Assert.Equal(a * b / d, (BigInteger)UInt256.MulDiv((UInt256)a, (UInt256)b, (UInt256)d));
        }, iter: 100_000);
    }

    [Theory]
    [InlineData("340282366920938463463374607431768211455", "340282366920938463463374607431768211455", "340282366920938463463374607431768211455")] // all ones
    [InlineData("340282366920938463463374607431768211455", "340282366920938463463374607431768211454", "340282366920938463463374607431768211455")]
    [InlineData("18446744073709551616", "18446744073709551616", "18446744073709551617")] // 2^64 · 2^64 / (2^64 + 1)
    [InlineData("170141183460469231731687303715884105728", "3", "170141183460469231731687303715884105729")] // top bit set
    [InlineData("99999999999999999999999999999", "99999999999999999999999999999", "18446744073709551617")]
    public void edge_cases_match_big_integer(string a, string b, string d)
    {
        var x = BigInteger.Parse(a, System.Globalization.CultureInfo.InvariantCulture);
        var y = BigInteger.Parse(b, System.Globalization.CultureInfo.InvariantCulture);
        var z = BigInteger.Parse(d, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(x * y / z, (BigInteger)UInt256.MulDiv((UInt256)x, (UInt256)y, (UInt256)z));
    }
}
