using Restake.Protocol;

namespace Restake.Markets;

/// <summary>
/// Rejections in the engine's shape: a <see cref="RevertException"/> carrying a <see cref="ProtocolError"/> named after the
/// upstream error. Every public method validates before it writes, so a rejection changes nothing.
/// </summary>
internal static class MarketRevert
{
    public static void If(bool condition, string name, string message)
    {
        if (condition)
        {
            throw new RevertException(new ProtocolError(name, message));
        }
    }
}
