using Restake.Babylon.Demo;

namespace Restake.Babylon.Tests;

public class DemoTests
{
    [Fact]
    public void The_story_runs_through_and_ends_with_the_expected_chain_view()
    {
        var report = BabylonDemo.Run();
        Assert.Null(report.Failure);
        Assert.Equal(6, report.Chapters.Count);
        var v = report.View;
        Assert.True(v.FinalityProviders.Single(f => f.Name == "alpha").Slashed);
        Assert.False(v.FinalityProviders.Single(f => f.Name == "beta").Slashed);
        Assert.Equal(["SLASHED", "SLASHED", "UNBONDED"], v.Delegations.Select(d => d.Status));
        Assert.All(v.Checkpoints, c => Assert.Equal("FINALIZED", c.Status));
        // Default slashing rate 0.1: alice's 50 000 000 sat stake burns 5 000 000 (hand-worked).
        var aliceSlash = report.Chapters.SelectMany(c => c.Transactions).Single(t => t.Label == "alice: signed slashing tx");
        var tx = NBitcoin.Transaction.Parse(aliceSlash.Hex, NBitcoin.Network.RegTest);
        Assert.Equal(5_000_000, tx.Outputs[0].Value.Satoshi);
        Assert.True(v.LastFinalizedHeight > 0);
    }
}
