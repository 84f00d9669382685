using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.OnEngine;

/// <summary>
/// The liquid restaking protocols deployed on one engine, and the one meaning of each LRT action. An
/// action either applies in full or is refused with a named error and changes nothing: each validates,
/// then runs its engine commands (the first refusal aborts before any LRT write), then writes LRT state.
/// </summary>
public sealed class LrtBook
{
    private readonly SortedDictionary<string, LrtVault> _vaults = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LrtVault> Vaults => _vaults;

    public Outcome Perform(Engine engine, LrtAction action)
    {
        try
        {
            switch (action)
            {
                case LrtCreate c: Create(engine, c); break;
                case LrtDeposit c: Vault(c.Lrt).Deposit(engine, c); break;
                case LrtRequestWithdrawal c:
                    if (_vaults.Values.Any(v => v.Withdrawals.ContainsKey(c.Id)))
                    {
                        throw LrtVault.Refuse("WithdrawalIdTaken", $"an LRT withdrawal named '{c.Id}' already exists");
                    }
                    Vault(c.Lrt).Request(engine, c);
                    break;
                case LrtClaimWithdrawal c:
                    var owner = _vaults.Values.FirstOrDefault(v => v.Withdrawals.ContainsKey(c.Id))
                        ?? throw LrtVault.Refuse("RequestNotValid", $"there is no LRT withdrawal named '{c.Id}'");
                    owner.Claim(engine, owner.Withdrawals[c.Id]);
                    break;
                case LrtOracleReport c: Vault(c.Lrt).Report(engine, c); break;
                case LrtTransfer c: Vault(c.Lrt).Transfer(c); break;
                case LrtInstantRedeem c: Vault(c.Lrt).InstantRedeem(engine, c); break;
                case LrtPricePush c: Vault(c.Lrt).PushPrice(engine.State, c); break;
                case LrtBridgeMint c: Vault(c.Lrt).BridgeMint(engine, c); break;
                case LrtBridgeSweep c: Vault(c.Lrt).BridgeSweep(engine, c); break;
                case LrtRebalance c: Vault(c.Lrt).Rebalance(engine); break;
                case LrtValidatorSign c: Vault(c.Lrt).Sign(c); break;
                case LrtStakeValidators c: Vault(c.Lrt).StakeValidators(engine, c); break;
                case LrtConvertStEth c:
                    if (_vaults.Values.Any(v => v.LidoRequests.ContainsKey(c.Id)))
                    {
                        throw LrtVault.Refuse("WithdrawalIdTaken", $"a Lido withdrawal named '{c.Id}' already exists");
                    }
                    Vault(c.Lrt).ConvertStEth(engine, c);
                    break;
                case LrtClaimStEth c: Vault(c.Lrt).ClaimStEth(engine, c); break;
                case LrtFinalizeWithdrawals c: Vault(c.Lrt).FinalizeBatches(engine, c); break;
                case LrtExitValidators c: Vault(c.Lrt).ExitValidators(engine, c); break;
                default: throw new ArgumentException($"unknown LRT action {action.GetType().Name}", nameof(action));
            }
            return Outcome.Ok;
        }
        catch (RevertException e)
        {
            return new Outcome(e.Error);
        }
    }

    private LrtVault Vault(string name) =>
        _vaults.TryGetValue(name, out var v) ? v : throw LrtVault.Refuse("UnknownLrt", $"there is no liquid restaking token '{name}' (create_lrt first)");

    private void Create(Engine engine, LrtCreate c)
    {
        var s = engine.State;
        if (_vaults.ContainsKey(c.Lrt) || s.Tokens.ContainsKey(c.Lrt))
        {
            throw LrtVault.Refuse("LrtExists", $"'{c.Lrt}' already names a token");
        }
        if (c.Operators.Count == 0 || c.Operators.Distinct(StringComparer.Ordinal).Count() != c.Operators.Count)
        {
            throw LrtVault.Refuse("InvalidOperators", "an LRT needs one or more distinct operators");
        }
        if (c.Assets.Count == 0)
        {
            throw LrtVault.Refuse("UnsupportedAsset", "an LRT needs at least one asset");
        }
        foreach (var op in c.Operators.Where(op => !s.Operators.ContainsKey(op)))
        {
            throw LrtVault.Refuse("OperatorNotRegistered", $"'{op}' is not a registered operator");
        }
        foreach (var a in c.Assets.Where(a => !s.Strategies.ContainsKey(a.Strategy)))
        {
            throw LrtVault.Refuse("UnsupportedAsset", $"'{a.Strategy}' is not a strategy");
        }
        // Native ETH (the beacon strategy) for Ether.fi and Puffer: its ETH waits idle until lrt_stake_validators.
        foreach (var a in c.Assets.Where(a => s.Strategies[a.Strategy].IsBeacon && c.Preset is not (LrtPreset.EtherFi or LrtPreset.Puffer)))
        {
            throw LrtVault.Refuse("UnsupportedAsset", $"'{a.Strategy}' (native ETH through pods) is modelled for Ether.fi (eETH) and Puffer (pufETH) only");
        }
        var weights = Weights(c);
        var nodes = c.Operators.Select((op, i) => new NodeDelegator($"{c.Lrt}/nd{i}", op, weights[i])).ToList();
        foreach (var nd in nodes.Where(nd => s.Stakers.ContainsKey(nd.Name)))
        {
            throw LrtVault.Refuse("LrtExists", $"the staker '{nd.Name}' already exists");
        }
        CheckRules(c);
        var vault = new LrtVault(c, nodes);
        vault.InitInstant(s.Time);
        vault.LastReportSlot = LrtVault.SlotAt(s);
        vault.InitBridge();
        foreach (var a in c.Assets)
        {
            vault.PriceTimes[a.Strategy] = s.Time;
        }
        foreach (var nd in nodes)
        {
            LrtVault.Must(engine, new DelegateTo(nd.Name, nd.Operator));
        }
        _vaults[c.Lrt] = vault;
        if (c.Preset == LrtPreset.Puffer && !c.BondEth.IsZero)
        {
            // Each operator bonds pufETH: its ETH is restaked by its own node delegator, the shares held by the protocol.
            var asset = c.Assets[0];
            var tokens = Wad.DivDown(c.BondEth, asset.PriceWad);
            foreach (var nd in nodes)
            {
                var shares = UInt256.MulDiv(Wad.MulDown(tokens, asset.PriceWad), vault.Token.TotalSupply + UInt256.One, vault.Nav(s) + UInt256.One);
                var before = vault.NodeValues(s);
                LrtVault.Must(engine, new Protocol.Deposit(nd.Name, asset.Strategy, tokens, MintShortfall: true, From: nd.Operator));
                vault.ShiftMarks(before, s);
                vault.Token.Mint(LrtVault.BondHolder(nd.Operator), shares);
            }
        }
    }

    /// <summary>Fee bounds as upstream sets them: Puffer's exit fee at most 250 bps; eETH's fee and split at most 100 %.</summary>
    private static void CheckRules(LrtCreate c)
    {
        var r = c.Rules ?? LrtRules.Defaults;
        var maxFee = c.Preset == LrtPreset.Puffer ? LrtRules.PufferMaxExitFeeBps : Bps.Scale;
        if (r.ExitFeeBps > maxFee || r.TreasurySplitBps > Bps.Scale || r.LowWatermarkBps > Bps.Scale || r.BufferBps > Bps.Scale
            || r.TreasuryFeeBps > LrtRules.PufferMaxExitFeeBps)
        {
            throw LrtVault.Refuse("InvalidExitFeeBasisPoints", $"fees and shares in bps: the exit fee is at most {maxFee}, the others at most {Bps.Scale}");
        }
        if (r.AcceptableRebaseAprBps > LrtRules.MaxAcceptableRebaseAprBps)
        {
            throw LrtVault.Refuse("InvalidAcceptableRebaseApr", $"the acceptable rebase APR is at most {LrtRules.MaxAcceptableRebaseAprBps} bps");
        }
        if (r.BatchSize is < 1)
        {
            throw LrtVault.Refuse("InvalidBatchSize", "a withdrawal batch holds at least one request");
        }
        if (r.WithdrawalDelayBlocks < 0 || r.CooldownSeconds < 0)
        {
            throw LrtVault.Refuse("InvalidDelay", "delays are not negative");
        }
    }

    private static List<ulong> Weights(LrtCreate c)
    {
        if (c.Policy.WeightsBps is { } w)
        {
            if (w.Count != c.Operators.Count || w.Aggregate(0UL, (a, b) => a + b) != Bps.Scale)
            {
                throw LrtVault.Refuse("InvalidWeights", $"weights must name one share per operator and add up to {Bps.Scale} bps");
            }
            return [.. w];
        }
        var n = (ulong)c.Operators.Count;
        return [.. Enumerable.Range(0, c.Operators.Count).Select(i => (Bps.Scale / n) + ((ulong)i < Bps.Scale % n ? 1UL : 0UL))];
    }
}
