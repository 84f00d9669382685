namespace Restake.Cli.Client;

/// <summary>The exit statuses of the client commands, so scripts can tell a refusal from a typo from a dead node.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int Refused = 1;
    public const int BadInput = 2;
    public const int Unreachable = 3;
}

/// <summary>
/// Why a client command stops: one line for the user and the status to exit with. Thrown from deep
/// inside a command and caught only at its edge (<see cref="ClientCommand"/>), so every failure reads the same.
/// </summary>
internal sealed class ClientFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static ClientFailure BadInput(string message) => new(ExitCodes.BadInput, $"❌ {message}");

    public static ClientFailure Refused(string message) => new(ExitCodes.Refused, $"❌ {message}");
}
