using System.Globalization;
using System.Numerics;

namespace Restake.Primitives;

/// <summary>
/// An unsigned 256-bit integer with Solidity's checked semantics: every operation that would wrap
/// throws <see cref="OverflowException"/> instead (Solidity 0.8 reverts with Panic 0x11).
/// </summary>
/// <remarks>
/// Written here because no 256-bit integer package is served to this project (the usual one,
/// Nethermind.Numerics.Int256, is not). Four 64-bit limbs and hardware 64-bit multiplies make the
/// common sizes fast; the rare huge cases go through <see cref="BigInteger"/>, so correctness never
/// depends on a fast path. Property tests compare every operation with BigInteger.
/// </remarks>
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>, IComparable
{
    // Little-endian limbs: value = u3·2^192 + u2·2^128 + u1·2^64 + u0.
    private readonly ulong _u0;
    private readonly ulong _u1;
    private readonly ulong _u2;
    private readonly ulong _u3;

    public UInt256(ulong u3, ulong u2, ulong u1, ulong u0)
    {
        _u0 = u0;
        _u1 = u1;
        _u2 = u2;
        _u3 = u3;
    }

    public UInt256(UInt128 hi, UInt128 lo)
        : this((ulong)(hi >> 64), (ulong)hi, (ulong)(lo >> 64), (ulong)lo)
    {
    }

    public static readonly UInt256 Zero;
    public static readonly UInt256 One = new(0, 0, 0, 1);
    public static readonly UInt256 MaxValue = new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);
    private static readonly BigInteger MaxBig = (BigInteger.One << 256) - 1;

    public bool IsZero => (_u0 | _u1 | _u2 | _u3) == 0;
    public bool FitsIn128 => (_u2 | _u3) == 0;
    public bool FitsIn64 => (_u1 | _u2 | _u3) == 0;
    public UInt128 Low128 => new(_u1, _u0);

    public static implicit operator UInt256(ulong value) => new(0, 0, 0, value);
    public static implicit operator UInt256(UInt128 value) => new(0, 0, (ulong)(value >> 64), (ulong)value);

    public static explicit operator ulong(UInt256 value) =>
        value.FitsIn64 ? value._u0 : throw new OverflowException("value does not fit in 64 bits");

    public static explicit operator UInt128(UInt256 value) =>
        value.FitsIn128 ? value.Low128 : throw new OverflowException("value does not fit in 128 bits");

    public static implicit operator BigInteger(UInt256 value)
    {
        if (value.FitsIn128)
        {
            return (BigInteger)value.Low128;
        }
        Span<byte> bytes = stackalloc byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, value._u0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], value._u1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], value._u2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], value._u3);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    public static explicit operator UInt256(BigInteger value)
    {
        if (value.Sign < 0 || value > MaxBig)
        {
            throw new OverflowException("value is outside the uint256 range");
        }
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return new UInt256(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes));
    }

    /// <summary>Big-endian 32 bytes, as the EVM lays out a uint256.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, _u3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _u2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _u1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _u0);
    }

    public static UInt256 operator +(UInt256 a, UInt256 b)
    {
        var r0 = a._u0 + b._u0;
        var c = r0 < a._u0 ? 1UL : 0UL;
        var r1 = a._u1 + b._u1;
        var c1 = r1 < a._u1 ? 1UL : 0UL;
        r1 += c;
        c1 += r1 < c ? 1UL : 0UL;
        var r2 = a._u2 + b._u2;
        var c2 = r2 < a._u2 ? 1UL : 0UL;
        r2 += c1;
        c2 += r2 < c1 ? 1UL : 0UL;
        var r3 = a._u3 + b._u3;
        var c3 = r3 < a._u3 ? 1UL : 0UL;
        r3 += c2;
        c3 += r3 < c2 ? 1UL : 0UL;
        if (c3 != 0)
        {
            throw new OverflowException("uint256 addition overflow");
        }
        return new UInt256(r3, r2, r1, r0);
    }

    public static UInt256 operator -(UInt256 a, UInt256 b)
    {
        if (a < b)
        {
            throw new OverflowException("uint256 subtraction underflow");
        }
        var r0 = a._u0 - b._u0;
        var borrow = a._u0 < b._u0 ? 1UL : 0UL;
        var r1 = a._u1 - b._u1 - borrow;
        borrow = (a._u1 < b._u1 || (a._u1 == b._u1 && borrow == 1)) ? 1UL : 0UL;
        var r2 = a._u2 - b._u2 - borrow;
        borrow = (a._u2 < b._u2 || (a._u2 == b._u2 && borrow == 1)) ? 1UL : 0UL;
        var r3 = a._u3 - b._u3 - borrow;
        return new UInt256(r3, r2, r1, r0);
    }

    public static UInt256 operator *(UInt256 a, UInt256 b)
    {
        if ((a._u1 | a._u2 | a._u3 | b._u1 | b._u2 | b._u3) == 0)
        {
            var hi = Math.BigMul(a._u0, b._u0, out var lo);
            return new UInt256(0, 0, hi, lo);
        }
        Span<ulong> product = stackalloc ulong[8];
        MultiplyFull(a, b, product);
        if ((product[4] | product[5] | product[6] | product[7]) != 0)
        {
            throw new OverflowException("uint256 multiplication overflow");
        }
        return new UInt256(product[3], product[2], product[1], product[0]);
    }

    /// <summary>The 512-bit product in eight little-endian limbs (schoolbook on 64-bit hardware multiplies).</summary>
    private static void MultiplyFull(UInt256 a, UInt256 b, Span<ulong> r)
    {
        if ((a._u2 | a._u3 | b._u2 | b._u3) == 0)
        {
            // Both fit in 128 bits: four multiplies, column sums with their carries.
            var h00 = Math.BigMul(a._u0, b._u0, out var l00);
            var h01 = Math.BigMul(a._u0, b._u1, out var l01);
            var h10 = Math.BigMul(a._u1, b._u0, out var l10);
            var h11 = Math.BigMul(a._u1, b._u1, out var l11);
            var limb1 = h00 + l01;
            var carry1 = limb1 < l01 ? 1UL : 0UL;
            limb1 += l10;
            carry1 += limb1 < l10 ? 1UL : 0UL;
            var limb2 = h01 + h10;
            var carry2 = limb2 < h10 ? 1UL : 0UL;
            limb2 += l11;
            carry2 += limb2 < l11 ? 1UL : 0UL;
            limb2 += carry1;
            carry2 += limb2 < carry1 ? 1UL : 0UL;
            r.Clear();
            r[0] = l00;
            r[1] = limb1;
            r[2] = limb2;
            r[3] = h11 + carry2;
            return;
        }
        Span<ulong> x = [a._u0, a._u1, a._u2, a._u3];
        Span<ulong> y = [b._u0, b._u1, b._u2, b._u3];
        r.Clear();
        for (var i = 0; i < 4; i++)
        {
            if (x[i] == 0)
            {
                continue;
            }
            ulong carry = 0;
            for (var j = 0; j < 4; j++)
            {
                var hi = Math.BigMul(x[i], y[j], out var lo);
                var sum = r[i + j] + lo;
                var c = sum < lo ? 1UL : 0UL;
                sum += carry;
                c += sum < carry ? 1UL : 0UL;
                r[i + j] = sum;
                carry = hi + c;
            }
            r[i + 4] = carry;
        }
    }

    public static UInt256 operator /(UInt256 a, UInt256 b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }
        if (a.FitsIn64)
        {
            return b.FitsIn64 ? a._u0 / b._u0 : Zero;
        }
        if (a.FitsIn128 && b.FitsIn128)
        {
            return a.Low128 / b.Low128;
        }
        if (b.FitsIn64)
        {
            Span<ulong> limbs = [a._u0, a._u1, a._u2, a._u3];
            return DivideBy64(limbs, b._u0, out _);
        }
        return (UInt256)BigInteger.Divide(a, b);
    }

    public static UInt256 operator %(UInt256 a, UInt256 b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }
        if (a.FitsIn128 && b.FitsIn128)
        {
            return a.Low128 % b.Low128;
        }
        if (b.FitsIn64)
        {
            Span<ulong> limbs = [a._u0, a._u1, a._u2, a._u3];
            DivideBy64(limbs, b._u0, out var remainder);
            return remainder;
        }
        return (UInt256)BigInteger.Remainder(a, b);
    }

    /// <summary>floor(x * y / d) at full 512-bit precision (OpenZeppelin Math.mulDiv); throws if the result overflows.</summary>
    public static UInt256 MulDiv(UInt256 x, UInt256 y, UInt256 d) => MulDivCore(x, y, d, out _);

    /// <summary>ceil(x * y / d) at full precision (OpenZeppelin Math.mulDiv with Rounding.Up).</summary>
    public static UInt256 MulDivUp(UInt256 x, UInt256 y, UInt256 d)
    {
        var q = MulDivCore(x, y, d, out var exact);
        return exact ? q : q + One;
    }

    private static UInt256 MulDivCore(UInt256 x, UInt256 y, UInt256 d, out bool exact)
    {
        if (d.IsZero)
        {
            throw new DivideByZeroException();
        }
        Span<ulong> p = stackalloc ulong[8];
        if ((x._u1 | x._u2 | x._u3 | y._u1 | y._u2 | y._u3) == 0)
        {
            p.Clear();
            p[1] = Math.BigMul(x._u0, y._u0, out p[0]);
        }
        else
        {
            MultiplyFull(x, y, p);
        }
        var productFits128 = (p[2] | p[3] | p[4] | p[5] | p[6] | p[7]) == 0;
        if (productFits128 && d.FitsIn128)
        {
            var product = new UInt128(p[1], p[0]);
            var divisor = d.Low128;
            var q = product / divisor;
            exact = q * divisor == product;
            return q;
        }
        if ((p[4] | p[5] | p[6] | p[7]) == 0)
        {
            if (d.FitsIn64)
            {
                var q = DivideBy64(p[..4], d._u0, out var remainder);
                exact = remainder == 0;
                return q;
            }
            var hi = new UInt128(p[3], p[2]);
            if (d.FitsIn128 && hi < d.Low128)
            {
                return Divide256By128(hi, new UInt128(p[1], p[0]), d.Low128, out exact);
            }
        }
        var quotient = BigInteger.DivRem((BigInteger)x * y, d, out var rest);
        exact = rest.IsZero;
        return (UInt256)quotient;
    }

    /// <summary>A number of up to four limbs divided by a 64-bit divisor, limb by limb from the top.</summary>
    private static UInt256 DivideBy64(ReadOnlySpan<ulong> limbs, ulong d, out ulong remainder)
    {
        Span<ulong> q = stackalloc ulong[4];
        UInt128 rem = 0;
        for (var i = limbs.Length - 1; i >= 0; i--)
        {
            var cur = (rem << 64) | limbs[i];
            q[i] = (ulong)(cur / d);
            rem = cur - ((UInt128)q[i] * d);
        }
        remainder = (ulong)rem;
        return new UInt256(q[3], q[2], q[1], q[0]);
    }

    /// <summary>
    /// (hi·2^128 + lo) / d for a divisor of 65 to 128 bits and hi &lt; d, so the quotient fits in 128 bits:
    /// Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on 64-bit digits.
    /// </summary>
    private static UInt128 Divide256By128(UInt128 hi, UInt128 lo, UInt128 d, out bool exact)
    {
        const int digit = 64;
        var shift = BitOperations.LeadingZeroCount((ulong)(d >> digit));
        var dn = d << shift;
        var v1 = (ulong)(dn >> digit);
        var v0 = (ulong)dn;
        var u3 = (ulong)(hi >> digit);
        var u2 = (ulong)hi;
        var u1 = (ulong)(lo >> digit);
        var u0 = (ulong)lo;
        Span<ulong> un = stackalloc ulong[5];
        if (shift == 0)
        {
            un[4] = 0; un[3] = u3; un[2] = u2; un[1] = u1; un[0] = u0;
        }
        else
        {
            var back = digit - shift;
            un[4] = u3 >> back;
            un[3] = (u3 << shift) | (u2 >> back);
            un[2] = (u2 << shift) | (u1 >> back);
            un[1] = (u1 << shift) | (u0 >> back);
            un[0] = u0 << shift;
        }
        Span<ulong> q = stackalloc ulong[3];
        for (var j = 2; j >= 0; j--)
        {
            var top = ((UInt128)un[j + 2] << digit) | un[j + 1];
            UInt128 qhat;
            UInt128 rhat;
            if (un[j + 2] >= v1)
            {
                qhat = ulong.MaxValue;
                rhat = top - (qhat * v1);
            }
            else
            {
                qhat = top / v1;
                rhat = top - (qhat * v1);
            }
            while ((rhat >> digit) == 0 && qhat * v0 > ((rhat << digit) | un[j]))
            {
                qhat--;
                rhat += v1;
            }
            // Multiply and subtract qhat·v from un[j..j+2].
            var p0 = (UInt128)(ulong)qhat * v0;
            var p1 = ((UInt128)(ulong)qhat * v1) + (p0 >> digit);
            var s0 = (UInt128)un[j] - (ulong)p0;
            var borrow = (ulong)(s0 >> 127);
            var s1 = (UInt128)un[j + 1] - (ulong)p1 - borrow;
            borrow = (ulong)(s1 >> 127);
            var s2 = (UInt128)un[j + 2] - (ulong)(p1 >> digit) - borrow;
            borrow = (ulong)(s2 >> 127);
            un[j] = (ulong)s0;
            un[j + 1] = (ulong)s1;
            un[j + 2] = (ulong)s2;
            if (borrow != 0)
            {
                // qhat was one too large: add v back.
                qhat--;
                var a0 = (UInt128)un[j] + v0;
                var a1 = (UInt128)un[j + 1] + v1 + (ulong)(a0 >> digit);
                un[j] = (ulong)a0;
                un[j + 1] = (ulong)a1;
                un[j + 2] += (ulong)(a1 >> digit);
            }
            q[j] = (ulong)qhat;
        }
        exact = un[0] == 0 && un[1] == 0;
        return ((UInt128)q[1] << digit) | q[0];
    }

    public static UInt256 Min(UInt256 a, UInt256 b) => a <= b ? a : b;
    public static UInt256 Max(UInt256 a, UInt256 b) => a >= b ? a : b;

    public static bool operator ==(UInt256 a, UInt256 b) => a._u0 == b._u0 && a._u1 == b._u1 && a._u2 == b._u2 && a._u3 == b._u3;
    public static bool operator !=(UInt256 a, UInt256 b) => !(a == b);

    public static bool operator <(UInt256 a, UInt256 b) =>
        a._u3 != b._u3 ? a._u3 < b._u3
        : a._u2 != b._u2 ? a._u2 < b._u2
        : a._u1 != b._u1 ? a._u1 < b._u1
        : a._u0 < b._u0;

    public static bool operator >(UInt256 a, UInt256 b) => b < a;
    public static bool operator <=(UInt256 a, UInt256 b) => !(b < a);
    public static bool operator >=(UInt256 a, UInt256 b) => !(a < b);

    public bool Equals(UInt256 other) => this == other;
    public override bool Equals(object? obj) => obj is UInt256 other && this == other;
    public override int GetHashCode() => HashCode.Combine(_u0, _u1, _u2, _u3);
    public int CompareTo(UInt256 other) => this < other ? -1 : this == other ? 0 : 1;
    public int CompareTo(object? obj) => obj is UInt256 other ? CompareTo(other) : throw new ArgumentException("not a UInt256", nameof(obj));

    /// <summary>The nearest double (for estimates and reports only; never for money).</summary>
    public double ToDouble() =>
        (_u3 * 6277101735386680763835789423207666416102355444464034512896.0) + (_u2 * 340282366920938463463374607431768211456.0)
        + (_u1 * 18446744073709551616.0) + _u0;

    public override string ToString() =>
        FitsIn128 ? Low128.ToString(CultureInfo.InvariantCulture) : ((BigInteger)this).ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a plain decimal integer (digits only).</summary>
    public static bool TryParse(string text, out UInt256 value)
    {
        value = Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 78 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }
        var big = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (big > MaxBig)
        {
            return false;
        }
        value = (UInt256)big;
        return true;
    }

    public static UInt256 Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a uint256");

    public static UInt256 Pow10(int exponent)
    {
        UInt256 result = One;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10UL;
        }
        return result;
    }
}
