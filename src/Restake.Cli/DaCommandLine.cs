using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Restake.EigenDA.Chain;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Grpc;
using Restake.EigenDA.Network;

namespace Restake.Cli;

/// <summary><c>restake da</c>: a local EigenDA devnet of operator processes (<c>da demo</c>) and one operator (<c>da operator</c>).</summary>
internal static class DaCommandLine
{
    public static Command Build()
    {
        var da = new Command("da", "EigenDA on a local devnet: operator processes over gRPC, dispersal, retrieval, payments that become restakers' rewards.");
        da.Subcommands.Add(DemoCommand());
        da.Subcommands.Add(OperatorCommand());
        return da;
    }

    private static Command DemoCommand()
    {
        var file = new Option<string>("--file") { Description = "the payload to disperse", Required = true };
        var output = new Option<string>("--out") { Description = "where to write the retrieved payload", Required = true };
        var operators = new Option<int>("--operators") { Description = $"operator processes to start ({DevnetSession.MinOperators}..{Devnet.Params.MaxNumOperators})", DefaultValueFactory = _ => 8 };
        var fault = new Option<string[]>("--fault") { Description = $"make an operator faulty, e.g. op3=withhold ({OperatorFaults.Names}); repeatable", AllowMultipleArgumentsPerToken = true };
        var kill = new Option<string[]>("--kill") { Description = "operators to kill (SIGKILL) after dispersal, before retrieval, e.g. op2; repeatable", AllowMultipleArgumentsPerToken = true };
        var command = new Command("demo", "Start N operator processes on localhost, disperse a file (paid on demand), retrieve it, show who signed and the fees paid out as rewards.")
            { file, output, operators, fault, kill };
        command.SetAction(parsed => Demo(parsed.GetValue(file)!, parsed.GetValue(output)!, parsed.GetValue(operators), parsed.GetValue(fault) ?? [], parsed.GetValue(kill) ?? []));
        return command;
    }

    private static Command OperatorCommand()
    {
        var name = new Option<string>("--name") { Description = "the operator's name (its devnet BLS key is derived from it)", Required = true };
        var port = new Option<int>("--port") { Description = "localhost port (0: a free one)", DefaultValueFactory = _ => 0 };
        var fault = new Option<string>("--fault") { Description = OperatorFaults.Names, DefaultValueFactory = _ => "honest" };
        var parent = new Option<int?>("--parent") { Description = "exit when the process with this id exits" };
        var command = new Command("operator", "Run one EigenDA operator node (gRPC on localhost): verifies and stores its chunks, signs batch headers, serves chunks.")
            { name, port, fault, parent };
        command.SetAction(parsed => Operator(parsed.GetValue(name)!, parsed.GetValue(port), parsed.GetValue(fault)!, parsed.GetValue(parent)));
        return command;
    }

    private static int Operator(string name, int port, string faultText, int? parent)
    {
        if (!OperatorFaults.TryParse(faultText, out var fault))
        {
            Console.Error.WriteLine($"restake da operator: unknown fault '{faultText}' (use {OperatorFaults.Names})");
            return 2;
        }
        if (port is < 0 or > 65535)
        {
            Console.Error.WriteLine($"restake da operator: port {port} is not 0..65535");
            return 2;
        }
        var p = Devnet.Params;
        var node = new DaOperator(name, Devnet.KeyOf(name), new Dictionary<byte, BigInteger>(), fault);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        if (parent is { } pid)
        {
            // Orphaned devnet nodes would linger: follow the parent.
            _ = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (!IsAlive(pid))
                    {
                        await stop.CancelAsync();
                        return;
                    }
                    await Task.Delay(500);
                }
            });
        }
        try
        {
            var host = OperatorHost.StartAsync(node, new BlobEncoder(Devnet.OperatorSrs(p)), p, port, line => Console.Error.WriteLine($"{name}: {line}")).GetAwaiter().GetResult();
            Console.Out.WriteLine($"{OperatorProcess.ReadyLine}{host.Address}");
            Console.Out.Flush();
            try
            {
                host.WaitForShutdownAsync(stop.Token).GetAwaiter().GetResult();
            }
            finally
            {
                host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return 0;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"restake da operator: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return 1;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int Demo(string file, string output, int operators, string[] faultArgs, string[] kills)
    {
        const string Me = "restake da demo";
        byte[] payload;
        var faults = new Dictionary<string, OperatorFault>(StringComparer.Ordinal);
        try
        {
            DevnetSession.CheckOperatorCount(operators);
            if (!File.Exists(file))
            {
                return Fail(Me, $"no file '{file}'");
            }
            payload = File.ReadAllBytes(file);
            if (payload.Length > Devnet.MaxPayloadBytes)
            {
                return Fail(Me, $"'{file}' is {payload.Length} bytes; a devnet blob carries at most {Devnet.MaxPayloadBytes} bytes");
            }
            var names = Enumerable.Range(1, operators).Select(DevnetChain.OperatorName).ToHashSet(StringComparer.Ordinal);
            foreach (var f in faultArgs)
            {
                var parts = f.Split('=', 2);
                if (parts.Length != 2 || !names.Contains(parts[0]) || !OperatorFaults.TryParse(parts[1], out var kind))
                {
                    return Fail(Me, $"--fault '{f}': write OPERATOR=FAULT with an operator op1..op{operators} and a fault of {OperatorFaults.Names}");
                }
                faults[parts[0]] = kind;
            }
            if (kills.FirstOrDefault(k => !names.Contains(k)) is { } bad)
            {
                return Fail(Me, $"--kill '{bad}': no operator of that name (op1..op{operators})");
            }
            var dir = Path.GetDirectoryName(Path.GetFullPath(output));
            if (dir is not null && !Directory.Exists(dir))
            {
                return Fail(Me, $"--out: no folder '{dir}'");
            }
        }
        catch (DaException e)
        {
            return Fail(Me, e.Message);
        }
        catch (IOException e)
        {
            return Fail(Me, $"cannot read '{file}': {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(Me, $"cannot read '{file}': {e.Message}");
        }

        DevnetSession? session = null;
        ConsoleCancelEventHandler onCancel = (_, _) => session?.Dispose();
        Console.CancelKeyPress += onCancel;
        try
        {
            var p = Devnet.Params;
            Console.Out.WriteLine($"EigenDA devnet: {operators} operator processes on localhost; c = {p.NumChunks} chunks, coding rate 1/{p.CodingRate}, confirmation {p.ConfirmationThresholdPercent} %, adversary {p.AdversaryThresholdPercent} %; SRS: INSECURE local setup (devnet only)");
            var watch = Stopwatch.StartNew();
            session = DevnetSession.StartAsync(operators, OperatorProcess.Self(), faults).GetAwaiter().GetResult();
            Console.Out.WriteLine($"  {operators} operators listening after {watch.Elapsed.TotalSeconds:F1} s");
            foreach (var proc in session.Processes)
            {
                var note = faults.TryGetValue(proc.Name, out var f) ? $"  fault: {OperatorFaults.Name(f)}" : "";
                Console.Out.WriteLine($"  {proc.Name,-5} pid {proc.ProcessId,-7} {proc.Address}{note}");
            }

            var chain = session.Chain;
            var avs = chain.Avs;
            // The rollup pays on demand: a deposit into the vault, then a cumulative payment marks each blob on-demand.
            chain.WarpTo(DevnetChain.Genesis + DevnetChain.Day + 3600);
            var blobSymbols = PayloadCodec.ToBlob(payload).Length;
            var fee = avs.Payments.Parameters.BilledSymbols(blobSymbols) * avs.Payments.Parameters.PricePerSymbol;
            avs.DepositOnDemand(DevnetChain.Rollup, fee * 10);
            watch.Restart();
            var d = session.Disperse(payload, new PaymentHeader(DevnetChain.Rollup, chain.Engine.State.Time, fee));
            var disperseSeconds = watch.Elapsed.TotalSeconds;
            var cert = d.Certificate;
            Console.Out.WriteLine();
            Console.Out.WriteLine($"dispersed {file}: {payload.Length} bytes → blob of {cert.Blob.Commitment.Length} symbols, commitment 0x{Convert.ToHexStringLower(EigenDA.Crypto.G1.ToBytes(cert.Blob.Commitment.Commitment))[..16]}…, in {disperseSeconds:F2} s");
            Console.Out.WriteLine($"paid: on demand by {DevnetChain.Rollup}, {d.Charge.Symbols} symbols × {avs.Payments.Parameters.PricePerSymbol} wei = {Eth(d.Charge.Fee)} {avs.PaymentToken}");
            PrintSigners(d, session);
            Console.Out.WriteLine($"certificate: {d.Status} (signed {Eth(cert.SignedStake)} of {Eth(cert.TotalStake)} quorum-0 stake = {Percent(cert.SignedStake, cert.TotalStake)} ≥ {p.ConfirmationThresholdPercent} %)");

            foreach (var k in kills)
            {
                session.Kill(k);
                Console.Out.WriteLine($"killed {k}");
            }
            watch.Restart();
            var got = session.Retrieve(cert);
            File.WriteAllBytes(output, got.Payload);
            var identical = got.Payload.AsSpan().SequenceEqual(payload);
            Console.Out.WriteLine($"retrieved into {output}: {got.Payload.Length} bytes in {watch.Elapsed.TotalSeconds:F2} s, {(identical ? "byte-identical" : "DIFFERENT")}; {got.RejectedChunks} chunks failed their proofs and were dropped");

            var settled = chain.SettleDay();
            Console.Out.WriteLine();
            if (settled is null)
            {
                Console.Out.WriteLine("rewards: nothing to pay");
            }
            else
            {
                Console.Out.WriteLine($"rewards: {avs.Name} paid the day's fees as operator-set rewards '{settled.SubmissionId}' on set {avs.Name}/0; root {settled.RootIndex} posted and active");
                Console.Out.WriteLine($"  {"operator",-8} {"directed",22} {"operator earns",22} {"its restaker earns",22}");
                foreach (var (op, amount) in settled.Amounts)
                {
                    var staker = DevnetChain.StakerOf(op);
                    Console.Out.WriteLine($"  {op,-8} {Eth(amount),22} {Eth(settled.Distribution.EarnedBy(op, avs.PaymentToken)),22} {Eth(settled.Distribution.EarnedBy(staker, avs.PaymentToken)),22}");
                }
                var first = settled.Amounts[0].Operator;
                var claimed = chain.Claim(settled, DevnetChain.StakerOf(first));
                Console.Out.WriteLine($"  {DevnetChain.StakerOf(first)} claimed {Eth(claimed)} {avs.PaymentToken} with a Merkle proof against root {settled.RootIndex}");
            }
            return identical ? 0 : 1;
        }
        catch (DaException e)
        {
            return Fail(Me, e.Message, 1);
        }
        catch (EncodingException e)
        {
            return Fail(Me, e.Message, 1);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            session?.Dispose();
        }
    }

    private static void PrintSigners(DevnetSession.Dispersal d, DevnetSession session)
    {
        var cert = d.Certificate;
        var total0 = d.Registry.Aggregate(BigInteger.Zero, (a, o) => a + o.StakeIn(0));
        var total1 = d.Registry.Aggregate(BigInteger.Zero, (a, o) => a + o.StakeIn(1));
        var assignment = Assignment.ForQuorum(d.Registry, cert.Blob.Quorum, session.Parameters);
        Console.Out.WriteLine($"  {"operator",-8} {"signed",-7} {"chunks",6} {"quorum 0 (stETH)",18} {"quorum 1 (EIGEN)",18}  note");
        foreach (var o in d.Registry.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            var signed = cert.Signers.Contains(o.Id);
            var note = signed ? "" : session.Nodes.First(n => n.Registration.Name == o.Name).LastRefusal ?? "no signature";
            Console.Out.WriteLine($"  {o.Name,-8} {(signed ? "yes" : "no"),-7} {assignment[o.Id].Count,6} {Percent(o.StakeIn(0), total0),18} {Percent(o.StakeIn(1), total1),18}  {note}");
        }
    }

    private static string Percent(BigInteger part, BigInteger total) =>
        total.IsZero ? "0 %" : ((double)(part * 10_000 / total) / 100).ToString("F2", CultureInfo.InvariantCulture) + " %";

    /// <summary>A base-unit amount of an 18-decimal token, exactly.</summary>
    private static string Eth(BigInteger wei)
    {
        var whole = BigInteger.DivRem(wei, BigInteger.Pow(10, 18), out var frac);
        return frac.IsZero ? whole.ToString(CultureInfo.InvariantCulture) : $"{whole}.{frac.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0')}";
    }

    private static int Fail(string who, string message, int code = 2)
    {
        Console.Error.WriteLine($"{who}: {message}");
        return code;
    }
}
