using NBitcoin;
using Restake.Protocol;

namespace Restake.Babylon.Btc;

/// <summary>
/// The three tapscript leaves of a Babylon stake (babylon btcstaking/scripts_utils.go, docs/staking-script.md):
/// timelock <c>&lt;Staker&gt; CHECKSIGVERIFY &lt;T&gt; CSV</c>, unbonding <c>&lt;Staker&gt; CHECKSIGVERIFY &lt;covenant M-of-N&gt;</c>,
/// slashing <c>&lt;Staker&gt; CHECKSIGVERIFY &lt;FP 1-of-k&gt; &lt;covenant M-of-N&gt;</c>.
/// </summary>
public sealed class StakingScripts
{
    /// <summary>The timelock is a uint16 in the upstream library.</summary>
    public const int MaxTimelock = 65535;

    private StakingScripts(byte[] staker, IReadOnlyList<byte[]> fps, IReadOnlyList<byte[]> covenants, int quorum, int stakingTime)
    {
        StakerKey = staker;
        FinalityProviderKeys = fps;
        CovenantKeys = covenants;
        CovenantQuorum = quorum;
        StakingTime = stakingTime;
        TimelockScript = Timelock(staker, stakingTime);
        UnbondingScript = new Script(KeyVerify(staker).Concat(Multisig(covenants, quorum, verify: false)));
        SlashingScript = new Script(KeyVerify(staker).Concat(Multisig(fps, 1, verify: true)).Concat(Multisig(covenants, quorum, verify: false)));
    }

    public byte[] StakerKey { get; }

    /// <summary>Sorted by x-only bytes.</summary>
    public IReadOnlyList<byte[]> FinalityProviderKeys { get; }

    /// <summary>Sorted by x-only bytes.</summary>
    public IReadOnlyList<byte[]> CovenantKeys { get; }

    public int CovenantQuorum { get; }

    public int StakingTime { get; }

    public Script TimelockScript { get; }

    public Script UnbondingScript { get; }

    public Script SlashingScript { get; }

    /// <summary>Checks what the upstream library checks (no duplicate keys, quorum within the committee, timelock in uint16) and sorts the key lists.</summary>
    public static Result<StakingScripts> Build(byte[] staker, IEnumerable<byte[]> finalityProviders, IEnumerable<byte[]> covenants, int covenantQuorum, int stakingTime)
    {
        var fps = finalityProviders.ToList();
        var cov = covenants.ToList();
        if (fps.Count == 0)
        {
            return Result<StakingScripts>.Fail("ErrNoFinalityProviderKeys", "a stake names at least one finality provider key");
        }
        if (cov.Count == 0)
        {
            return Result<StakingScripts>.Fail("ErrNoCovenantKeys", "the covenant committee has at least one key");
        }
        if (covenantQuorum < 1 || covenantQuorum > cov.Count)
        {
            return Result<StakingScripts>.Fail("ErrInvalidCovenantQuorum", $"quorum {covenantQuorum} is not within 1..{cov.Count}");
        }
        if (stakingTime < 1 || stakingTime > MaxTimelock)
        {
            return Result<StakingScripts>.Fail("ErrInvalidStakingTime", $"timelock {stakingTime} is not within 1..{MaxTimelock} blocks");
        }
        var all = new List<byte[]> { staker };
        all.AddRange(fps);
        all.AddRange(cov);
        if (all.Any(k => k.Length != 32))
        {
            return Result<StakingScripts>.Fail("ErrInvalidKey", "keys are 32-byte x-only BIP-340 keys");
        }
        if (all.Select(Keys.Hex).Distinct().Count() != all.Count)
        {
            return Result<StakingScripts>.Fail("ErrDuplicatedKeyInScript", "staker, finality provider and covenant keys must all differ");
        }
        fps.Sort(Keys.Compare);
        cov.Sort(Keys.Compare);
        return Result<StakingScripts>.Success(new StakingScripts(staker, fps, cov, covenantQuorum, stakingTime));
    }

    /// <summary><c>&lt;key&gt; OP_CHECKSIGVERIFY &lt;blocks&gt; OP_CHECKSEQUENCEVERIFY</c>; the number is a minimal script number (1000 → 02e803).</summary>
    public static Script Timelock(byte[] key, int blocks) =>
        new(KeyVerify(key).Append(Op.GetPushOp(blocks)).Append(OpcodeType.OP_CHECKSEQUENCEVERIFY));

    private static IEnumerable<Op> KeyVerify(byte[] key) => [Op.GetPushOp(key), OpcodeType.OP_CHECKSIGVERIFY];

    /// <summary>One key collapses to a plain CHECKSIG(VERIFY); otherwise CHECKSIG, CHECKSIGADD…, the threshold, NUMEQUAL(VERIFY).</summary>
    private static IEnumerable<Op> Multisig(IReadOnlyList<byte[]> sortedKeys, int threshold, bool verify)
    {
        if (sortedKeys.Count == 1)
        {
            return [Op.GetPushOp(sortedKeys[0]), verify ? OpcodeType.OP_CHECKSIGVERIFY : OpcodeType.OP_CHECKSIG];
        }
        var ops = new List<Op>();
        for (var i = 0; i < sortedKeys.Count; i++)
        {
            ops.Add(Op.GetPushOp(sortedKeys[i]));
            ops.Add(i == 0 ? OpcodeType.OP_CHECKSIG : OpcodeType.OP_CHECKSIGADD);
        }
        ops.Add(Op.GetPushOp(threshold));
        ops.Add(verify ? OpcodeType.OP_NUMEQUALVERIFY : OpcodeType.OP_NUMEQUAL);
        return ops;
    }
}
