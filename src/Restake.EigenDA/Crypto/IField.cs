using System.Numerics;

namespace Restake.EigenDA.Crypto;

/// <summary>The field operations the curve, FFT and tower code are written against.</summary>
public interface IField<T> : IEquatable<T> where T : struct, IField<T>
{
    static abstract T Zero { get; }
    static abstract T One { get; }
    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator -(T a);
    static abstract T operator *(T a, T b);
    T Square();
    T Double();
    /// <summary>The multiplicative inverse; zero maps to zero.</summary>
    T Inverse();
    bool IsZero { get; }
}

internal static class FieldMath
{
    /// <summary>a^e for a non-negative exponent (square and multiply from the top bit).</summary>
    public static T Pow<T>(T a, BigInteger e) where T : struct, IField<T>
    {
        if (e.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(e), "negative exponent");
        }
        var r = T.One;
        for (long i = (long)e.GetBitLength() - 1; i >= 0; i--)
        {
            r = r.Square();
            if (!(e >> (int)i).IsEven)
            {
                r *= a;
            }
        }
        return r;
    }

    /// <summary>Montgomery's trick: all inverses with one field inversion; zeros stay zero.</summary>
    public static void BatchInverse<T>(Span<T> values) where T : struct, IField<T>
    {
        var prefix = new T[values.Length];
        var acc = T.One;
        for (int i = 0; i < values.Length; i++)
        {
            prefix[i] = acc;
            if (!values[i].IsZero)
            {
                acc *= values[i];
            }
        }
        var inv = acc.Inverse();
        for (int i = values.Length - 1; i >= 0; i--)
        {
            if (values[i].IsZero)
            {
                continue;
            }
            var v = values[i];
            values[i] = inv * prefix[i];
            inv *= v;
        }
    }
}
