using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>A small network for LRTs: WETH and stETH strategies, operators allocated fully to one AVS set.</summary>
internal sealed class Net
{
    public Engine Engine { get; } = new(new ProtocolParams { WithdrawalDelayBlocks = 50, DeallocationDelayBlocks = 50, AllocationConfigurationDelayBlocks = 75 });
    public LrtBook Book { get; } = new();

    public Net(params string[] operators)
    {
        Must(new AddToken("WETH", 18), new AddStrategy("WETH"), new AddToken("stETH", 18), new AddStrategy("stETH"),
            new RegisterAvs("avs"), new CreateOperatorSet("avs", 0, ["WETH", "stETH"]));
        foreach (var op in operators)
        {
            Must(new RegisterOperator(op), new RegisterForSets(op, "avs", [0]),
                new Allocate(op, "avs", 0, "WETH", Wad.Unit), new Allocate(op, "avs", 0, "stETH", Wad.Unit));
        }
        Must(new Roll(1));
    }

    public LrtVault Vault(string name) => Book.Vaults[name];

    public void Must(params Command[] commands)
    {
        foreach (var c in commands)
        {
            var outcome = Engine.Execute(c);
            Assert.True(outcome.Accepted, $"{c} was refused: {outcome.Error}");
        }
    }

    public void Do(params LrtAction[] actions)
    {
        foreach (var a in actions)
        {
            var outcome = Book.Perform(Engine, a);
            Assert.True(outcome.Accepted, $"{a} was refused: {outcome.Error}");
        }
    }

    /// <summary>Asserts the action is refused with <paramref name="error"/> and that neither the engine nor the LRT changed.</summary>
    public void Refused(string error, LrtAction action)
    {
        var before = Fingerprint();
        Assert.Equal(error, Book.Perform(Engine, action).Error?.Name);
        Assert.Equal(before, Fingerprint());
    }

    public string Fingerprint() => string.Join("|", Book.Vaults.Values.Select(v =>
        $"{v.Name}:{v.Token.Describe()}:{v.Nav(Engine.State)}:{v.Rate(Engine.State)}:{v.ReportedValue}:{v.KelpPrice}:{v.Paused}:{v.Withdrawals.Count}:{v.Limiter}:{v.PendingLidoEth}:{v.PendingLido.Count}"))
        + "|" + string.Join(",", Engine.State.Balances.SelectMany(b => b.Value.Select(t => $"{b.Key}/{t.Key}={t.Value}")))
        + "|" + string.Join(",", Engine.State.Stakers.Values.SelectMany(s => s.AllPositions.Select(p => $"{s.Name}/{p.Strategy.Name}={p.DepositShares}")))
        + "|" + Engine.State.Withdrawals.Count;

    public void Slash(string op, ulong wadTenths) =>
        Must(new Slash("avs", 0, op, [new SlashStrategy("WETH", Wad.Unit * wadTenths / 10UL), new SlashStrategy("stETH", Wad.Unit * wadTenths / 10UL)]));

    /// <summary>A preset with its upstream defaults, except pufETH's batches of one request (so one request can be finalized).</summary>
    public static LrtCreate Create(string lrt, LrtPreset preset, string asset, UInt256 bond = default, params string[] ops) =>
        new(lrt, preset, ops.Length == 0 ? ["op"] : ops, [new LrtAssetConfig(asset, Wad.Unit)], DelegationPolicy.Equal, bond,
            preset == LrtPreset.Puffer ? new LrtRules(BatchSize: 1) : null);

    /// <summary>Claims a withdrawal; for pufETH first finalizes the batches up to the request's (as the finalizer would).</summary>
    public void Claim(string id)
    {
        var v = Book.Vaults.Values.First(v => v.Withdrawals.ContainsKey(id));
        if (v.PufferRequest(id) is { } r && r.Index / v.BatchSize > v.FinalizedBatch)
        {
            Do(new LrtFinalizeWithdrawals(v.Name, r.Index / v.BatchSize));
        }
        Do(new LrtClaimWithdrawal(id));
    }
}
