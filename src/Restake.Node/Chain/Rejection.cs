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
}
