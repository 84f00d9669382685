using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Lrt.Report;

/// <summary>Part of one operator's slashable stake in one set that belongs to the LRT, in one strategy.</summary>
public sealed record ExposureLine(string Operator, string Strategy, UInt256 OperatorSlashableShares, UInt256 LrtShares, UInt256 ValueEth);

/// <summary>How much of an LRT one operator set can slash: the node delegators' part of their operators' slashable stake there.</summary>
public sealed record SetExposure(string Set, UInt256 ValueEth, Ratio ShareOfNav, IReadOnlyList<ExposureLine> Lines);

/// <summary>
/// AVS exposure. An operator's slashable stake in a set is its delegated shares × (allocated / max magnitude)
/// (AllocationManager's view). A node delegator owns its withdrawable shares out of the operator's delegated
/// shares, so its part is ⌊slashable · mine / operator's⌋, priced as NAV prices it. The same stake is
/// allocated to several sets at once, so the sum over sets can exceed NAV: that is restaking's leverage.
/// Queued engine withdrawals (slashable until their delay ends) are left out; they show under liquidity.
/// </summary>
public static class AvsExposure
{
    public static IReadOnlyList<SetExposure> Of(NetworkState s, LrtVault v, UInt256 nav)
    {
        var result = new List<SetExposure>();
        foreach (var avs in s.Avss.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            foreach (var set in avs.Sets.Values)
            {
                var lines = new List<ExposureLine>();
                foreach (var nd in v.Nodes)
                {
                    if (!s.Operators.TryGetValue(nd.Operator, out var op) || !s.Stakers.TryGetValue(nd.Name, out var staker))
                    {
                        continue;
                    }
                    foreach (var asset in v.Assets)
                    {
                        var strategy = s.Strategies[asset];
                        var os = op.Find(strategy);
                        var position = staker.Find(strategy);
                        if (os is null || position is null || os.Shares.IsZero)
                        {
                            continue;
                        }
                        var slashable = s.SlashableStake(op, set, strategy);
                        if (slashable.IsZero)
                        {
                            continue;
                        }
                        var mine = UInt256.MulDiv(slashable, s.WithdrawableShares(staker, position), os.Shares);
                        var value = Wad.MulDown(strategy.SharesToUnderlying(mine), v.Prices[asset]);
                        lines.Add(new ExposureLine(op.Name, asset, slashable, mine, value));
                    }
                }
                if (lines.Count > 0)
                {
                    var total = lines.Aggregate(UInt256.Zero, (a, l) => a + l.ValueEth);
                    result.Add(new SetExposure(set.Key, total, new Ratio(total, nav), lines));
                }
            }
        }
        return result;
    }
}
