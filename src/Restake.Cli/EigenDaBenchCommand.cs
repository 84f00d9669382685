using Restake.EigenDA.Encoding;

namespace Restake.Cli;

/// <summary><c>restake bench eigenda</c>: the encoder's figures, one JSON line per blob size (see docs/bench.md).</summary>
internal static class EigenDaBenchCommand
{
    public static int Execute(string sizes, string proofsUpTo, bool quick)
    {
        try
        {
            var list = quick ? [128 * 1024] : sizes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(EncodingFigures.ParseSize).ToList();
            int proofs = EncodingFigures.ParseSize(proofsUpTo);
            foreach (var line in EncodingFigures.Measure(list, proofs, repeats: quick ? 1 : 3))
            {
                Console.Out.WriteLine(line);
            }
            return 0;
        }
        catch (EncodingException e)
        {
            Console.Error.WriteLine($"restake bench eigenda: {e.Message}");
            return 2;
        }
    }
}
