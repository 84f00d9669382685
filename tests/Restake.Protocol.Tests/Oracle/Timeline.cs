namespace Restake.Protocol.Tests.Oracle;

/// <summary>A value's changes over time; a snapshot of day D reads the last change before D 00:00 UTC.</summary>
internal sealed class Timeline<T>
{
    private readonly List<long> _times = [];
    private readonly List<T> _values = [];
    private readonly T _initial;

    public Timeline(T initial) => _initial = initial;

    public T Current => _values.Count == 0 ? _initial : _values[^1];

    public void Set(long time, T value)
    {
        if (_times.Count > 0 && _times[^1] == time)
        {
            _values[^1] = value;
            return;
        }
        _times.Add(time);
        _values.Add(value);
    }

    /// <summary>The value after every change strictly before <paramref name="time"/>.</summary>
    public T Before(long time)
    {
        var i = _times.BinarySearch(time);
        var count = i >= 0 ? i : ~i;
        return count == 0 ? _initial : _values[count - 1];
    }
}
