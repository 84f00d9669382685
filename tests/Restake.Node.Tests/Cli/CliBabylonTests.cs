using System.Text.Json.Nodes;

namespace Restake.Node.Tests.Cli;

/// <summary>`restake babylon demo` as a user runs it: the story completes and prints real Bitcoin transactions.</summary>
public class CliBabylonTests
{
    [Fact]
    public async Task Babylon_demo_prints_parseable_bitcoin_transactions_and_the_chain_view()
    {
        var r = await CliProcess.RunAsync("babylon", "demo", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        CliProcess.AssertNoStackTrace(r);
        var doc = JsonNode.Parse(r.Out)!;
        var txs = doc["chapters"]!.AsArray().SelectMany(c => c!["transactions"]!.AsArray()).ToList();
        Assert.Contains(txs, t => t!["label"]!.GetValue<string>().Contains("signed slashing tx", StringComparison.Ordinal));
        foreach (var t in txs)
        {
            var tx = NBitcoin.Transaction.Parse(t!["hex"]!.GetValue<string>(), NBitcoin.Network.RegTest);
            Assert.Equal(t["txid"]!.GetValue<string>(), tx.GetHash().ToString());
        }
        var statuses = doc["view"]!["delegations"]!.AsArray().Select(d => d!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["SLASHED", "SLASHED", "UNBONDED"], statuses);
    }

    [Fact]
    public async Task Babylon_demo_tells_the_story_on_the_terminal()
    {
        var r = await CliProcess.RunAsync("babylon", "demo");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("extracted, and it matches alpha's BTC key", r.Out, StringComparison.Ordinal);
        Assert.Contains("ErrNonBip68Final", r.Out, StringComparison.Ordinal);
    }
}
