using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Tests;

public class SrsFileTests
{
    [Fact]
    public void eigenda_g2_powers_of_two_file_decompresses_to_subgroup_points()
    {
        // resources/srs/g2.point.powerOf2 from Layr-Labs/eigenda (tests/data/eigenda/README.md): [τ^(2^i)]₂, i = 0..27.
        var powers = SrsFiles.ReadG2PowersOf2(TestData.Path("g2.point.powerOf2"));
        Assert.Equal(28, powers.Count);
        foreach (var (k, q) in powers)
        {
            Assert.True(G2.IsOnCurve(q), $"τ^{k}");
            Assert.True(G2.IsInSubgroup(q), $"τ^{k}");
        }
        Assert.NotEqual(powers[1], powers[2]);
    }

    [Fact]
    public void compressed_g1_round_trips_through_a_file()
    {
        var srs = KzgTests.Srs;
        var path = Path.GetTempFileName();
        try
        {
            using (var f = File.Create(path))
            {
                for (int i = 0; i < 16; i++)
                {
                    f.Write(SrsFiles.CompressG1(srs.G1[i]));
                }
            }
            var read = SrsFiles.ReadG1(path, 16);
            Assert.Equal(srs.G1[..16].ToArray(), read);
            var e = Assert.Throws<CryptoException>(() => SrsFiles.ReadG1(path, 17));
            Assert.Equal(CryptoError.BadLength, e.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void bad_flag_bits_are_refused()
    {
        var b = SrsFiles.CompressG1(G1.Generator);
        b[0] &= 0x3F;
        var e = Assert.Throws<CryptoException>(() => SrsFiles.DecompressG1(b));
        Assert.Equal(CryptoError.BadFlags, e.Error);
        // The generator (1, 2): 2 is the smaller root, so the flag is 0b10.
        Assert.Equal(0x80, SrsFiles.CompressG1(G1.Generator)[0]);
    }
}
