using System.Runtime.CompilerServices;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// 4×64-bit limb arithmetic shared by Fp and Fr. Values are little-endian limbs; multiplication is
/// Montgomery CIOS without the final carry word, valid because both BN254 moduli have a top limb
/// below 2^62 (the "no-carry" condition).
/// </summary>
internal static class Mont
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, ref ulong carry)
    {
        ulong hi = Math.BigMul(a, b, out ulong lo);
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        carry = hi;
        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddC(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c1 = s < a ? 1UL : 0UL;
        ulong r = s + carry;
        ulong c2 = r < s ? 1UL : 0UL;
        carry = c1 | c2;
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubB(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong b1 = a < b ? 1UL : 0UL;
        ulong r = d - borrow;
        ulong b2 = d < borrow ? 1UL : 0UL;
        borrow = b1 | b2;
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Mul(
        ulong a0, ulong a1, ulong a2, ulong a3,
        ulong b0, ulong b1, ulong b2, ulong b3,
        ulong q0, ulong q1, ulong q2, ulong q3, ulong qInv,
        out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        Round(a0, a1, a2, a3, b0, q0, q1, q2, q3, qInv, ref t0, ref t1, ref t2, ref t3);
        Round(a0, a1, a2, a3, b1, q0, q1, q2, q3, qInv, ref t0, ref t1, ref t2, ref t3);
        Round(a0, a1, a2, a3, b2, q0, q1, q2, q3, qInv, ref t0, ref t1, ref t2, ref t3);
        Round(a0, a1, a2, a3, b3, q0, q1, q2, q3, qInv, ref t0, ref t1, ref t2, ref t3);
        Reduce(ref t0, ref t1, ref t2, ref t3, q0, q1, q2, q3);
        r0 = t0; r1 = t1; r2 = t2; r3 = t3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(
        ulong a0, ulong a1, ulong a2, ulong a3, ulong bi,
        ulong q0, ulong q1, ulong q2, ulong q3, ulong qInv,
        ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3)
    {
        ulong a = 0;
        t0 = MulAdd(a0, bi, t0, ref a);
        ulong m = t0 * qInv;
        ulong c = 0;
        _ = MulAdd(m, q0, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref a);
        t0 = MulAdd(m, q1, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref a);
        t1 = MulAdd(m, q2, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref a);
        t2 = MulAdd(m, q3, t3, ref c);
        t3 = c + a;
    }

    /// <summary>Subtracts q once when the value is at least q (inputs below 2q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Reduce(ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3, ulong q0, ulong q1, ulong q2, ulong q3)
    {
        ulong b = 0;
        ulong s0 = SubB(t0, q0, ref b);
        ulong s1 = SubB(t1, q1, ref b);
        ulong s2 = SubB(t2, q2, ref b);
        ulong s3 = SubB(t3, q3, ref b);
        // Branch-free select: whether q fits is data-dependent, so a branch would mispredict half the time.
        ulong keep = 0UL - b; // all ones when t < q
        t0 = (t0 & keep) | (s0 & ~keep);
        t1 = (t1 & keep) | (s1 & ~keep);
        t2 = (t2 & keep) | (s2 & ~keep);
        t3 = (t3 & keep) | (s3 & ~keep);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Add(
        ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3,
        ulong q0, ulong q1, ulong q2, ulong q3, out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        ulong c = 0;
        r0 = AddC(a0, b0, ref c);
        r1 = AddC(a1, b1, ref c);
        r2 = AddC(a2, b2, ref c);
        r3 = AddC(a3, b3, ref c);
        Reduce(ref r0, ref r1, ref r2, ref r3, q0, q1, q2, q3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Sub(
        ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3,
        ulong q0, ulong q1, ulong q2, ulong q3, out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        ulong b = 0;
        r0 = SubB(a0, b0, ref b);
        r1 = SubB(a1, b1, ref b);
        r2 = SubB(a2, b2, ref b);
        r3 = SubB(a3, b3, ref b);
        ulong mask = 0UL - b; // add q back only on borrow, without a branch
        ulong c = 0;
        r0 = AddC(r0, q0 & mask, ref c);
        r1 = AddC(r1, q1 & mask, ref c);
        r2 = AddC(r2, q2 & mask, ref c);
        r3 = AddC(r3, q3 & mask, ref c);
    }

    /// <summary>-q^-1 mod 2^64 by Newton iteration (q odd).</summary>
    internal static ulong NegInverse(ulong q0)
    {
        ulong x = 1;
        for (int i = 0; i < 7; i++)
        {
            x *= 2 - (q0 * x);
        }
        return unchecked(0UL - x);
    }

    internal static bool LessThan(ulong a0, ulong a1, ulong a2, ulong a3, ulong q0, ulong q1, ulong q2, ulong q3)
    {
        ulong b = 0;
        _ = SubB(a0, q0, ref b);
        _ = SubB(a1, q1, ref b);
        _ = SubB(a2, q2, ref b);
        _ = SubB(a3, q3, ref b);
        return b != 0;
    }
}
