using System.Text.Json.Nodes;
using Restake.Node.Chain;

namespace Restake.Node.Tests.Api;

/// <summary>
/// The network the API tests run: EigenLayer at stage 1 with a capped stETH strategy and an EIGEN
/// token, with delays short enough to walk through withdrawals, allocations and daily rewards in a
/// test. The development accounts play fixed roles.
/// </summary>
public static class ApiNetwork
{
    public const int Admin = 0;
    public const int Op1 = 1;
    public const int Op2 = 2;
    public const int Alice = 3;
    public const int Bob = 4;
    public const int EigenDa = 5;
    public const int Rival = 6;
    public const int Olga = 7;
    public const int Foundation = 8;
    public const int Bot = 9;

    public const string Params = """
        params:
          stage: 1
          withdrawal_delay_blocks: 5
          deallocation_delay_blocks: 5
          allocation_configuration_delay_blocks: 1
          calculation_interval: "1d"
          rewards_activation_delay: "1d"
        tokens:
          - { symbol: EIGEN }
          - { symbol: stETH }
        strategies:
          - { token: stETH, max_per_deposit: "100", max_total_deposits: "1000" }

        """;

    /// <summary>The genesis: <see cref="Params"/>, no setup steps, the development accounts funded with 10,000 of each token.</summary>
    public static Genesis Genesis(int accounts = Chain.Genesis.DefaultAccounts) =>
        Chain.Genesis.Create(scenario: "name: api tests\n" + Params + "steps: []\n", accounts: accounts);

    public static string A(int account) => TestNode.Address(account);

    /// <summary>18-decimal base units of a whole-token amount, as the state prints them.</summary>
    public static string Wei(decimal whole) => ((System.Numerics.BigInteger)(whole * 1_000_000_000m) * System.Numerics.BigInteger.Pow(10, 9)).ToString();

    public static JsonArray List(params string[] items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);
}
