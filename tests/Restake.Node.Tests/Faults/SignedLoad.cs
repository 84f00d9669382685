using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Restake.Node.Client;
using Restake.Node.Signing;

namespace Restake.Node.Tests.Faults;

/// <summary>A transaction the load signed: who, which nonce, and its hash (as the node computes it).</summary>
public sealed record SentTx(int Account, ulong Nonce, string Verb, string Hash);

/// <summary>
/// Signed transactions from many accounts at once, each account sending its own nonces in order, one
/// at a time. It remembers everything it signed and everything the node acknowledged, across
/// restarts, so a test can hold every recovered log against it.
/// </summary>
public sealed class SignedLoad
{
    public const int Accounts = 20;
    /// <summary>Accounts 1..3 register as operators (their nonce 0); the others deposit and delegate to one of them.</summary>
    public const int Operators = 3;

    private static readonly string[] Strategies = ["stETH", "rETH", "cbETH"];
    private int _ackedThisRun;

    public static IReadOnlyList<DevAccount> Keys { get; } = DevAccounts.Derive(DevAccounts.DefaultMnemonic, Accounts);

    public static string Address(int account) => EthAddress.Normalize(Keys[account].Address);

    public ConcurrentDictionary<string, SentTx> Sent { get; } = new();

    public ConcurrentDictionary<string, SentTx> Acked { get; } = new();

    /// <summary>Answers other than a receipt: with nonces in order and a live node there should be none.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public int AckedThisRun => Volatile.Read(ref _ackedThisRun);

    /// <summary>What account <paramref name="account"/> sends at <paramref name="nonce"/>: fixed, so a resend after a crash is the same transaction kind.</summary>
    public static (string Verb, JsonObject Body) Plan(int account, ulong nonce)
    {
        if (account <= Operators && nonce == 0)
        {
            return ("register_operator", new JsonObject());
        }
        if (account > Operators && nonce == 1)
        {
            return ("delegate", new JsonObject { ["operator"] = Address(1 + (account % Operators)) });
        }
        return ("deposit", new JsonObject { ["strategy"] = Strategies[(int)(nonce % 3)], ["amount"] = "0.001" });
    }

    /// <summary>Registers the operators that are not yet (before the stakers can delegate to them).</summary>
    public async Task SetUpAsync(NodeClient client, long chainId, IReadOnlyDictionary<int, ulong> nonces)
    {
        for (var op = 1; op <= Operators; op++)
        {
            if (nonces[op] == 0)
            {
                Assert.True(await SendAsync(client, chainId, op, 0, CancellationToken.None), $"registering operator {op}: {string.Join("; ", Refusals)}");
            }
        }
    }

    /// <summary>Every account but the admin sends from its current nonce until the node dies or <paramref name="stop"/> fires.</summary>
    public Task RunAsync(NodeClient client, long chainId, IReadOnlyDictionary<int, ulong> nonces, CancellationToken stop)
    {
        Volatile.Write(ref _ackedThisRun, 0);
        return Task.WhenAll(Enumerable.Range(1, Accounts - 1).Select(account => Task.Run(async () =>
        {
            for (var nonce = nonces[account]; !stop.IsCancellationRequested; nonce++)
            {
                if (!await SendAsync(client, chainId, account, nonce, stop))
                {
                    return;
                }
            }
        }, CancellationToken.None)));
    }

    /// <summary>Waits until this run has at least <paramref name="count"/> acknowledgements.</summary>
    public async Task WaitForAcksAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (AckedThisRun < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the node acknowledged only {AckedThisRun} transactions in 60 s: {string.Join("; ", Refusals)}");
            Assert.True(Refusals.IsEmpty, $"the node refused in-order transactions: {string.Join("; ", Refusals)}");
            await Task.Delay(5);
        }
    }

    /// <summary>The nonce of every account, as the node reports them.</summary>
    public static async Task<Dictionary<int, ulong>> NoncesAsync(NodeClient client)
    {
        var list = (await client.GetAsync("/api/accounts")).Json!.AsArray();
        return list.ToDictionary(a => a!["index"]!.GetValue<int>(), a => a!["nonce"]!.GetValue<ulong>());
    }

    /// <summary>Signs and sends one transaction; false when the node is gone (or refused it, which is recorded).</summary>
    private async Task<bool> SendAsync(NodeClient client, long chainId, int account, ulong nonce, CancellationToken stop)
    {
        var (verb, body) = Plan(account, nonce);
        var tx = await client.SignAsync(Keys[account].PrivateKey, verb, body, nonce, chainId, stop);
        var payload = new TransactionPayload(chainId, Address(account), nonce, verb, tx["body"]!.GetValue<string>());
        var hash = NodeService.TransactionHash(payload, tx["signature"]!.GetValue<string>());
        var sent = new SentTx(account, nonce, verb, hash);
        Sent[hash] = sent;
        NodeAnswer answer;
        try
        {
            answer = await client.PostAsync("/transactions", tx, stop);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return false;
        }
        if (!answer.Ok)
        {
            Refusals.Enqueue($"account {account} nonce {nonce}: {answer.Status} {answer.Error} {answer.Detail}");
            return false;
        }
        if (answer.Json?["tx_hash"]?.GetValue<string>() != hash)
        {
            Refusals.Enqueue($"account {account} nonce {nonce}: the receipt names {answer.Json?["tx_hash"]}, not {hash}");
            return false;
        }
        Acked[hash] = sent;
        Interlocked.Increment(ref _ackedThisRun);
        return true;
    }
}
