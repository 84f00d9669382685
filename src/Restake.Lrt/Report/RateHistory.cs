using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Lrt.Report;

/// <summary>An LRT's rate at one point of a run.</summary>
public readonly record struct RateMark(long Block, long Time, UInt256 Rate);

/// <summary>
/// Watches a run and keeps, per LRT, its rate at the first point its supply was non-zero (the first deposit,
/// or Puffer's bonds), the start of the realized-yield window. Call <see cref="Observe"/> after every step.
/// </summary>
public sealed class RateHistory
{
    private readonly Dictionary<string, RateMark> _first = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, RateMark> First => _first;

    public void Observe(NetworkState s, LrtBook book)
    {
        foreach (var v in book.Vaults.Values)
        {
            if (!_first.ContainsKey(v.Name) && !v.Token.TotalSupply.IsZero)
            {
                _first[v.Name] = new RateMark(s.Block, s.Time, v.Rate(s));
            }
        }
    }
}
