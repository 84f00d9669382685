using Restake.Protocol;

namespace Restake.Babylon;

/// <summary>Babylon's rejections are <see cref="ProtocolError"/>s named after upstream's errors (btcstaking/errors.go, x/finality, x/btccheckpoint).</summary>
public static class Errors
{
    public static ProtocolError Of(string code, string message) => new(code, message);
}
