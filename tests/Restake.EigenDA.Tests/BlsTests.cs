using System.Numerics;
using Restake.EigenDA.Crypto;
using Restake.Protocol.Rewards;

namespace Restake.EigenDA.Tests;

public class BlsTests
{
    private static readonly byte[] Message = Keccak.Hash(System.Text.Encoding.UTF8.GetBytes("batch header"));

    [Fact]
    public void hash_to_g1_of_digest_one_is_the_generator()
    {
        // Worked by hand: x = 1, x³ + 3 = 4, and 4^((p+1)/4) = 2·(2 | p) = 2 since p ≡ 7 (mod 8).
        var digest = new byte[32];
        digest[31] = 1;
        Assert.Equal(G1.Generator, Bls.HashToG1(digest));
    }

    [Fact]
    public void hash_to_g1_is_the_first_x_with_a_square_rhs_checked_against_a_bigint_oracle()
    {
        var p = Fp.Modulus;
        for (int i = 0; i < 20; i++)
        {
            var digest = Keccak.Hash([(byte)i]);
            var x = new BigInteger(digest, isUnsigned: true, isBigEndian: true) % p;
            while (BigInteger.ModPow((x * x * x + 3) % p, (p - 1) / 2, p) != 1)
            {
                x = (x + 1) % p;
            }
            var y = BigInteger.ModPow((x * x * x + 3) % p, (p + 1) / 4, p);
            var h = Bls.HashToG1(digest);
            Assert.Equal(x, h.X.ToBigInteger());
            Assert.Equal(y, h.Y.ToBigInteger());
        }
    }

    [Fact]
    public void a_signature_verifies_against_its_key_and_message_only()
    {
        var key = BlsKeyPair.FromSeed("operator-0"u8);
        var other = BlsKeyPair.FromSeed("operator-1"u8);
        var sig = key.Sign(Message);
        Assert.True(Bls.Verify(sig, key.PublicKeyG2, Message));
        Assert.False(Bls.Verify(sig, other.PublicKeyG2, Message));
        Assert.False(Bls.Verify(sig, key.PublicKeyG2, Keccak.Hash("another header"u8)));
    }

    private static (BlsKeyPair[] Keys, Affine<Fp>[] Sigs) Operators(int n)
    {
        var keys = Enumerable.Range(0, n).Select(i => BlsKeyPair.FromSeed(System.Text.Encoding.UTF8.GetBytes($"operator-{i}"))).ToArray();
        return (keys, keys.Select(k => k.Sign(Message)).ToArray());
    }

    [Fact]
    public void one_hundred_operators_aggregate_verifies_and_one_wrong_signature_fails()
    {
        var (keys, sigs) = Operators(100);
        var apk = Bls.AggregateG1(keys.Select(k => k.PublicKeyG1).ToArray());
        var apkG2 = Bls.AggregateG2(keys.Select(k => k.PublicKeyG2).ToArray());
        Assert.True(Bls.VerifyAggregate(apk, apkG2, Bls.AggregateG1(sigs), Message));

        var bad = (Affine<Fp>[])sigs.Clone();
        bad[37] = keys[37].Sign(Keccak.Hash("a different header"u8));
        Assert.False(Bls.VerifyAggregate(apk, apkG2, Bls.AggregateG1(bad), Message));
    }

    [Fact]
    public void non_signers_are_subtracted_from_the_quorum_apk()
    {
        var (keys, sigs) = Operators(10);
        var quorumApk = Bls.AggregateG1(keys.Select(k => k.PublicKeyG1).ToArray());
        int[] nonSigners = [2, 7];
        var signers = Enumerable.Range(0, 10).Except(nonSigners).ToArray();
        var apk = Bls.SignersApk(quorumApk, nonSigners.Select(i => keys[i].PublicKeyG1).ToArray());
        var apkG2 = Bls.AggregateG2(signers.Select(i => keys[i].PublicKeyG2).ToArray());
        var sigma = Bls.AggregateG1(signers.Select(i => sigs[i]).ToArray());
        Assert.True(Bls.VerifyAggregate(apk, apkG2, sigma, Message));
        // Claiming a non-signer signed (quorum apk with the signers' G2 key) fails: the G1 and G2 keys disagree.
        Assert.False(Bls.VerifyAggregate(quorumApk, apkG2, sigma, Message));
    }
}

public class BlsSameMessageTests
{
    [Fact]
    public void many_signatures_on_one_digest_verify_at_once_and_any_bad_one_fails()
    {
        var digest = Protocol.Rewards.Keccak.Hash("one batch header"u8);
        var keys = Enumerable.Range(0, 20).Select(i => BlsKeyPair.FromSeed([(byte)i, 7])).ToArray();
        var sigs = keys.Select(k => k.Sign(digest)).ToArray();
        var pks = keys.Select(k => k.PublicKeyG2).ToArray();
        Assert.True(Bls.VerifySameMessage(sigs, pks, digest));
        Assert.True(Bls.VerifySameMessage([], [], digest));

        // Another digest; one signature on another header; two signatures swapped between signers.
        Assert.False(Bls.VerifySameMessage(sigs, pks, Protocol.Rewards.Keccak.Hash("another header"u8)));
        var wrong = (Affine<Fp>[])sigs.Clone();
        wrong[3] = keys[3].Sign(Protocol.Rewards.Keccak.Hash("another header"u8));
        Assert.False(Bls.VerifySameMessage(wrong, pks, digest));
        var swapped = (Affine<Fp>[])sigs.Clone();
        (swapped[1], swapped[2]) = (swapped[2], swapped[1]);
        Assert.False(Bls.VerifySameMessage(swapped, pks, digest));
        // σ₀ + X and σ₁ − X keep the plain sum but not the weighted one.
        var x = G1.MulGenerator(Fr.FromUInt64(12345));
        var cancelling = (Affine<Fp>[])sigs.Clone();
        cancelling[0] = (sigs[0].ToJacobian() + x).ToAffine();
        cancelling[1] = (sigs[1].ToJacobian() - x).ToAffine();
        Assert.Equal(Bls.AggregateG1(sigs), Bls.AggregateG1(cancelling));
        Assert.False(Bls.VerifySameMessage(cancelling, pks, digest));
    }
}
