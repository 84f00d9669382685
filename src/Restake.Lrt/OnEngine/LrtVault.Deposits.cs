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
        var parts = Tokens(Choose(s, value), c.Amount, price);
        CheckSplit(s, c, parts);
        var before = NodeValues(s);
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (parts[i].IsZero)
            {
                continue;
            }
            var nd = Nodes[i];
            if (HeldIdle(s, c.Asset))
            {
                // Native ETH cannot be deposited into the engine: it waits with the node delegator until staked
                // (and pufETH's stETH waits for the Lido queue that turns it into ETH, LrtVault.Lido.cs).
                var eth = s.Strategies[c.Asset].Token.Symbol;
                var have = s.BalanceOf(c.User, eth);
                if (c.MintShortfall && have < parts[i])
                {
                    Must(engine, new Mint(c.User, eth, parts[i] - have));
                }
                Must(engine, new TransferToken(c.User, nd.Name, eth, parts[i]));
                continue;
            }
            var buffer = Buffer(parts[i]);
            if (parts[i] > buffer)
            {
                // With buffer_bps at 100 % the whole part stays idle: no engine deposit (it would mint 0 shares).
                Must(engine, new Protocol.Deposit(nd.Name, c.Asset, parts[i] - buffer, c.MintShortfall, From: c.User));
            }
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

    /// <summary>Value parts as token amounts: each ⌊part·1e18/price⌋, the last non-empty part takes the rounding so they add up to the deposit.</summary>
    private static UInt256[] Tokens(UInt256[] valueParts, UInt256 amount, UInt256 price)
    {
        var tokens = new UInt256[valueParts.Length];
        var last = Array.FindLastIndex(valueParts, p => !p.IsZero);
        var used = UInt256.Zero;
        for (var i = 0; i < valueParts.Length; i++)
        {
            if (i == last)
            {
                continue;
            }
            tokens[i] = UInt256.Min(amount - used, Wad.DivDown(valueParts[i], price));
            used += tokens[i];
        }
        tokens[last < 0 ? 0 : last] = amount - used;
        return tokens;
    }

    /// <summary>
    /// A split deposit is several engine deposits: check up front what could refuse a later one after an earlier
    /// one went through (balance, total cap, zero shares), so a refusal still changes nothing.
    /// </summary>
    private void CheckSplit(Protocol.State.NetworkState s, LrtDeposit c, UInt256[] parts)
    {
        if (parts.Count(p => !p.IsZero) < 2)
        {
            return;
        }
        var strategy = s.Strategies[c.Asset];
        var token = strategy.Token.Symbol;
        if (!c.MintShortfall && s.BalanceOf(c.User, token) < c.Amount)
        {
            throw Refuse("ERC20InsufficientBalance", $"{c.User} holds {s.BalanceOf(c.User, token)} base units of {token}, less than {c.Amount}");
        }
        if (HeldIdle(s, c.Asset))
        {
            return; // idle ETH (or pufETH's stETH): no shares minted, no caps
        }
        if (strategy.MaxTotalDeposits is { } cap && strategy.Balance + c.Amount > cap)
        {
            throw Refuse("BalanceExceedsMaxTotalDeposits", $"the strategy would hold {strategy.Balance + c.Amount}, above its total cap {cap}");
        }
        var shares = strategy.VirtualShares;
        var balance = strategy.VirtualBalance;
        foreach (var p in parts.Where(p => !p.IsZero))
        {
            var staked = p - Buffer(p);
            var minted = Wad.MulDivDown(staked, shares, balance);
            if (minted.IsZero && !staked.IsZero)
            {
                throw Refuse("NewSharesZero", $"splitting {c.Amount} {c.Asset} over the operators leaves a part of {p} that would mint 0 shares");
            }
            shares += minted;
            balance += staked;
        }
    }

    internal void Transfer(LrtTransfer c) => Token.Transfer(c.From, c.To, c.Amount);
}
