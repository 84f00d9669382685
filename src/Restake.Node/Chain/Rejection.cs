namespace Restake.Node.Chain;

/// <summary>
/// Why the node refused something: an HTTP status, a stable error name (the engine's custom error
/// where the engine refused it) and one line for a person. A rejection never changes state.
/// </summary>
public sealed class RejectedException(int status, string error, string detail) : Exception($"{error}: {detail}")
{
    public int Status { get; } = status;
    public string Error { get; } = error;
    public string Detail { get; } = detail;

    public static RejectedException BadRequest(string error, string detail) => new(400, error, detail);
    public static RejectedException Forbidden(string detail) => new(403, "UnauthorizedCaller", detail);

    /// <summary>The engine's caller checks (the reference contracts' names for "this signer may not do that").</summary>
    private static readonly HashSet<string> CallerErrors = new(StringComparer.Ordinal)
    {
        "UnauthorizedCaller", "InvalidCaller", "InvalidPermissions", "CallerCannotUndelegate", "WithdrawerNotCaller",
        "OnlyAggregator", "OnlyTaskGenerator",
    };

    /// <summary>The engine refused: 403 when the signer may not act for that account or set, else 422 (the state forbids it).</summary>
    public static RejectedException Reverted(string error, string detail) => new(CallerErrors.Contains(error) ? 403 : 422, error, detail);
}
