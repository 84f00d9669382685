
namespace Restake.EigenDA.Network;

/// <summary>Fault names as users type them: honest, withhold, bad-chunks, wrong-header (case and dashes ignored).</summary>
public static class OperatorFaults
{
    public static bool TryParse(string text, out OperatorFault fault) =>
        Enum.TryParse(text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out fault)
        && Enum.IsDefined(fault) && !text.All(char.IsDigit);

    public static string Names => "honest, withhold, bad-chunks, wrong-header";

    /// <summary>The name users type for a fault.</summary>
    public static string Name(OperatorFault fault) => fault switch
    {
        OperatorFault.BadChunks => "bad-chunks",
        OperatorFault.WrongHeader => "wrong-header",
        _ => fault.ToString().ToLowerInvariant(),
    };
}
