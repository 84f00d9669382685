namespace Restake.Marketplace;

/// <summary>
/// What an operator sees of one AVS when it plans: the AVS's reward per epoch (ETH), the stake other operators put on it,
/// its slashing risk, and the stake it asks for (below it the AVS pays that share of its budget).
/// </summary>
public sealed record AvsView(double RewardEthPerEpoch, double OthersStakeEth, double SlashProbability, double SlashFraction, double RequiredStakeEth = 0)
{
    /// <summary>What an operator with slashable stake x earns: B·x / max(R, S + x) (the AVS pays in full once its required stake R is met, pro rata below).</summary>
    public double RewardFor(double x) => x <= 0 ? 0 : RewardEthPerEpoch * x / Math.Max(RequiredStakeEth, OthersStakeEth + x);
}

/// <summary>
/// The operators' allocation policy (docs/marketplace.md): magnitudes on a grid of 1/<see cref="Steps"/>
/// of the max magnitude, chosen to maximise
/// U = Σ_j [ B_j·x_j/max(R_j, S_j + x_j) − p_j·f_j·x_j / a − c·1(x_j &gt; 0) ],  x_j = m_j·D,
/// subject to m_j ≤ the concentration limit and Σ m_j ≤ 1 (unique stake). B_j reward per epoch, R_j the stake the AVS
/// requires (it pays B_j in full once met, pro rata below), S_j the others' slashable stake, p_j f_j the expected slashed share per epoch, a the risk appetite, c the cost of serving one AVS.
/// Every subset of AVSs to serve is tried (at most 2^8); inside a subset the concave part is filled greedily
/// one grid step at a time, which is optimal for a separable concave objective; ties go to fewer AVSs, then to file order.
/// </summary>
public static class OperatorPolicy
{
    public const int Steps = 20;

    public static int[] Choose(double stakeEth, IReadOnlyList<AvsView> avss, double costPerAvs, double riskAppetite, double concentrationLimit)
    {
        ArgumentNullException.ThrowIfNull(avss);
        var n = avss.Count;
        var best = new int[n];
        var bestUtility = 0.0;
        if (stakeEth <= 0 || n == 0)
        {
            return best;
        }
        var cap = (int)Math.Floor((concentrationLimit * Steps) + 1e-9);
        for (var mask = 1; mask < 1 << n; mask++)
        {
            var levels = new int[n];
            var used = 0;
            while (used < Steps)
            {
                var pick = -1;
                var gain = 0.0;
                for (var j = 0; j < n; j++)
                {
                    if ((mask & (1 << j)) == 0 || levels[j] >= cap)
                    {
                        continue;
                    }
                    var g = Value(stakeEth, avss[j], riskAppetite, levels[j] + 1) - Value(stakeEth, avss[j], riskAppetite, levels[j]);
                    if (g > gain + 1e-12)
                    {
                        gain = g;
                        pick = j;
                    }
                }
                if (pick < 0)
                {
                    break;
                }
                levels[pick]++;
                used++;
            }
            var utility = Utility(stakeEth, avss, costPerAvs, riskAppetite, levels);
            // Serving an AVS with no allocation is not serving it: such subsets are the smaller subset, already tried.
            if (Enumerable.Range(0, n).Any(j => (mask & (1 << j)) != 0 && levels[j] == 0))
            {
                continue;
            }
            if (utility > bestUtility + 1e-12)
            {
                bestUtility = utility;
                best = levels;
            }
        }
        return best;
    }

    /// <summary>U for grid levels k_j (m_j = k_j/Steps), fixed costs included.</summary>
    public static double Utility(double stakeEth, IReadOnlyList<AvsView> avss, double costPerAvs, double riskAppetite, IReadOnlyList<int> levels)
    {
        ArgumentNullException.ThrowIfNull(avss);
        ArgumentNullException.ThrowIfNull(levels);
        var u = 0.0;
        for (var j = 0; j < avss.Count; j++)
        {
            if (levels[j] > 0)
            {
                u += Value(stakeEth, avss[j], riskAppetite, levels[j]) - costPerAvs;
            }
        }
        return u;
    }

    /// <summary>Reward share minus risk-weighted expected slashing loss of allocating k/Steps of the stake to one AVS.</summary>
    public static double Value(double stakeEth, AvsView avs, double riskAppetite, int k)
    {
        ArgumentNullException.ThrowIfNull(avs);
        var x = stakeEth * k / Steps;
        if (x <= 0)
        {
            return 0;
        }
        return avs.RewardFor(x) - (avs.SlashProbability * avs.SlashFraction * x / riskAppetite);
    }
}

/// <summary>
/// The direct restakers' choice (docs/marketplace.md): score = expected net yield per epoch, scaled by reputation
/// r = 1/(1 + slashes suffered) (a gain shrinks, a loss grows); switch when the gain over the horizon beats the
/// yield forgone while the withdrawal delay runs.
/// </summary>
public static class RestakerPolicy
{
    public static double Score(double netYield, int slashes)
    {
        var reputation = 1.0 / (1 + slashes);
        return netYield >= 0 ? netYield * reputation : netYield / reputation;
    }

    /// <summary>Switch iff best &gt; current and (best − current)·horizon &gt; max(best, 0)·delayEpochs.</summary>
    public static bool ShouldSwitch(double currentScore, double bestScore, int horizonEpochs, double delayEpochs) =>
        bestScore > currentScore + 1e-15 && (bestScore - currentScore) * horizonEpochs > Math.Max(bestScore, 0) * delayEpochs;
}

/// <summary>SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator whose stream is the same on every machine and runtime.</summary>
public sealed class SplitMix64(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
