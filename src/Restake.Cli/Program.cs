using System.CommandLine;
using Restake.Cli;

// One clear line and a non-zero status for anything unexpected: a user never sees a stack trace.
// Redirected output (logs, CI, pipes) gets wide lines rather than tables folded at 80 columns.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = 160;
}

try
{
    var parsed = BuildRoot().Parse(args);
    // The client's commands exit 2 for bad usage, so scripts can tell it from a refusal (1) or a dead node (3).
    if (parsed.Errors.Count > 0 && Restake.Cli.Client.ClientCommands.Owns(parsed))
    {
        return Restake.Cli.Client.ClientCommands.BadUsage(parsed);
    }
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    Console.Error.WriteLine($"restake: internal error: {e.GetType().Name}: {e.Message}");
    return 70;
}

static RootCommand BuildRoot()
{
    var root = new RootCommand("Restake: a restaking network engine, exact to the wei.");

    var file = new Argument<string>("file") { Description = "the scenario file (YAML or JSON)" };
    var json = new Option<bool>("--json") { Description = "print the final state as one JSON document" };
    var events = new Option<bool>("--events") { Description = "print the events each step emitted" };
    var run = new Command("run", "Run a scenario file: steps in order, expectations checked (exit 0 held, 1 failed, 2 unreadable file).") { file, json, events };
    run.SetAction(parsed => RunCommand.Execute(parsed.GetValue(file)!, parsed.GetValue(json), parsed.GetValue(events)));
    root.Subcommands.Add(run);

    var output = new Option<string>("--output") { Description = "where to write the final state", DefaultValueFactory = _ => "restake-demo-state.json" };
    var demo = new Command("demo", "Tell the seed's EigenLayer story: stage 1 deposits under caps, caps lifted, operators and EigenDA, allocations and a slash.") { output, json };
    demo.SetAction(parsed => DemoCommand.Execute(parsed.GetValue(output)!, parsed.GetValue(json)));
    root.Subcommands.Add(demo);

    var rewardsFile = new Argument<string>("file") { Description = "a scenario file with calculate_rewards steps" };
    var from = new Option<string?>("--from") { Description = "window start (a date; default: the first paid day's eve)" };
    var to = new Option<string?>("--to") { Description = "window end (a date; default: the last paid day)" };
    var price = new Option<string[]>("--price") { Description = "ETH per whole token, e.g. EIGEN=0.0004 (repeatable)", AllowMultipleArgumentsPerToken = true };
    var tree = new Option<string?>("--tree") { Description = "write the newest distribution tree (root, leaves, proofs) to this JSON file" };
    var rewards = new Command("rewards", "Who earned what, per AVS and per day; realized annualized yields; the distribution tree.") { rewardsFile, json, from, to, price, tree };
    rewards.SetAction(parsed => RewardsCommand.Execute(parsed.GetValue(rewardsFile)!, parsed.GetValue(json), parsed.GetValue(from), parsed.GetValue(to), parsed.GetValue(price) ?? [], parsed.GetValue(tree)));
    root.Subcommands.Add(rewards);
    Restake.Cli.Client.ClientCommands.AddTo(root, rewards);

    root.Subcommands.Add(NodeCommandLine());
    root.Subcommands.Add(LrtCommandLine());
    root.Subcommands.Add(ReplayCommandLine());
    root.Subcommands.Add(MarketsCommandLine());
    root.Subcommands.Add(RiskCommandLine());
    root.Subcommands.Add(SweepCommandLine());
    root.Subcommands.Add(SiloCommandLine.Build());
    root.Subcommands.Add(BabylonCommandLine());
    root.Subcommands.Add(PicassoCommandLine());
    root.Subcommands.Add(MarketCommandLine.Build());
    root.Subcommands.Add(DaCommandLine.Build());
    Restake.Cli.AvsRunCommandLine.Attach(root);

    var quick = new Option<bool>("--quick") { Description = "smaller networks, finishes in well under a minute" };
    var bench = new Command("bench", "Measure the headline figures: slashing cost against delegator count, throughput, memory. One JSON line each.") { quick };
    bench.SetAction(parsed => BenchCommand.Execute(parsed.GetValue(quick)));
    bench.Subcommands.Add(NodeBenchCommandLine());
    bench.Subcommands.Add(EigenDaBenchCommandLine());
    root.Subcommands.Add(bench);
    return root;
}

static Command LrtCommandLine()
{
    var name = new Argument<string?>("name") { Description = "one LRT for the full report (default: compare all)", Arity = ArgumentArity.ZeroOrOne };
    var scenario = new Option<string?>("--scenario") { Description = "the scenario to run first (default: the demo network of `restake demo`, scenarios/seed-story.yaml)" };
    var json = new Option<bool>("--json") { Description = "print the report as one JSON document" };
    var report = new Command("report", "Due-diligence report (seed FAQ Q5): contract facts, operator concentration, AVS exposure, withdrawal liquidity, realized yield.") { name, scenario, json };
    report.SetAction(parsed => LrtCommand.Report(parsed.GetValue(name), parsed.GetValue(scenario), parsed.GetValue(json)));
    return new Command("lrt", "Liquid restaking tokens on the engine.") { report };
}

static Command ReplayCommandLine()
{
    var name = new Argument<string>("name") { Description = "the event to replay: " + string.Join(", ", ReplayCommand.Known) };
    var outDir = new Option<string>("--out") { Description = "where to write the plots (PNG and SVG)", DefaultValueFactory = _ => "restake-replay" };
    var replay = new Command("replay", "Replay a market event minute by minute (prices, liquidations, bad debt) beside the published figures, with plots.") { name, outDir };
    replay.SetAction(parsed => ReplayCommand.Execute(parsed.GetValue(name)!, parsed.GetValue(outDir)!));
    return replay;
}

static Command MarketsCommandLine()
{
    var outDir = new Option<string>("--out") { Description = "where to write the plots (PNG and SVG)", DefaultValueFactory = _ => "restake-markets" };
    var step = new Option<int>("--step") { Description = "depth step in basis points", DefaultValueFactory = _ => 250 };
    var sweep = new Command("depeg-sweep", "Sweep the depeg depth from 0 to 50 % for a looped LRT market: liquidations, bad debt, the depth at which bad debt appears.") { outDir, step };
    sweep.SetAction(parsed => MarketsCommand.DepegSweep(parsed.GetValue(outDir)!, parsed.GetValue(step)));
    var low = new Option<double>("--required-low") { Description = "the lowest yield stakers require, % a year", DefaultValueFactory = _ => 2.9 };
    var high = new Option<double>("--required-high") { Description = "the highest yield stakers require, % a year", DefaultValueFactory = _ => 3.2 };
    var fee = new Option<double>("--fee") { Description = "operators' and LRTs' share of restaking rewards, %", DefaultValueFactory = _ => 10 };
    var slashing = new Option<double>("--slashing-loss") { Description = "expected slashing loss of restaked ETH, % a year", DefaultValueFactory = _ => 0.1 };
    var ratio = new Command("staking-ratio", "Net staking yield against ETH staked for several restaking reward levels, with the equilibrium band (seed FAQ Q6).") { outDir, low, high, fee, slashing };
    ratio.SetAction(parsed => MarketsCommand.StakingRatioStudy(parsed.GetValue(outDir)!, parsed.GetValue(low), parsed.GetValue(high), parsed.GetValue(fee), parsed.GetValue(slashing)));
    return new Command("markets", "Market studies: depeg depth against bad debt, the staking-ratio equilibrium.") { sweep, ratio };
}

static Command RiskCommandLine()
{
    var file = new Argument<string?>("file") { Description = "a scenario file whose final state to analyse (default: the demo network)", Arity = ArgumentArity.ZeroOrOne };
    var profit = new Option<string[]>("--profit") { Description = "an operator set's profit from corruption, SET=ETH or SET=ETH:THRESHOLD_BPS (repeatable)", AllowMultipleArgumentsPerToken = true };
    var share = new Option<int>("--profit-share") { Description = "for sets without --profit: profit from corruption as bps of the stake securing them", DefaultValueFactory = _ => 5_000 };
    var threshold = new Option<int>("--threshold") { Description = "the share of a set's stake an attack needs, bps", DefaultValueFactory = _ => 3_334 };
    var psi = new Option<int>("--psi") { Description = "the shock for the cascade, bps of all stake", DefaultValueFactory = _ => 1_000 };
    var limit = new Option<double>("--time-limit") { Description = "seconds per solve", DefaultValueFactory = _ => 20 };
    var synthetic = new Option<string?>("--synthetic") { Description = "analyse a synthetic network instead: 'mainnet' (2,000 operators, 50 AVSs, calibrated to published totals)" };
    var seed = new Option<int>("--seed") { Description = "the synthetic network's seed", DefaultValueFactory = _ => 1 };
    var condition = new Option<string[]>("--condition") { Description = "a slashing condition of an operator set, SET=NAME:MAX_BPS or SET=NAME:MAX_BPS:PROB_BPS (largest slash of one fault; expected probability a year) (repeatable)", AllowMultipleArgumentsPerToken = true };
    var json = new Option<bool>("--json") { Description = "print the report as one JSON document" };
    var risk = new Command("risk", "Security report: cost of corruption per operator set, the most profitable attack, the worst cascade after a shock, concentration; each result proven optimal or bounded.") { file, profit, share, threshold, psi, limit, synthetic, seed, condition, json };
    risk.SetAction(parsed => RiskCommand.Execute(new RiskCommand.Settings(parsed.GetValue(file), parsed.GetValue(profit) ?? [], parsed.GetValue(share), parsed.GetValue(threshold), parsed.GetValue(psi), parsed.GetValue(limit)) { Synthetic = parsed.GetValue(synthetic), Seed = parsed.GetValue(seed), Conditions = parsed.GetValue(condition) ?? [], Json = parsed.GetValue(json) }));
    return risk;
}

static Command SweepCommandLine()
{
    var file = new Argument<string>("file") { Description = "a scenario file with a sweep section (runs, seed, vary, measure)" };
    var runs = new Option<int?>("--runs") { Description = "how many runs (default: the file's)" };
    var cores = new Option<int>("--cores") { Description = "runs in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
    var outDir = new Option<string>("--out") { Description = "where to write sweep.csv and the charts", DefaultValueFactory = _ => "restake-sweep" };
    var speedup = new Option<bool>("--speedup") { Description = "run again on one core: report the speedup and check the tables are identical" };
    var cluster = new Option<string?>("--cluster") { Description = "run on an Orleans cluster: localhost:N (N silos in this process) or postgres://user:password@host:port/database (silos started with `restake silo`)" };
    var sweep = new Command("sweep", "Monte Carlo sweep of a scenario file: random parameters, many runs on all cores or an Orleans cluster, a long table (CSV), distribution and tail-loss charts.") { file, runs, cores, outDir, speedup, cluster };
    sweep.SetAction(parsed => SweepCommand.Execute(parsed.GetValue(file)!, parsed.GetValue(runs), parsed.GetValue(cores), parsed.GetValue(outDir)!, parsed.GetValue(speedup), parsed.GetValue(cluster)));
    return sweep;
}

static Command BabylonCommandLine()
{
    var json = new Option<bool>("--json") { Description = "print the story and the chain's view as one JSON document" };
    var demo = new Command("demo", "Bitcoin staking on Babylon: stake, vote, equivocate, slash, unbond, withdraw; Bitcoin transactions in hex.") { json };
    demo.SetAction(parsed => BabylonCommand.Demo(parsed.GetValue(json)));
    return new Command("babylon", "Babylon: Bitcoin staking, EOTS finality, Bitcoin timestamping.") { demo };
}

static Command PicassoCommandLine()
{
    var json = new Option<bool>("--json") { Description = "print the story as one JSON document" };
    var demo = new Command("demo", "A guest chain secured by restaked SOL: packets relayed both ways across an epoch change, an equivocation that freezes the light client and slashes the double signer.") { json };
    demo.SetAction(parsed => PicassoCommand.Demo(parsed.GetValue(json)));
    return new Command("picasso", "Picasso: restaked SOL securing an IBC bridge through a guest blockchain.") { demo };
}

static Command NodeCommandLine()
{
    var port = new Option<int>("--port", "-p") { Description = "port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 8545 };
    var host = new Option<string>("--host") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
    var db = new Option<string>("--db") { Description = "the log: sqlite:PATH (embedded, WAL) or postgres://user:password@host:port/database", DefaultValueFactory = _ => Restake.Node.NodeOptions.DefaultDb };
    var chainId = new Option<long>("--chain-id") { Description = "chain id signed into every transaction (new chains)", DefaultValueFactory = _ => Restake.Node.Chain.Genesis.DefaultChainId };
    var genesis = new Option<string?>("--genesis") { Description = "a scenario file to start a new chain from (default: stage 3 with the mainnet LST strategies)" };
    var accounts = new Option<int>("--accounts", "-a") { Description = "development accounts to derive and fund (new chains)", DefaultValueFactory = _ => Restake.Node.Chain.Genesis.DefaultAccounts };
    var mnemonic = new Option<string>("--mnemonic", "-m") { Description = "BIP-39 mnemonic of the development accounts", DefaultValueFactory = _ => Restake.Node.Signing.DevAccounts.DefaultMnemonic };
    var balance = new Option<string>("--balance") { Description = "whole units of every token each account starts with", DefaultValueFactory = _ => Restake.Node.Chain.Genesis.DefaultBalance };
    var blockTime = new Option<double?>("--block-time", "-b") { Description = "also produce a block every this many seconds" };
    var noMining = new Option<bool>("--no-mining") { Description = "do not produce a block after each transaction" };
    var load = new Option<string?>("--load-state") { Description = "replace the chain with a dump file (checked by replay) before serving" };
    var dump = new Option<string?>("--dump-state") { Description = "write a dump of the chain to this file on shutdown" };
    var node = new Command("node", "Run a persistent restaking devnet: signed transactions, an API, a dashboard.")
        { port, host, db, chainId, genesis, accounts, mnemonic, balance, blockTime, noMining, load, dump };
    node.SetAction(parsed => Restake.Cli.NodeCommand.Execute(new Restake.Cli.NodeCommand.Settings(
        parsed.GetValue(host)!, parsed.GetValue(port), parsed.GetValue(db)!, parsed.GetValue(chainId), parsed.GetValue(genesis),
        parsed.GetValue(accounts), parsed.GetValue(mnemonic)!, parsed.GetValue(balance)!, parsed.GetValue(blockTime), parsed.GetValue(noMining),
        parsed.GetValue(load), parsed.GetValue(dump))));
    return node;
}

static Command EigenDaBenchCommandLine()
{
    var sizes = new Option<string>("--sizes") { Description = "blob sizes, comma-separated powers of two (e.g. 128KiB,1MiB,2MiB,16MiB)", DefaultValueFactory = _ => "128KiB,1MiB,2MiB" };
    var proofsUpTo = new Option<string>("--proofs-up-to") { Description = "largest blob size for which FK20 chunk proofs are measured (they dominate the run)", DefaultValueFactory = _ => "1MiB" };
    var quick = new Option<bool>("--quick") { Description = "128 KiB only, one run each" };
    var network = new Option<string?>("--network") { Description = "instead: disperse-plus-attest latency on the devnet with these numbers of operator processes, e.g. 4,8,16" };
    var command = new Command("eigenda", "EigenDA encoder cost per blob size (payload to blob, commitment, RS extension, frames, FK20 proofs), like EigenDA's CPU benchmark table; or, with --network, disperse-plus-attest latency over operator processes. One JSON line per size.")
        { sizes, proofsUpTo, quick, network };
    command.SetAction(parsed => parsed.GetValue(network) is { } counts
        ? EigenDaBenchCommand.ExecuteNetwork(counts, parsed.GetValue(quick))
        : EigenDaBenchCommand.Execute(parsed.GetValue(sizes)!, parsed.GetValue(proofsUpTo)!, parsed.GetValue(quick)));
    return command;
}

static Command NodeBenchCommandLine()
{
    var db = new Option<string?>("--db") { Description = "the node's log: sqlite:PATH or postgres://... (an empty database); default: SQLite in a temporary folder" };
    var accounts = new Option<int>("--accounts") { Description = "funded accounts in the genesis (operators and stakers)", DefaultValueFactory = _ => 2_000 };
    var operators = new Option<int>("--operators") { Description = "accounts that register as operators before the load", DefaultValueFactory = _ => 10 };
    var transactions = new Option<int>("--transactions", "-n") { Description = "signed transactions to send (deposits and delegations), rounded up to whole rounds of the stakers", DefaultValueFactory = _ => 20_000 };
    var clients = new Option<int>("--clients", "-c") { Description = "concurrent senders, each owning some accounts and sending their nonces in order", DefaultValueFactory = _ => 64 };
    var readers = new Option<int>("--readers", "-r") { Description = "concurrent readers of the state sections", DefaultValueFactory = _ => 64 };
    var readSeconds = new Option<double>("--read-seconds") { Description = "how long each read figure runs", DefaultValueFactory = _ => 5 };
    var warmup = new Option<double>("--warmup") { Description = "the share of each sender's transactions sent first and left out of the figures", DefaultValueFactory = _ => 0.1 };
    var command = new Command("node", "Load a node over HTTP: signed transactions per second with p50/p99/max latency, then state-section reads per second. One JSON line each.")
        { db, accounts, operators, transactions, clients, readers, readSeconds, warmup };
    command.SetAction(parsed => NodeBenchCommand.Execute(new NodeBenchCommand.Settings(parsed.GetValue(db), parsed.GetValue(accounts), parsed.GetValue(operators),
        parsed.GetValue(transactions), parsed.GetValue(clients), parsed.GetValue(readers), parsed.GetValue(readSeconds), parsed.GetValue(warmup))));
    return command;
}
