namespace Restake.Marketplace;

/// <summary>One route to security: epochs until the cost of corruption first reaches the target, and what was paid by then (ETH).</summary>
public sealed record Route(string Name, int? EpochsToTarget, double CostEth, IReadOnlyList<double> CostOfCorruptionEth);

/// <summary>
/// The seed's "elevator instead of stairs" (docs/marketplace.md): the own-token route under the stated assumptions.
/// Stake in the new token at the end of epoch t (from launch): S_t = S0 + r·max(0, t + 1 − setup);
/// cost of corruption CoC_t = α·(1 − discount)·S_t (an attacker must control α of the stake, valued at the
/// discounted price the token keeps once attacked); cost of the route = issuance Σ_{u≤t} y·S_u (ETH value of new tokens).
/// </summary>
public static class OwnTokenRoute
{
    public static Route Compute(BootstrapSpec spec, double targetEth, int horizon)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var coc = new List<double>();
        var cost = 0.0;
        int? reached = null;
        var alpha = spec.ThresholdBps / 10_000.0;
        for (var t = 0; t < horizon; t++)
        {
            var stake = spec.InitialStakeEth + (spec.RecruitmentPerEpochEth * Math.Max(0, t + 1 - spec.SetupEpochs));
            cost += spec.IssuanceYieldPerEpoch * stake;
            var c = alpha * (1 - spec.TokenDiscount) * stake;
            coc.Add(c);
            if (c >= targetEth)
            {
                reached = t + 1;
                break;
            }
        }
        return new Route("own token and validator set", reached, cost, coc);
    }
}
