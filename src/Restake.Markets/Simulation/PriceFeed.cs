using Restake.Primitives;

namespace Restake.Markets.Simulation;

/// <summary>
/// An oracle as lending markets read one: it publishes a source price (a pool's spot, or a fundamental rate) the way
/// Chainlink-style feeds do, when the price has moved more than <see cref="DeviationBps"/> since the last answer or
/// <see cref="HeartbeatSeconds"/> have passed, and only <see cref="LagSeconds"/> after the source moved (the round
/// trip of a feed). A consumer refuses an answer older than its maximum age (<c>StalePrice</c>).
/// </summary>
public sealed class PriceFeed(string name, UInt256 initial, ulong deviationBps, long heartbeatSeconds, long lagSeconds = 0, long startTime = 0)
{
    private readonly Queue<(long Time, UInt256 Price)> _pending = new();

    public string Name { get; } = name;
    public ulong DeviationBps { get; } = deviationBps;
    public long HeartbeatSeconds { get; } = heartbeatSeconds;
    public long LagSeconds { get; } = lagSeconds;
    public UInt256 Answer { get; private set; } = initial;
    public long UpdatedAt { get; private set; } = startTime;
    public int Updates { get; private set; }

    /// <summary>The source shows <paramref name="source"/> at <paramref name="now"/>; the feed publishes it after the lag if the rules say so.</summary>
    public void Observe(long now, UInt256 source)
    {
        _pending.Enqueue((now, source));
        while (_pending.Count > 0 && _pending.Peek().Time + LagSeconds <= now)
        {
            var (_, price) = _pending.Dequeue();
            var moved = price > Answer ? price - Answer : Answer - price;
            if (moved * 10_000UL > Answer * DeviationBps || now - UpdatedAt >= HeartbeatSeconds)
            {
                Answer = price;
                UpdatedAt = now;
                Updates++;
            }
        }
    }

    /// <summary>The answer, refused when older than <paramref name="maxAgeSeconds"/>.</summary>
    public UInt256 Read(long now, long maxAgeSeconds)
    {
        MarketRevert.If(now - UpdatedAt > maxAgeSeconds, "StalePrice", $"{Name} last updated {now - UpdatedAt} s ago, more than {maxAgeSeconds} s");
        return Answer;
    }
}
