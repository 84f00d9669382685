using System.Security.Cryptography;
using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Protocol;

namespace Restake.Babylon;

/// <summary>
/// Babylon's staking, checkpointing and finality parameters. Values are data: a set is chosen by Bitcoin height
/// (<see cref="ParamsVersions"/>), never edited in place.
/// </summary>
public sealed record BabylonParams
{
    public required IReadOnlyList<byte[]> CovenantKeys { get; init; }
    public required int CovenantQuorum { get; init; }
    public required long MinStakingValueSat { get; init; }
    public required long MaxStakingValueSat { get; init; }
    public required int MinStakingTimeBlocks { get; init; }
    public required int MaxStakingTimeBlocks { get; init; }
    public required int UnbondingTimeBlocks { get; init; }
    public required long UnbondingFeeSat { get; init; }

    /// <summary>The slashing rate in units of 1/10000: upstream allows at most 4 decimal places in (0, 1).</summary>
    public required int SlashingRateBasisPoints { get; init; }
    public required long MinSlashingTxFeeSat { get; init; }
    public required Script SlashingPkScript { get; init; }
    public required long BtcActivationHeight { get; init; }

    /// <summary>k: a staking tx activates, and a checkpoint is CONFIRMED, at this Bitcoin depth.</summary>
    public required int BtcConfirmationDepth { get; init; }

    /// <summary>w: a checkpoint this deep on Bitcoin is FINALIZED.</summary>
    public required int CheckpointFinalizationTimeout { get; init; }
    public required int MaxActiveFinalityProviders { get; init; }
    public required int EpochInterval { get; init; }

    /// <summary>The fewest public randomness values one commit may hold (x/finality min_pub_rand).</summary>
    public required int MinPubRand { get; init; }
    public required byte[] Tag { get; init; }

    /// <summary>The default covenant committee's secrets, SHA256([i]) (x/btcstaking/types/params.go DefaultCovenantCommittee).</summary>
    public static IReadOnlyList<Key> DefaultCovenantSecrets { get; } =
        Enumerable.Range(0, 5).Select(i => new Key(SHA256.HashData([(byte)i]))).ToList();

    /// <summary>
    /// Upstream defaults, the devnet values: x/btcstaking/types/params.go DefaultParams (covenant sk_i = SHA256([i]) for i = 0..4,
    /// quorum 3; 10 000..10×10e8 sat; 400..65535 blocks; rate 0.1; min slashing fee 1000; unbonding 200 blocks, fee 1000;
    /// slashing to P2PKH(20×0x01)), x/btccheckpoint DefaultBtcConfirmationDepth 10 and DefaultCheckpointFinalizationTimeout 100
    /// (tag 01020304), x/finality DefaultMaxActiveFinalityProviders 100 and DefaultMinPubRand 100, x/epoching default interval 10 blocks.
    /// </summary>
    public static BabylonParams Default { get; } = new()
    {
        CovenantKeys = DefaultCovenantSecrets.Select(Keys.XOnly).ToList(),
        CovenantQuorum = 3,
        MinStakingValueSat = 10_000,
        MaxStakingValueSat = 10 * 1_000_000_000L,
        MinStakingTimeBlocks = 400,
        MaxStakingTimeBlocks = 65535,
        UnbondingTimeBlocks = 200,
        UnbondingFeeSat = 1000,
        SlashingRateBasisPoints = 1000,
        MinSlashingTxFeeSat = 1000,
        SlashingPkScript = new KeyId(Enumerable.Repeat((byte)1, 20).ToArray()).ScriptPubKey,
        BtcActivationHeight = 0,
        BtcConfirmationDepth = 10,
        CheckpointFinalizationTimeout = 100,
        MaxActiveFinalityProviders = 100,
        EpochInterval = 10,
        MinPubRand = 100,
        Tag = [1, 2, 3, 4],
    };

    /// <summary>
    /// Babylon Genesis (bbn-1) version 3 from the v1 upgrade (app/upgrades/v1/mainnet, parent of 2bd95856): 9 covenants quorum 6,
    /// 500 000..500 000 000 000 sat, staking time 64000, unbonding 1008 blocks fee 32000, rate 0.001, min slashing fee 100000,
    /// burn to OP_RETURN "babylon"; btccheckpoint k = 30, w = 300, tag "bbn1"; 60 active finality providers, min_pub_rand 8192; epochs of 360 blocks.
    /// </summary>
    public static BabylonParams MainnetV3 { get; } = new()
    {
        CovenantKeys = new[]
        {
            "d45c70d28f169e1f0c7f4a78e2bc73497afe585b70aa897955989068f3350aaa",
            "4b15848e495a3a62283daaadb3f458a00859fe48e321f0121ebabbdd6698f9fa",
            "23b29f89b45f4af41588dcaf0ca572ada32872a88224f311373917f1b37d08d1",
            "d3c79b99ac4d265c2f97ac11e3232c07a598b020cf56c6f055472c893c0967ae",
            "8242640732773249312c47ca7bdb50ca79f15f2ecc32b9c83ceebba44fb74df7",
            "e36200aaa8dce9453567bba108bdc51f7f1174b97a65e4dc4402fc5de779d41c",
            "cbdd028cfe32c1c1f2d84bfec71e19f92df509bba7b8ad31ca6c1a134fe09204",
            "f178fcce82f95c524b53b077e6180bd2d779a9057fdff4255a0af95af918cee0",
            "de13fc96ea6899acbdc5db3afaa683f62fe35b60ff6eb723dad28a11d2b12f8c",
        }.Select(Convert.FromHexString).ToList(),
        CovenantQuorum = 6,
        MinStakingValueSat = 500_000,
        MaxStakingValueSat = 500_000_000_000,
        MinStakingTimeBlocks = 64000,
        MaxStakingTimeBlocks = 64000,
        UnbondingTimeBlocks = 1008,
        UnbondingFeeSat = 32000,
        SlashingRateBasisPoints = 10,
        MinSlashingTxFeeSat = 100_000,
        SlashingPkScript = new Script(Convert.FromHexString("6a07626162796c6f6e")),
        BtcActivationHeight = 891425,
        BtcConfirmationDepth = 30,
        CheckpointFinalizationTimeout = 300,
        MaxActiveFinalityProviders = 60,
        EpochInterval = 360,
        MinPubRand = 8192,
        Tag = "bbn1"u8.ToArray(),
    };

    /// <summary>
    /// The slashed amount for an input value: value × rate rounded to the nearest satoshi, halves away from zero
    /// (btcutil Amount.MulF64, which upstream's buildSlashingTxFromOutpoint uses), computed here in exact integers.
    /// </summary>
    public long SlashingAmount(long inputValue) => (inputValue * SlashingRateBasisPoints + 5000) / 10000;
}

/// <summary>Parameter versions keyed by Bitcoin activation height: the last version whose activation height is ≤ the height applies.</summary>
public sealed class ParamsVersions(IEnumerable<BabylonParams> versions)
{
    private readonly List<BabylonParams> _versions = versions.OrderBy(v => v.BtcActivationHeight).ToList();

    public Result<BabylonParams> At(long btcHeight)
    {
        var applies = _versions.LastOrDefault(v => v.BtcActivationHeight <= btcHeight);
        return applies is null
            ? Result<BabylonParams>.Fail("ErrParamsNotFound", $"no parameter version is active at Bitcoin height {btcHeight}")
            : Result<BabylonParams>.Success(applies);
    }
}
