using System.Numerics;

namespace Restake.Risk;

/// <summary>
/// Bar-Zur and Eyal's fully symmetric network (arXiv 2503.00170; reference code
/// roibarzur/elastic-restaking-networks-code@f2dc4c39, FullySymmetricRestakingNetwork.check_security):
/// n operators with stake σ, each allocating w ≤ σ to each of m services with prize π and threshold θ.
/// </summary>
public sealed record SymmetricNetwork(int Operators, int Services, BigInteger Stake, BigInteger AllocationPerService, BigInteger Profit, int ThresholdBps)
{
    public RestakingNetwork Build()
    {
        var ops = Enumerable.Range(0, Operators).Select(i => new Operator($"v{i}", Stake)).ToArray();
        var svc = Enumerable.Range(0, Services).Select(j => new Service($"s{j}", Profit, ThresholdBps)).ToArray();
        var w = new BigInteger[Operators, Services];
        for (var i = 0; i < Operators; i++) for (var j = 0; j < Services; j++) w[i, j] = AllocationPerService;
        return new RestakingNetwork(ops, svc, w);
    }

    /// <summary>
    /// The paper's closed form: over k = 1..m attacked services, prize k·π minus ⌊nθ⌋·min(σ, k·w), plus,
    /// when nθ is fractional, one partial validator contributing min(frac·k·w, σ) (their model lets a
    /// validator commit part of an allocation). Returned as an exact fraction (num, den = 10000).
    /// </summary>
    public (BigInteger Num, BigInteger Den) BestProfitClosedForm()
    {
        BigInteger den = RestakingNetwork.BpsDenominator;
        var nTheta = (long)Operators * ThresholdBps; // nθ in bps
        var whole = nTheta / RestakingNetwork.BpsDenominator;
        var fracBps = nTheta % RestakingNetwork.BpsDenominator;
        BigInteger? best = null;
        for (var k = 1; k <= Services; k++)
        {
            var cost = whole * BigInteger.Min(Stake, k * AllocationPerService) * den;
            if (fracBps > 0) cost += BigInteger.Min(fracBps * k * AllocationPerService, Stake * den);
            var net = k * Profit * den - cost;
            if (best is null || net > best) best = net;
        }
        return (best ?? 0, den);
    }

    /// <summary>
    /// The same enumeration when operators join whole, as in DR and in <see cref="AttackSolver"/>:
    /// ⌈nθ⌉ operators are needed, each losing min(σ, k·w). Equals the closed form when nθ is an integer.
    /// </summary>
    public BigInteger BestProfitWholeOperators()
    {
        var nTheta = (long)Operators * ThresholdBps;
        var needed = (nTheta + RestakingNetwork.BpsDenominator - 1) / RestakingNetwork.BpsDenominator;
        BigInteger? best = null;
        for (var k = 1; k <= Services; k++)
        {
            var net = k * Profit - needed * BigInteger.Min(Stake, k * AllocationPerService);
            if (best is null || net > best) best = net;
        }
        return best ?? 0;
    }
}
