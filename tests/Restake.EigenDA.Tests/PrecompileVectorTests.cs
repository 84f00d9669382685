using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Tests;

/// <summary>go-ethereum's precompile vectors (tests/data/eigenda/README.md cites repository, path and commit).</summary>
public class PrecompileVectorTests
{
    public static IEnumerable<object[]> AddCases() => TestData.Precompile("bn256Add.json");
    public static IEnumerable<object[]> MulCases() => TestData.Precompile("bn256ScalarMul.json");
    public static IEnumerable<object[]> PairingCases() => TestData.Precompile("bn256Pairing.json");

    [Theory]
    [MemberData(nameof(AddCases))]
    public void ecAdd_matches_geth(string name, string input, string expected) =>
        Assert.True(string.Equals(expected, Convert.ToHexStringLower(Precompiles.Add(Convert.FromHexString(input))), StringComparison.OrdinalIgnoreCase), name);

    [Theory]
    [MemberData(nameof(MulCases))]
    public void ecMul_matches_geth(string name, string input, string expected) =>
        Assert.True(string.Equals(expected, Convert.ToHexStringLower(Precompiles.Mul(Convert.FromHexString(input))), StringComparison.OrdinalIgnoreCase), name);

    [Theory]
    [MemberData(nameof(PairingCases))]
    public void ecPairing_matches_geth(string name, string input, string expected) =>
        Assert.True(string.Equals(expected, Convert.ToHexStringLower(Precompiles.Pairing(Convert.FromHexString(input))), StringComparison.OrdinalIgnoreCase), name);

    [Fact]
    public void a_point_off_the_curve_is_refused_by_name()
    {
        var input = new byte[128];
        input[31] = 1;
        input[63] = 3; // (1, 3): 9 ≠ 1 + 3
        var e = Assert.Throws<CryptoException>(() => Precompiles.Add(input));
        Assert.Equal(CryptoError.NotOnCurve, e.Error);
    }

    [Fact]
    public void a_coordinate_not_below_p_is_refused()
    {
        var input = new byte[96];
        Fp.Modulus.ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(input, 0);
        var e = Assert.Throws<CryptoException>(() => Precompiles.Mul(input));
        Assert.Equal(CryptoError.CoordinateNotInField, e.Error);
    }

    [Fact]
    public void a_twist_point_outside_the_subgroup_is_refused()
    {
        // x = 1 + 0u gives a point on the twist for some y (or try the next x); the twist's cofactor makes it lie outside G2.
        for (ulong x = 1; ; x++)
        {
            var xx = new Fp2(Fp.FromUInt64(x), Fp.Zero);
            if (!((xx.Square() * xx) + G2.B).TrySqrt(out var y))
            {
                continue;
            }
            var q = new Affine<Fp2>(xx, y);
            Assert.True(G2.IsOnCurve(q));
            var input = new byte[192];
            G1.ToBytes(G1.Generator).CopyTo(input, 0);
            G2.ToBytes(q).CopyTo(input, 64);
            var e = Assert.Throws<CryptoException>(() => Precompiles.Pairing(input));
            Assert.Equal(CryptoError.NotInSubgroup, e.Error);
            return;
        }
    }

    [Fact]
    public void pairing_input_not_a_multiple_of_192_is_refused()
    {
        var e = Assert.Throws<CryptoException>(() => Precompiles.Pairing(new byte[191]));
        Assert.Equal(CryptoError.BadLength, e.Error);
    }
}
