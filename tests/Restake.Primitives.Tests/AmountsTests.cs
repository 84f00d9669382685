using Restake.Primitives;

namespace Restake.Primitives.Tests;

public class AmountsTests
{
    [Theory]
    [InlineData("12.5", 18, "12500000000000000000")]
    [InlineData("0.000001", 6, "1")]
    [InlineData("100", 6, "100000000")]
    [InlineData(".5", 18, "500000000000000000")]
    [InlineData("12500000000000000000 wei", 18, "12500000000000000000")]
    [InlineData("7 wei", 6, "7")]
    [InlineData("0", 18, "0")]
    public void token_amounts_parse_exactly(string text, int decimals, string baseUnits)
    {
        Assert.True(Amounts.TryParseToken(text, decimals, out var value, out var error), error);
        Assert.Equal(baseUnits, value.ToString());
    }

    [Theory]
    [InlineData("32", "32000000000000000000")]
    [InlineData("32000000000 gwei", "32000000000000000000")]
    [InlineData("5 wei", "5")]
    public void eth_amounts_accept_gwei(string text, string wei)
    {
        Assert.True(Amounts.TryParseEth(text, out var value, out var error), error);
        Assert.Equal(wei, value.ToString());
    }

    [Theory]
    [InlineData("0.25", "250000000000000000")]
    [InlineData("1", "1000000000000000000")]
    [InlineData("250000000000000000 wad", "250000000000000000")]
    public void fractions_are_wad_scaled(string text, string wad)
    {
        Assert.True(Amounts.TryParseFraction(text, out var value, out var error), error);
        Assert.Equal(wad, value.ToString());
    }

    [Theory]
    [InlineData("-5", "negative")]
    [InlineData("1.2345678", "decimals")]
    [InlineData("1e18", "not a number")]
    [InlineData("12.", "not a number")]
    [InlineData("5 gwei", "unknown unit")]
    [InlineData("abc wei", "whole number")]
    [InlineData("", "empty")]
    public void malformed_amounts_say_why(string text, string reason)
    {
        Assert.False(Amounts.TryParseToken(text, 6, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void overlong_amounts_are_refused_without_parsing()
    {
        Assert.False(Amounts.TryParseToken(new string('9', 10_000), 18, out _, out var error));
        Assert.Contains("too long", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12500000000000000000", 18, "12.5")]
    [InlineData("1", 18, "0.000000000000000001")]
    [InlineData("100000000", 6, "100")]
    public void format_drops_trailing_zeros(string baseUnits, int decimals, string text) =>
        Assert.Equal(text, Amounts.Format(UInt256.Parse(baseUnits), decimals));

    [Theory]
    [InlineData("3600s", 3600)]
    [InlineData("90m", 5400)]
    [InlineData("12h", 43200)]
    [InlineData("7d", 604800)]
    public void durations_parse(string text, long seconds)
    {
        Assert.True(Durations.TryParseSeconds(text, out var s, out _));
        Assert.Equal(seconds, s);
    }
}
