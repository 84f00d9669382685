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

    /// <summary>Disperse-plus-attest latency over 4..16 operator processes (docs/bench.md); payloads 1 KiB, 31 KiB and the devnet's largest.</summary>
    public static int ExecuteNetwork(string counts, bool quick)
    {
        try
        {
            var ns = Restake.EigenDA.Grpc.NetworkFigures.ParseCounts(counts);
            int[] sizes = quick ? [1024] : [1024, 31 * 1024, Restake.EigenDA.Network.Devnet.MaxPayloadBytes];
            var lines = Restake.EigenDA.Grpc.NetworkFigures.MeasureAsync(ns, sizes, quick ? 1 : 5, Restake.EigenDA.Grpc.OperatorProcess.Self());
            var e = lines.GetAsyncEnumerator();
            try
            {
                while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    Console.Out.WriteLine(e.Current);
                }
            }
            finally
            {
                e.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return 0;
        }
        catch (Restake.EigenDA.Network.DaException e)
        {
            Console.Error.WriteLine($"restake bench eigenda: {e.Message}");
            return e.Error == Restake.EigenDA.Network.DaError.BadOperatorSet ? 2 : 1;
        }
    }
}
