namespace Restake.EigenDA.Crypto;

/// <summary>Multi-scalar multiplication Σ kᵢ·Pᵢ by Pippenger's bucket method, one window per task.</summary>
public static class Msm
{
    public static Jacobian<TF> Compute<TF>(ReadOnlySpan<Affine<TF>> bases, ReadOnlySpan<Fr> scalars, bool parallel = true) where TF : struct, IField<TF>
    {
        int n = Math.Min(bases.Length, scalars.Length);
        if (n == 0)
        {
            return Jacobian<TF>.Identity;
        }
        if (n < 8)
        {
            var acc = Jacobian<TF>.Identity;
            for (int i = 0; i < n; i++)
            {
                acc += bases[i].ToJacobian().Multiply(scalars[i]);
            }
            return acc;
        }
        var limbs = new ulong[n * 4];
        for (int i = 0; i < n; i++)
        {
            var c = scalars[i].ToCanonical();
            limbs[4 * i] = c.L0;
            limbs[(4 * i) + 1] = c.L1;
            limbs[(4 * i) + 2] = c.L2;
            limbs[(4 * i) + 3] = c.L3;
        }
        int log = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        int c0 = Math.Clamp(log - 2, 2, 16);
        var pts = bases[..n].ToArray();
        int windows = (254 + c0 - 1) / c0;
        var partial = new Jacobian<TF>[windows];
        void Window(int w)
        {
            var buckets = new Jacobian<TF>[(1 << c0) - 1];
            for (int b = 0; b < buckets.Length; b++)
            {
                buckets[b] = Jacobian<TF>.Identity;
            }
            int bit = w * c0;
            for (int i = 0; i < n; i++)
            {
                int d = Digit(limbs, i, bit, c0);
                if (d != 0)
                {
                    buckets[d - 1] = buckets[d - 1].AddAffine(pts[i]);
                }
            }
            // Σ d·bucket[d] by running sums from the top.
            var running = Jacobian<TF>.Identity;
            var sum = Jacobian<TF>.Identity;
            for (int b = buckets.Length - 1; b >= 0; b--)
            {
                running += buckets[b];
                sum += running;
            }
            partial[w] = sum;
        }
        if (parallel)
        {
            Parallel.For(0, windows, Window);
        }
        else
        {
            for (int w = 0; w < windows; w++)
            {
                Window(w);
            }
        }
        var result = Jacobian<TF>.Identity;
        for (int w = windows - 1; w >= 0; w--)
        {
            for (int k = 0; k < c0; k++)
            {
                result = result.Double();
            }
            result += partial[w];
        }
        return result;
    }

    private static int Digit(ulong[] limbs, int i, int bit, int width)
    {
        int limb = bit >> 6;
        int shift = bit & 63;
        if (limb >= 4)
        {
            return 0;
        }
        ulong v = limbs[(4 * i) + limb] >> shift;
        if (shift + width > 64 && limb + 1 < 4)
        {
            v |= limbs[(4 * i) + limb + 1] << (64 - shift);
        }
        return (int)(v & ((1UL << width) - 1));
    }
}
