using System.Globalization;
using System.Text;

namespace Restake.Protocol.Rewards;

/// <summary>
/// A 20-byte account address. Scenario names that are not already "0x" + 40 hex digits get a stable
/// address: the last 20 bytes of keccak256("restake:" + name), as Ethereum derives addresses from keys.
/// </summary>
public readonly record struct Address(UInt128 High, uint Low) : IComparable<Address>
{
    public static Address Of(string name)
    {
        if (TryParse(name, out var parsed))
        {
            return parsed;
        }
        var hash = Keccak.Hash(Encoding.UTF8.GetBytes("restake:" + name));
        return FromBytes(hash.AsSpan(12, 20));
    }

    public static bool TryParse(string text, out Address address)
    {
        address = default;
        if (text.Length != 42 || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var bytes = new byte[20];
        for (var i = 0; i < 20; i++)
        {
            if (!byte.TryParse(text.AsSpan(2 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }
        address = FromBytes(bytes);
        return true;
    }

    public static Address FromBytes(ReadOnlySpan<byte> bytes)
    {
        UInt128 high = 0;
        for (var i = 0; i < 16; i++)
        {
            high = (high << 8) | bytes[i];
        }
        var low = ((uint)bytes[16] << 24) | ((uint)bytes[17] << 16) | ((uint)bytes[18] << 8) | bytes[19];
        return new Address(high, low);
    }

    public void Write(Span<byte> destination)
    {
        for (var i = 0; i < 16; i++)
        {
            destination[i] = (byte)(High >> (8 * (15 - i)));
        }
        destination[16] = (byte)(Low >> 24);
        destination[17] = (byte)(Low >> 16);
        destination[18] = (byte)(Low >> 8);
        destination[19] = (byte)Low;
    }

    public static bool operator <(Address a, Address b) => a.CompareTo(b) < 0;
    public static bool operator >(Address a, Address b) => a.CompareTo(b) > 0;
    public static bool operator <=(Address a, Address b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Address a, Address b) => a.CompareTo(b) >= 0;

    public int CompareTo(Address other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[20];
        Write(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }
}
