using CsCheck;
using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Babylon.Crypto;
using Restake.Protocol;

namespace Restake.Babylon.Tests;

public class PropertyTests
{
    [Fact]
    public void A_slashing_tx_spends_exactly_its_input_burn_plus_change_plus_fee()
    {
        var staker = Keys.XOnly(Keys.FromName("staker"));
        Gen.Select(Gen.Long[20_000, 5_000_000_000], Gen.Int[1, 9999], Gen.Long[1000, 10_000]).Sample((value, bp, fee) =>
        {
            var p = BabylonParams.Default with { SlashingRateBasisPoints = bp };
            var tx = StakingTransactions.Slashing(new OutPoint(uint256.One, 0), value, p, staker, fee);
            if (!tx.IsOk)
            {
                return tx.Error!.Name is "ErrInsufficientSlashingAmount" or "ErrInsufficientChangeAmount" or "ErrDustOutputFound";
            }
            var burn = tx.Value.Outputs[0].Value.Satoshi;
            // Nearest satoshi: |burn·10⁴ − value·bp| ≤ 5000, and never more than the input.
            return burn + tx.Value.Outputs[1].Value.Satoshi + fee == value && Math.Abs((burn * 10000) - (value * bp)) <= 5000;
        }, iter: 500);
    }

    [Fact]
    public void Eots_two_votes_on_different_messages_always_reveal_the_key_and_one_never_verifies_for_the_other()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32], Gen.ULong, Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample((skSeed, kSeed, height, a1, a2) =>
        {
            var sk = System.Security.Cryptography.SHA256.HashData(skSeed);
            var k = Secp.Reduce(System.Security.Cryptography.SHA256.HashData(kSeed));
            var px = Secp.X(Secp.MulG(Secp.ScalarOf(sk)!.Value));
            var r = Eots.PublicRandomness(k);
            var m1 = Eots.VoteMessage(height, a1);
            var m2 = Eots.VoteMessage(height, a2);
            var s1 = Eots.Sign(sk, k, m1);
            var s2 = Eots.Sign(sk, k, m2);
            if (a1.AsSpan().SequenceEqual(a2))
            {
                return Eots.Extract(px, r, m1, s1, m2, s2).Error!.Name == "ErrSameMessage";
            }
            var x = Eots.Extract(px, r, m1, s1, m2, s2).Value;
            return Eots.Verify(px, r, m1, s1) && !Eots.Verify(px, r, m2, s1)
                && Secp.X(Secp.MulG(Secp.ScalarOf(x)!.Value)).AsSpan().SequenceEqual(px);
        }, iter: 20);
    }

    [Fact]
    public void Adaptor_presignatures_verify_decrypt_to_valid_signatures_and_give_the_secret_back()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample((skSeed, tSeed, msg) =>
        {
            var sk = System.Security.Cryptography.SHA256.HashData(skSeed);
            var t = System.Security.Cryptography.SHA256.HashData(tSeed);
            var tPoint = Secp.Compressed(Secp.MulG(Secp.ScalarOf(t)!.Value));
            var px = Secp.X(Secp.MulG(Secp.ScalarOf(sk)!.Value));
            var pre = AdaptorSignature.EncSign(sk, tPoint, msg, new byte[32]).Value;
            var sig = pre.Decrypt(t).Value;
            return pre.Verify(px, tPoint, msg) && Secp.VerifyBip340(px, msg, sig) && pre.Extract(sig).Value.AsSpan().SequenceEqual(t);
        }, iter: 10);
    }
}

public class ParamsTests
{
    [Fact]
    public void The_version_in_force_is_the_last_activated_at_or_below_the_height()
    {
        var v0 = BabylonParams.MainnetV3 with { BtcActivationHeight = 857910 };
        var v3 = BabylonParams.MainnetV3;
        var versions = new ParamsVersions([v3, v0]);
        Assert.Equal("ErrParamsNotFound", versions.At(857909).Error!.Name);
        Assert.Same(v0, versions.At(857910).Value);
        Assert.Same(v0, versions.At(891424).Value);
        Assert.Same(v3, versions.At(891425).Value);
        Assert.Same(v3, versions.At(900000).Value);
    }

    [Fact]
    public void Mainnet_covenant_committee_builds_a_6_of_9_leaf_and_burns_to_op_return_babylon()
    {
        var p = BabylonParams.MainnetV3;
        var s = StakingScripts.Build(Keys.XOnly(Keys.FromName("s")), [Keys.XOnly(Keys.FromName("f"))], p.CovenantKeys, p.CovenantQuorum, 64000).Value;
        // 9 keys: 9 × (push 32 + key) + CHECKSIG + 8 CHECKSIGADD, then OP_6 (0x56) OP_NUMEQUAL (0x9c).
        Assert.EndsWith("569c", s.UnbondingScript.ToHex());
        Assert.Equal(9, s.CovenantKeys.Count);
        Assert.Equal("6a07626162796c6f6e", p.SlashingPkScript.ToHex());
        // 0.001 × 500 000 000 sat = 500 000 sat burnt.
        var tx = StakingTransactions.Slashing(new OutPoint(uint256.One, 0), 500_000_000, p, s.StakerKey, p.MinSlashingTxFeeSat).Value;
        Assert.Equal(500_000, tx.Outputs[0].Value.Satoshi);
        // The default committee is SHA256([i]): the first key is the x-only point of SHA256(0x00).
        Assert.Equal(Keys.Hex(Keys.XOnly(new Key(System.Security.Cryptography.SHA256.HashData([0])))), Keys.Hex(BabylonParams.Default.CovenantKeys[0]));
    }
}
