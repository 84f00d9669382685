using System.Text.Json.Nodes;
using Restake.Node.Chain;
using Restake.Node.Client;
using Restake.Node.Signing;
using Restake.Node.Store;

namespace Restake.Node.Tests.Faults;

/// <summary>A node's log as its dump shows it, replayed in the test process.</summary>
public sealed record Recovered(string StateHash, long Height, IReadOnlyList<StoredEntry> Entries, IReadOnlyList<SentTx?> Txs, NodeChain Chain);

/// <summary>What must hold of a node after any crash, checked from the outside.</summary>
public static class LogCheck
{
    /// <summary>
    /// Fetches the dump and the status, replays the dump here, and checks that the node's state hash
    /// is the replay's and that its height is the log's length.
    /// </summary>
    public static async Task<Recovered> ReplayAsync(NodeClient client, string context)
    {
        var status = (await client.GetAsync("/api/status")).Json!;
        var dump = await client.GetAsync("/dev/dump");
        Assert.True(dump.Ok, $"{context}: /dev/dump answered {dump.Status}");
        var (_, chain, entries) = NodeService.Replay(dump.Json);
        Assert.Equal(chain.StateHash(), status["state_hash"]!.GetValue<string>());
        Assert.Equal(entries.Count, status["height"]!.GetValue<long>());
        var txs = entries.Select(e => LogEntry.FromJson(e.Payload) is TransactionEntry t
            ? Identify(t.Tx)
            : null).ToList();
        return new Recovered(chain.StateHash(), entries.Count, entries, txs, chain);
    }

    /// <summary>
    /// After a crash under load: every acknowledged transaction is in the log, the log holds only what
    /// the load signed, each account's logged nonces run 0, 1, 2, ... and the node's nonce is their
    /// count, and the log extends the one recovered before (durable entries never go away).
    /// </summary>
    public static async Task<Recovered> AfterCrashAsync(NodeClient client, SignedLoad load, Recovered? before, string context)
    {
        var r = await ReplayAsync(client, context);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tx in r.Txs)
        {
            Assert.NotNull(tx);
            Assert.True(load.Sent.ContainsKey(tx.Hash), $"{context}: the log holds {tx.Hash}, which the load never signed");
            Assert.True(hashes.Add(tx.Hash), $"{context}: {tx.Hash} is logged twice");
        }
        var lost = load.Acked.Values.Where(a => !hashes.Contains(a.Hash)).ToList();
        Assert.True(lost.Count == 0, $"{context}: {lost.Count} acknowledged transactions are not in the log, such as account {lost.FirstOrDefault()?.Account} nonce {lost.FirstOrDefault()?.Nonce}");
        var nonces = await SignedLoad.NoncesAsync(client);
        for (var account = 0; account < SignedLoad.Accounts; account++)
        {
            var logged = r.Txs.Where(t => t!.Account == account).Select(t => t!.Nonce).ToList();
            Assert.Equal(Enumerable.Range(0, logged.Count).Select(i => (ulong)i), logged);
            Assert.Equal((ulong)logged.Count, nonces[account]);
            Assert.Equal((ulong)logged.Count, r.Chain.NonceOf(SignedLoad.Address(account)));
        }
        if (before is not null)
        {
            Assert.True(before.Entries.Count <= r.Entries.Count, $"{context}: the log shrank from {before.Entries.Count} to {r.Entries.Count} entries");
            Assert.Equal(before.Entries.Select(e => e.Hash), r.Entries.Take(before.Entries.Count).Select(e => e.Hash));
        }
        return r;
    }

    /// <summary>Which load transaction a logged one is (its hash as the node computes it).</summary>
    private static SentTx Identify(SignedTransaction tx)
    {
        var from = EthAddress.Normalize(tx.From);
        var account = Enumerable.Range(0, SignedLoad.Accounts).FirstOrDefault(i => SignedLoad.Address(i) == from, -1);
        var hash = NodeService.TransactionHash(new TransactionPayload(tx.ChainId, tx.From, tx.Nonce, tx.Verb, tx.Body), tx.Signature);
        return new SentTx(account, tx.Nonce, tx.Verb, hash);
    }

    public static async Task<long> ChainIdAsync(NodeClient client) => (await client.GetAsync("/api/status")).Json!["chain_id"]!.GetValue<long>();
}
