namespace Restake.Node.Tests;

/// <summary>The in-memory feed: paging of entries, and a TVL history that stays bounded however long the log grows.</summary>
public class FeedTests
{
    private static FeedItem Item(long height) => new(height, height, "mine", null, null, null, "[]")
    {
        Tvl = new Dictionary<string, string> { ["stETH"] = (height * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    [Fact]
    public void A_long_history_is_sampled_evenly_in_bounded_memory_and_keeps_the_newest_point()
    {
        var feed = new Feed();
        for (var h = 1; h <= 20_000; h++)
        {
            feed.Publish([Item(h)]);
        }
        var all = feed.SampleTvl(10_000);
        Assert.InRange(all.Count, 2_000, 4_097);
        Assert.Equal(20_000, all[^1].Height);
        Assert.Equal("200000", all[^1].Tvl!["stETH"]);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Height < p.Second.Height));

        var sample = feed.SampleTvl(50);
        Assert.Equal(50, sample.Count);
        Assert.Equal(20_000, sample[^1].Height);

        var (total, page) = feed.Page(after: 19_990, limit: 5);
        Assert.Equal(20_000, total);
        Assert.Equal([19_991L, 19_992, 19_993, 19_994, 19_995], page.Select(i => i.Height));
        Assert.All(page, i => Assert.Null(i.Tvl));
    }

    [Fact]
    public async Task Replacing_the_history_after_a_revert_forgets_later_entries_and_their_tvl_and_tells_subscribers()
    {
        var feed = new Feed();
        using var stop = new CancellationTokenSource();
        var live = feed.Subscribe(stop.Token);
        feed.Publish([Item(1), Item(2), Item(3)]);
        feed.Replace([Item(1)], new FeedItem(1, 1, "reset", null, null, null, "[]"));
        Assert.Equal(1, feed.Page(0, 10).Total);
        Assert.Equal([1L], feed.SampleTvl(10).Select(i => i.Height));
        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add((await live.ReadAsync()).Kind);
        }
        Assert.Equal(["mine", "mine", "mine", "reset"], seen);
    }

    [Fact]
    public void Pages_start_after_the_given_height_and_end_empty_past_the_newest()
    {
        var feed = new Feed();
        feed.Publish([.. Enumerable.Range(1, 10).Select(h => Item(h))]);
        Assert.Equal([1L, 2, 3], feed.Page(after: 0, limit: 3).Items.Select(i => i.Height));
        Assert.Equal([10L], feed.Page(after: 9, limit: 3).Items.Select(i => i.Height));
        Assert.Empty(feed.Page(after: 10, limit: 3).Items);
        Assert.Empty(feed.Page(after: 500, limit: 3).Items);
    }

    [Theory]
    [InlineData("mysql://root@localhost/restake")]
    [InlineData("redis:6379")]
    public void A_store_scheme_the_node_does_not_serve_is_refused_rather_than_taken_as_a_file_name(string db)
    {
        var e = Assert.Throws<ArgumentException>(() => Restake.Node.Store.LogStores.Open(db));
        Assert.Contains("sqlite:PATH", e.Message);
    }
}
