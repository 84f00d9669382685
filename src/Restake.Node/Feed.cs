using System.Threading.Channels;

namespace Restake.Node;

/// <summary>One log entry as the API shows it: what was done, by whom, and the events it emitted (a JSON array).</summary>
public sealed record FeedItem(long Height, long Block, string Kind, string? From, string? Verb, string? TxHash, string Events)
{
    /// <summary>Unix time of the block after the entry.</summary>
    public long Time { get; init; }

    /// <summary>Each strategy's balance (base units) after the entry: the TVL history the dashboard charts (not kept per item).</summary>
    public IReadOnlyDictionary<string, string>? Tvl { get; init; }
}

/// <summary>
/// The log's entries for queries (kept in memory: a devnet's history), and live subscribers for the
/// event stream. A subscriber that falls behind loses its oldest unread items rather than slowing the node.
/// </summary>
public sealed class Feed
{
    private readonly List<FeedItem> _items = [];
    private readonly TvlHistory _tvl = new();
    private readonly List<Channel<FeedItem>> _subscribers = [];
    private readonly Lock _gate = new();

    public void Publish(IReadOnlyList<FeedItem> items)
    {
        lock (_gate)
        {
            Keep(items);
            foreach (var s in _subscribers)
            {
                foreach (var item in items)
                {
                    s.Writer.TryWrite(item);
                }
            }
        }
    }

    /// <summary>
    /// Replaces the whole history (after a revert, a load or a rebuild). Subscribers get the one
    /// <paramref name="reset"/> notice (kind "reset", the new height), not the history again as new entries.
    /// </summary>
    public void Replace(IReadOnlyList<FeedItem> items, FeedItem reset)
    {
        lock (_gate)
        {
            _items.Clear();
            _tvl.Clear();
            Keep(items);
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(reset with { Tvl = null });
            }
        }
    }

    private void Keep(IReadOnlyList<FeedItem> items)
    {
        foreach (var item in items)
        {
            if (item.Tvl is { } tvl)
            {
                _tvl.Add(item, tvl);
            }
            _items.Add(item with { Tvl = null });
        }
    }

    public (long Total, IReadOnlyList<FeedItem> Items) Page(long after, int limit)
    {
        lock (_gate)
        {
            // Heights rise through the list, so the first one after `after` is a binary search away, not a scan.
            int low = 0, high = _items.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                (low, high) = _items[mid].Height > after ? (low, mid) : (mid + 1, high);
            }
            return (_items.Count, _items.GetRange(low, Math.Min(limit, _items.Count - low)));
        }
    }

    /// <summary>At most <paramref name="points"/> TVL samples spread evenly over the history, always with the newest.</summary>
    public IReadOnlyList<FeedItem> SampleTvl(int points)
    {
        lock (_gate)
        {
            return _tvl.Sample(points);
        }
    }

    public ChannelReader<FeedItem> Subscribe(CancellationToken stop)
    {
        var channel = Channel.CreateBounded<FeedItem>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }
        stop.Register(() =>
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }
}

/// <summary>
/// TVL after entries, in bounded memory: when full, every other point is dropped and from then on
/// only every second entry is kept (and so on), so a long log keeps an even sample of its history.
/// </summary>
internal sealed class TvlHistory
{
    private const int Capacity = 4_096;
    private readonly List<FeedItem> _points = [];
    private FeedItem? _newest;
    private long _stride = 1;

    public void Add(FeedItem item, IReadOnlyDictionary<string, string> tvl)
    {
        var point = item with { Events = "", Tvl = tvl };
        _newest = point;
        if (point.Height % _stride != 0)
        {
            return;
        }
        _points.Add(point);
        if (_points.Count >= Capacity)
        {
            var kept = _points.Where((_, i) => i % 2 == 1).ToList();
            _points.Clear();
            _points.AddRange(kept);
            _stride *= 2;
        }
    }

    public void Clear()
    {
        _points.Clear();
        _newest = null;
        _stride = 1;
    }

    public IReadOnlyList<FeedItem> Sample(int points)
    {
        var all = _newest is { } n && (_points.Count == 0 || _points[^1].Height != n.Height) ? [.. _points, n] : _points;
        if (all.Count <= points)
        {
            return [.. all];
        }
        var step = (double)(all.Count - 1) / (points - 1);
        return Enumerable.Range(0, points).Select(i => all[(int)Math.Round(i * step)]).ToList();
    }
}
