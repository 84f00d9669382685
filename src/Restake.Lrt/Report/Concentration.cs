using System.Numerics;
using Restake.Primitives;

namespace Restake.Lrt.Report;

/// <summary>One operator's part of an LRT's restaked value.</summary>
public sealed record OperatorShare(string Operator, UInt256 ValueEth, Ratio Share);

/// <summary>
/// How concentrated a pool is across operators (FAQ Q5). HHI = 10,000·Σvᵢ²/(Σvᵢ)², rounded down: 10,000 for a
/// single operator, 10,000/n for n equal ones. Nakamoto = the fewest operators whose combined value is more
/// than a third of the total (the share that can halt a BFT-style service); 0 for an empty pool.
/// </summary>
public sealed record Concentration(IReadOnlyList<OperatorShare> Operators, long Hhi, int Nakamoto, Ratio TopShare, string? TopOperator)
{
    public static Concentration Of(IEnumerable<(string Operator, UInt256 ValueEth)> values)
    {
        var list = values.OrderByDescending(v => (BigInteger)v.ValueEth).ThenBy(v => v.Operator, StringComparer.Ordinal).ToList();
        var total = list.Aggregate(BigInteger.Zero, (a, v) => a + v.ValueEth);
        var shares = list.Select(v => new OperatorShare(v.Operator, v.ValueEth, new Ratio(v.ValueEth, total))).ToList();
        if (total.IsZero)
        {
            return new Concentration(shares, 0, 0, new Ratio(0, 0), null);
        }
        var squares = list.Aggregate(BigInteger.Zero, (a, v) => a + ((BigInteger)v.ValueEth * v.ValueEth));
        var hhi = (long)(squares * 10_000 / (total * total));
        var nakamoto = 0;
        var held = BigInteger.Zero;
        foreach (var v in list)
        {
            held += v.ValueEth;
            nakamoto++;
            if (held * 3 > total)
            {
                break;
            }
        }
        return new Concentration(shares, hhi, nakamoto, new Ratio(list[0].ValueEth, total), list[0].Operator);
    }
}
