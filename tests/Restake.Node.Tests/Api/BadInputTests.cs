using System.Text;
using System.Text.Json.Nodes;
using Restake.Node.Client;
using static Restake.Node.Tests.Api.ApiNetwork;

namespace Restake.Node.Tests.Api;

/// <summary>
/// Bad input gets one clear problem document and changes nothing (state hash and nonces). Statuses:
/// 400 malformed (JSON, fields, amounts, names the parser does not know, another chain), 401 a
/// signature that is not the sender's, 403 a signer who may not do this, 404 no such thing,
/// 405 no such method, 409 a nonce out of order, 413 a body over the limit, 422 the engine reverted.
/// </summary>
public class BadInputTests
{
    private static readonly JsonObject OneStEth = new() { ["strategy"] = "stETH", ["amount"] = "1" };

    /// <summary>A stage 3 network: eigenda's set 0 with op1 allocated, a rival AVS with its own set; alice has deposited once.</summary>
    private static async Task<ApiNode> Network()
    {
        var n = await ApiNode.StartAsync(StoreKind.Sqlite, genesis: Genesis());
        await n.Ok(Admin, "set_stage", new() { ["stage"] = "3" });
        await n.Ok(Op1, "register_operator", []);
        await n.Ok(Op1, "set_allocation_delay", new() { ["blocks"] = "0" });
        foreach (var avs in new[] { EigenDa, Rival })
        {
            await n.Ok(avs, "register_avs", []);
            await n.Ok(avs, "create_operator_set", new() { ["set"] = "0", ["strategies"] = List("stETH") });
        }
        await n.Ok(Op1, "register_for_sets", new() { ["avs"] = A(EigenDa), ["sets"] = List("0") });
        await n.Mine(2);
        await n.Ok(Alice, "deposit", OneStEth.DeepClone().AsObject());
        return n;
    }

    /// <summary>Alice's next transaction, signed, for a test to tamper with before sending.</summary>
    private static Task<JsonObject> Signed(ApiNode n, string verb = "deposit", JsonObject? body = null, ulong? nonce = null, long? chainId = null, int account = Alice) =>
        n.Client.SignAsync(TestNode.Key(account), verb, body ?? OneStEth.DeepClone().AsObject(), nonce, chainId);

    private static Task<NodeAnswer> Post(ApiNode n, JsonObject tx) => n.Client.PostAsync("/transactions", tx);

    [Fact]
    public async Task Malformed_requests_are_400_and_oversized_ones_413()
    {
        await using var n = await Network();
        await n.Refused(400, "MalformedJson", () => n.RawPost("/transactions", "{\"chain_id\": 31337, \"from\": "), Alice);
        await n.Refused(400, "MalformedJson", () => n.RawPost("/transactions", ""), Alice);
        await n.Refused(400, "MalformedJson", () => n.Raw(HttpMethod.Post, "/transactions", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), Alice);
        await n.Refused(400, "MalformedJson", () => n.RawPost("/transactions", new string('[', 10_000) + new string(']', 10_000)), Alice);
        await n.Refused(400, "MalformedTransaction", () => n.RawPost("/transactions", "[1, 2, 3]"), Alice);
        await n.Refused(400, "MalformedTransaction", () => n.RawPost("/transactions", "{}"), Alice);
        var huge = Encoding.UTF8.GetBytes("{\"body\": \"" + new string('x', 10 * 1024 * 1024) + "\"}");
        var tooLarge = await n.Refused(413, "BodyTooLarge", () => n.Raw(HttpMethod.Post, "/transactions", huge, expectContinue: true), Alice);
        Assert.Contains("limit", tooLarge.Detail, StringComparison.Ordinal);

        var tx = await Signed(n);
        foreach (var (field, value) in new (string, JsonNode?)[] { ("nonce", -1), ("nonce", "one"), ("nonce", 1.5), ("chain_id", "1e400"), ("from", 7), ("from", "alice"), ("body", new JsonObject()), ("signature", null) })
        {
            var bad = tx.DeepClone().AsObject();
            bad[field] = value?.DeepClone();
            var answer = await n.Refused(400, "MalformedTransaction", () => Post(n, bad), Alice);
            Assert.Contains($"'{field}'", answer.Detail, StringComparison.Ordinal);
        }
        var extra = tx.DeepClone().AsObject();
        extra["gas"] = 21_000;
        Assert.Contains("'gas'", (await n.Refused(400, "MalformedTransaction", () => Post(n, extra), Alice)).Detail, StringComparison.Ordinal);
        var twice = tx.ToJsonString().Replace("\"nonce\":", "\"nonce\":\"5\",\"nonce\":", StringComparison.Ordinal);
        await n.Refused(400, "MalformedJson", () => n.RawPost("/transactions", twice), Alice);
        await n.Ok(Alice, "deposit", OneStEth.DeepClone().AsObject());
    }

    [Fact]
    public async Task Bodies_that_are_not_the_verbs_fields_are_400()
    {
        await using var n = await Network();
        foreach (var (body, error, says) in new (string, string, string)[]
        {
            ("not json", "MalformedBody", "not JSON"),
            ("[1]", "MalformedBody", "JSON object"),
            ("{\"strategy\": \"stETH\", \"strategy\": \"rETH\", \"amount\": \"1\"}", "MalformedBody", "strategy"),
            ("{\"strategy\": \"stETH\", \"amount\": \"1\", \"bogus\": 1}", "InvalidCommand", "bogus"),
            ("{\"strategy\": \"stETH\", \"amount\": \"1\", \"expect_revert\": \"NewSharesZero\"}", "InvalidCommand", "expect_revert"),
            ("{\"strategy\": \"stETH\"}", "InvalidCommand", "amount"),
            ("{\"strategy\": \"stETH\", \"amount\": {\"a\": 1}}", "InvalidCommand", "amount"),
        })
        {
            var tx = await n.Client.SignAsync(TestNode.Key(Alice), "deposit", [], null);
            tx["body"] = body;
            tx["signature"] = Restake.Node.Signing.TransactionSigning.Sign(
                new(31_337, A(Alice), await n.Nonce(Alice), "deposit", body), TestNode.Key(Alice));
            var answer = await n.Refused(400, error, () => Post(n, tx), Alice);
            Assert.Contains(says, answer.Detail, StringComparison.Ordinal);
        }
        await n.RefusedTx(400, "MalformedBody", Op1, "allocate", new() { ["caller"] = A(Op1), ["avs"] = A(EigenDa), ["set"] = "0", ["strategy"] = "stETH", ["magnitude"] = "0.1" });
    }

    [Fact]
    public async Task Signatures_that_are_not_the_senders_are_401_and_other_chains_400()
    {
        await using var n = await Network();
        var byBob = await Signed(n, account: Bob, nonce: await n.Nonce(Alice));
        byBob["from"] = TestNode.Accounts[Alice].Address;
        var answer = await n.Refused(401, "InvalidSignature", () => Post(n, byBob), Alice, Bob);
        Assert.Contains($"not by {TestNode.Accounts[Alice].Address}", answer.Detail, StringComparison.Ordinal);

        var tx = await Signed(n);
        var signature = tx["signature"]!.GetValue<string>();
        foreach (var corrupted in new[]
        {
            signature[..10] + (signature[10] == 'a' ? 'b' : 'a') + signature[11..],   // r changed
            signature[..80] + (signature[80] == '1' ? '2' : '1') + signature[81..],   // s changed
            signature[..^2] + (signature[^2..] == "1b" ? "1c" : "1b"),                // v flipped
            signature[..^2] + "00",
            signature[..^4],
            "0x" + new string('0', 130),
            "0xzz" + signature[4..],
            "",
        })
        {
            var bad = tx.DeepClone().AsObject();
            bad["signature"] = corrupted;
            await n.Refused(401, "InvalidSignature", () => Post(n, bad), Alice);
        }
        // A field changed after signing: the signature is then someone else's.
        var altered = tx.DeepClone().AsObject();
        altered["body"] = altered["body"]!.GetValue<string>().Replace("\"1\"", "\"2\"", StringComparison.Ordinal);
        await n.Refused(401, "InvalidSignature", () => Post(n, altered), Alice);

        var otherChain = await Signed(n, chainId: 1);
        Assert.Contains("31337", (await n.Refused(400, "WrongChainId", () => Post(n, otherChain), Alice)).Detail, StringComparison.Ordinal);
        await n.Refused(400, "WrongChainId", () => Post(n, tx.DeepClone().AsObject().Also(t => t["chain_id"] = 1)), Alice);
        Assert.True((await Post(n, tx)).Ok);
    }

    [Fact]
    public async Task Replayed_and_skipped_nonces_are_409()
    {
        await using var n = await Network();
        var tx = await Signed(n);
        Assert.True((await Post(n, tx)).Ok);
        var replay = await n.Refused(409, "NonceTooLow", () => Post(n, tx), Alice);
        Assert.Contains("nonce 2", replay.Detail, StringComparison.Ordinal);
        var skipped = await Signed(n, nonce: await n.Nonce(Alice) + 1);
        await n.Refused(409, "NonceTooHigh", () => Post(n, skipped), Alice);
        var farAhead = await Signed(n, nonce: ulong.MaxValue);
        await n.Refused(409, "NonceTooHigh", () => Post(n, farAhead), Alice);
        // The nonce is signed: changing it after signing is a signature by someone else.
        await n.Refused(401, "InvalidSignature", () => Post(n, tx.DeepClone().AsObject().Also(t => t["nonce"] = "2")), Alice);
    }

    [Fact]
    public async Task Acting_for_someone_else_is_403()
    {
        await using var n = await Network();
        var slash = new JsonObject { ["avs"] = A(EigenDa), ["set"] = "0", ["operator"] = A(Op1), ["strategies"] = List("stETH"), ["wad"] = "0.5" };
        await n.RefusedTx(403, "InvalidCaller", Rival, "slash", slash);
        var allocate = new JsonObject { ["operator"] = A(Op1), ["avs"] = A(EigenDa), ["set"] = "0", ["strategy"] = "stETH", ["magnitude"] = "0.5" };
        await n.RefusedTx(403, "InvalidPermissions", Bob, "allocate", allocate);
        await n.RefusedTx(403, "UnauthorizedCaller", Bob, "deposit", new() { ["staker"] = A(Alice), ["strategy"] = "stETH", ["amount"] = "1" });
        await n.RefusedTx(403, "UnauthorizedCaller", Bob, "register_operator", new() { ["operator"] = A(Op2) });
        foreach (var (verb, body) in new (string, JsonObject)[]
        {
            ("set_stage", new() { ["stage"] = "3" }),
            ("mint", new() { ["to"] = A(Bob), ["token"] = "EIGEN", ["amount"] = "1000000" }),
            ("set_caps", new() { ["strategy"] = "stETH", ["max_per_deposit"] = "none" }),
            ("calculate_rewards", []),
            ("verify_validators", new() { ["owner"] = A(Bob), ["validators"] = new JsonArray(new JsonObject { ["index"] = "1", ["balance"] = "32" }) }),
        })
        {
            var answer = await n.RefusedTx(403, "UnauthorizedCaller", Bob, verb, body);
            Assert.Contains("admin", answer.Detail, StringComparison.Ordinal);
        }
        // The rightful signers may: eigenda slashes its own set after op1 allocates.
        await n.Ok(Op1, "allocate", allocate);
        await n.Mine(1);
        await n.Ok(EigenDa, "slash", slash);
    }

    [Fact]
    public async Task Amounts_beyond_uint256_and_unknown_names_are_400_and_reverts_422()
    {
        await using var n = await Network();
        foreach (var amount in new[] { "115792089237316195423570985008687907853269984665640564039457584007913129639936 wei", "1e80", "-1", "1.0000000000000000001", "0x10", "", "12 eth" })
        {
            var answer = await n.RefusedTx(400, "InvalidCommand", Alice, "deposit", new() { ["strategy"] = "stETH", ["amount"] = amount });
            Assert.Contains("amount", answer.Detail, StringComparison.Ordinal);
        }
        // 2^256 - 1 wei is a uint256; alice does not hold it.
        await n.RefusedTx(422, "ERC20InsufficientBalance", Alice, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "115792089237316195423570985008687907853269984665640564039457584007913129639935 wei" });
        await n.RefusedTx(400, "InvalidCommand", Alice, "deposit", new() { ["strategy"] = "DOGE", ["amount"] = "1" });
        await n.RefusedTx(400, "InvalidCommand", Alice, "queue_withdrawal", new() { ["strategy"] = "stETH", ["shares"] = "1", ["id"] = "w", ["bogus"] = "x" });
        await n.RefusedTx(400, "InvalidCommand", Alice, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "1", ["staker"] = A(Alice), ["extra"] = new JsonArray() });
        var unknownVerb = await n.RefusedTx(400, "UnknownVerb", Alice, "withdraw_everything", []);
        Assert.Contains("deposit", unknownVerb.Detail, StringComparison.Ordinal);
        Assert.Contains("increase-time", (await n.RefusedTx(400, "UnknownVerb", Alice, "warp", new() { ["by"] = "1d" })).Detail, StringComparison.Ordinal);
        await n.RefusedTx(422, "OperatorNotRegistered", Alice, "delegate", new() { ["operator"] = A(Op2) });
        await n.RefusedTx(422, "InvalidOperatorSet", Op1, "register_for_sets", new() { ["avs"] = A(EigenDa), ["sets"] = List("9") });
        await n.RefusedTx(422, "WithdrawalNotQueued", Alice, "complete_withdrawal", new() { ["id"] = "nope", ["as_tokens"] = "true" });
    }

    [Fact]
    public async Task A_refused_rewards_calculation_leaves_no_trace_in_the_next_one()
    {
        await using var n = await Network();
        await n.Ok(Alice, "delegate", new() { ["operator"] = A(Op1) });
        await n.Ok(EigenDa, "submit_rewards", new()
        {
            ["token"] = "EIGEN", ["amount"] = "100", ["start"] = "2024-04-10T00:00:00Z", ["duration"] = "2d",
            ["strategies"] = new JsonArray(new JsonObject { ["strategy"] = "stETH" }), ["id"] = "r1",
        });
        await n.WarpTo(DateTimeOffset.Parse("2024-04-12T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await n.RefusedTx(422, "RewardsEndTimestampNotElapsed", Admin, "calculate_rewards", new() { ["until"] = "2024-04-13T00:00:00Z" });
        await n.Ok(Admin, "calculate_rewards", new() { ["until"] = "2024-04-11T00:00:00Z" });
        await n.RefusedTx(422, "NewRootMustBeForNewCalculatedPeriod", Admin, "calculate_rewards", new() { ["until"] = "2024-04-11T00:00:00Z" });
        var earned = (await n.Get("/api/state/rewards"))["items"]!["earned"]!;
        var hash = await n.StateHash();
        // A restart replays only what was accepted: the same roots, to the same state.
        await n.RestartAsync();
        Assert.Equal(hash, await n.StateHash());
        Assert.True(JsonNode.DeepEquals(earned, (await n.Get("/api/state/rewards"))["items"]!["earned"]));
        // The submission pays 50 a day; through 04-11 the calculation pays one day, not the two the refused one reached for.
        var paid = earned.AsObject().Sum(e => (decimal)System.Numerics.BigInteger.Parse(e.Value!["EIGEN"]!.GetValue<string>()));
        Assert.InRange(paid, 49.99e18m, 50e18m);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_and_bad_parameters_are_problems_too()
    {
        await using var n = await ApiNode.StartAsync(StoreKind.Sqlite, genesis: Genesis());
        await n.Refused(404, "NotFound", () => n.Client.GetAsync("/api/nothing-here"));
        await n.Refused(405, "MethodNotAllowed", () => n.Raw(HttpMethod.Delete, "/api/status"));
        await n.Refused(405, "MethodNotAllowed", () => n.Client.GetAsync("/transactions"));
        await n.Refused(400, "BadRequest", () => n.Client.GetAsync("/api/state/stakers?limit=ten"));
        await n.Refused(400, "BadRequest", () => n.Client.GetAsync("/api/events?after=99999999999999999999"));
        await n.Refused(400, "MissingField", () => n.Client.PostAsync("/dev/increase-time", new JsonObject()));
        await n.Refused(400, "MissingField", () => n.Client.PostAsync("/dev/mine", new JsonObject { ["blocks"] = "many" }));
        await n.Refused(400, "InvalidBlocks", () => n.Client.PostAsync("/dev/mine", new JsonObject { ["blocks"] = 0 }));
        await n.Refused(400, "InvalidSeconds", () => n.Client.PostAsync("/dev/increase-time", new JsonObject { ["seconds"] = long.MaxValue }));
    }
}
