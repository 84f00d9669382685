using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Restake.Node.Chain;
using Restake.Node.Client;
using Restake.Node.Signing;

namespace Restake.Node.Tests.Api;

/// <summary>One fuzz request: what it is (for the failure message), and whether it must be refused whatever the state.</summary>
public sealed record FuzzRequest(string What, HttpMethod Method, string Path, byte[]? Body, bool MustRefuse);

/// <summary>
/// Random requests from one seeded <see cref="Random"/>: JSON of every shape, signed transactions
/// with random verbs and fields (some land), signed transactions tampered with after signing,
/// garbage bytes, deep nesting, huge numbers, and random paths and methods.
/// </summary>
public sealed class FuzzRequests(Random random, long chainId, Func<int, ulong> nonceOf)
{
    private static readonly string[] Fields =
    [
        "staker", "strategy", "amount", "operator", "avs", "set", "sets", "strategies", "wad", "wads", "magnitude", "id", "ids",
        "as_tokens", "owner", "validators", "balances", "pod_balance", "index", "balance", "blocks", "stage", "max_per_deposit",
        "max_total_deposits", "token", "start", "duration", "multiplier", "operators", "bips", "earner", "claimer", "recipient",
        "tokens", "until", "to", "from", "allocation_delay", "submitter", "caller", "expect_revert", "description", "shares",
    ];

    private static readonly string[] Texts =
    [
        "", "stETH", "beaconETH", "EIGEN", "ETH", "DOGE", "none", "true", "false", "0", "1", "-1", "7", "0.5", "1.5", "1e80", "0x10",
        "1 wei", "5 gwei", "12.5", "0.0000000000000000001", "115792089237316195423570985008687907853269984665640564039457584007913129639935 wei",
        "115792089237316195423570985008687907853269984665640564039457584007913129639936 wei", "99999999999999999999999999999999999999",
        "2024-04-10T00:00:00Z", "2024-04-09T00:00:00Z", "9999-12-31T00:00:00Z", "1d", "7d", "3600s", "99999999999999999d",
        "*alias", "&anchor x", "!!binary AAAA", "%YAML 1.2", "? key", "- item", "key: value", "{", "[", "'", "\"", "\\", "\n",
        "\u0000", "ℝ€ßt", "😀", "<script>", "${HOME}", "../../etc/passwd", "0x", "0xZZ", "0x0000000000000000000000000000000000000000",
    ];

    private static readonly string[] Verbs = [.. TransactionRules.Verbs, "roll", "warp", "expect", "note", "mine", "", "DEPOSIT", "deposit ", "transfer"];

    private static readonly string[] Paths =
    [
        "/", "/index.html", "/api", "/api/status", "/api/accounts", "/api/state", "/api/verbs", "/api/events", "/api/history/tvl",
        "/openapi/v1.json", "/scalar/", "/transactions", "/dev/dump", "/dev/load", "/dev/revert", "/api/state/stakers", "/api/state/rewards",
        "/api/state/balances", "/api/state/nothing", "/api/accounts/0xZZ", "/dev", "/dev/nothing", "/api/events/stream/x", "/favicon.ico",
    ];

    private static readonly HttpMethod[] Methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Head, HttpMethod.Options];

    public FuzzRequest Next() => random.Next(100) switch
    {
        < 2 => TimeJump(),
        < 40 => RandomTransaction(),
        < 60 => Tampered(),
        < 70 => RandomJson(),
        < 80 => Garbage(),
        _ => RandomRoute(),
    };

    /// <summary>A valid developer time jump (an hour to two days), so that rewards roots activate and claims can land.</summary>
    private FuzzRequest TimeJump()
    {
        var seconds = random.Next(3_600, 2 * 86_400);
        return new($"increase time by {seconds} s", HttpMethod.Post, "/dev/increase-time", Encoding.UTF8.GetBytes($"{{\"seconds\": {seconds}}}"), MustRefuse: false);
    }

    /// <summary>A correctly signed transaction with a random verb and random fields: the node may take it or refuse it.</summary>
    private FuzzRequest RandomTransaction()
    {
        // The admin half as often as all the others together: its verbs move stages, caps and roots.
        var account = random.Next(3) == 0 ? ApiNetwork.Admin : random.Next(TestNode.Accounts.Count);
        var verb = Pick(Verbs);
        var body = RandomBody(verb);
        return Send($"signed {verb} by {account}: {body}", Sign(account, verb, body, nonceOf(account)), mustRefuse: false);
    }

    /// <summary>A valid transaction changed after signing (or signed wrongly): always refused.</summary>
    private FuzzRequest Tampered()
    {
        var account = random.Next(TestNode.Accounts.Count);
        var nonce = nonceOf(account);
        var body = new JsonObject { ["strategy"] = "stETH", ["amount"] = "1" };
        var tx = Sign(account, "deposit", body.ToJsonString(), nonce);
        var other = (account + 1 + random.Next(TestNode.Accounts.Count - 1)) % TestNode.Accounts.Count;
        string what;
        switch (random.Next(10))
        {
            case 0:
                var sig = tx["signature"]!.GetValue<string>().ToCharArray();
                var at = 2 + random.Next(128);
                sig[at] = sig[at] == 'f' ? '0' : (char)(sig[at] == '9' ? 'a' : sig[at] + 1);
                tx["signature"] = new string(sig);
                what = $"signature digit {at} changed";
                break;
            case 1:
                tx["body"] = tx["body"]!.GetValue<string>() + Pick([" ", "\n", "{}", "x"]);
                what = "body changed after signing";
                break;
            case 2:
                tx["nonce"] = (nonce + 1 + (ulong)random.Next(5)).ToString(CultureInfo.InvariantCulture);
                what = "nonce changed after signing";
                break;
            case 3:
                tx["verb"] = Pick(TransactionRules.Verbs.Where(v => v != "deposit").ToArray());
                what = "verb changed after signing";
                break;
            case 4:
                tx["from"] = TestNode.Accounts[other].Address;
                what = "from changed after signing";
                break;
            case 5:
                tx["chain_id"] = chainId + 1 + random.Next(1000);
                what = "chain id changed after signing";
                break;
            case 6:
                tx.Remove(Pick(["chain_id", "from", "nonce", "verb", "body", "signature"]));
                what = "a field removed";
                break;
            case 7:
                tx = Sign(account, "deposit", body.ToJsonString(), nonce + 1 + (ulong)random.Next(3));
                what = "signed with a nonce ahead";
                break;
            case 8:
                tx = Sign(account, "deposit", body.ToJsonString(), nonce, chainId + 1);
                what = "signed for another chain";
                break;
            default:
                tx = Sign(other, "deposit", body.ToJsonString(), nonce);
                tx["from"] = TestNode.Accounts[account].Address;
                what = "signed by another key";
                break;
        }
        return Send($"tampered ({what}): {tx.ToJsonString()}", tx, mustRefuse: true);
    }

    /// <summary>A random JSON document as a transaction, or a random field of a real one replaced by random JSON.</summary>
    private FuzzRequest RandomJson()
    {
        if (random.Next(2) == 0)
        {
            var json = Json(0);
            return new($"random JSON: {json?.ToJsonString() ?? "null"}", HttpMethod.Post, "/transactions", Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null"), MustRefuse: false);
        }
        var account = random.Next(TestNode.Accounts.Count);
        var tx = Sign(account, "deposit", "{\"strategy\":\"stETH\",\"amount\":\"1\"}", nonceOf(account));
        tx[Pick(["chain_id", "from", "nonce", "verb", "body", "signature", Pick(Fields)])] = Json(1);
        return Send($"a field replaced: {tx.ToJsonString()}", tx, mustRefuse: false);
    }

    /// <summary>Bytes no JSON parser should take whole: invalid UTF-8, deep nesting, enormous numbers, truncations.</summary>
    private FuzzRequest Garbage()
    {
        var (what, body) = random.Next(6) switch
        {
            0 => ("random bytes", RandomBytes(random.Next(1, 400))),
            1 => ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 100 + random.Next(5000)) + new string(']', random.Next(2)))),
            2 => ("an enormous number", Encoding.UTF8.GetBytes($"{{\"chain_id\": 1e{random.Next(300, 999999)}, \"nonce\": {new string('9', random.Next(20, 400))}}}")),
            3 => ("invalid UTF-8 in a string", [.. "{\"from\": \""u8.ToArray(), .. RandomBytes(8).Select(b => (byte)(b | 0x80)), .. "\"}"u8.ToArray()]),
            4 => ("a truncated transaction", Truncate()),
            _ => ("a deeply nested body", Encoding.UTF8.GetBytes(Sign(random.Next(10), "deposit", new string('[', 2000) + new string(']', 2000), nonceOf(0)).ToJsonString())),
        };
        return new($"garbage ({what})", HttpMethod.Post, Pick(["/transactions", "/dev/load", "/dev/revert"]), body, MustRefuse: true);
    }

    /// <summary>Any method on a known, unknown or malformed path, with random query parameters.</summary>
    private FuzzRequest RandomRoute()
    {
        var path = random.Next(4) switch
        {
            0 => Pick(Paths),
            1 => $"{Pick(["/api/state/stakers", "/api/state/balances", "/api/events", "/api/history/tvl"])}?{Pick(["offset", "limit", "after", "points"])}={Number()}&{Pick(["limit", "points", "x"])}={Number()}",
            2 => $"/api/{Pick(["state", "accounts", "state/stakers", "state/withdrawals", "events"])}/{Uri.EscapeDataString(Pick(Texts))}",
            _ => "/" + string.Join('/', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Uri.EscapeDataString(Pick(Texts) + random.Next(100)))),
        };
        var method = Pick(Methods);
        // Posts that change the chain on purpose (mine, snapshot, automine) are not requests the fuzz may send.
        var body = method == HttpMethod.Get || method == HttpMethod.Head ? null : Encoding.UTF8.GetBytes(Json(0)?.ToJsonString() ?? "null");
        return new($"{method} {path}", method, path, body, MustRefuse: false);
    }

    private FuzzRequest Send(string what, JsonObject tx, bool mustRefuse) =>
        new(what, HttpMethod.Post, "/transactions", Encoding.UTF8.GetBytes(tx.ToJsonString()), mustRefuse);

    private static JsonObject Sign(int account, string verb, string body, ulong nonce, long chainId = Genesis.DefaultChainId)
    {
        var payload = new TransactionPayload(chainId, TestNode.Address(account), nonce, verb, body);
        return NodeClient.Transaction(payload, TransactionSigning.Sign(payload, TestNode.Key(account)));
    }

    /// <summary>Mostly the verb's usual fields (one of them perhaps replaced), so that many land and the engine moves; else random fields.</summary>
    private string RandomBody(string verb)
    {
        if (random.Next(10) == 0)
        {
            return Json(0)?.ToJsonString() ?? "";
        }
        var body = random.Next(4) > 0 ? Usual(verb) : [];
        if (body.Count == 0 || random.Next(3) == 0)
        {
            body[random.Next(2) == 0 && body.Count > 0 ? body.ElementAt(random.Next(body.Count)).Key : Pick(Fields)] = Value(0);
        }
        return body.ToJsonString();
    }

    /// <summary>Fields that make sense for the verb on the fuzz network (eigenda is account 5 with set 0, op1 account 1).</summary>
    private JsonObject Usual(string verb)
    {
        JsonNode Account() => TestNode.Address(random.Next(TestNode.Accounts.Count));
        JsonArray Strategies() => new(new JsonObject { ["strategy"] = "stETH" });
        var small = Pick(["1", "0.5", "3 wei", "2"]);
        var eigenDa = TestNode.Address(ApiNetwork.EigenDa);
        return verb switch
        {
            "deposit" or "donate" => new() { ["strategy"] = "stETH", ["amount"] = small },
            "queue_withdrawal" => new() { ["strategy"] = "stETH", ["shares"] = small, ["id"] = $"w{random.Next(20)}" },
            "complete_withdrawal" => new() { ["id"] = $"w{random.Next(20)}", ["as_tokens"] = Pick(["true", "false"]) },
            "delegate" or "redelegate" => new() { ["operator"] = Account() },
            "create_operator_set" => new() { ["set"] = random.Next(3).ToString(CultureInfo.InvariantCulture), ["strategies"] = new JsonArray("stETH") },
            "register_for_sets" or "deregister_from_sets" => new() { ["avs"] = eigenDa, ["sets"] = new JsonArray("0") },
            "allocate" => new() { ["avs"] = eigenDa, ["set"] = "0", ["strategy"] = "stETH", ["magnitude"] = Pick(["0.1", "0.5", "0", "1"]) },
            "set_allocation_delay" => new() { ["blocks"] = random.Next(3).ToString(CultureInfo.InvariantCulture) },
            "slash" => new() { ["set"] = "0", ["operator"] = Account(), ["strategies"] = new JsonArray("stETH"), ["wad"] = Pick(["0.1", "0.5", "1"]) },
            "verify_validators" => new() { ["owner"] = Account(), ["validators"] = new JsonArray(new JsonObject { ["index"] = random.Next(30).ToString(CultureInfo.InvariantCulture), ["balance"] = "32" }) },
            "checkpoint" => new() { ["owner"] = Account(), ["pod_balance"] = small },
            "mint" => new() { ["to"] = Account(), ["token"] = Pick(["EIGEN", "stETH"]), ["amount"] = small },
            "burn_slashed" => new() { ["strategy"] = "stETH" },
            "set_claimer" => new() { ["claimer"] = Account() },
            "set_operator_split" => new() { ["avs"] = eigenDa, ["bips"] = random.Next(10_001).ToString(CultureInfo.InvariantCulture) },
            "submit_rewards" or "submit_rewards_for_all_earners" => new() { ["token"] = "EIGEN", ["amount"] = small, ["start"] = "2024-04-10T00:00:00Z", ["duration"] = "1d", ["strategies"] = Strategies() },
            "submit_operator_directed_rewards" => new() { ["set"] = "0", ["token"] = "EIGEN", ["start"] = "2024-04-08T00:00:00Z", ["duration"] = "1d", ["strategies"] = Strategies(), ["operators"] = new JsonArray(new JsonObject { ["operator"] = Account(), ["amount"] = small }) },
            "set_caps" => new() { ["strategy"] = "stETH", ["max_per_deposit"] = Pick(["none", "100", "1 wei"]) },
            "set_stage" => new() { ["stage"] = random.Next(1, 4).ToString(CultureInfo.InvariantCulture) },
            "disable_root" => new() { ["index"] = "0" },
            "claim" or "undelegate" or "register_operator" or "register_avs" or "create_pod" or "calculate_rewards" => [],
            _ => [],
        };
    }

    /// <summary>A plausible field value: a name, an amount, a number, a list of them, or an object.</summary>
    private JsonNode? Value(int depth) => random.Next(depth > 1 ? 4 : 7) switch
    {
        0 => Pick(Texts),
        1 => TestNode.Address(random.Next(TestNode.Accounts.Count)),
        2 => random.Next(-5, 40).ToString(CultureInfo.InvariantCulture),
        3 => JsonValue.Create(random.Next(-5, 40)),
        4 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth + 1))]),
        5 => new JsonObject { [Pick(Fields)] = Value(depth + 1), ["index"] = random.Next(10).ToString(CultureInfo.InvariantCulture) },
        _ => null,
    };

    /// <summary>Any JSON value, nested a few levels.</summary>
    private JsonNode? Json(int depth) => random.Next(depth > 3 ? 5 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonNode.Parse(Number()),
        3 => JsonValue.Create(Pick(Texts)),
        4 => JsonValue.Create(new string((char)random.Next(32, 0x2FFF), random.Next(1, 50))),
        5 => new JsonArray([.. Enumerable.Range(0, random.Next(5)).Select(_ => Json(depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(7))
            .Select(_ => random.Next(3) == 0 ? Pick(Texts) : Pick([.. Fields, "chain_id", "from", "nonce", "verb", "body", "signature"])).Distinct()
            .Select(k => KeyValuePair.Create(k, Json(depth + 1)))),
    };

    private string Number() => random.Next(7) switch
    {
        0 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
        1 => long.MaxValue.ToString(CultureInfo.InvariantCulture),
        2 => "-" + ulong.MaxValue.ToString(CultureInfo.InvariantCulture),
        3 => "1" + new string('0', random.Next(20, 90)),
        4 => $"1e{random.Next(10, 400)}",
        5 => (random.NextDouble() * 1000).ToString("R", CultureInfo.InvariantCulture),
        _ => "0",
    };

    private byte[] Truncate()
    {
        var text = Sign(random.Next(10), "deposit", "{\"strategy\":\"stETH\",\"amount\":\"1\"}", 0).ToJsonString();
        return Encoding.UTF8.GetBytes(text[..random.Next(text.Length - 1)]);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
