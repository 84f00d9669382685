using Restake.Protocol;

namespace Restake.Lrt;

/// <summary>
/// Rejections for the LRT modules, in the engine's shape (<see cref="RevertException"/> carrying a
/// <see cref="ProtocolError"/> named after the upstream custom error), so the engine layer can turn
/// them into values. Every public method validates before it writes, so a rejection changes nothing.
/// </summary>
internal static class LrtRevert
{
    public static void If(bool condition, string name, string message)
    {
        if (condition)
        {
            throw new RevertException(new ProtocolError(name, message));
        }
    }

    public static RevertException With(string name, string message) => new(new ProtocolError(name, message));
}
