using System.Numerics;
using Restake.EigenDA.Chain;
using Restake.EigenDA.Grpc;
using Restake.EigenDA.Network;
using RestakeCli = Restake.Scenarios.Tests.Cli;

namespace Restake.EigenDA.Grpc.Tests;

/// <summary>
/// The devnet for real: 8 `restake da operator` processes on localhost, the disperser and retriever here, the chain
/// in process. Blobs are dispersed and paid for, two operators are killed, the blobs are still retrieved, the fees
/// become claimable rewards of the signing operators' restakers, and below the reconstruction threshold retrieval fails.
/// </summary>
public class EndToEndTests
{
    private static string RestakeDll => Path.Combine(AppContext.BaseDirectory, "restake.dll");

    private static byte[] Payload(int seed, int size)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }

    [Fact]
    public async Task eight_operator_processes_disperse_lose_two_and_still_retrieve_and_fees_reach_restakers()
    {
        using var session = await DevnetSession.StartAsync(8, OperatorProcess.Self(RestakeDll));
        var chain = session.Chain;
        chain.WarpTo(DevnetChain.Genesis + DevnetChain.Day + 3600);
        chain.Avs.DepositOnDemand(DevnetChain.Rollup, BigInteger.Pow(10, 15));
        var now = chain.Engine.State.Time;
        chain.Avs.Reserve(DevnetChain.Rollup, 10, now, now + 600, [0]);

        // Blobs of 2000, 3000 and 2500 bytes are all 128 symbols, so the disperser builds its FK20 tables once.
        var onDemand = session.Disperse(Payload(1, 2000), new PaymentHeader(DevnetChain.Rollup, now, 1));
        var reserved = session.Disperse(Payload(2, 3000), new PaymentHeader(DevnetChain.Rollup, now, 0));
        Assert.True(onDemand.Charge.OnDemand);
        Assert.False(reserved.Charge.OnDemand);
        foreach (var d in new[] { onDemand, reserved })
        {
            Assert.Equal(CertificateStatus.Valid, d.Status);
            Assert.Equal(8, d.Certificate.Signers.Count);
        }

        // Kill the two largest holders (op7, op8: 15 of 36 stake shares, 16 of the 64 chunks); the rest hold well over c·γ = 8.
        session.Kill("op7");
        session.Kill("op8");
        Assert.True(session.Processes.Single(p => p.Name == "op8").HasExited);
        Assert.Equal(Payload(1, 2000), session.Retrieve(onDemand.Certificate).Payload);
        Assert.Equal(Payload(2, 3000), session.Retrieve(reserved.Certificate).Payload);

        // A dispersal now: the dead operators cannot sign; 21 of 36 (58 %) still meets 55 %.
        var after = session.Disperse(Payload(3, 2500), new PaymentHeader(DevnetChain.Rollup, now, 1));
        Assert.Equal(6, after.Certificate.Signers.Count);
        Assert.Equal(Payload(3, 2500), session.Retrieve(after.Certificate).Payload);

        var settled = chain.SettleDay()!;
        var revenue = onDemand.Charge.Fee + after.Charge.Fee + chain.Avs.Payments.ReservationCost(10, now, now + 600);
        Assert.Equal(revenue, settled.Amounts.Aggregate(BigInteger.Zero, (a, x) => a + x.Amount));
        for (int i = 1; i <= 8; i++)
        {
            var staker = DevnetChain.StakerOf(DevnetChain.OperatorName(i));
            var earned = (BigInteger)settled.Distribution.EarnedBy(staker, DevnetChain.PaymentToken);
            Assert.True(earned > 0, $"{staker} earned nothing");
            Assert.Equal(earned, chain.Claim(settled, staker));
        }

        // Below the reconstruction threshold: only op1 and op2 are left, holding ⌈48·10/360⌉ + ⌈48·20/360⌉ = 2 + 3 chunks,
        // fewer than the c·γ = 8 a blob needs. Retrieval fails with the named error and the counts.
        foreach (var name in new[] { "op3", "op4", "op5", "op6" })
        {
            session.Kill(name);
        }
        var e = Assert.Throws<DaException>(() => session.Retrieve(onDemand.Certificate));
        Assert.Equal(DaError.NotEnoughChunks, e.Error);
        Assert.Contains("needs 8 distinct verified chunks; got 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void restake_da_demo_runs_the_devnet_end_to_end()
    {
        var dir = Directory.CreateTempSubdirectory("restake-da-");
        var input = Path.Combine(dir.FullName, "in.bin");
        var output = Path.Combine(dir.FullName, "out.bin");
        File.WriteAllBytes(input, Payload(5, 3000));
        var r = RestakeCli.Run("da", "demo", "--file", input, "--out", output, "--operators", "4", "--fault", "op1=withhold", "--kill", "op2");
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(output));
        Assert.Contains("certificate: Valid", r.Out, StringComparison.Ordinal);
        Assert.Contains("byte-identical", r.Out, StringComparison.Ordinal);
        Assert.Contains("withholding", r.Out, StringComparison.Ordinal);
        Assert.Contains("claimed", r.Out, StringComparison.Ordinal);
        Assert.Empty(r.Err);
    }

    [Theory]
    [InlineData("missing", "4", "no file")]
    [InlineData("small", "3", "4 to 16 operators")]
    [InlineData("large", "4", "at most 126945 bytes")]
    [InlineData("small", "4", "--fault 'op9=withhold'", "op9=withhold")]
    public void bad_demo_input_is_one_clear_line(string file, string operators, string expected, string? fault = null)
    {
        var dir = Directory.CreateTempSubdirectory("restake-da-");
        var path = Path.Combine(dir.FullName, file);
        if (file != "missing")
        {
            File.WriteAllBytes(path, new byte[file == "large" ? Devnet.MaxPayloadBytes + 1 : 10]);
        }
        string[] args = ["da", "demo", "--file", path, "--out", Path.Combine(dir.FullName, "out"), "--operators", operators];
        var r = RestakeCli.Run(fault is null ? args : [.. args, "--fault", fault]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir.FullName, "out")));
    }
}

public class OperatorCommandTests
{
    [Fact]
    public void an_unknown_fault_is_one_clear_line()
    {
        var r = RestakeCli.Run("da", "operator", "--name", "op1", "--fault", "sometimes");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("restake da operator: unknown fault 'sometimes' (use honest, withhold, bad-chunks, wrong-header)", r.Err.Trim());
    }
}
