using System.Globalization;
using System.Numerics;

namespace Restake.Primitives;

/// <summary>
/// An unsigned 256-bit integer with Solidity's checked semantics: every operation that would wrap
/// throws <see cref="OverflowException"/> instead (Solidity 0.8 reverts with Panic 0x11).
/// </summary>
/// <remarks>
/// Written here because no 256-bit integer package is served to this project (the usual one,
/// Nethermind.Numerics.Int256, is not). Values that fit in 128 bits, which is nearly every amount
/// the protocol handles, take <see cref="UInt128"/> fast paths; the rest go through
/// <see cref="BigInteger"/>, so correctness never depends on the fast path.
/// </remarks>
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>, IComparable
{
    private readonly UInt128 _lo;
    private readonly UInt128 _hi;

    public UInt256(UInt128 hi, UInt128 lo)
    {
        _hi = hi;
        _lo = lo;
    }

    public static readonly UInt256 Zero;
    public static readonly UInt256 One = new(0, 1);
    public static readonly UInt256 MaxValue = new(UInt128.MaxValue, UInt128.MaxValue);
    private static readonly BigInteger MaxBig = (BigInteger.One << 256) - 1;

    public bool IsZero => _lo == 0 && _hi == 0;
    public bool FitsIn128 => _hi == 0;
    public bool FitsIn64 => _hi == 0 && (_lo >> 64) == 0;
    public UInt128 Low128 => _lo;

    public static implicit operator UInt256(ulong value) => new(0, value);
    public static implicit operator UInt256(UInt128 value) => new(0, value);

    public static explicit operator ulong(UInt256 value) =>
        value.FitsIn64 ? (ulong)value._lo : throw new OverflowException("value does not fit in 64 bits");

    public static explicit operator UInt128(UInt256 value) =>
        value.FitsIn128 ? value._lo : throw new OverflowException("value does not fit in 128 bits");

    public static implicit operator BigInteger(UInt256 value) =>
        value.FitsIn128 ? (BigInteger)value._lo : ((BigInteger)value._hi << 128) | value._lo;

    public static explicit operator UInt256(BigInteger value)
    {
        if (value.Sign < 0 || value > MaxBig)
        {
            throw new OverflowException("value is outside the uint256 range");
        }
        var lo = (UInt128)(value & (BigInteger)UInt128.MaxValue);
        var hi = (UInt128)(value >> 128);
        return new UInt256(hi, lo);
    }

    public static UInt256 operator +(UInt256 a, UInt256 b)
    {
        var lo = a._lo + b._lo;
        var carry = lo < a._lo ? UInt128.One : UInt128.Zero;
        var hi = checked(a._hi + b._hi + carry);
        return new UInt256(hi, lo);
    }

    public static UInt256 operator -(UInt256 a, UInt256 b)
    {
        if (a < b)
        {
            throw new OverflowException("uint256 subtraction underflow");
        }
        var lo = a._lo - b._lo;
        var borrow = a._lo < b._lo ? UInt128.One : UInt128.Zero;
        return new UInt256(a._hi - b._hi - borrow, lo);
    }

    public static UInt256 operator *(UInt256 a, UInt256 b)
    {
        if (a.FitsIn128 && b.FitsIn128)
        {
            var (hi, lo) = Multiply128(a._lo, b._lo);
            return new UInt256(hi, lo);
        }
        return (UInt256)((BigInteger)a * b);
    }

    public static UInt256 operator /(UInt256 a, UInt256 b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }
        if (a.FitsIn128 && b.FitsIn128)
        {
            return a._lo / b._lo;
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
            return a._lo % b._lo;
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
        if (x.FitsIn128 && y.FitsIn128)
        {
            var (hi, lo) = Multiply128(x._lo, y._lo);
            if (hi == 0 && d.FitsIn128)
            {
                var q = lo / d._lo;
                exact = q * d._lo == lo;
                return q;
            }
            if (d.FitsIn64)
            {
                return Divide256By64(hi, lo, (ulong)d._lo, out exact);
            }
            if (d.FitsIn128 && hi < d._lo)
            {
                return Divide256By128(hi, lo, d._lo, out exact);
            }
        }
        var quotient = BigInteger.DivRem((BigInteger)x * y, d, out var remainder);
        exact = remainder.IsZero;
        return (UInt256)quotient;
    }

    private static (UInt128 Hi, UInt128 Lo) Multiply128(UInt128 a, UInt128 b)
    {
        var a0 = (ulong)a;
        var a1 = (ulong)(a >> 64);
        var b0 = (ulong)b;
        var b1 = (ulong)(b >> 64);
        if ((a1 | b1) == 0)
        {
            return (0, (UInt128)a0 * b0);
        }
        UInt128 p00 = (UInt128)a0 * b0;
        UInt128 p01 = (UInt128)a0 * b1;
        UInt128 p10 = (UInt128)a1 * b0;
        UInt128 p11 = (UInt128)a1 * b1;
        UInt128 mid = (p00 >> 64) + (ulong)p01 + (ulong)p10;
        UInt128 lo = (mid << 64) | (ulong)p00;
        UInt128 hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
        return (hi, lo);
    }

    private static UInt256 Divide256By64(UInt128 hi, UInt128 lo, ulong d, out bool exact)
    {
        Span<ulong> limbs = [(ulong)(hi >> 64), (ulong)hi, (ulong)(lo >> 64), (ulong)lo];
        Span<ulong> q = stackalloc ulong[4];
        UInt128 rem = 0;
        for (var i = 0; i < 4; i++)
        {
            var cur = (rem << 64) | limbs[i];
            q[i] = (ulong)(cur / d);
            rem = cur % d;
        }
        exact = rem == 0;
        return new UInt256(((UInt128)q[0] << 64) | q[1], ((UInt128)q[2] << 64) | q[3]);
    }

    /// <summary>
    /// (hi·2^128 + lo) / d for a divisor of 65 to 128 bits and hi &lt; d, so the quotient fits in 128 bits:
    /// Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on 64-bit digits.
    /// </summary>
    private static UInt128 Divide256By128(UInt128 hi, UInt128 lo, UInt128 d, out bool exact)
    {
        const int digit = 64;
        var shift = System.Numerics.BitOperations.LeadingZeroCount((ulong)(d >> digit));
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

    public static bool operator ==(UInt256 a, UInt256 b) => a._lo == b._lo && a._hi == b._hi;
    public static bool operator !=(UInt256 a, UInt256 b) => !(a == b);
    public static bool operator <(UInt256 a, UInt256 b) => a._hi < b._hi || (a._hi == b._hi && a._lo < b._lo);
    public static bool operator >(UInt256 a, UInt256 b) => b < a;
    public static bool operator <=(UInt256 a, UInt256 b) => !(b < a);
    public static bool operator >=(UInt256 a, UInt256 b) => !(a < b);

    public bool Equals(UInt256 other) => this == other;
    public override bool Equals(object? obj) => obj is UInt256 other && this == other;
    public override int GetHashCode() => HashCode.Combine(_lo, _hi);
    public int CompareTo(UInt256 other) => this < other ? -1 : this == other ? 0 : 1;
    public int CompareTo(object? obj) => obj is UInt256 other ? CompareTo(other) : throw new ArgumentException("not a UInt256", nameof(obj));

    public override string ToString() =>
        FitsIn128 ? _lo.ToString(CultureInfo.InvariantCulture) : ((BigInteger)this).ToString(CultureInfo.InvariantCulture);

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
