using CsCheck;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>Over random deposit, slash and withdraw sequences on the engine: rates never rise on a slash, payouts never exceed the vault.</summary>
public class EnginePropertyTests
{
    private static readonly (string Lrt, LrtPreset Preset, string Asset)[] Presets =
        [("eETH", LrtPreset.EtherFi, "WETH"), ("pufETH", LrtPreset.Puffer, "WETH"), ("rsETH", LrtPreset.Kelp, "stETH"), ("ezETH", LrtPreset.Renzo, "stETH")];

    [Fact]
    public void slashes_never_raise_a_rate_losses_match_the_slash_and_payouts_stay_within_the_vault() =>
        Gen.Select(Gen.ULong[1, 1_000].Array[4], Gen.ULong[1, 9], Gen.ULong[0, 100]).Sample((deposits, tenths, withdrawPct) =>
        {
            var net = new Net("op", "op2");
            var s = net.Engine.State;
            for (var i = 0; i < Presets.Length; i++)
            {
                var (lrt, preset, asset) = Presets[i];
                net.Do(Net.Create(lrt, preset, asset, preset == LrtPreset.Puffer ? Wad.Unit : default, "op", "op2"),
                    new LrtDeposit(lrt, "u", asset, Wad.Unit * deposits[i], MintShortfall: true),
                    new LrtDeposit(lrt, "v", asset, Wad.Unit * deposits[(i + 1) % 4], MintShortfall: true));
            }
            var rates = net.Book.Vaults.Values.ToDictionary(v => v.Name, v => v.Rate(s));
            var navs = net.Book.Vaults.Values.ToDictionary(v => v.Name, v => v.Nav(s));
            var nodes = net.Book.Vaults.Values.SelectMany(v => v.Nodes.Select(nd => (v, nd))).ToDictionary(x => x.nd.Name, x => x.v.NodeValue(s, x.nd));
            net.Slash("op", tenths);
            var navLoss = UInt256.Zero;
            var nodeLoss = UInt256.Zero;
            foreach (var v in net.Book.Vaults.Values)
            {
                Assert.True(v.Rate(s) <= rates[v.Name], $"{v.Name}'s rate rose on a slash");
                navLoss += navs[v.Name] - v.Nav(s);
                net.Do(new LrtOracleReport(v.Name, AsManager: true));
                Assert.True(v.Rate(s) <= rates[v.Name], $"{v.Name}'s rate rose on the report of a slash");
                nodeLoss += v.Nodes.Aggregate(UInt256.Zero, (a, nd) => a + (nodes[nd.Name] - v.NodeValue(s, nd)));
            }
            Assert.Equal(nodeLoss, navLoss);
            // The operator's slashed shares round up (the kept part), each node delegator's withdrawable down: a wei per node.
            var slashed = s.Strategies["WETH"].BurnableShares + s.Strategies["stETH"].BurnableShares;
            Assert.True(BigDiff(slashed, navLoss) <= 4, $"slashed {slashed}, NAV lost {navLoss}");

            foreach (var v in net.Book.Vaults.Values)
            {
                var amount = UInt256.MulDiv(v.Token.BalanceOf("u"), withdrawPct, 100UL);
                if (amount < LrtVault.PufferMinWithdrawal)
                {
                    continue;
                }
                net.Do(new LrtRequestWithdrawal(v.Name, "u", amount, $"{v.Name}-w"));
            }
            net.Must(new Roll(LrtRules.DefaultKelpDelayBlocks)); // the longest protocol wait (Kelp's 8 days)
            foreach (var v in net.Book.Vaults.Values.Where(v => v.Withdrawals.Count > 0))
            {
                var nav = v.Nav(s);
                var request = v.Withdrawals[$"{v.Name}-w"];
                net.Claim(request.Id);
                Assert.True(request.Paid <= nav, $"{v.Name} paid {request.Paid}, more than its {nav}");
                Assert.True(request.Paid <= request.ValueAtRequest);
            }
        }, iter: 40);

    private static ulong BigDiff(UInt256 a, UInt256 b) => (ulong)(a > b ? a - b : b - a);
}
