namespace Restake.Protocol;

/// <summary>
/// A rejected command: <see cref="Name"/> is the reference contracts' custom error where one exists
/// (NewSharesZero, WithdrawalDelayNotElapsed, ...), <see cref="Message"/> says why in words.
/// </summary>
public sealed record ProtocolError(string Name, string Message)
{
    public override string ToString() => $"{Name}: {Message}";
}

/// <summary>Thrown inside a handler to reject a command; the engine turns it into a <see cref="ProtocolError"/> before any state changes.</summary>
public sealed class RevertException(ProtocolError error) : Exception(error.ToString())
{
    public ProtocolError Error { get; } = error;
}

internal static class Revert
{
    public static RevertException With(string name, string message) => new(new ProtocolError(name, message));

    public static void If(bool condition, string name, string message)
    {
        if (condition)
        {
            throw With(name, message);
        }
    }
}
