namespace Restake.Primitives;

/// <summary>Durations written as "3600s", "90m", "12h" or "7d".</summary>
public static class Durations
{
    public static bool TryParseSeconds(string? text, out long seconds, out string error)
    {
        seconds = 0;
        var s = text?.Trim() ?? "";
        if (s.Length < 2 || s.Length > 20)
        {
            error = $"'{s}' is not a duration (write e.g. \"3600s\", \"90m\", \"12h\", \"7d\")";
            return false;
        }
        long unit = s[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        if (unit == 0 || !long.TryParse(s[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            error = $"'{s}' is not a duration (write e.g. \"3600s\", \"90m\", \"12h\", \"7d\")";
            return false;
        }
        if (count > long.MaxValue / unit)
        {
            error = $"duration '{s}' is too long";
            return false;
        }
        seconds = count * unit;
        error = "";
        return true;
    }

    public static string Format(long seconds) =>
        seconds % 86400 == 0 ? $"{seconds / 86400}d"
        : seconds % 3600 == 0 ? $"{seconds / 3600}h"
        : seconds % 60 == 0 ? $"{seconds / 60}m"
        : $"{seconds}s";
}
