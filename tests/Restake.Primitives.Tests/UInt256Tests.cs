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
