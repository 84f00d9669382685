using System.Text.Json.Nodes;
using Restake.Node.Chain;

namespace Restake.Dashboard.Tests;

/// <summary>
/// The network the dashboard tests look at, built only from signed transactions: three operators,
/// four stakers (one in a 6-decimal token), an AVS with one operator set that two operators join and
/// allocate to, one slash, a capped strategy and a queued withdrawal.
/// </summary>
public static class SeededNetwork
{
    public const int Admin = 0;
    public const int Operator1 = 1;
    public const int Operator2 = 2;
    public const int Operator3 = 3;
    public const int StakerA = 4;
    public const int StakerB = 5;
    public const int StakerC = 6;
    public const int StakerUsdc = 7;
    public const int Avs = 8;
    /// <summary>Left untouched by the seed, for the test that sends a transaction while a page watches.</summary>
    public const int Spare = 9;

    /// <summary>Mainnet LSTs plus a 6-decimal token; delays short enough that a test mines through them.</summary>
    public const string Scenario = """
        name: dashboard test network
        params:
          stage: 3
          allocation_configuration_delay_blocks: 1
          deallocation_delay_blocks: 5
          withdrawal_delay_blocks: 5
        tokens:
          - { symbol: USDC, decimals: 6 }
        strategies:
          - preset: mainnet_lsts
          - { token: USDC }
        steps: []
        """;

    public static Genesis CreateGenesis() => Genesis.Create(scenario: Scenario);

    /// <summary>Sends the seed's transactions; returns the id of the queued withdrawal.</summary>
    public static async Task<string> SeedAsync(DevnetNode node)
    {
        var avs = DevnetNode.Address(Avs);
        foreach (var op in new[] { Operator1, Operator2, Operator3 })
        {
            await node.Send(op, "register_operator", new JsonObject());
        }
        await node.Send(Admin, "set_caps", new JsonObject { ["strategy"] = "USDC", ["max_per_deposit"] = "5000", ["max_total_deposits"] = "10000" });

        await node.Send(StakerA, "deposit", new JsonObject { ["strategy"] = "stETH", ["amount"] = "100" });
        await node.Send(StakerA, "delegate", new JsonObject { ["operator"] = DevnetNode.Address(Operator1) });
        await node.Send(StakerB, "deposit", new JsonObject { ["strategy"] = "rETH", ["amount"] = "40" });
        await node.Send(StakerB, "deposit", new JsonObject { ["strategy"] = "stETH", ["amount"] = "10" });
        await node.Send(StakerB, "delegate", new JsonObject { ["operator"] = DevnetNode.Address(Operator2) });
        await node.Send(StakerC, "deposit", new JsonObject { ["strategy"] = "stETH", ["amount"] = "25" });
        await node.Send(StakerC, "delegate", new JsonObject { ["operator"] = DevnetNode.Address(Operator3) });
        await node.Send(StakerUsdc, "deposit", new JsonObject { ["strategy"] = "USDC", ["amount"] = "2500.5" });

        await node.Send(Avs, "register_avs", new JsonObject());
        await node.Send(Avs, "create_operator_set", new JsonObject { ["set"] = 0, ["strategies"] = new JsonArray("stETH", "rETH") });
        foreach (var op in new[] { Operator1, Operator2 })
        {
            await node.Send(op, "register_for_sets", new JsonObject { ["avs"] = avs, ["sets"] = new JsonArray(0) });
        }
        // The operators' allocation delay is configured at registration and takes effect after the configuration delay.
        await node.Mine(2);
        await node.Send(Operator1, "allocate", new JsonObject { ["avs"] = avs, ["set"] = 0, ["strategy"] = "stETH", ["magnitude"] = "0.5" });
        await node.Send(Operator2, "allocate", new JsonObject { ["avs"] = avs, ["set"] = 0, ["strategy"] = "stETH", ["magnitude"] = "0.25" });
        await node.Send(Operator2, "allocate", new JsonObject { ["avs"] = avs, ["set"] = 0, ["strategy"] = "rETH", ["magnitude"] = "0.5" });
        await node.Mine(1);

        await node.Send(Avs, "slash", new JsonObject
        {
            ["set"] = 0,
            ["operator"] = DevnetNode.Address(Operator1),
            ["strategies"] = new JsonArray("stETH"),
            ["wads"] = new JsonArray("0.2"),
        });
        await node.Send(StakerB, "queue_withdrawal", new JsonObject { ["strategy"] = "rETH", ["shares"] = "10" });
        var withdrawals = (await node.Get("/api/state/withdrawals"))["items"]!.AsObject();
        return withdrawals.Single().Key;
    }
}
