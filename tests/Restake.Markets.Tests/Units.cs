using Restake.Primitives;

namespace Restake.Markets.Tests;

internal static class Units
{
    public static UInt256 Eth(ulong whole) => (UInt256)whole * Wad.Unit;
    public static UInt256 U(string digits) => UInt256.Parse(digits);

    public static string Refusal(Action action)
    {
        var e = Assert.Throws<Protocol.RevertException>(action);
        return e.Error.Name;
    }
}
