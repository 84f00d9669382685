using NBitcoin;

namespace Restake.Babylon.Btc;

/// <summary>
/// A script-path-only Taproot output over the unspendable internal key, with its leaves at fixed depths.
/// The depths reproduce the upstream tree (btcd's AssembleTaprootScriptTree): staking = ((timelock, unbonding), slashing),
/// unbonding = (timelock, slashing), slashing change = timelock alone. A balanced builder would change the output key.
/// </summary>
public sealed class TaprootOutput
{
    private readonly TaprootSpendInfo _spend;

    private TaprootOutput(IReadOnlyList<(int Depth, Script Script)> leaves)
    {
        var builder = new TaprootBuilder();
        foreach (var (depth, script) in leaves)
        {
            builder.AddLeaf((uint)depth, script.ToTapScript(TapLeafVersion.C0));
        }
        _spend = builder.Finalize(Keys.UnspendableInternalKey);
        ScriptPubKey = _spend.OutputPubKey.ScriptPubKey;
    }

    /// <summary><c>OP_1 &lt;32-byte output key&gt;</c>.</summary>
    public Script ScriptPubKey { get; }

    public static TaprootOutput Staking(StakingScripts s) =>
        new([(2, s.TimelockScript), (2, s.UnbondingScript), (1, s.SlashingScript)]);

    /// <summary>The unbonding output keeps the stake's slashing leaf, so stake can be slashed while it unbonds.</summary>
    public static TaprootOutput Unbonding(StakingScripts s, int unbondingTime) =>
        new([(1, StakingScripts.Timelock(s.StakerKey, unbondingTime)), (1, s.SlashingScript)]);

    /// <summary>The slashing transaction's change goes back to the staker after the unbonding time.</summary>
    public static TaprootOutput SlashingChange(byte[] stakerKey, int unbondingTime) =>
        new([(0, StakingScripts.Timelock(stakerKey, unbondingTime))]);

    public ControlBlock ControlBlock(Script leaf) => _spend.GetControlBlock(leaf.ToTapScript(TapLeafVersion.C0));

    public string Address(Network network) => ScriptPubKey.GetDestinationAddress(network)!.ToString();
}
