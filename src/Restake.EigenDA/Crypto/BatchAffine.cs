namespace Restake.EigenDA.Crypto;

/// <summary>
/// One Pippenger window with affine buckets. Additions into distinct buckets are queued and done together: the slopes'
/// denominators share one field inversion (Montgomery's trick), so an addition costs about 6 multiplications instead of
/// the 11 of a mixed Jacobian one. A point whose bucket already waits in the current batch is retried in the next
/// batch; what still collides at the end goes into Jacobian buckets by mixed addition.
/// </summary>
internal sealed class BatchAffineWindow<TF>(int bucketCount) where TF : struct, IField<TF>
{
    /// <summary>Additions per shared inversion (an inversion is ≈ 380 multiplications); 128, 512 and 1024 measured no better.</summary>
    internal const int BatchSize = 256;

    private readonly Affine<TF>[] _buckets = Init(bucketCount, Affine<TF>.Identity);
    private readonly Jacobian<TF>[] _overflow = Init(bucketCount, Jacobian<TF>.Identity);
    private readonly bool[] _busy = new bool[bucketCount];
    private readonly int[] _batchBucket = new int[BatchSize];
    private readonly Affine<TF>[] _batchPoint = new Affine<TF>[BatchSize];
    private readonly TF[] _den = new TF[BatchSize];
    private readonly TF[] _prefix = new TF[BatchSize];
    private readonly bool[] _doubling = new bool[BatchSize];
    private int _count;
    private (int Bucket, Affine<TF> Point)[] _queue = new (int, Affine<TF>)[BatchSize];
    private (int Bucket, Affine<TF> Point)[] _retry = new (int, Affine<TF>)[BatchSize];
    private int _queued;

    private static T[] Init<T>(int n, T value)
    {
        var a = new T[n];
        Array.Fill(a, value);
        return a;
    }

    public Jacobian<TF> Run(Affine<TF>[] points, short[] digits, int windows, int w)
    {
        for (int i = 0; i < points.Length; i++)
        {
            int d = digits[(i * windows) + w];
            if (d == 0 || points[i].Infinity)
            {
                continue;
            }
            var q = d > 0 ? points[i] : points[i].Negate();
            int b = (d > 0 ? d : -d) - 1;
            if (_busy[b])
            {
                Defer(b, q);
            }
            else
            {
                Add(b, q);
                if (_count == BatchSize)
                {
                    Flush();
                }
            }
        }
        // Drain: each round clears at least one queued point per distinct bucket; once a round's batch or the queue is
        // small (points piled on few buckets), an inversion per round costs more than mixed additions.
        while (_count > 0 || _queued > 0)
        {
            Flush();
            if (_queued < 16 || _count < 16)
            {
                for (int k = 0; k < _queued; k++)
                {
                    _overflow[_queue[k].Bucket] = _overflow[_queue[k].Bucket].AddAffine(_queue[k].Point);
                }
                _queued = 0;
            }
        }
        // Σ (b+1)·bucket[b] by running sums from the top.
        var running = Jacobian<TF>.Identity;
        var sum = Jacobian<TF>.Identity;
        for (int b = _buckets.Length - 1; b >= 0; b--)
        {
            running = running.AddAffine(_buckets[b]);
            if (!_overflow[b].IsIdentity)
            {
                running += _overflow[b];
            }
            sum += running;
        }
        return sum;
    }

    private void Defer(int b, in Affine<TF> q)
    {
        if (_queued == _queue.Length)
        {
            // A full queue means many points share few buckets: mixed addition is cheaper than more half-empty batches.
            _overflow[b] = _overflow[b].AddAffine(q);
            return;
        }
        _queue[_queued++] = (b, q);
    }

    /// <summary>Adds q to a bucket that is not in the current batch: assigns, cancels, or queues the addition.</summary>
    private void Add(int b, in Affine<TF> q)
    {
        ref var acc = ref _buckets[b];
        if (acc.Infinity)
        {
            acc = q;
            return;
        }
        bool doubling = false;
        TF den;
        if (acc.X.Equals(q.X))
        {
            if (!acc.Y.Equals(q.Y) || acc.Y.IsZero)
            {
                acc = Affine<TF>.Identity; // P + (−P), or a 2-torsion point doubled
                return;
            }
            doubling = true;
            den = acc.Y + acc.Y;
        }
        else
        {
            den = q.X - acc.X;
        }
        _busy[b] = true;
        _batchBucket[_count] = b;
        _batchPoint[_count] = q;
        _den[_count] = den;
        _doubling[_count] = doubling;
        _count++;
    }

    /// <summary>Does the queued additions with one inversion, then moves queued points whose bucket is free into the next batch.</summary>
    private void Flush()
    {
        int n = _count;
        if (n > 0)
        {
            var acc = TF.One;
            for (int k = 0; k < n; k++)
            {
                _prefix[k] = acc;
                acc *= _den[k];
            }
            var inv = acc.Inverse();
            for (int k = n - 1; k >= 0; k--)
            {
                var dInv = inv * _prefix[k];
                inv *= _den[k];
                int b = _batchBucket[k];
                var p = _buckets[b];
                var q = _batchPoint[k];
                TF lambda;
                if (_doubling[k])
                {
                    var xx = p.X.Square();
                    lambda = (xx + xx + xx) * dInv; // 3x² / 2y (a = 0)
                }
                else
                {
                    lambda = (q.Y - p.Y) * dInv;
                }
                var x3 = lambda.Square() - p.X - q.X;
                var y3 = (lambda * (p.X - x3)) - p.Y;
                _buckets[b] = new Affine<TF>(x3, y3);
                _busy[b] = false;
            }
            _count = 0;
        }
        int m = _queued;
        if (m == 0)
        {
            return;
        }
        // Retry the queue in order into the next batch; what does not fit or collides again stays queued.
        (_retry, _queue) = (_queue, _retry);
        var retry = _retry;
        _queued = 0;
        for (int k = 0; k < m; k++)
        {
            if (_count == BatchSize || _busy[retry[k].Bucket])
            {
                Defer(retry[k].Bucket, retry[k].Point);
            }
            else
            {
                Add(retry[k].Bucket, retry[k].Point);
            }
        }
    }
}
