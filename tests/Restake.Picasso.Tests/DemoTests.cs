using Restake.Picasso;

namespace Restake.Picasso.Tests;

public class DemoTests
{
    [Fact]
    public void The_demo_runs_every_chapter_freezes_the_client_and_slashes_the_double_signer()
    {
        var t = PicassoDemo.Run();
        Assert.Empty(t.Failures);
        Assert.Equal(5, t.Chapters.Count);
        Assert.True(t.ClientFrozen);
        // After eridanus joins (420 SOL, quorum 210 SOL + 1 lamport) atlas, eridanus and borealis sign the real block; borealis, cygnus and draco (220) the forged one.
        var slash = Assert.Single(t.Slashes);
        Assert.Equal(SigningKey.FromName("borealis").PubKey, slash.Validator);
        Assert.Contains(t.Chapters[3].Lines, l => l.Contains("ClientFrozen", StringComparison.Ordinal));
        Assert.Contains(t.Chapters[4].Lines, l => l.Contains("paid 48 mSOL", StringComparison.Ordinal));
    }

    [Fact]
    public void The_demo_is_deterministic() =>
        Assert.Equal(
            string.Join("\n", PicassoDemo.Run().Chapters.SelectMany(c => c.Lines)),
            string.Join("\n", PicassoDemo.Run().Chapters.SelectMany(c => c.Lines)));
}
