using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.OnEngine;

// Deposits: price the assets, mint at the preset's rate, restake through a node delegator chosen by the policy.
public sealed partial class LrtVault
{
    /// <summary>Renzo's oracle window: a price older than a day and a minute is refused (RenzoOracle.MAX_TIME_WINDOW).</summary>
    public const long RenzoMaxPriceAge = 86_400 + 60;

    internal UInt256 Deposit(Engine engine, LrtDeposit c)
    {
        var s = engine.State;
        if (!PricesWad.TryGetValue(c.Asset, out var price))
        {
            throw Refuse("UnsupportedAsset", $"{Name} does not accept {c.Asset} (it accepts {string.Join(", ", Assets)})");
        }
        if (Paused)
        {
            throw Refuse("EnforcedPause", $"{Name} is paused (its price fell beyond the band)");
        }
        if (Preset == LrtPreset.Renzo && PriceTimes.GetValueOrDefault(c.Asset) + RenzoMaxPriceAge < s.Time)
        {
            throw Refuse("OraclePriceExpired", $"the {c.Asset} price is older than {RenzoMaxPriceAge} s; report a new one first");
        }
        var value = Wad.MulDown(c.Amount, price);
        var minted = SharesFor(s, c.Asset, c.Amount, value);
        var nd = Choose(s, value);
        var before = NodeValues(s);
        var buffer = Buffer(c.Amount);
        Must(engine, new Protocol.Deposit(nd.Name, c.Asset, c.Amount - buffer, c.MintShortfall, From: c.User));
        if (!buffer.IsZero)
        {
            // Ether.fi keeps part of each deposit in the pool: idle tokens of the node delegator, instant liquidity.
            var token = s.Strategies[c.Asset].Token.Symbol;
            var held = s.BalanceOf(c.User, token);
            if (c.MintShortfall && held < buffer)
            {
                Must(engine, new Mint(c.User, token, buffer - held));
            }
            Must(engine, new TransferToken(c.User, nd.Name, token, buffer));
        }
        if (Preset == LrtPreset.EtherFi)
        {
            ReportedValue += value;
        }
        ShiftMarks(before, s);
        Token.Mint(c.User, minted);
        return minted;
    }

    /// <summary>LRT minted for a deposit worth <paramref name="value"/> ETH, by each upstream's formula (rounded down).</summary>
    private UInt256 SharesFor(Protocol.State.NetworkState s, string asset, UInt256 amount, UInt256 value)
    {
        var supply = Token.TotalSupply;
        var minted = Preset switch
        {
            LrtPreset.EtherFi => supply.IsZero || ReportedValue.IsZero ? value : UInt256.MulDiv(value, supply, ReportedValue),
            LrtPreset.Puffer => UInt256.MulDiv(value, supply + UInt256.One, Nav(s) + UInt256.One),
            LrtPreset.Kelp => UInt256.MulDiv(amount, PricesWad[asset], KelpPrice),
            _ => RenzoPool.CalculateMintAmount(Nav(s), value, supply),
        };
        if (minted.IsZero)
        {
            throw Refuse(Preset switch { LrtPreset.Kelp => "InvalidAmountToDeposit", LrtPreset.Renzo => "InvalidTokenAmount", _ => "InvalidAmount" },
                $"a deposit of {amount} {asset} would mint 0 {Name}");
        }
        return minted;
    }

    /// <summary>
    /// The node delegator furthest below its target share (weights, or equal); with a cap, a deposit that
    /// would lift any operator above the cap is refused.
    /// </summary>
    private NodeDelegator Choose(Protocol.State.NetworkState s, UInt256 value)
    {
        var values = Nodes.Select(nd => NodeValue(s, nd)).ToList();
        var total = values.Aggregate(UInt256.Zero, (a, b) => a + b) + value;
        var best = 0;
        UInt256? bestGap = null;
        for (var i = 0; i < Nodes.Count; i++)
        {
            var target = UInt256.MulDiv(total, Nodes[i].WeightBps, Bps.Denominator);
            var gap = target > values[i] ? target - values[i] : UInt256.Zero;
            if (bestGap is null || gap > bestGap.Value)
            {
                best = i;
                bestGap = gap;
            }
        }
        if (Policy.CapBps is { } cap && Nodes.Count > 1 && total > value && (values[best] + value) * Bps.Denominator > total * cap)
        {
            throw Refuse("ConcentrationCapExceeded", $"the deposit would put more than {cap} bps of {Name} with {Nodes[best].Operator}");
        }
        return Nodes[best];
    }

    internal void Transfer(LrtTransfer c) => Token.Transfer(c.From, c.To, c.Amount);
}
