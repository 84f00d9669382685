using Restake.Scenarios;

namespace Restake.Cli;

/// <summary>
/// How every command reads the file it is given: a missing, unreadable or malformed file is one line on standard
/// error (naming the file, and the line where the parser stopped) and exit status 2, never a stack trace.
/// </summary>
internal static class InputFile
{
    public static bool TryRead<T>(string command, string path, Func<string, T> parse, out T value) where T : class
    {
        value = null!;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{command}: no such file '{path}'");
            return false;
        }
        try
        {
            value = parse(File.ReadAllText(path));
            return true;
        }
        catch (ScenarioFileException e)
        {
            Console.Error.WriteLine($"{command}: {e.Describe(path)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{command}: cannot read '{path}': {e.Message}");
        }
        return false;
    }
}
