using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Net.Sockets;
using Restake.AvsFramework;
using Restake.Node.Client;

namespace Restake.Cli;

/// <summary>
/// <c>restake avs run EXAMPLE --node URL --operators N [--tasks K]</c> (docs/avs.md): the aggregator and N operator
/// workers of an AVS kind against a running node; and <c>--avs-assembly PATH</c> on <c>restake node</c> and
/// <c>restake avs run</c>, which loads a user's own AVS definitions.
/// </summary>
internal static class AvsRunCommandLine
{
    /// <summary>Adds <c>run</c> to the <c>avs</c> group and <c>--avs-assembly</c> to <c>node</c>.</summary>
    public static void Attach(RootCommand root)
    {
        root.Subcommands.First(c => c.Name == "avs").Subcommands.Add(Build());
        var node = root.Subcommands.First(c => c.Name == "node");
        var assemblies = AssemblyOption();
        node.Options.Add(assemblies);
        if (node.Action is SynchronousCommandLineAction serve)
        {
            node.SetAction(parsed => Load(parsed.GetValue(assemblies)) ?? serve.Invoke(parsed));
        }
    }

    private static Option<string[]> AssemblyOption() => new("--avs-assembly")
    {
        Description = "load the AvsDefinition classes of this .NET assembly as AVS kinds (repeatable); a node must load the same ones every time it replays its log",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Build()
    {
        var example = new Argument<string>("example") { Description = $"the AVS kind: {string.Join(", ", AvsKinds.Names)} (or one from --avs-assembly)" };
        var node = new Option<string?>("--node") { Description = "the node (default $RESTAKE_NODE_URL, else http://127.0.0.1:8545)" };
        var operators = new Option<int>("--operators") { Description = "operator workers (each takes a development account, and its staker another)", DefaultValueFactory = _ => 4 };
        var tasks = new Option<int?>("--tasks") { Description = "run this many tasks, print the summary and exit (default: run until Ctrl+C)" };
        var liars = new Option<string?>("--liars") { Description = "operators (0-based, comma separated) that answer wrong on every task (default: the last, with 3 or more)" };
        var silent = new Option<string?>("--silent") { Description = "operators that never answer (default: the second to last, with 4 or more)" };
        var pay = new Option<bool>("--pay-rewards") { Description = "after the tasks: close the challenge windows and the rewards week, pay the AVS's rewards, run the calculation" };
        var json = new Option<bool>("--json") { Description = "print the summary as one JSON document" };
        var assemblies = AssemblyOption();
        var run = new Command("run", "Run an AVS on a node: the AVS creates tasks, N operator workers sign answers, the aggregator checks the quorum at the reference block, a challenger proves the faults.")
            { example, node, operators, tasks, liars, silent, pay, json, assemblies };
        run.SetAction(parsed => Load(parsed.GetValue(assemblies)) ?? Execute(
            parsed.GetValue(example)!, parsed.GetValue(node), parsed.GetValue(operators), parsed.GetValue(tasks),
            parsed.GetValue(liars), parsed.GetValue(silent), parsed.GetValue(pay), parsed.GetValue(json)));
        return run;
    }

    private static int? Load(string[]? paths)
    {
        try
        {
            foreach (var p in paths ?? [])
            {
                var names = AvsKinds.LoadAssembly(p);
                Console.Error.WriteLine($"✅ AVS kinds from {p}: {string.Join(", ", names)}");
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            Console.Error.WriteLine($"❌ {e.Message}");
            return 2;
        }
    }

    private static int Execute(string example, string? nodeUrl, int operators, int? tasks, string? liars, string? silent, bool pay, bool json)
    {
        var url = nodeUrl ?? Environment.GetEnvironmentVariable("RESTAKE_NODE_URL") ?? "http://127.0.0.1:8545";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"❌ --node: '{url}' is not an http(s) URL");
            return 2;
        }
        if (AvsKinds.Find(example) is null)
        {
            Console.Error.WriteLine($"❌ no AVS kind '{example}' (known: {string.Join(", ", AvsKinds.Names)})");
            return 2;
        }
        if (operators is < 1 or > 100 || tasks is < 0)
        {
            Console.Error.WriteLine("❌ --operators is 1 to 100 and --tasks at least 0");
            return 2;
        }
        IReadOnlyList<int>? Indexes(string? text, string flag)
        {
            if (text is null)
            {
                return null;
            }
            var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < operators ? i : -1).ToList();
            return list.Contains(-1) ? throw new ArgumentException($"{flag}: operator numbers from 0 to {operators - 1}, comma separated") : list;
        }
        using var http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(60) };
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            var options = new AvsRunOptions { Kind = example, Operators = operators, Tasks = tasks, Liars = Indexes(liars, "--liars"), Silent = Indexes(silent, "--silent"), PayRewards = pay };
            var runner = new AvsRunner(new NodeClient(http), options, line =>
            {
                if (!json)
                {
                    Console.WriteLine(line);
                }
            });
            var summary = runner.RunAsync(cancel.Token).GetAwaiter().GetResult();
            if (json)
            {
                Console.WriteLine(summary.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            Console.WriteLine();
            Console.WriteLine($"{summary.Kind} at {summary.Avs}: {summary.Tasks} task(s), quorum reached {summary.QuorumsReached}, missed {summary.QuorumsMissed}; "
                + $"challenges won {summary.ChallengesWon} (= slashes), refused {summary.ChallengesFailed}");
            Console.WriteLine($"{"operator",-44} {"behaviour",-9} {"reports",7} {"slashed",7}  slashable stake before → after");
            foreach (var o in summary.Operators)
            {
                Console.WriteLine($"{o.Operator,-44} {o.Behaviour,-9} {o.Reports,7} {o.Slashed,7}  {Restake.Primitives.Amounts.Format(o.StakeBefore, 18)} → {Restake.Primitives.Amounts.Format(o.StakeAfter, 18)}");
            }
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"❌ {e.Message}");
            return 2;
        }
        catch (AvsRunException e)
        {
            Console.Error.WriteLine($"❌ {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("stopped");
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException)
        {
            Console.Error.WriteLine($"❌ cannot reach the node at {url}: {e.GetBaseException().Message} (is it running? start one with: restake node)");
            return 3;
        }
    }
}
