using System.Numerics;
using Restake.Lrt.OnEngine;
using Restake.Lrt.Report;
using Restake.Protocol.State;

namespace Restake.Risk;

/// <summary>How much of one LRT one operator set can slash (ETH as the LRT prices it), and the LRT's NAV and supply.</summary>
public sealed record LrtSetExposure(string Lrt, string OperatorSet, BigInteger Slashable, BigInteger Nav, BigInteger Supply);

/// <summary>One holder's pro-rata part of what an operator set can slash of an LRT: ⌊slashable · balance / supply⌋.</summary>
public sealed record HolderExposure(string Holder, string Lrt, string OperatorSet, BigInteger Balance, BigInteger Slashable);

/// <summary>
/// LRTs as holders in the exposure graph holder → LRT → operator → operator set. An LRT's node delegators are
/// stakers of the engine; what a set can slash of them is the LRT's exposure (<see cref="AvsExposure"/>: each node
/// delegator's withdrawable part of its operator's slashable stake, priced as the LRT prices its NAV). A slash there
/// lowers NAV, which every unit of the token shares alike, so a holder's exposure is its share of the supply.
/// </summary>
public static class LrtHolders
{
    public static IReadOnlyList<LrtSetExposure> Sets(NetworkState state, LrtBook lrts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(lrts);
        var result = new List<LrtSetExposure>();
        foreach (var (name, vault) in lrts.Vaults)
        {
            var nav = vault.Nav(state);
            foreach (var set in AvsExposure.Of(state, vault, nav))
            {
                result.Add(new LrtSetExposure(name, set.Set, (BigInteger)set.ValueEth, (BigInteger)nav, (BigInteger)vault.Token.TotalSupply));
            }
        }
        return result;
    }

    public static IReadOnlyList<HolderExposure> Holders(NetworkState state, LrtBook lrts)
    {
        ArgumentNullException.ThrowIfNull(lrts);
        var result = new List<HolderExposure>();
        foreach (var e in Sets(state, lrts))
        {
            if (e.Supply.IsZero) continue;
            foreach (var (holder, balance) in lrts.Vaults[e.Lrt].Token.Balances.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                if (balance.IsZero) continue;
                result.Add(new HolderExposure(holder, e.Lrt, e.OperatorSet, (BigInteger)balance, e.Slashable * (BigInteger)balance / e.Supply));
            }
        }
        return result;
    }
}
