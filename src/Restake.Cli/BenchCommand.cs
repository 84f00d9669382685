namespace Restake.Cli;

internal static class BenchCommand
{
    public static int Execute(bool quick)
    {
        foreach (var line in Restake.Workloads.HeadlineFigures.Measure(quick))
        {
            Console.Out.WriteLine(line);
        }
        return 0;
    }
}
