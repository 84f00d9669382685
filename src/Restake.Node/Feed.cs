using System.Threading.Channels;

namespace Restake.Node;

/// <summary>One log entry as the API shows it: what was done, by whom, and the events it emitted (a JSON array).</summary>
public sealed record FeedItem(long Height, long Block, string Kind, string? From, string? Verb, string? TxHash, string Events)
{
    /// <summary>Unix time of the block after the entry.</summary>
    public long Time { get; init; }

    /// <summary>Each strategy's balance (base units) after the entry: the TVL history the dashboard charts.</summary>
    public IReadOnlyDictionary<string, string> Tvl { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The log's entries for queries (kept in memory: a devnet's history), and live subscribers for the
/// event stream. A subscriber that falls behind loses its oldest unread items rather than slowing the node.
/// </summary>
public sealed class Feed
{
    private readonly List<FeedItem> _items = [];
    private readonly List<Channel<FeedItem>> _subscribers = [];
    private readonly Lock _gate = new();

    public void Publish(IReadOnlyList<FeedItem> items)
    {
        lock (_gate)
        {
            _items.AddRange(items);
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
            _items.AddRange(items);
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(reset);
            }
        }
    }

    /// <summary>Forgets entries above <paramref name="height"/> (after a revert or a load).</summary>
    public void TruncateAfter(long height)
    {
        lock (_gate)
        {
            var keep = _items.FindIndex(i => i.Height > height);
            if (keep >= 0)
            {
                _items.RemoveRange(keep, _items.Count - keep);
            }
        }
    }

    public (long Total, IReadOnlyList<FeedItem> Items) Page(long after, int limit)
    {
        lock (_gate)
        {
            var start = _items.FindIndex(i => i.Height > after);
            return (_items.Count, start < 0 ? [] : _items.GetRange(start, Math.Min(limit, _items.Count - start)));
        }
    }

    /// <summary>At most <paramref name="points"/> entries spread evenly over the history, always with the newest.</summary>
    public IReadOnlyList<FeedItem> Sample(int points)
    {
        lock (_gate)
        {
            if (_items.Count <= points)
            {
                return [.. _items];
            }
            var step = (double)(_items.Count - 1) / (points - 1);
            return Enumerable.Range(0, points).Select(i => _items[(int)Math.Round(i * step)]).ToList();
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
