using Restake.Primitives;

namespace Restake.Primitives.Tests;

public class BlockHistoryTests
{
    [Fact]
    public void lookups_return_the_last_value_at_or_before_a_block_and_the_default_before_any()
    {
        var h = new BlockHistory(Wad.Unit);
        h.Push(10, 5UL);
        h.Push(20, 3UL);
        h.Push(20, 2UL); // same block overwrites
        Assert.Equal(Wad.Unit, h.At(9));
        Assert.Equal((UInt256)5UL, h.At(10));
        Assert.Equal((UInt256)5UL, h.At(19));
        Assert.Equal((UInt256)2UL, h.At(20));
        Assert.Equal((UInt256)2UL, h.At(1_000));
        Assert.Equal((UInt256)2UL, h.Latest);
        Assert.Equal(2, h.Count);
    }

    [Fact]
    public void history_is_append_only()
    {
        var h = new BlockHistory(UInt256.Zero);
        h.Push(10, 1UL);
        Assert.Throws<InvalidOperationException>(() => h.Push(9, 1UL));
    }
}
