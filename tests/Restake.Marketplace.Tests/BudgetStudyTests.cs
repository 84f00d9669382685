using Restake.Marketplace;
using Restake.Primitives;

namespace Restake.Marketplace.Tests;

public class BudgetStudyTests
{
    [Fact]
    public void the_search_narrows_to_a_whole_token_between_a_budget_that_fails_and_one_that_reaches_the_stake()
    {
        var file = Runs.Load("launch");
        var search = BudgetStudy.Cheapest(file, "newdex", 6);
        Assert.NotNull(search.Cheapest);
        var cheapest = search.Cheapest!.Value;
        var token = (UInt256)1_000_000_000_000_000_000UL;
        // One token less was tried and does not make it within 6 epochs.
        var below = search.Tried.Single(p => p.BudgetPerEpoch == cheapest - token);
        Assert.True(below.EpochsToRequiredStake is null or > 6);
        // The answer holds when the market is run again with it.
        var again = MarketRun.Run(file with { Avss = file.Avss.Select(a => a.Name == "newdex" ? a with { BudgetPerEpoch = cheapest } : a).ToList() });
        var dex = MarketSummary.Of(again).Avss.Single(a => a.Avs == "newdex");
        Assert.True(dex.EpochsToRequiredStake <= 6);
        Assert.Equal(search.Tried.Single(p => p.BudgetPerEpoch == cheapest).CostEth, dex.CostToRequiredStakeEth);
    }

    [Fact]
    public void money_cannot_beat_the_protocols_delays()
    {
        // docs/marketplace.md: in the launch example no budget up to 2^7 times the declared one reaches the stake within 4 epochs.
        var search = BudgetStudy.Cheapest(Runs.Load("launch"), "newdex", 4);
        Assert.Null(search.Cheapest);
        Assert.Equal(8, search.Tried.Count);
        Assert.All(search.Tried, p => Assert.True(p.EpochsToRequiredStake > 4));
    }

    [Fact]
    public void an_unknown_avs_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BudgetStudy.Cheapest(Runs.Load("launch"), "nobody", 6));
    }
}
