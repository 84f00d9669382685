using Restake.Primitives;

namespace Restake.Lrt.OnEngine;

/// <summary>Something asked of a liquid restaking protocol running on the engine (a scenario step or a transaction).</summary>
public abstract record LrtAction;

public enum LrtPreset
{
    EtherFi,
    Puffer,
    Kelp,
    Renzo,
}

/// <summary>How deposits spread over node delegators: equal targets, fixed weights (bps), or equal with a cap on any one operator's share (bps).</summary>
public sealed record DelegationPolicy(IReadOnlyList<ulong>? WeightsBps = null, ulong? CapBps = null)
{
    public static DelegationPolicy Equal => new();
}

/// <summary>An asset the protocol accepts: the engine strategy it restakes into and its ETH price (wad; 1e18 = 1:1).</summary>
public sealed record LrtAssetConfig(string Strategy, UInt256 PriceWad);

/// <summary>
/// Deploys a protocol: one node delegator per operator, each delegated to it. <paramref name="BondEth"/>
/// (Puffer) is each operator's bond, deposited as pufETH the protocol holds and burns before depositors lose.
/// <paramref name="Rules"/> changes the preset's fees, limits and delays (null: upstream defaults).
/// </summary>
public sealed record LrtCreate(string Lrt, LrtPreset Preset, IReadOnlyList<string> Operators, IReadOnlyList<LrtAssetConfig> Assets, DelegationPolicy Policy, UInt256 BondEth, LrtRules? Rules = null) : LrtAction;

/// <summary>A deposit; with <paramref name="MintShortfall"/> the test faucet first tops up what the user lacks (as the scenario verb `deposit` does).</summary>
public sealed record LrtDeposit(string Lrt, string User, string Asset, UInt256 Amount, bool MintShortfall = false) : LrtAction;

public sealed record LrtRequestWithdrawal(string Lrt, string User, UInt256 Amount, string Id) : LrtAction;

public sealed record LrtClaimWithdrawal(string Id) : LrtAction;

/// <summary>
/// The protocol's rate or price update. <paramref name="Prices"/> sets asset prices (wad) first.
/// <paramref name="Value"/> (Ether.fi) is the TVL the oracle reports; omitted, it moves toward the engine's
/// value as far as the bounds allow. <paramref name="AsManager"/> (Kelp) passes the price band.
/// <paramref name="ProtocolFees"/> (Ether.fi) is the part of the rise the oracle report names as protocol fees
/// (upstream's report carries them per report): minted as eETH to the fee recipient, at most 20 % of the rise.
/// </summary>
public sealed record LrtOracleReport(string Lrt, IReadOnlyDictionary<string, UInt256>? Prices = null, UInt256? Value = null, bool AsManager = false, UInt256? ProtocolFees = null) : LrtAction;

public sealed record LrtTransfer(string Lrt, string From, string To, UInt256 Amount) : LrtAction;

/// <summary>eETH instant redemption of <paramref name="Amount"/> eETH (LRT units) from the pool's idle liquidity, less the exit fee.</summary>
public sealed record LrtInstantRedeem(string Lrt, string User, UInt256 Amount) : LrtAction;
