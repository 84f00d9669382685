using System.Runtime.CompilerServices;

namespace Restake.Protocol;

/// <summary>
/// A rejected command: <see cref="Name"/> is the reference contracts' custom error where one exists
/// (NewSharesZero, WithdrawalDelayNotElapsed, ...), <see cref="Message"/> says why in words.
/// </summary>
public sealed record ProtocolError(string Name, string Message)
{
    public override string ToString() => $"{Name}: {Message}";
}

/// <summary>
/// Carries a rejection out of a handler, which throws it before writing anything; the engine turns it
/// into a <see cref="ProtocolError"/> value. Rejections are rare, so the happy path pays nothing.
/// </summary>
public sealed class RevertException(ProtocolError error) : Exception(error.ToString())
{
    public ProtocolError Error { get; } = error;
}

internal static class Revert
{
    public static RevertException With(string name, string message) => new(new ProtocolError(name, message));

    /// <summary>Rejects when <paramref name="condition"/> holds; the message is only formatted then.</summary>
    public static void If(bool condition, string name, [InterpolatedStringHandlerArgument("condition")] ref Message message)
    {
        if (condition)
        {
            throw With(name, message.ToStringAndClear());
        }
    }

    public static void If(bool condition, string name, string message)
    {
        if (condition)
        {
            throw With(name, message);
        }
    }

    /// <summary>An interpolated message that costs nothing unless the check fails.</summary>
    [InterpolatedStringHandler]
    public ref struct Message
    {
        private DefaultInterpolatedStringHandler _inner;

        public Message(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
        {
            shouldAppend = condition;
            _inner = condition ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

        public string ToStringAndClear() => _inner.ToStringAndClear();
    }
}
