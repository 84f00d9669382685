using Restake.Lrt.OnEngine;

namespace Restake.Lrt.Report;

/// <summary>A disclosed slashing-risk mitigation, the upstream file it is read from, and whether this engine models it.</summary>
public sealed record Mitigation(string What, string Source, bool OnEngine);

/// <summary>
/// What a due-diligence reader checks before the numbers (FAQ Q5): where the code is, what is known of its
/// audits, how the protocol says it limits slashing losses, and how its withdrawal queue pays. Everything
/// here comes from the seed or ../shared/reference/risk-lrt.md §3; what neither records says so.
/// </summary>
public sealed record LrtFacts(
    string Protocol, string Token, string Repository, string Snapshot, string Audits, string SeedProfile,
    IReadOnlyList<Mitigation> Mitigations, string QueueRule, string QueueSource, string UpstreamDelay,
    IReadOnlyList<string> FeeHolders, string Fees)
{
    /// <summary>No audit is recorded in the reference material: the report says so rather than guess.</summary>
    public const string NoAuditRecord = "not recorded here (the reference material lists no audit for this repository)";

    public static LrtFacts For(LrtPreset preset) => preset switch
    {
        LrtPreset.EtherFi => new(
            "Ether.fi", "eETH", "https://github.com/etherfi-protocol/smart-contracts", "b4a09680", NoAuditRecord,
            "ETH only, its own validators, DVT node plan; peak TVL $1.2B+ (seed §8)",
            [
                new("bounded negative rebase: one oracle report may lower TVL by at most 3 bps, so a slash reaches the rate over several reports", "src/oracle/EtherFiAdmin.sol", true),
                new("bounded positive rebase: at most 25 bps of TVL per report", "src/core/LiquidityPool.sol", true),
                new("slashing is socialised across all holders through the rebase", "src/core/LiquidityPool.sol", true),
            ],
            "pays min(requested amount, shares × rate frozen at finalisation); queued requests earn nothing but bear slashing",
            "src/withdrawals/WithdrawRequestNFT.sol", "finalisation by the oracle admin (no fixed delay recorded)",
            [LrtVault.EtherFiFeeRecipient], "protocol fees named by each oracle report (at most 20 % of its rewards), minted as eETH to the fee recipient at the post-rebase rate"),
        LrtPreset.Puffer => new(
            "Puffer", "pufETH", "https://github.com/PufferFinance/puffer-contracts", "38060006 (mainnet-contracts)", NoAuditRecord,
            "converts stETH to native restaking, Secure-Signer anti-slashing; peak TVL $1B+ (seed §8)",
            [
                new("node-operator bonds (1 ETH with a Secure-Signer enclave, 2 ETH without) are burned before depositors lose", "mainnet-contracts/src/PufferProtocol.sol", true),
                new("Secure-Signer: a signer that refuses to double-sign (anti-slashing); on the engine lrt_validator_sign refuses a second message for a slot", "mainnet-contracts/src/PufferProtocol.sol (enclave evidence)", true),
            ],
            "pays min(rate at request, batch finalisation rate); batched; minimum 0.01 pufETH",
            "mainnet-contracts/src/PufferWithdrawalManager.sol", "per batch, once the batch is full and finalised",
            [], "exit fee (stays in the vault) and treasury exit fee (paid out to the treasury), each at most 2.5 %, on ERC-4626 redeem; queued withdrawals pay no fee"),
        LrtPreset.Kelp => new(
            "Kelp DAO", "rsETH", "https://github.com/Kelp-DAO/LRT-rsETH", "c289b815", NoAuditRecord,
            "several LSTs accepted, first LRT on Polygon zkEVM; peak TVL $490M+ (seed §8)",
            [
                new("price-move band: a drop beyond pricePercentageLimit pauses deposits and withdrawals and keeps the old price until a manager acts", "contracts/LRTOracle.sol", true),
                new("each asset priced by its own oracle, so one LST's depeg moves only its part of the pool", "contracts/LRTOracle.sol", true),
            ],
            "pays min(expected at request, value at unlock), in the requested asset",
            "contracts/LRTWithdrawalManager.sol", "57,600 blocks (8 days of 12 s), settable up to 10 days",
            [LrtVault.KelpTreasury], "10 % of each price rise, minted as rsETH to the treasury"),
        _ => new(
            "Renzo", "ezETH", "https://github.com/Renzo-Protocol/contracts-public", "fc8c8e08", NoAuditRecord,
            "cross-chain first (BNB Chain, Arbitrum); peak TVL $350M+ (seed §8)",
            [
                new("withdraw queue pays the lower of the request-time and claim-time amounts, after a cooldown", "contracts/Withdraw/WithdrawQueue.sol", true),
                new("stale-price rejection: a price older than 86,460 s refuses mints", "contracts/Oracle/RenzoOracle.sol", true),
                new("a risk oracle can raise the cooldown and pause requests or claims", "contracts/Withdraw/WithdrawQueue.sol", false),
            ],
            "pays min(amount at request, amount recomputed at claim)",
            "contracts/Withdraw/WithdrawQueue.sol", "coolDownPeriod (default set at initialisation; value not recorded here)",
            [], "L2 bridge fee 0.05 % (not modelled on the engine); no fee on L1 mints"),
    };
}
