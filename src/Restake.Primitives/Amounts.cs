namespace Restake.Primitives;

/// <summary>
/// Exact parsing and formatting of amounts written as text: "12.5" whole units scaled by a number
/// of decimals, or a raw integer with a unit suffix ("5 wei", "3 gwei", "25 wad"). Never goes
/// through floating point.
/// </summary>
public static class Amounts
{
    public const int EthDecimals = 18;
    public const ulong GweiPerEth = 1_000_000_000UL;
    public static readonly UInt256 WeiPerGwei = 1_000_000_000UL;
    private const int MaxLength = 100;

    /// <summary>A token amount or shares: "12.5" (scaled by <paramref name="decimals"/>) or "N wei" (base units).</summary>
    public static bool TryParseToken(string? text, int decimals, out UInt256 value, out string error) =>
        TryParse(text, decimals, allowGwei: false, rawUnit: "wei", out value, out error);

    /// <summary>Native ETH: "32" ETH, "32000000000 gwei" or "... wei"; the result is in wei.</summary>
    public static bool TryParseEth(string? text, out UInt256 wei, out string error) =>
        TryParse(text, EthDecimals, allowGwei: true, rawUnit: "wei", out wei, out error);

    /// <summary>A fraction: "0.25" or "250000000000000000 wad"; the result is WAD-scaled.</summary>
    public static bool TryParseFraction(string? text, out UInt256 wad, out string error) =>
        TryParse(text, EthDecimals, allowGwei: false, rawUnit: "wad", out wad, out error);

    private static bool TryParse(string? text, int decimals, bool allowGwei, string rawUnit, out UInt256 value, out string error)
    {
        value = UInt256.Zero;
        if (text is null)
        {
            error = "amount is missing";
            return false;
        }
        var s = text.Trim();
        if (s.Length == 0)
        {
            error = "amount is empty";
            return false;
        }
        if (s.Length > MaxLength)
        {
            error = $"amount is too long ({s.Length} characters)";
            return false;
        }
        if (s[0] == '-')
        {
            error = $"amount '{s}' is negative";
            return false;
        }
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        if (space >= 0)
        {
            var number = s[..space];
            var unit = s[(space + 1)..].Trim();
            if (!UInt256.TryParse(number, out var raw))
            {
                error = $"'{s}': a raw amount must be a whole number of {unit}";
                return false;
            }
            if (unit == rawUnit)
            {
                value = raw;
            }
            else if (allowGwei && unit == "gwei")
            {
                try
                {
                    value = raw * WeiPerGwei;
                }
                catch (OverflowException)
                {
                    error = $"amount '{s}' is too large";
                    return false;
                }
            }
            else
            {
                var allowed = allowGwei ? $"'{rawUnit}' or 'gwei'" : $"'{rawUnit}'";
                error = $"'{s}': unknown unit '{unit}' (use {allowed})";
                return false;
            }
            error = "";
            return true;
        }
        return TryParseDecimal(s, decimals, out value, out error);
    }

    /// <summary>"12.5" with <paramref name="decimals"/> decimals → 12.5 × 10^decimals, exactly.</summary>
    public static bool TryParseDecimal(string s, int decimals, out UInt256 value, out string error)
    {
        value = UInt256.Zero;
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (dot >= 0 && fraction.Length == 0))
        {
            error = $"'{s}' is not a number (write digits, e.g. \"12.5\", or a raw amount such as \"5 wei\")";
            return false;
        }
        if (fraction.Length > decimals)
        {
            error = $"'{s}' has {fraction.Length} decimals, more than the {decimals} this amount allows";
            return false;
        }
        var digits = (whole.Length == 0 ? "0" : whole) + fraction.PadRight(decimals, '0');
        digits = digits.TrimStart('0');
        if (digits.Length == 0)
        {
            error = "";
            return true;
        }
        if (!UInt256.TryParse(digits, out value))
        {
            error = $"amount '{s}' is too large";
            return false;
        }
        error = "";
        return true;
    }

    /// <summary>Formats base units as a decimal number of whole units, without trailing zeros ("12.5").</summary>
    public static string Format(UInt256 value, int decimals)
    {
        var digits = value.ToString();
        if (decimals == 0)
        {
            return digits;
        }
        digits = digits.PadLeft(decimals + 1, '0');
        var whole = digits[..^decimals];
        var fraction = digits[^decimals..].TrimEnd('0');
        return fraction.Length == 0 ? whole : $"{whole}.{fraction}";
    }
}
