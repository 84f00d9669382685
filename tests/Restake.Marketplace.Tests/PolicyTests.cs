using Restake.Marketplace;
using Restake.Primitives;

namespace Restake.Marketplace.Tests;

public class PolicyTests
{
    // Known answer, by hand: one AVS paying B = 10 ETH an epoch, others S = 90 ETH, own stake D = 10 ETH on a grid of
    // 0.5 ETH, expected loss λ = p·f/a = 0.1 per ETH. U(x) = 10·x/(90+x) − 0.1·x: U(4.5) = 0.02619, U(5) = 0.02632,
    // U(5.5) = 0.02592, so the optimum is x = 5 ETH, level 10 of 20 (the continuous optimum is √(B·S/λ) − S = 4.87).
    private static readonly AvsView Known = new(10, 90, 0.5, 0.2);

    [Fact]
    public void an_operator_allocates_where_marginal_reward_meets_expected_loss()
    {
        Assert.Equal([10], OperatorPolicy.Choose(10, [Known], 0, 1, 1));
    }

    [Fact]
    public void a_fixed_cost_above_the_best_net_reward_keeps_the_operator_out()
    {
        // U(5) = 0.02632 < 0.03: serving costs more than it nets.
        Assert.Equal([0], OperatorPolicy.Choose(10, [Known], 0.03, 1, 1));
        Assert.Equal([10], OperatorPolicy.Choose(10, [Known], 0.02, 1, 1));
    }

    [Fact]
    public void the_concentration_limit_caps_one_avs()
    {
        Assert.Equal([6], OperatorPolicy.Choose(10, [Known], 0, 1, 0.3));
    }

    [Fact]
    public void risk_appetite_scales_the_expected_loss()
    {
        // a = 0.5 doubles λ to 0.2, above the first ETH's reward 10/90: stay out. a = 2 halves it to 0.05:
        // 10·90/(90+x)² = 0.05 at x = 44 > D, so all of it (U(10) = 1 − 0.5 > 0).
        Assert.Equal([0], OperatorPolicy.Choose(10, [Known], 0, 0.5, 1));
        Assert.Equal([20], OperatorPolicy.Choose(10, [Known], 0, 2, 1));
    }

    [Fact]
    public void unique_stake_caps_the_sum_of_magnitudes()
    {
        // Riskless, rich AVSs: each would take everything; together at most the whole stake.
        var rich = new AvsView(100, 1, 0, 0);
        var levels = OperatorPolicy.Choose(10, [rich, rich, rich], 0, 1, 0.5);
        Assert.Equal(20, levels.Sum());
        Assert.All(levels, k => Assert.True(k <= 10));
    }

    [Fact]
    public void a_large_operator_stops_where_more_stake_adds_less_than_it_risks()
    {
        // B = 1, S = 580, D = 5700, λ = 0.0002·0.2/2: U(16/20) = 0.79596, U(17/20) = 0.79619, U(18/20) = 0.79582 (by hand).
        Assert.Equal([17], OperatorPolicy.Choose(5700, [new AvsView(1, 580, 0.0002, 0.2)], 0.03, 2, 1));
    }

    [Fact]
    public void an_avs_below_its_required_stake_pays_pro_rata_so_a_lone_operator_still_allocates_all()
    {
        // Alone (S = 0) with R = 100: reward 10·x/100 = 0.1·x against a loss of 0.05·x; linear and positive, so all 20 levels.
        // Without R the lone operator would take the whole budget with the smallest step.
        Assert.Equal([20], OperatorPolicy.Choose(10, [new AvsView(10, 0, 0.5, 0.1, 100)], 0, 1, 1));
        Assert.Equal([1], OperatorPolicy.Choose(10, [new AvsView(10, 0, 0.5, 0.1)], 0, 1, 1));
        Assert.Equal(5, new AvsView(10, 40, 0, 0, 100).RewardFor(50), 12);
    }

    [Fact]
    public void restakers_switch_only_when_the_gain_beats_the_withdrawal_delay()
    {
        // (0.012 − 0.010)·30 = 0.06 > 0.012·3 = 0.036; with a 10-epoch horizon 0.02 < 0.036.
        Assert.True(RestakerPolicy.ShouldSwitch(0.010, 0.012, 30, 3));
        Assert.False(RestakerPolicy.ShouldSwitch(0.010, 0.012, 10, 3));
        Assert.False(RestakerPolicy.ShouldSwitch(0.012, 0.010, 30, 0));
    }

    [Fact]
    public void reputation_shrinks_gains_and_grows_losses()
    {
        Assert.Equal(0.005, RestakerPolicy.Score(0.01, 1), 12);
        Assert.Equal(-0.02, RestakerPolicy.Score(-0.01, 1), 12);
        Assert.Equal(0.01, RestakerPolicy.Score(0.01, 0), 12);
    }

    [Fact]
    public void splitmix64_matches_the_reference_stream()
    {
        // Rosetta Code, "Pseudo-random numbers/Splitmix64": the first five outputs for seed 1234567.
        var rng = new SplitMix64(1234567);
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => rng.Next()).ToArray());
    }

    [Fact]
    public void the_budget_split_adds_up_to_the_budget_exactly()
    {
        // 10 wei over stakes 1 : 2 → floors 3 and 6, the remaining wei to the larger stake.
        var parts = Payments.Split(10, [new("a", 1), new("b", 2)]);
        Assert.Equal([new("a", 3), new("b", 7)], parts);
    }

    [Fact]
    public void own_token_route_known_answer()
    {
        // S0 = 100, r = 50 after 2 setup epochs: S = 100, 100, 150, 200; CoC = 0.5·0.5·S = 25, 25, 37.5, 50 → reached in 4 epochs;
        // issuance 1 % of S each epoch: 1 + 1 + 1.5 + 2 = 5.5 ETH.
        var route = OwnTokenRoute.Compute(new BootstrapSpec("x", 100, 50, 0.01, 0.5, 2, 5000), 50, 100);
        Assert.Equal(4, route.EpochsToTarget);
        Assert.Equal(5.5, route.CostEth, 9);
        Assert.Equal([25, 25, 37.5, 50], route.CostOfCorruptionEth);
        Assert.Null(OwnTokenRoute.Compute(new BootstrapSpec("x", 100, 0, 0.01, 0.5, 2, 5000), 50, 100).EpochsToTarget);
    }
}
