using System.Text.Json.Nodes;
using Restake.Node.Client;
using static Restake.Node.Tests.Api.ApiNetwork;

namespace Restake.Node.Tests.Api;

/// <summary>
/// Thousands of random requests against one node. It never answers 5xx, refuses every request that
/// must be refused with a problem document, changes its state only by the transactions it accepts
/// and the time jumps the fuzz interleaves (one entry each), and afterwards still answers, still takes transactions, and replays its log
/// to the same state hash. The seed is random and printed on failure (RESTAKE_FUZZ_SEED replays
/// it); RESTAKE_PROPERTY_SCALE multiplies the count.
/// </summary>
public class FuzzTests
{
    private const int Requests = 2_500;

    [Fact]
    public async Task Random_requests_never_break_the_node_and_only_accepted_transactions_change_it()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RESTAKE_FUZZ_SEED"), out var given) ? given : Random.Shared.Next();
        var scale = int.TryParse(Environment.GetEnvironmentVariable("RESTAKE_PROPERTY_SCALE"), out var s) && s > 0 ? s : 1;
        try
        {
            await Fuzz(seed, Requests * scale);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"fuzz seed {seed} (replay with RESTAKE_FUZZ_SEED={seed}): {e.Message}", e);
        }
    }

    private static async Task Fuzz(int seed, int count)
    {
        await using var n = await ApiNode.StartAsync(StoreKind.Sqlite, genesis: Genesis());
        await n.Ok(Admin, "set_stage", new() { ["stage"] = "3" });
        await n.Ok(Op1, "register_operator", []);
        await n.Ok(EigenDa, "register_avs", []);
        await n.Ok(EigenDa, "create_operator_set", new() { ["set"] = "0", ["strategies"] = List("stETH") });
        var nonces = new ulong[TestNode.Accounts.Count];
        for (var i = 0; i < nonces.Length; i++)
        {
            nonces[i] = await n.Nonce(i);
        }
        var status = await n.Get("/api/status");
        var (hash, height) = (status["state_hash"]!.GetValue<string>(), status["height"]!.GetValue<long>());
        var fuzz = new FuzzRequests(new Random(seed), status["chain_id"]!.GetValue<long>(), a => nonces[a]);
        var accepted = 0;
        for (var i = 0; i < count; i++)
        {
            var request = fuzz.Next();
            var answer = await n.Raw(request.Method, request.Path, request.Body);
            var where = $"request {i}, {request.What}: {answer.Status} {answer.Json?.ToJsonString()}";
            Assert.True(answer.Status < 500, where);
            // HEAD answers have no body, and Kestrel refuses a NUL in the path before the node sees the request.
            if (answer.Status >= 400 && request.Method != HttpMethod.Head && !request.Path.Contains("%00", StringComparison.Ordinal))
            {
                Assert.True(answer.Json is JsonObject problem && problem["error"] is not null && problem["detail"] is not null, where);
            }
            var now = await n.Get("/api/status");
            var landed = answer.Ok && request.Path is "/transactions" or "/dev/increase-time";
            Assert.False(landed && request.MustRefuse, where);
            if (landed)
            {
                // One transaction (or time jump), one entry; a transaction's sender moves to its next nonce.
                Assert.Equal(height + 1, now["height"]!.GetValue<long>());
                if (request.Path == "/transactions")
                {
                    var from = TestNode.Accounts.Select((a, index) => (a, index)).Single(x => x.a.Address.Equals(JsonNode.Parse(request.Body)!["from"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase)).index;
                    nonces[from]++;
                    Assert.Equal(nonces[from], await n.Nonce(from));
                    accepted++;
                }
                (hash, height) = (now["state_hash"]!.GetValue<string>(), height + 1);
            }
            else
            {
                Assert.True(hash == now["state_hash"]!.GetValue<string>(), $"the state changed: {where}");
            }
        }
        Assert.True(accepted > 0, "no random transaction landed: the fuzz only tried the parser");

        // Whatever the fuzz did to stages and caps, naming a claimer stays open to anyone at stage 3.
        await n.Ok(Alice, "set_claimer", new() { ["claimer"] = A(Bot) });
        var final = await n.StateHash();
        await n.RestartAsync();
        Assert.Equal(final, await n.StateHash());
    }
}
