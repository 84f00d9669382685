using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests;

/// <summary>Amount helpers and the rejection check every bound test uses.</summary>
internal static class U
{
    public static readonly UInt256 E = Wad.Unit;

    /// <summary>Whole ether times a numerator over a denominator, exactly.</summary>
    public static UInt256 Eth(ulong whole, ulong num = 0, ulong den = 1) => E * whole + E * num / den;

    public static UInt256 W(string digits) => UInt256.Parse(digits);

    /// <summary>Asserts the action fails with <paramref name="name"/> and that <paramref name="describe"/> is unchanged.</summary>
    public static void Rejects(string name, Func<string> describe, Action action)
    {
        var before = describe();
        var ex = Assert.Throws<RevertException>(action);
        Assert.Equal(name, ex.Error.Name);
        Assert.Equal(before, describe());
    }
}
