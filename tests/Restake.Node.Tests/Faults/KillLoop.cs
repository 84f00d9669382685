namespace Restake.Node.Tests.Faults;

/// <summary>
/// Start the node, put it under signed load, SIGKILL it at a random moment, start it again on the
/// same store, check everything <see cref="LogCheck.AfterCrashAsync"/> promises; so many rounds.
/// </summary>
public static class KillLoop
{
    /// <summary>Acknowledgements to wait for in each round before the kill can come, so every kill lands in a busy node.</summary>
    public const int AcksBeforeKill = 15;

    /// <summary>One fresh node, signed load until <paramref name="acks"/> are acknowledged, then SIGKILL.</summary>
    public static async Task<SignedLoad> CrashUnderLoadAsync(string db, int acks)
    {
        var load = new SignedLoad();
        using var node = await NodeProcess.StartAsync(db, SignedLoad.Accounts);
        var chainId = await LogCheck.ChainIdAsync(node.Client);
        await load.SetUpAsync(node.Client, chainId, await SignedLoad.NoncesAsync(node.Client));
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(node.Client, chainId, await SignedLoad.NoncesAsync(node.Client), stop.Token);
        await load.WaitForAcksAsync(acks);
        node.Kill();
        await stop.CancelAsync();
        await running;
        return load;
    }

    public static async Task<(SignedLoad Load, Recovered Final)> RunAsync(string db, int rounds, int seed)
    {
        var random = new Random(seed);
        var load = new SignedLoad();
        Recovered? before = null;
        for (var round = 1; round <= rounds; round++)
        {
            var context = $"{db} round {round} (seed {seed})";
            using var node = await NodeProcess.StartAsync(db, SignedLoad.Accounts);
            before = await LogCheck.AfterCrashAsync(node.Client, load, before, context);
            var chainId = await LogCheck.ChainIdAsync(node.Client);
            var nonces = await SignedLoad.NoncesAsync(node.Client);
            await load.SetUpAsync(node.Client, chainId, nonces);
            nonces = await SignedLoad.NoncesAsync(node.Client);
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(node.Client, chainId, nonces, stop.Token);
            await load.WaitForAcksAsync(AcksBeforeKill);
            await Task.Delay(random.Next(0, 150));
            var stderr = await node.KillAndReadStderrAsync();
            await stop.CancelAsync();
            await running;
            Assert.True(stderr.Length == 0, $"{context}: the node wrote to stderr: {stderr}");
            Assert.True(load.Refusals.IsEmpty, $"{context}: the node refused in-order transactions: {string.Join("; ", load.Refusals)}");
        }
        using var last = await NodeProcess.StartAsync(db, SignedLoad.Accounts);
        var final = await LogCheck.AfterCrashAsync(last.Client, load, before, $"{db} after the last kill (seed {seed})");
        Assert.Equal("", await last.KillAndReadStderrAsync());
        return (load, final);
    }
}
