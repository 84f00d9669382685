using System.Numerics;
using System.Text.Json.Nodes;
using static Restake.Node.Tests.Api.ApiNetwork;

namespace Restake.Node.Tests.Api;

/// <summary>
/// A whole restaking network driven over HTTP with signed transactions, on SQLite and on PostgreSQL:
/// stages and caps, operators and delegation, operator sets, allocations and a slash, withdrawals
/// through the escrow, an EigenPod, and rewards from submission to claim. Every transaction verb is
/// used, and the state is read back through the API after each step that matters.
/// </summary>
[Collection(PostgresCollection.Name)]
public class NetworkFlowTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Every_verb_drives_a_network_whose_state_the_api_reports_step_by_step(StoreKind store)
    {
        await using var n = await ApiNode.StartAsync(store, postgres, Genesis());
        Assert.Equal(1, (await n.Get("/api/status"))["stage"]!.GetValue<int>());

        // Stage 1: deposits under caps; the admin lifts them.
        await n.Ok(Alice, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "30" });
        Assert.Equal(Wei(30), (await n.Get($"/api/state/stakers/{A(Alice)}"))["positions"]!["stETH"]!["deposit_shares"]!.GetValue<string>());
        Assert.Equal(Wei(9_970), (await n.Get($"/api/state/balances/{A(Alice)}"))["stETH"]!.GetValue<string>());
        await n.RefusedTx(422, "MaxPerDepositExceedsMax", Bob, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "200" });
        await n.Ok(Admin, "set_caps", new() { ["strategy"] = "stETH", ["max_per_deposit"] = "none", ["max_total_deposits"] = "none" });
        Assert.Null((await n.Get("/api/state/strategies/stETH"))["max_per_deposit"]);
        await n.Ok(Bob, "deposit", new() { ["strategy"] = "stETH", ["amount"] = "200" });
        Assert.Equal(Wei(230), (await n.Get("/api/state/strategies/stETH"))["total_shares"]!.GetValue<string>());
        await n.RefusedTx(422, "NotAvailableInStage", Op1, "register_operator", []);

        // Stage 2: operators, delegation, a donation, AVSs and operator sets.
        await n.Ok(Admin, "set_stage", new() { ["stage"] = "2" });
        Assert.Equal(2, (await n.Get("/api/status"))["stage"]!.GetValue<int>());
        await n.Ok(Op1, "register_operator", []);
        await n.Ok(Op2, "register_operator", new() { ["allocation_delay"] = "1" });
        Assert.Equal(2, (await n.Get("/api/state/operators"))["total"]!.GetValue<int>());
        await n.Ok(Alice, "delegate", new() { ["operator"] = A(Op1) });
        var delegated = await n.Ok(Bob, "delegate", new() { ["operator"] = A(Op1) });
        Assert.Contains("StakerDelegated", ApiNode.Events(delegated));
        var op1 = await n.Get($"/api/state/operators/{A(Op1)}");
        Assert.Equal(Wei(230), op1["delegated_shares"]!["stETH"]!.GetValue<string>());
        // Operators are delegated to themselves: op1, alice and bob.
        Assert.Equal(3, op1["delegators"]!.GetValue<int>());
        await n.Ok(Bob, "donate", new() { ["strategy"] = "stETH", ["amount"] = "1" });
        var stEth = await n.Get("/api/state/strategies/stETH");
        Assert.Equal(Wei(231), stEth["balance"]!.GetValue<string>());
        Assert.Equal(Wei(230), stEth["total_shares"]!.GetValue<string>());
        foreach (var avs in new[] { EigenDa, Rival })
        {
            await n.Ok(avs, "register_avs", []);
            await n.Ok(avs, "create_operator_set", new() { ["set"] = "0", ["strategies"] = List("stETH") });
        }
        await n.Ok(Op1, "register_for_sets", new() { ["avs"] = A(EigenDa), ["sets"] = List("0") });
        await n.Ok(Op2, "register_for_sets", new() { ["avs"] = A(Rival), ["sets"] = List("0") });
        var set = (await n.Get($"/api/state/avs/{A(EigenDa)}"))["sets"]!["0"]!;
        Assert.Equal([A(Op1)], set["operators"]!.AsArray().Select(o => o!.GetValue<string>()));

        // Stage 3: an allocation takes effect after its delay; the AVS slashes it; anyone burns the slashed shares.
        await n.Ok(Admin, "set_stage", new() { ["stage"] = "3" });
        await n.Ok(Op1, "set_allocation_delay", new() { ["blocks"] = "0" });
        await n.Mine(2);
        Assert.Equal(0, (await n.Get($"/api/state/operators/{A(Op1)}"))["allocation_delay"]!.GetValue<long>());
        await n.Ok(Op1, "allocate", new() { ["avs"] = A(EigenDa), ["set"] = "0", ["strategy"] = "stETH", ["magnitude"] = "0.5" });
        await n.Mine(1);
        var allocation = (await n.Get($"/api/state/operators/{A(Op1)}"))["allocations"]![$"{A(EigenDa)}/0"]!["stETH"]!;
        Assert.Equal(Wei(0.5m), allocation["current"]!.GetValue<string>());
        var slashed = await n.Ok(EigenDa, "slash", new() { ["set"] = "0", ["operator"] = A(Op1), ["strategies"] = List("stETH"), ["wad"] = "0.2" });
        Assert.Contains("OperatorSlashed", ApiNode.Events(slashed));
        // 20 % of a half allocation: the operator keeps 90 % of its magnitude, and so do its stakers.
        Assert.Equal(Wei(0.9m), (await n.Get($"/api/state/operators/{A(Op1)}"))["max_magnitude"]!["stETH"]!.GetValue<string>());
        Assert.Equal(Wei(27), (await n.Get($"/api/state/stakers/{A(Alice)}"))["positions"]!["stETH"]!["withdrawable_shares"]!.GetValue<string>());
        Assert.NotEqual("0", (await n.Get("/api/state/strategies/stETH"))["burnable_shares"]!.GetValue<string>());
        await n.Ok(Bot, "burn_slashed", new() { ["strategy"] = "stETH" });
        Assert.Equal("0", (await n.Get("/api/state/strategies/stETH"))["burnable_shares"]!.GetValue<string>());

        // A withdrawal waits out the escrow, then pays tokens.
        await n.Ok(Alice, "queue_withdrawal", new() { ["strategy"] = "stETH", ["shares"] = "10", ["id"] = "alice-exit" });
        Assert.Equal("queued", (await n.Get("/api/state/withdrawals/alice-exit"))["status"]!.GetValue<string>());
        await n.RefusedTx(422, "WithdrawalDelayNotElapsed", Alice, "complete_withdrawal", new() { ["id"] = "alice-exit", ["as_tokens"] = "true" });
        await n.Mine(6);
        var before = Balance(await n.Get($"/api/state/balances/{A(Alice)}"), "stETH");
        await n.Ok(Alice, "complete_withdrawal", new() { ["id"] = "alice-exit", ["as_tokens"] = "true" });
        Assert.Equal("completed", (await n.Get("/api/state/withdrawals/alice-exit"))["status"]!.GetValue<string>());
        var paid = Balance(await n.Get($"/api/state/balances/{A(Alice)}"), "stETH") - before;
        // 10 deposit shares are 9 after the slash, each worth a little more than a token after the donation.
        Assert.InRange(paid, BigInteger.Parse(Wei(9)), BigInteger.Parse(Wei(9.1m)));

        // Native restaking: a pod, a validator the beacon oracle (the admin) proves, a checkpoint.
        await n.Ok(Olga, "create_pod", []);
        await n.Ok(Admin, "verify_validators", new() { ["owner"] = A(Olga), ["validators"] = new JsonArray(new JsonObject { ["index"] = "7", ["balance"] = "32" }) });
        Assert.Equal("active", (await n.Get($"/api/state/pods/{A(Olga)}"))["validators"]!["7"]!["status"]!.GetValue<string>());
        await n.Mine(1);
        await n.Ok(Admin, "checkpoint", new() { ["owner"] = A(Olga), ["pod_balance"] = "0.5" });
        Assert.Equal(Wei(32.5m), (await n.Get($"/api/state/stakers/{A(Olga)}"))["positions"]!["beaconETH"]!["deposit_shares"]!.GetValue<string>());
        await n.Ok(Olga, "delegate", new() { ["operator"] = A(Op2) });

        // Rewards: an AVS submission, a commission, rewards for all earners, then (retroactively) operator-directed ones.
        var week = new JsonArray(new JsonObject { ["strategy"] = "stETH", ["multiplier"] = "1" });
        await n.Ok(EigenDa, "submit_rewards", new() { ["token"] = "EIGEN", ["amount"] = "200", ["start"] = "2024-04-10T00:00:00Z", ["duration"] = "2d", ["strategies"] = week.DeepClone(), ["id"] = "r1" });
        Assert.Equal(Wei(200), (await n.Get("/api/state/rewards"))["items"]!["submissions"]!["r1"]!["amount"]!.GetValue<string>());
        await n.Ok(Op1, "set_operator_split", new() { ["avs"] = A(EigenDa), ["bips"] = "2000" });
        await n.Ok(Foundation, "submit_rewards_for_all_earners", new() { ["token"] = "EIGEN", ["amount"] = "20", ["start"] = "2024-04-10T00:00:00Z", ["duration"] = "2d", ["strategies"] = week.DeepClone(), ["id"] = "all-1" });
        await n.WarpTo(DateTimeOffset.Parse("2024-04-12T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await n.Ok(EigenDa, "submit_operator_directed_rewards", new()
        {
            ["set"] = "0", ["token"] = "EIGEN", ["start"] = "2024-04-10T00:00:00Z", ["duration"] = "1d", ["strategies"] = week.DeepClone(),
            ["operators"] = new JsonArray(new JsonObject { ["operator"] = A(Op1), ["amount"] = "50" }), ["id"] = "od-1",
        });
        Assert.Equal(3, (await n.Get("/api/state/rewards"))["items"]!["submissions"]!.AsObject().Count);
        await n.Ok(Admin, "calculate_rewards", new() { ["until"] = "2024-04-11T00:00:00Z" });
        var rewards = (await n.Get("/api/state/rewards"))["items"]!;
        Assert.Single(rewards["roots"]!.AsArray());
        var aliceEarned = Balance(rewards["earned"]![A(Alice)]!, "EIGEN");
        var bobEarned = Balance(rewards["earned"]![A(Bob)]!, "EIGEN");
        Assert.True(aliceEarned > 0 && bobEarned > aliceEarned, rewards.ToJsonString());
        Assert.True(Balance(rewards["earned"]![A(Op1)]!, "EIGEN") > 0, "op1 earns its commission");

        // Claims wait for the root to activate; an earner's claimer claims for it.
        await n.RefusedTx(422, "RootNotActivated", Alice, "claim", []);
        await n.WarpTo(DateTimeOffset.Parse(rewards["roots"]![0]!["activated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var aliceBefore = Balance(await n.Get($"/api/state/balances/{A(Alice)}"), "EIGEN");
        await n.Ok(Alice, "claim", []);
        Assert.Equal(aliceBefore + aliceEarned, Balance(await n.Get($"/api/state/balances/{A(Alice)}"), "EIGEN"));
        await n.Ok(Bob, "set_claimer", new() { ["claimer"] = A(Bot) });
        await n.RefusedTx(403, "UnauthorizedCaller", Foundation, "claim", new() { ["earner"] = A(Bob) });
        var botBefore = Balance(await n.Get($"/api/state/balances/{A(Bot)}"), "EIGEN");
        await n.Ok(Bot, "claim", new() { ["earner"] = A(Bob), ["recipient"] = A(Bot) });
        Assert.Equal(botBefore + bobEarned, Balance(await n.Get($"/api/state/balances/{A(Bot)}"), "EIGEN"));
        Assert.Equal(bobEarned, Balance((await n.Get("/api/state/rewards"))["items"]!["claimed"]![A(Bob)]!, "EIGEN"));

        // The updater posts a second root and disables it before it activates; the admin's faucet mints.
        await n.Ok(Admin, "calculate_rewards", []);
        await n.Ok(Admin, "disable_root", new() { ["index"] = "1" });
        Assert.Equal("true", (await n.Get("/api/state/rewards"))["items"]!["roots"]![1]!["disabled"]!.GetValue<string>());
        var daBefore = Balance(await n.Get($"/api/state/balances/{A(EigenDa)}"), "EIGEN");
        await n.Ok(Admin, "mint", new() { ["to"] = A(EigenDa), ["token"] = "EIGEN", ["amount"] = "5" });
        Assert.Equal(daBefore + BigInteger.Parse(Wei(5)), Balance(await n.Get($"/api/state/balances/{A(EigenDa)}"), "EIGEN"));

        // Leaving: bob undelegates (a withdrawal is queued for him), alice moves to op2, op1 leaves the set.
        await n.Ok(Bob, "undelegate", []);
        Assert.Null((await n.Get($"/api/state/stakers/{A(Bob)}"))["delegated_to"]);
        var withdrawals = (await n.Get("/api/state/withdrawals"))["items"]!.AsObject();
        Assert.Contains(withdrawals, w => w.Value!["staker"]!.GetValue<string>() == A(Bob) && w.Value["status"]!.GetValue<string>() == "queued");
        await n.Ok(Alice, "redelegate", new() { ["operator"] = A(Op2) });
        Assert.Equal(A(Op2), (await n.Get($"/api/state/stakers/{A(Alice)}"))["delegated_to"]!.GetValue<string>());
        await n.Ok(Op1, "deregister_from_sets", new() { ["avs"] = A(EigenDa), ["sets"] = List("0") });
        Assert.Empty((await n.Get($"/api/state/operators/{A(Op1)}"))["sets"]!.AsArray());

        // Liquid restaking: the admin deploys rsETH on op2; a user deposits, hands some on, and the holder exits.
        var lrt = new JsonObject { ["lrt"] = "rsETH", ["preset"] = "kelp", ["operators"] = List(A(Op2)), ["assets"] = List("stETH") };
        await n.RefusedTx(403, "UnauthorizedCaller", Bob, "create_lrt", lrt.DeepClone().AsObject());
        await n.Ok(Admin, "create_lrt", lrt);
        await n.Ok(Foundation, "lrt_deposit", new() { ["lrt"] = "rsETH", ["asset"] = "stETH", ["amount"] = "10" });
        await n.Ok(Foundation, "lrt_transfer", new() { ["lrt"] = "rsETH", ["to"] = A(Bot), ["amount"] = "4" });
        await n.RefusedTx(403, "UnauthorizedCaller", Bot, "lrt_transfer", new() { ["lrt"] = "rsETH", ["from"] = A(Foundation), ["to"] = A(Bot), ["amount"] = "1" });
        await n.Ok(Admin, "lrt_oracle_report", new() { ["lrt"] = "rsETH" });
        var rsEth = (await n.Get("/api/state/lrts"))["items"]!["rsETH"]!;
        Assert.Equal(Wei(6), rsEth["holders"]![A(Foundation)]!.GetValue<string>());
        Assert.Equal(Wei(4), rsEth["holders"]![A(Bot)]!.GetValue<string>());
        Assert.Equal(Wei(10), rsEth["supply"]!.GetValue<string>());
        await n.Ok(Bot, "lrt_request_withdrawal", new() { ["lrt"] = "rsETH", ["amount"] = "4", ["id"] = "bot-exit" });
        // pufETH's withdrawal manager: a batch of one request, finalized by the admin (the finalizer role) once unstaked.
        await n.Ok(Admin, "create_lrt", new() { ["lrt"] = "pufETHq", ["preset"] = "puffer", ["operators"] = List(A(Op2)), ["assets"] = List("stETH"), ["batch_size"] = "1" });
        await n.Ok(Foundation, "lrt_deposit", new() { ["lrt"] = "pufETHq", ["asset"] = "stETH", ["amount"] = "2" });
        await n.Ok(Foundation, "lrt_request_withdrawal", new() { ["lrt"] = "pufETHq", ["amount"] = "1", ["id"] = "puf-exit" });
        await n.RefusedTx(422, "WithdrawalDelayNotElapsed", Admin, "lrt_finalize_withdrawals", new() { ["lrt"] = "pufETHq", ["batch"] = "1" });
        await n.Post("/dev/increase-time", new JsonObject { ["seconds"] = 11 * 86_400 });
        var botStEth = Balance(await n.Get($"/api/state/balances/{A(Bot)}"), "stETH");
        await n.Ok(Foundation, "lrt_claim_withdrawal", new() { ["id"] = "bot-exit" });
        await n.RefusedTx(403, "UnauthorizedCaller", Foundation, "lrt_finalize_withdrawals", new() { ["lrt"] = "pufETHq", ["batch"] = "1" });
        await n.Ok(Admin, "lrt_finalize_withdrawals", new() { ["lrt"] = "pufETHq", ["batch"] = "1" });
        await n.Ok(Foundation, "lrt_claim_withdrawal", new() { ["id"] = "puf-exit" });
        Assert.Equal("claimed", (await n.Get("/api/state/lrts"))["items"]!["pufETHq"]!["withdrawals"]!["puf-exit"]!["status"]!.GetValue<string>());
        // Paid to the holder whoever claims, at most the value requested: the strategy's shares round down (the donation made them worth more than a token).
        var lrtPaid = BigInteger.Parse((await n.Get("/api/state/lrts"))["items"]!["rsETH"]!["withdrawals"]!["bot-exit"]!["paid"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lrtPaid, BigInteger.Parse(Wei(4)) - 10, BigInteger.Parse(Wei(4)));
        Assert.Equal(botStEth + lrtPaid, Balance(await n.Get($"/api/state/balances/{A(Bot)}"), "stETH"));

        // eETH keeps half of each deposit idle, so a holder can redeem at once, paying the exit fee.
        await n.Ok(Admin, "create_lrt", new() { ["lrt"] = "eETH", ["preset"] = "etherfi", ["operators"] = List(A(Op2)), ["assets"] = List("stETH"), ["buffer_bps"] = "5000" });
        await n.Ok(Foundation, "lrt_deposit", new() { ["lrt"] = "eETH", ["asset"] = "stETH", ["amount"] = "10" });
        var foundationStEth = Balance(await n.Get($"/api/state/balances/{A(Foundation)}"), "stETH");
        await n.Ok(Foundation, "lrt_instant_redeem", new() { ["lrt"] = "eETH", ["amount"] = "1" });
        var redeemed = Balance(await n.Get($"/api/state/balances/{A(Foundation)}"), "stETH") - foundationStEth;
        Assert.InRange(redeemed, BigInteger.Parse(Wei(0.99m)), BigInteger.Parse(Wei(1)) - 1);

        // ezETH on an L2: the relayer (admin) pushes the L1 price, a user mints on the L2, the sweep backs it on L1.
        await n.Ok(Admin, "create_lrt", new() { ["lrt"] = "ezETH", ["preset"] = "renzo", ["operators"] = List(A(Op2)), ["assets"] = List("stETH") });
        await n.RefusedTx(403, "UnauthorizedCaller", Foundation, "lrt_price_push", new() { ["lrt"] = "ezETH", ["price"] = "1" });
        await n.Ok(Admin, "lrt_price_push", new() { ["lrt"] = "ezETH", ["price"] = "1" });
        await n.Ok(Foundation, "lrt_bridge_mint", new() { ["lrt"] = "ezETH", ["asset"] = "stETH", ["amount"] = "2" });
        var ezEth = (await n.Get("/api/state/lrts"))["items"]!["ezETH"]!;
        Assert.NotEqual("0", ezEth["l2_pending_value"]!.GetValue<string>());
        await n.Ok(Admin, "lrt_bridge_sweep", new() { ["lrt"] = "ezETH" });
        Assert.Equal("0", (await n.Get("/api/state/lrts"))["items"]!["ezETH"]!["l2_pending_value"]!.GetValue<string>());

        // pufETH's Secure-Signer refuses a second, different message for a slot; the admin rebalances an LRT that drifted.
        await n.Ok(Admin, "create_lrt", new() { ["lrt"] = "pufETH", ["preset"] = "puffer", ["operators"] = List(A(Op2)), ["assets"] = List("stETH") });
        await n.Ok(Op2, "lrt_validator_sign", new() { ["lrt"] = "pufETH", ["validator"] = "7", ["slot"] = "100", ["message"] = "block-a" });
        await n.RefusedTx(422, "SlashableSignature", Op2, "lrt_validator_sign", new() { ["lrt"] = "pufETH", ["validator"] = "7", ["slot"] = "100", ["message"] = "block-b" });
        await n.Ok(Admin, "create_lrt", new() { ["lrt"] = "mETHx", ["preset"] = "renzo", ["operators"] = List(A(Op2), A(Op1)), ["assets"] = List("stETH") });
        await n.Ok(Foundation, "lrt_deposit", new() { ["lrt"] = "mETHx", ["asset"] = "stETH", ["amount"] = "10" });
        await n.Ok(Foundation, "lrt_request_withdrawal", new() { ["lrt"] = "mETHx", ["amount"] = "4", ["id"] = "drift" });
        await n.Ok(Admin, "lrt_rebalance", new() { ["lrt"] = "mETHx" });
        Assert.NotEqual("0", (await n.Get("/api/state/lrts"))["items"]!["mETHx"]!["rebalance_pending_eth"]!.GetValue<string>());

        // eETH's own validators: 32 ETH deposited waits idle until the admin stakes it through the node delegator's pod.
        await n.Ok(Admin, "create_lrt", new() { ["lrt"] = "eETHn", ["preset"] = "etherfi", ["operators"] = List(A(Op1)), ["assets"] = List("ETH") });
        await n.Ok(Foundation, "lrt_deposit", new() { ["lrt"] = "eETHn", ["asset"] = "ETH", ["amount"] = "32" });
        await n.RefusedTx(403, "UnauthorizedCaller", Foundation, "lrt_stake_validators", new() { ["lrt"] = "eETHn", ["count"] = "1" });
        await n.Ok(Admin, "lrt_stake_validators", new() { ["lrt"] = "eETHn", ["count"] = "1" });
        var native = (await n.Get("/api/state/lrts"))["items"]!["eETHn"]!;
        Assert.Equal(Wei(32), native["beacon_value_eth"]!.GetValue<string>());
        Assert.Equal(Wei(32), native["total_value_eth"]!.GetValue<string>());
        // An exit (the admin plays the beacon chain and the pod's checkpoint): the 32 ETH moves to the pod, NAV stays.
        await n.RefusedTx(403, "UnauthorizedCaller", Foundation, "lrt_exit_validators", new() { ["lrt"] = "eETHn", ["count"] = "1" });
        await n.Ok(Admin, "lrt_exit_validators", new() { ["lrt"] = "eETHn", ["count"] = "1" });
        Assert.Equal(Wei(32), (await n.Get("/api/state/lrts"))["items"]!["eETHn"]!["total_value_eth"]!.GetValue<string>());

        // pufETH over ETH and stETH: held stETH goes through Lido's queue (the protocol's operations: the admin) and is staked.
        await n.Ok(Admin, "create_lrt", new() { ["lrt"] = "pufETHn", ["preset"] = "puffer", ["operators"] = List(A(Op1)), ["assets"] = List("ETH", "stETH") });
        await n.Ok(Foundation, "lrt_deposit", new() { ["lrt"] = "pufETHn", ["asset"] = "stETH", ["amount"] = "32" });
        await n.RefusedTx(403, "UnauthorizedCaller", Foundation, "lrt_convert_steth", new() { ["lrt"] = "pufETHn", ["amount"] = "32", ["id"] = "lido1" });
        await n.Ok(Admin, "lrt_convert_steth", new() { ["lrt"] = "pufETHn", ["amount"] = "32", ["id"] = "lido1" });
        Assert.Equal(Wei(32), (await n.Get("/api/state/lrts"))["items"]!["pufETHn"]!["lido_pending_eth"]!.GetValue<string>());
        await n.Ok(Admin, "lrt_claim_steth", new() { ["lrt"] = "pufETHn", ["id"] = "lido1" });
        await n.Ok(Admin, "lrt_stake_validators", new() { ["lrt"] = "pufETHn", ["count"] = "1" });
        Assert.Equal(Wei(32), (await n.Get("/api/state/lrts"))["items"]!["pufETHn"]!["beacon_value_eth"]!.GetValue<string>());

        // The AVS verbs are sent by AvsNodeTests.
        var verbs = (await n.Get("/api/verbs")).AsObject().Select(kv => kv.Key).Where(v => !Restake.Node.Chain.AvsBook.Verbs.ContainsKey(v)).ToHashSet();
        Assert.Equal(verbs.Order(), n.AcceptedVerbs.Order());
    }

    private static BigInteger Balance(JsonNode balances, string token) =>
        balances[token] is { } v ? BigInteger.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : BigInteger.Zero;
}
