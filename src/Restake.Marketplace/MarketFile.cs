using System.Globalization;
using Restake.Primitives;
using Restake.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Restake.Marketplace;

/// <summary>Engine parameters of the market's network (block counts at <see cref="SecondsPerBlock"/>).</summary>
public sealed record MarketParams(long WithdrawalDelayBlocks, long DeallocationDelayBlocks, long SecondsPerBlock, string GenesisTime);

/// <summary>An AVS buying security: its budget per epoch (token base units) and the risk it brings.</summary>
public sealed record AvsAgent(
    string Name, string Token, double TokenPriceEth, UInt256 BudgetPerEpoch, UInt256 RequiredStake,
    double SlashProbability, UInt256 SlashWad, int ThresholdBps, double ProfitFromCorruptionEth, double TargetCostOfCorruptionEth, int LaunchEpoch)
{
    public double SlashFraction => SlashWad.ToDouble() / 1e18;
    public double RequiredStakeEth => RequiredStake.ToDouble() / 1e18;
    public string Set => $"{Name}/0";
}

/// <summary>An operator: what serving an AVS costs it (ETH per epoch), how much it fears slashing, what it charges, how much one AVS may take.</summary>
public sealed record OperatorAgent(string Name, UInt256 OwnStake, double CostPerAvsEth, double RiskAppetite, int CommissionBips, double ConcentrationLimit, uint AllocationDelayBlocks);

/// <summary>A restaker: direct (picks an operator, may switch) or through an LRT (the LRT picks the operators).</summary>
public sealed record RestakerAgent(string Name, UInt256 Stake, string? Operator, string? Lrt, int ReviewEvery, int HorizonEpochs);

/// <summary>A liquid restaking protocol deployed on the market's network with one of the presets.</summary>
public sealed record LrtSpec(string Symbol, string Preset, IReadOnlyList<string> Operators);

/// <summary>At <see cref="Epoch"/>, the AVS's slash probability becomes a new value, or every operator allocated to it is slashed.</summary>
public sealed record Shock(int Epoch, string Avs, double? SlashProbability, UInt256? SlashWad);

/// <summary>FAQ Q2: points per ETH-day before the switch to paid rewards (stage 3) at <see cref="PaidFromEpoch"/>.</summary>
public sealed record PointsSpec(double PerEthDay, int PaidFromEpoch, double EthPerPoint);

/// <summary>The own-token route of the bootstrapping comparison, with its stated assumptions.</summary>
public sealed record BootstrapSpec(string Avs, double InitialStakeEth, double RecruitmentPerEpochEth, double IssuanceYieldPerEpoch, double TokenDiscount, int SetupEpochs, int ThresholdBps);

/// <summary>
/// The starting network embedded in a market file: extra tokens and strategies (flow-style YAML, copied into the
/// header of commands.yaml) and plain scenario steps (verb and body) run before the agents arrive.
/// </summary>
public sealed record NetworkSpec(IReadOnlyList<string> Tokens, IReadOnlyList<string> Strategies, IReadOnlyList<(string Verb, string Body)> Steps)
{
    public static readonly NetworkSpec Empty = new([], [], []);
}

/// <summary>A market scenario (docs/marketplace.md).</summary>
public sealed record MarketFile(
    string Name, long Seed, int Epochs, int EpochDays, MarketParams Params, string StakeToken,
    IReadOnlyList<AvsAgent> Avss, IReadOnlyList<OperatorAgent> Operators, IReadOnlyList<RestakerAgent> Restakers,
    IReadOnlyList<LrtSpec> Lrts, IReadOnlyList<Shock> Shocks, PointsSpec? Points, BootstrapSpec? Bootstrap)
{
    /// <summary>The embedded starting network (none by default).</summary>
    public NetworkSpec Network { get; init; } = NetworkSpec.Empty;

    public long BlocksPerEpoch => EpochDays * 86_400L / Params.SecondsPerBlock;

    /// <summary>Reads a market file; every field is checked here, so a bad file runs nothing (a <see cref="ScenarioFileException"/> names the line).</summary>
    public static MarketFile Parse(string text)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map
                ? map
                : throw new ScenarioFileException("a market file is a YAML mapping with market: { ... }", 1);
        }
        catch (YamlException e)
        {
            throw new ScenarioFileException($"YAML syntax error: {(e.InnerException ?? e).Message.Split('\n')[0]}", (int)e.Start.Line);
        }
        var top = new Fields(root, "the market file");
        var name = top.Optional("name") ?? "";
        var m = new Fields(top.Node("market") ?? throw new ScenarioFileException("a market file has a 'market' section (see docs/marketplace.md)", top.Line), "market");
        top.RejectUnknown();

        var seed = m.Integer("seed", 0);
        var epochs = (int)m.Integer("epochs", 30);
        var epochDays = (int)m.Integer("epoch_days", 1);
        Check(epochs is >= 1 and <= 2000, "market: epochs is between 1 and 2000", m.Line);
        Check(epochDays is >= 1 and <= 70, "market: epoch_days is between 1 and 70 (the longest rewards window)", m.Line);
        var stake = m.Optional("stake_token") ?? "stETH";
        Check(ValidName(stake), $"market: '{stake}' is not a token name", m.Line);

        var p = m.Node("params") is { } pn ? new Fields(pn, "market.params") : null;
        var parameters = new MarketParams(
            p?.Integer("withdrawal_delay_blocks", 100_800) ?? 100_800,
            p?.Integer("deallocation_delay_blocks", 100_800) ?? 100_800,
            p?.Integer("seconds_per_block", 12) ?? 12,
            p?.Optional("genesis_time") ?? "2024-04-09T00:00:00Z");
        p?.RejectUnknown();
        Check(parameters.SecondsPerBlock >= 1 && 86_400 % parameters.SecondsPerBlock == 0, "market.params: seconds_per_block divides a day", p?.Line ?? m.Line);
        Check(parameters.WithdrawalDelayBlocks >= 0 && parameters.DeallocationDelayBlocks >= 0, "market.params: delays are not negative", p?.Line ?? m.Line);
        if (!DateTimeOffset.TryParse(parameters.GenesisTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var genesis) || genesis.ToUnixTimeSeconds() % 86_400 != 0)
        {
            throw new ScenarioFileException($"market.params: genesis_time '{parameters.GenesisTime}' is a midnight (UTC), so epochs start on day boundaries", p?.Line ?? m.Line);
        }

        var avss = Items(m.Node("avss"), "market.avss").Select(n =>
        {
            var f = new Fields(n, "an AVS");
            var a = new AvsAgent(
                f.Name("name"), f.Name("token"), f.Double("token_price", 1, 0, 1e12), f.Amount("budget_per_epoch"), f.Amount("required_stake", "0"),
                f.Double("slash_probability", 0, 0, 1), f.Fraction("slash_fraction", "0.1"), (int)Math.Round(f.Double("threshold", 0.5, 0, 1) * 10_000),
                f.Double("profit_from_corruption", 0, 0, 1e15), f.Double("target_cost_of_corruption", 0, 0, 1e15), (int)f.Integer("launch_epoch", 0));
            f.RejectUnknown();
            Check(a.Token != stake, $"AVS {a.Name}: pays in a token other than the stake token", f.Line);
            Check(!a.BudgetPerEpoch.IsZero, $"AVS {a.Name}: budget_per_epoch is more than 0", f.Line);
            Check(a.LaunchEpoch >= 0 && a.LaunchEpoch < epochs, $"AVS {a.Name}: launch_epoch is within the run (0..{epochs - 1})", f.Line);
            return a;
        }).ToList();
        Check(avss.Count is >= 1 and <= 8, "market.avss: between 1 and 8 AVSs", m.Line);

        var operators = Items(m.Node("operators"), "market.operators").Select(n =>
        {
            var f = new Fields(n, "an operator");
            var o = new OperatorAgent(f.Name("name"), f.Amount("stake", "0"), f.Double("cost_per_avs", 0, 0, 1e9), f.Double("risk_appetite", 1, 0.01, 100),
                (int)f.Integer("commission_bips", 1000), f.Double("concentration_limit", 1, 0.05, 1), (uint)f.Integer("allocation_delay_blocks", 0));
            f.RejectUnknown();
            Check(o.CommissionBips is >= 0 and <= 10_000, $"operator {o.Name}: commission_bips is between 0 and 10000", f.Line);
            Check(o.AllocationDelayBlocks <= 10_000_000, $"operator {o.Name}: allocation_delay_blocks is too large", f.Line);
            return o;
        }).ToList();
        Check(operators.Count is >= 1 and <= 12, "market.operators: between 1 and 12 operators (cost of corruption is searched exhaustively)", m.Line);

        var lrts = Items(m.Node("lrts"), "market.lrts").Select(n =>
        {
            var f = new Fields(n, "an LRT");
            var l = new LrtSpec(f.Name("symbol"), f.Required("preset"), f.List("operators"));
            f.RejectUnknown();
            Check(l.Preset is "kelp" or "renzo", $"LRT {l.Symbol}: preset is kelp or renzo (the presets that take an LST as their asset)", f.Line);
            foreach (var op in l.Operators)
            {
                Check(operators.Exists(o => o.Name == op), $"LRT {l.Symbol}: unknown operator '{op}'", f.Line);
            }
            Check(l.Operators.Count > 0, $"LRT {l.Symbol}: names at least one operator", f.Line);
            return l;
        }).ToList();

        var restakers = Items(m.Node("restakers"), "market.restakers").Select(n =>
        {
            var f = new Fields(n, "a restaker");
            var r = new RestakerAgent(f.Name("name"), f.Amount("stake"), f.Optional("operator"), f.Optional("lrt"), (int)f.Integer("review_every", 3), (int)f.Integer("horizon_epochs", 30));
            f.RejectUnknown();
            Check(!r.Stake.IsZero, $"restaker {r.Name}: stake is more than 0", f.Line);
            Check(r.ReviewEvery >= 1 && r.HorizonEpochs >= 1, $"restaker {r.Name}: review_every and horizon_epochs are at least 1", f.Line);
            Check(r.Operator is null || r.Lrt is null, $"restaker {r.Name}: either operator (direct) or lrt, not both", f.Line);
            Check(r.Operator is null || operators.Exists(o => o.Name == r.Operator), $"restaker {r.Name}: unknown operator '{r.Operator}'", f.Line);
            Check(r.Lrt is null || lrts.Exists(l => l.Symbol == r.Lrt), $"restaker {r.Name}: unknown LRT '{r.Lrt}'", f.Line);
            return r;
        }).ToList();

        var shocks = Items(m.Node("shocks"), "market.shocks").Select(n =>
        {
            var f = new Fields(n, "a shock");
            var s = new Shock((int)f.Integer("epoch", -1), f.Required("avs"), f.Optional("slash_probability") is null ? null : f.Double("slash_probability", 0, 0, 1),
                f.Optional("slash") is null ? null : f.Fraction("slash", "0"));
            f.RejectUnknown();
            Check(s.Epoch >= 0 && s.Epoch < epochs, "a shock: epoch is within the run", f.Line);
            Check(avss.Exists(a => a.Name == s.Avs), $"a shock: unknown AVS '{s.Avs}'", f.Line);
            Check(s.SlashProbability is not null || s.SlashWad is { IsZero: false }, "a shock sets slash_probability or slash (a fraction above 0)", f.Line);
            return s;
        }).ToList();

        PointsSpec? points = null;
        if (m.Node("points") is { } pointsNode)
        {
            var f = new Fields(pointsNode, "market.points");
            points = new PointsSpec(f.Double("per_eth_day", 1, 0, 1e9), (int)f.Integer("paid_from_epoch", 0), f.Double("eth_per_point", 0, 0, 1e9));
            f.RejectUnknown();
            Check(points.PaidFromEpoch >= 1 && points.PaidFromEpoch < epochs, "market.points: paid_from_epoch is within the run (1..epochs-1)", f.Line);
        }

        BootstrapSpec? bootstrap = null;
        if (m.Node("bootstrap") is { } bootNode)
        {
            var f = new Fields(bootNode, "market.bootstrap");
            bootstrap = new BootstrapSpec(f.Required("avs"), f.Double("initial_stake", 0, 0, 1e15), f.Double("recruitment_per_epoch", 0, 0, 1e15),
                f.Double("issuance_yield_per_epoch", 0, 0, 1), f.Double("token_discount", 0, 0, 0.99), (int)f.Integer("setup_epochs", 0),
                (int)Math.Round(f.Double("threshold", 0.5, 0.0001, 1) * 10_000));
            f.RejectUnknown();
            Check(avss.Exists(a => a.Name == bootstrap.Avs), $"market.bootstrap: unknown AVS '{bootstrap.Avs}'", f.Line);
            Check(bootstrap.SetupEpochs >= 0, "market.bootstrap: setup_epochs is not negative", f.Line);
        }
        var network = m.Node("network") is { } netNode ? ReadNetwork(netNode) : NetworkSpec.Empty;
        m.RejectUnknown();

        var names = avss.Select(a => a.Name).Concat(operators.Select(o => o.Name)).Concat(restakers.Select(r => r.Name)).ToList();
        var twice = names.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1);
        Check(twice is null, $"the name '{twice?.Key}' is used twice (AVSs, operators and restakers need distinct names)", m.Line);
        return new MarketFile(name, seed, epochs, epochDays, parameters, stake, avss, operators, restakers, lrts, shocks, points, bootstrap) { Network = network };
    }

    /// <summary>
    /// network: { tokens: [...], strategies: [...], steps: [...] } in the scenario language; steps are kept as text
    /// (verb and flow-style body) and run through the scenario parser when the market starts.
    /// </summary>
    private static NetworkSpec ReadNetwork(YamlNode node)
    {
        var f = new Fields(node, "market.network");
        var tokens = Items(f.Node("tokens"), "market.network.tokens").Select(Flow).ToList();
        var strategies = Items(f.Node("strategies"), "market.network.strategies").Select(Flow).ToList();
        var steps = new List<(string, string)>();
        foreach (var item in Items(f.Node("steps"), "market.network.steps"))
        {
            if (item is not YamlMappingNode { Children.Count: 1 } one || one.Children.First().Key is not YamlScalarNode verb)
            {
                throw new ScenarioFileException("market.network.steps: each step is a one-key map, as in a scenario file", (int)item.Start.Line);
            }
            var name = verb.Value ?? "";
            Check(name is not ("expect" or "claim"), $"market.network.steps: '{name}' is not allowed here (the starting network is built, not checked or claimed)", (int)item.Start.Line);
            steps.Add((name, Flow(one.Children.First().Value)));
        }
        f.RejectUnknown();
        return new NetworkSpec(tokens, strategies, steps);
    }

    /// <summary>A YAML node as one line of flow-style YAML (plain scalars stay plain where safe; quoted ones, and the rest, double-quoted).</summary>
    public static string Flow(YamlNode node) => node switch
    {
        YamlScalarNode s when s.Style is ScalarStyle.Plain or ScalarStyle.Any && s.Value is { Length: > 0 } v && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/') && v[0] != '-' => v,
        YamlScalarNode s => "\"" + (s.Value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        YamlSequenceNode seq => "[" + string.Join(", ", seq.Children.Select(Flow)) + "]",
        YamlMappingNode map => "{ " + string.Join(", ", map.Children.Select(kv => Flow(kv.Key) + ": " + Flow(kv.Value))) + " }",
        _ => throw new ScenarioFileException("unsupported YAML node", (int)node.Start.Line),
    };

    private static void Check(bool ok, string message, int line)
    {
        if (!ok)
        {
            throw new ScenarioFileException(message, line);
        }
    }

    private static bool ValidName(string s) => s.Length is > 0 and <= 64 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static IEnumerable<YamlNode> Items(YamlNode? node, string what) => node switch
    {
        null => [],
        YamlSequenceNode seq => seq.Children,
        _ => throw new ScenarioFileException($"{what} is a list", (int)node.Start.Line),
    };

    /// <summary>The fields of one mapping; unknown fields are refused, every error names the owner and line.</summary>
    private sealed class Fields
    {
        private readonly YamlMappingNode _node;
        private readonly string _owner;
        private readonly HashSet<string> _read = [];

        public Fields(YamlNode node, string owner)
        {
            _node = node as YamlMappingNode ?? throw new ScenarioFileException($"{owner} needs a mapping of fields", (int)node.Start.Line);
            _owner = owner;
        }

        public int Line => (int)_node.Start.Line;

        public YamlNode? Node(string key)
        {
            _read.Add(key);
            return _node.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;
        }

        public string? Optional(string key) => Node(key) switch
        {
            null => null,
            YamlScalarNode s => s.Value,
            var other => throw new ScenarioFileException($"{_owner}: '{key}' is a single value", (int)other.Start.Line),
        };

        public string Required(string key) => Optional(key) ?? throw new ScenarioFileException($"{_owner} is missing the field '{key}'", Line);

        public string Name(string key)
        {
            var v = Required(key);
            Check(ValidName(v), $"{_owner}: '{v}' is not a name (letters, digits, _ - .)", Line);
            return v;
        }

        public List<string> List(string key) => Node(key) switch
        {
            YamlSequenceNode seq => seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw new ScenarioFileException($"{_owner}: '{key}' is a list of names", Line)).ToList(),
            null => throw new ScenarioFileException($"{_owner} is missing the field '{key}'", Line),
            _ => throw new ScenarioFileException($"{_owner}: '{key}' is a list", Line),
        };

        public long Integer(string key, long fallback)
        {
            var v = Optional(key);
            if (v is null)
            {
                return fallback;
            }
            return long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) ? x : throw new ScenarioFileException($"{_owner}: {key} is a whole number, not '{v}'", Line);
        }

        /// <summary>A behavioural number (a probability, a price, a cost): parsed invariantly, checked against its range.</summary>
        public double Double(string key, double fallback, double min, double max)
        {
            var v = Optional(key);
            if (v is null)
            {
                return fallback;
            }
            if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || double.IsNaN(x) || x < min || x > max)
            {
                throw new ScenarioFileException($"{_owner}: {key} is a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not '{v}'", Line);
            }
            return x;
        }

        /// <summary>An amount of an 18-decimal token, exact ("12.5" whole units).</summary>
        public UInt256 Amount(string key, string? fallback = null)
        {
            var v = Optional(key) ?? fallback ?? throw new ScenarioFileException($"{_owner} is missing the field '{key}'", Line);
            return Amounts.TryParseToken(v, 18, out var x, out var error) ? x : throw new ScenarioFileException($"{_owner}: {key}: {error}", Line);
        }

        public UInt256 Fraction(string key, string fallback)
        {
            var v = Optional(key) ?? fallback;
            if (!Amounts.TryParseFraction(v, out var x, out var error))
            {
                throw new ScenarioFileException($"{_owner}: {key}: {error}", Line);
            }
            Check(x <= Wad.Unit, $"{_owner}: {key} is at most 1", Line);
            return x;
        }

        public void RejectUnknown()
        {
            foreach (var key in _node.Children.Keys.OfType<YamlScalarNode>())
            {
                if (!_read.Contains(key.Value ?? ""))
                {
                    throw new ScenarioFileException($"{_owner}: unknown field '{key.Value}'", (int)key.Start.Line);
                }
            }
        }
    }
}
