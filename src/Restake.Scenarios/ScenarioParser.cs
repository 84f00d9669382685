using System.Globalization;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Restake.Scenarios;

/// <summary>
/// Reads a scenario file (SCENARIOS.md) into a <see cref="Scenario"/>. Every verb, field, amount and
/// strategy or token name is checked here, before anything runs, so a bad file changes nothing.
/// </summary>
public static partial class ScenarioParser
{
    /// <summary>Longest line accepted; longer ones are refused before the YAML parser sees them.</summary>
    public const int MaxLineLength = 65_536;

    /// <summary>The twelve LST strategies of EigenLayer's mainnet before permissionless strategies (reference §3).</summary>
    public static readonly string[] MainnetLsts = ["stETH", "rETH", "cbETH", "ETHx", "ankrETH", "OETH", "osETH", "swETH", "wBETH", "sfrxETH", "lsETH", "mETH"];

    public static Scenario ParseFile(string path) => Parse(File.ReadAllText(path));

    public static Scenario Parse(string text)
    {
        CheckLineLengths(text);
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                throw new ScenarioFileException("a scenario is a YAML mapping with 'steps' (and optionally name, params, tokens, strategies)", 1);
            }
            root = map;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var line = (int)e.Start.Line;
            var error = new ScenarioFileException($"YAML syntax error: {FirstLine(message)}", line);
            throw StepAtLine(text, line) is { } step ? error.InStep(step) : error;
        }
        return new Reader(root).Read();
    }

    /// <summary>
    /// Reads one step's body (YAML or JSON text) for <paramref name="verb"/> against the tokens and
    /// strategies a live network already has: how the node turns a transaction into an action.
    /// </summary>
    public static StepAction ParseAction(string verb, string body, NetworkState state)
    {
        CheckLineLengths(body);
        YamlNode node;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(body));
            node = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new ScenarioFileException($"the body is not valid JSON: {FirstLine(e.InnerException?.Message ?? e.Message)}", (int)e.Start.Line);
        }
        var reader = new Reader(new YamlMappingNode());
        reader.Know(state);
        return reader.ReadAction(verb, node);
    }

    /// <summary>Which step a line falls in, read from the text alone (for errors the YAML parser reports by line).</summary>
    private static int? StepAtLine(string text, int line)
    {
        var lines = text.Split('\n');
        var steps = Array.FindIndex(lines, l => l.TrimEnd() == "steps:");
        if (steps < 0 || line <= steps + 1)
        {
            return null;
        }
        var count = 0;
        string? indent = null;
        for (var i = steps + 1; i < Math.Min(line, lines.Length); i++)
        {
            var trimmed = lines[i].TrimStart(' ');
            if (!trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                continue;
            }
            var here = lines[i][..(lines[i].Length - trimmed.Length)];
            indent ??= here;
            if (here == indent)
            {
                count++;
            }
        }
        return count == 0 ? null : count;
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf('\n', StringComparison.Ordinal);
        var line = cut < 0 ? message : message[..cut];
        var paren = line.IndexOf("): ", StringComparison.Ordinal);
        return paren >= 0 && line.StartsWith('(') ? line[(paren + 3)..] : line;
    }

    private static void CheckLineLengths(string text)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                if (i - start > MaxLineLength)
                {
                    throw new ScenarioFileException($"line {line} is {i - start} characters long; the limit is {MaxLineLength}", line);
                }
                line++;
                start = i + 1;
            }
        }
    }

    private sealed partial class Reader(YamlMappingNode root)
    {
        private readonly Dictionary<string, int> _tokens = new(StringComparer.Ordinal) { [ProtocolConstants.NativeToken] = Amounts.EthDecimals };
        private readonly Dictionary<string, string> _strategies = new(StringComparer.Ordinal) { [ProtocolConstants.BeaconStrategy] = ProtocolConstants.NativeToken };
        private readonly List<Command> _setup = [];

        /// <summary>Takes the tokens and strategies of a running network as declared.</summary>
        public void Know(NetworkState state)
        {
            foreach (var (symbol, token) in state.Tokens)
            {
                _tokens[symbol] = token.Decimals;
            }
            foreach (var (name, strategy) in state.Strategies)
            {
                _strategies[name] = strategy.Token.Symbol;
            }
        }

        public StepAction ReadAction(string verb, YamlNode body) => ReadVerb(verb, body, YamlFields.LineOf(body));

        public Scenario Read()
        {
            var top = new YamlFields(root, "the scenario");
            var name = top.Optional("name") ?? "";
            var paramsNode = top.Node("params");
            var rounding = ReadRounding(paramsNode);
            var parameters = ReadParams(paramsNode);
            ReadTokens(top.Node("tokens"));
            ReadStrategies(top.Node("strategies"));
            var stepsNode = top.Node("steps") ?? throw new ScenarioFileException("the scenario has no 'steps'", top.Line);
            if (stepsNode is not YamlSequenceNode steps)
            {
                throw new ScenarioFileException("'steps' must be a list of one-key maps", YamlFields.LineOf(stepsNode));
            }
            top.RejectUnknown();
            var list = new List<Step>();
            for (var i = 0; i < steps.Children.Count; i++)
            {
                try
                {
                    list.Add(ReadStep(i + 1, steps.Children[i]));
                }
                catch (ScenarioFileException e)
                {
                    throw e.InStep(i + 1);
                }
            }
            var decimals = _strategies.ToDictionary(kv => kv.Key, kv => _tokens[kv.Value], StringComparer.Ordinal);
            foreach (var (symbol, d) in _tokens)
            {
                decimals.TryAdd(symbol, d);
            }
            return new Scenario(name, parameters, _setup, list, decimals) { RewardsRounding = rounding };
        }

        private static Restake.Rewards.RewardsRounding ReadRounding(YamlNode? node)
        {
            if (node is null)
            {
                return Restake.Rewards.RewardsRounding.Sidecar;
            }
            var f = new YamlFields(node, "params");
            return f.Optional("rewards_rounding") switch
            {
                null or "sidecar" => Restake.Rewards.RewardsRounding.Sidecar,
                "floor" => Restake.Rewards.RewardsRounding.Floor,
                var other => throw new ScenarioFileException($"params: rewards_rounding is 'sidecar' (the reference calculator's) or 'floor', not '{other}'", f.Line),
            };
        }

        private static ProtocolParams ReadParams(YamlNode? node)
        {
            var p = new ProtocolParams();
            if (node is null)
            {
                return p;
            }
            var f = new YamlFields(node, "params");
            p = p with
            {
                Stage = (int)(f.OptionalInteger("stage") ?? p.Stage),
                WithdrawalDelayBlocks = f.OptionalInteger("withdrawal_delay_blocks") ?? p.WithdrawalDelayBlocks,
                DeallocationDelayBlocks = f.OptionalInteger("deallocation_delay_blocks") ?? p.DeallocationDelayBlocks,
                AllocationConfigurationDelayBlocks = f.OptionalInteger("allocation_configuration_delay_blocks") ?? p.AllocationConfigurationDelayBlocks,
                SecondsPerBlock = f.OptionalInteger("seconds_per_block") ?? p.SecondsPerBlock,
            };
            if (p.Stage is < 1 or > 3)
            {
                throw new ScenarioFileException($"params: stage must be 1, 2 or 3, not {p.Stage}", f.Line);
            }
            if (p.SecondsPerBlock < 1)
            {
                throw new ScenarioFileException("params: seconds_per_block must be at least 1", f.Line);
            }
            if (f.Optional("genesis_time") is { } genesis)
            {
                p = p with { GenesisTime = ParseTime(genesis, f.Line) };
            }
            var r = p.Rewards;
            long Seconds(string key, long fallback)
            {
                var text = f.Optional(key);
                if (text is null)
                {
                    return fallback;
                }
                return Durations.TryParseSeconds(text, out var seconds, out var error) ? seconds : throw new ScenarioFileException($"params: {key}: {error}", f.Line);
            }
            r = r with
            {
                ActivationDelaySeconds = Seconds("rewards_activation_delay", r.ActivationDelaySeconds),
                CalculationIntervalSeconds = Seconds("calculation_interval", r.CalculationIntervalSeconds),
                MaxRewardsDurationSeconds = Seconds("max_rewards_duration", r.MaxRewardsDurationSeconds),
                MaxRetroactiveLengthSeconds = Seconds("max_retroactive_length", r.MaxRetroactiveLengthSeconds),
                MaxFutureLengthSeconds = Seconds("max_future_length", r.MaxFutureLengthSeconds),
                DefaultOperatorSplitBips = (int)(f.OptionalInteger("default_operator_split_bips") ?? r.DefaultOperatorSplitBips),
            };
            if (f.Optional("genesis_rewards_time") is { } rewardsGenesis)
            {
                r = r with { GenesisRewardsTimestamp = ParseTime(rewardsGenesis, f.Line) };
            }
            if (r.CalculationIntervalSeconds <= 0 || r.CalculationIntervalSeconds % 86_400 != 0)
            {
                throw new ScenarioFileException("params: calculation_interval must be a whole number of days", f.Line);
            }
            p = p with { Rewards = r };
            f.RejectUnknown("rewards_rounding");
            return p;
        }

        private void ReadTokens(YamlNode? node)
        {
            foreach (var item in Items(node, "tokens"))
            {
                var f = new YamlFields(item, "a token");
                var symbol = Name(f.Required("symbol"), f.Line);
                var decimals = (int)(f.OptionalInteger("decimals") ?? 18);
                f.RejectUnknown();
                DeclareToken(symbol, decimals, f.Line);
            }
        }

        private void DeclareToken(string symbol, int decimals, int line)
        {
            if (!_tokens.TryAdd(symbol, decimals))
            {
                throw new ScenarioFileException($"token '{symbol}' is declared twice", line);
            }
            if (decimals is < 0 or > 36)
            {
                throw new ScenarioFileException($"token '{symbol}': decimals must be between 0 and 36", line);
            }
            _setup.Add(new AddToken(symbol, decimals));
        }

        private void ReadStrategies(YamlNode? node)
        {
            foreach (var item in Items(node, "strategies"))
            {
                var f = new YamlFields(item, "a strategy");
                if (f.Optional("preset") is { } preset)
                {
                    f.RejectUnknown();
                    if (preset != "mainnet_lsts")
                    {
                        throw new ScenarioFileException($"unknown strategy preset '{preset}' (known: mainnet_lsts)", f.Line);
                    }
                    foreach (var lst in MainnetLsts)
                    {
                        if (!_tokens.ContainsKey(lst))
                        {
                            DeclareToken(lst, 18, f.Line);
                        }
                        DeclareStrategy(lst, null, null, f.Line);
                    }
                    continue;
                }
                var token = f.Required("token");
                if (!_tokens.TryGetValue(token, out var decimals))
                {
                    throw new ScenarioFileException($"strategy for unknown token '{token}' (declare it under 'tokens')", f.Line);
                }
                var perDeposit = f.Optional("max_per_deposit") is { } p ? TokenAmount(p, token, decimals, f.Line) : (UInt256?)null;
                var total = f.Optional("max_total_deposits") is { } t ? TokenAmount(t, token, decimals, f.Line) : (UInt256?)null;
                f.RejectUnknown();
                DeclareStrategy(token, perDeposit, total, f.Line);
            }
        }

        private void DeclareStrategy(string token, UInt256? perDeposit, UInt256? total, int line)
        {
            if (token == ProtocolConstants.NativeToken)
            {
                throw new ScenarioFileException("native ETH is the strategy 'beaconETH', always present", line);
            }
            if (!_strategies.TryAdd(token, token))
            {
                throw new ScenarioFileException($"strategy '{token}' is declared twice", line);
            }
            _setup.Add(new AddStrategy(token, perDeposit, total));
        }

        private static IEnumerable<YamlNode> Items(YamlNode? node, string what) => node switch
        {
            null => [],
            YamlSequenceNode seq => seq.Children,
            _ => throw new ScenarioFileException($"'{what}' must be a list", YamlFields.LineOf(node)),
        };

        private Step ReadStep(int index, YamlNode node)
        {
            if (node is not YamlMappingNode map || map.Children.Count == 0)
            {
                throw new ScenarioFileException("a step is a one-key map such as '- deposit: { staker: alice, strategy: stETH, amount: \"1\" }'", YamlFields.LineOf(node));
            }
            string? expectRevert = null;
            YamlNode? verbKey = null;
            YamlNode? body = null;
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                if (key == "expect_revert")
                {
                    expectRevert = Scalar(v, "expect_revert");
                }
                else if (verbKey is null)
                {
                    verbKey = k;
                    body = v;
                }
                else
                {
                    throw new ScenarioFileException($"a step has one verb; found '{(verbKey as YamlScalarNode)?.Value}' and '{key}'", YamlFields.LineOf(k));
                }
            }
            if (verbKey is null || body is null)
            {
                throw new ScenarioFileException("the step names no verb", YamlFields.LineOf(node));
            }
            var verb = ((YamlScalarNode)verbKey).Value ?? "";
            var line = YamlFields.LineOf(verbKey);
            if (body is YamlMappingNode inner && inner.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "expect_revert"))
            {
                var f = new YamlFields(body, verb);
                expectRevert ??= f.Optional("expect_revert");
            }
            var action = ReadVerb(verb, body, line);
            return new Step(index, line, verb, action, expectRevert);
        }

        private StepAction ReadVerb(string verb, YamlNode body, int line)
        {
            if (verb == "note")
            {
                return new NoteStep(Scalar(body, "note"));
            }
            if (verb == "roll" && body is YamlScalarNode rollScalar)
            {
                return new CommandStep(new Roll(Integer(rollScalar.Value, "roll", line)));
            }
            var f = new YamlFields(body, verb);
            StepAction action = verb switch
            {
                "mint" => Cmd(new Mint(f.Required("to"), Token(f.Required("token"), f.Line), TokenAmount(f.Required("amount"), Token(f.Required("token"), f.Line), f.Line))),
                "deposit" => Cmd(new Deposit(f.Required("staker"), Strategy(f.Required("strategy"), f.Line), StrategyAmount(f.Required("amount"), f.Required("strategy"), f.Line), MintShortfall: true)),
                "donate" => Cmd(new Donate(Strategy(f.Required("strategy"), f.Line), StrategyAmount(f.Required("amount"), f.Required("strategy"), f.Line), f.Optional("from"))),
                "create_pod" => Cmd(new CreatePod(f.Required("owner"))),
                "verify_validators" => Cmd(new VerifyValidators(f.Required("owner"), ValidatorList(f))),
                "checkpoint" => Cmd(new Checkpoint(f.Required("owner"), BalanceMap(f), f.Optional("pod_balance") is { } pb ? Eth(pb, f.Line) : null)),
                "register_operator" => Cmd(new RegisterOperator(f.Required("operator"), UInt32(f.OptionalInteger("allocation_delay") ?? 0, "allocation_delay", f.Line))),
                "delegate" => Cmd(new DelegateTo(f.Required("staker"), f.Required("operator"))),
                "undelegate" => Cmd(new Undelegate(f.Required("staker"), f.OptionalList("ids"), f.Optional("caller"))),
                "redelegate" => Cmd(new Redelegate(f.Required("staker"), f.Required("operator"), f.OptionalList("ids"))),
                "queue_withdrawal" => Cmd(new QueueWithdrawal(f.Required("staker"), Strategy(f.Required("strategy"), f.Line), StrategyAmount(f.Required("shares"), f.Required("strategy"), f.Line), f.Required("id"))),
                "complete_withdrawal" => Cmd(new CompleteWithdrawal(f.Required("id"), f.OptionalBool("as_tokens") ?? throw new ScenarioFileException("complete_withdrawal is missing the field 'as_tokens' (true or false)", f.Line), f.Optional("caller"))),
                "register_avs" => Cmd(new RegisterAvs(f.Required("avs"))),
                "create_operator_set" => Cmd(new CreateOperatorSet(f.Required("avs"), SetId(f.Required("set"), f.Line), f.RequiredList("strategies").Select(s => Strategy(s, f.Line)).ToList())),
                "register_for_sets" => Cmd(new RegisterForSets(f.Required("operator"), f.Required("avs"), f.RequiredList("sets").Select(s => SetId(s, f.Line)).ToList(), f.Optional("caller"))),
                "deregister_from_sets" => Cmd(new DeregisterFromSets(f.Required("operator"), f.Required("avs"), f.RequiredList("sets").Select(s => SetId(s, f.Line)).ToList(), f.Optional("caller"))),
                "set_allocation_delay" => Cmd(new SetAllocationDelay(f.Required("operator"), UInt32(f.RequiredInteger("blocks"), "blocks", f.Line), f.Optional("caller"))),
                "allocate" => Cmd(new Allocate(f.Required("operator"), f.Required("avs"), SetId(f.Required("set"), f.Line), Strategy(f.Required("strategy"), f.Line), Fraction(f.Required("magnitude"), f.Line), f.Optional("caller"))),
                "slash" => Cmd(ReadSlash(f)),
                "burn_slashed" => Cmd(new BurnSlashed(Strategy(f.Required("strategy"), f.Line))),
                "roll" => Cmd(new Roll(f.RequiredInteger("blocks"))),
                "warp" => ReadWarp(f),
                "set_stage" => Cmd(new SetStage((int)f.RequiredInteger("stage"))),
                "set_caps" => Cmd(ReadCaps(f)),
                "expect" => ReadExpect(f),
                "submit_rewards" => Cmd(ReadSubmission(f, RewardsKind.Avs, "avs")),
                "submit_rewards_for_all_earners" => Cmd(ReadSubmission(f, RewardsKind.AllEarners, "submitter")),
                "submit_operator_directed_rewards" => Cmd(ReadSubmission(f, f.Has("set") ? RewardsKind.OperatorDirectedSet : RewardsKind.OperatorDirected, "avs")),
                "set_operator_split" => Cmd(new SetOperatorSplit(f.Required("operator"), f.Optional("avs"), f.Optional("set") is { } splitSet ? SetId(splitSet, f.Line) : null,
                    (int)f.RequiredInteger("bips"), f.Optional("caller"))),
                "set_claimer" => Cmd(new SetClaimer(f.Required("earner"), f.Required("claimer"))),
                "calculate_rewards" => new CalculateRewardsStep(f.Optional("until") is { } until ? DayBoundary(until, f.Line) : null),
                "disable_root" => Cmd(new DisableRoot((int)f.RequiredInteger("index"))),
                "claim" => new ClaimStep(f.Required("earner"), f.OptionalList("tokens")?.Select(t => Token(t, f.Line)).ToList(), f.Optional("recipient"), f.Optional("caller")),
                "create_lrt" or "lrt_deposit" or "lrt_request_withdrawal" or "lrt_claim_withdrawal" or "lrt_oracle_report" or "lrt_transfer" or "lrt_instant_redeem"
                    or "lrt_price_push" or "lrt_bridge_mint" or "lrt_bridge_sweep" or "lrt_rebalance" or "lrt_validator_sign" or "lrt_stake_validators"
                    or "lrt_convert_steth" or "lrt_claim_steth" or "lrt_finalize_withdrawals" or "lrt_exit_validators" => new LrtStep(ReadLrt(verb, f)),
                _ when Modules.ScenarioModules.ByVerb(verb) is { } module => new Modules.ModuleStep(module.Name, ModuleReader(module).Read(verb, f)),
                _ => throw new ScenarioFileException($"unknown verb '{verb}'", line),
            };
            f.RejectUnknown("expect_revert");
            return action;
        }

        private static CommandStep Cmd(Command c) => new(c);

        private readonly Dictionary<string, Modules.IModuleReader> _moduleReaders = new(StringComparer.Ordinal);

        /// <summary>The module's reader for this file (one per file, so it remembers what earlier steps created).</summary>
        private Modules.IModuleReader ModuleReader(Modules.IScenarioModule module)
        {
            if (!_moduleReaders.TryGetValue(module.Name, out var reader))
            {
                _moduleReaders[module.Name] = reader = module.NewReader(new Modules.ModuleParseContext(
                    token => _tokens.TryGetValue(token, out var d) ? d : Amounts.EthDecimals,
                    (text, token, line) => TokenAmount(text, token, _tokens.TryGetValue(token, out var d) ? d : Amounts.EthDecimals, line),
                    Fraction, ParseTime));
            }
            return reader;
        }

        private SubmitRewards ReadSubmission(YamlFields f, RewardsKind kind, string submitterField)
        {
            var token = Token(f.Required("token"), f.Line);
            var directed = kind is RewardsKind.OperatorDirected or RewardsKind.OperatorDirectedSet;
            var amount = directed ? UInt256.Zero : TokenAmount(f.Required("amount"), token, f.Line);
            var strategies = Mappings(f, "strategies", "a strategy and multiplier", m =>
                new RewardsStrategy(Strategy(m.Required("strategy"), m.Line), Fraction(m.Optional("multiplier") ?? "1", m.Line)));
            var operators = directed
                ? Mappings(f, "operators", "an operator and amount", m => new OperatorAmount(m.Required("operator"), TokenAmount(m.Required("amount"), token, m.Line)))
                : null;
            if (!Durations.TryParseSeconds(f.Required("duration"), out var duration, out var error))
            {
                throw new ScenarioFileException($"duration: {error}", f.Line);
            }
            return new SubmitRewards(kind, f.Required(submitterField), token, amount, ParseTime(f.Required("start"), f.Line), duration,
                strategies, operators, f.Optional("set") is { } set ? SetId(set, f.Line) : null, f.Optional("id"), f.Optional("caller"));
        }

        private static List<T> Mappings<T>(YamlFields f, string key, string what, Func<YamlFields, T> read)
        {
            var node = f.Node(key) ?? throw new ScenarioFileException($"{key} is missing", f.Line);
            if (node is not YamlSequenceNode seq)
            {
                throw new ScenarioFileException($"'{key}' must be a list of {{ ... }}", YamlFields.LineOf(node));
            }
            return seq.Children.Select(item =>
            {
                var fields = new YamlFields(item, what);
                var value = read(fields);
                fields.RejectUnknown();
                return value;
            }).ToList();
        }

        private static long DayBoundary(string text, int line)
        {
            var t = ParseTime(text, line);
            return t % 86_400 == 0 ? t : throw new ScenarioFileException($"'{text}' is not a day boundary (00:00:00 UTC)", line);
        }

        private Slash ReadSlash(YamlFields f)
        {
            var strategies = f.RequiredList("strategies").Select(s => Strategy(s, f.Line)).ToList();
            var wads = f.OptionalList("wads") ?? (f.Optional("wad") is { } one ? Enumerable.Repeat(one, strategies.Count).ToList() : null)
                ?? throw new ScenarioFileException("slash needs 'wads' (one per strategy) or 'wad'", f.Line);
            if (wads.Count != strategies.Count)
            {
                throw new ScenarioFileException($"slash names {strategies.Count} strategies but {wads.Count} wads", f.Line);
            }
            var targets = strategies.Zip(wads, (s, w) => new SlashStrategy(s, Fraction(w, f.Line))).ToList();
            return new Slash(f.Required("avs"), SetId(f.Required("set"), f.Line), f.Required("operator"), targets, f.Optional("caller"), f.Optional("description"));
        }

        private SetCaps ReadCaps(YamlFields f)
        {
            var strategy = Strategy(f.Required("strategy"), f.Line);
            CapChange Cap(string key) => f.Optional(key) switch
            {
                null => CapChange.Keep,
                "none" => CapChange.Lift,
                var text => CapChange.To(StrategyAmount(text, strategy, f.Line)),
            };
            return new SetCaps(strategy, Cap("max_per_deposit"), Cap("max_total_deposits"));
        }

        private WarpStep ReadWarp(YamlFields f)
        {
            var by = f.Optional("by");
            var to = f.Optional("to");
            if ((by is null) == (to is null))
            {
                throw new ScenarioFileException("warp needs exactly one of 'by' (a duration such as \"7d\") or 'to' (a time)", f.Line);
            }
            if (by is not null)
            {
                if (!Durations.TryParseSeconds(by, out var seconds, out var error))
                {
                    throw new ScenarioFileException($"warp: {error}", f.Line);
                }
                return new WarpStep(seconds, null);
            }
            return new WarpStep(null, ParseTime(to!, f.Line));
        }

        private ExpectStep ReadExpect(YamlFields f)
        {
            var path = f.Required("path");
            var segments = path.Split('.');
            if (segments.Any(s => s.Length == 0) || !ValueKinds.Sections.Contains(segments[0]))
            {
                throw new ScenarioFileException($"expect: '{path}' is not a state path (it starts with one of {string.Join(", ", ValueKinds.Sections)})", f.Line);
            }
            var keys = new[] { "equals", "at_least", "at_most" }.Where(f.Has).ToList();
            if (keys.Count != 1)
            {
                throw new ScenarioFileException("expect needs exactly one of 'equals', 'at_least', 'at_most'", f.Line);
            }
            var comparison = keys[0] switch { "equals" => Comparison.Equals, "at_least" => Comparison.AtLeast, _ => Comparison.AtMost };
            var node = f.Node(keys[0])!;
            if (node is YamlSequenceNode)
            {
                if (comparison != Comparison.Equals)
                {
                    throw new ScenarioFileException("a list can only be compared with 'equals'", f.Line);
                }
                return new ExpectStep(path, comparison, null, f.RequiredList(keys[0]));
            }
            var text = Scalar(node, keys[0]);
            var kind = ValueKinds.Of(segments);
            var isNull = node is YamlScalarNode { Style: ScalarStyle.Plain } && text is "null" or "~" or "";
            if (!isNull && kind != ValueKind.Text)
            {
                var token = TokenInPath(segments);
                var decimals = token is null ? 18 : _tokens[token];
                if (!ValueKinds.TryParse(text, kind, decimals, token == ProtocolConstants.NativeToken, out _, out var error))
                {
                    throw new ScenarioFileException($"expect {path}: {error}", f.Line);
                }
            }
            if (comparison != Comparison.Equals && (kind == ValueKind.Text || isNull))
            {
                throw new ScenarioFileException($"expect {path}: at_least and at_most compare numbers", f.Line);
            }
            return new ExpectStep(path, comparison, isNull ? null : text, null);
        }

        /// <summary>The token whose decimals scale a value at this path (the last strategy or token named in it).</summary>
        public string? TokenInPath(string[] segments)
        {
            for (var i = segments.Length - 1; i >= 1; i--)
            {
                if (_strategies.TryGetValue(segments[i], out var token))
                {
                    return token;
                }
                if (_tokens.ContainsKey(segments[i]))
                {
                    return segments[i];
                }
            }
            return null;
        }

        private List<ValidatorBalance> ValidatorList(YamlFields f)
        {
            var node = f.Node("validators") ?? throw new ScenarioFileException("verify_validators is missing the field 'validators'", f.Line);
            if (node is not YamlSequenceNode seq)
            {
                throw new ScenarioFileException("'validators' must be a list of { index, balance }", YamlFields.LineOf(node));
            }
            return seq.Children.Select(item =>
            {
                var v = new YamlFields(item, "a validator");
                var result = new ValidatorBalance(v.RequiredInteger("index"), Gwei(v.Required("balance"), v.Line));
                v.RejectUnknown();
                return result;
            }).ToList();
        }

        private List<ValidatorBalance> BalanceMap(YamlFields f)
        {
            var node = f.Node("balances");
            if (node is null)
            {
                return [];
            }
            if (node is not YamlMappingNode map)
            {
                throw new ScenarioFileException("'balances' must map validator index to balance, e.g. { 7: \"31\" }", YamlFields.LineOf(node));
            }
            return map.Children.Select(kv => new ValidatorBalance(
                Integer(Scalar(kv.Key, "validator index"), "validator index", YamlFields.LineOf(kv.Key)),
                Gwei(Scalar(kv.Value, "balance"), YamlFields.LineOf(kv.Value)))).ToList();
        }

        private static string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode s ? s.Value ?? "" : throw new ScenarioFileException($"'{what}' must be a single value", YamlFields.LineOf(node));

        private string Strategy(string name, int line) =>
            _strategies.ContainsKey(name) ? name : throw new ScenarioFileException($"unknown strategy '{name}' (declared: {string.Join(", ", _strategies.Keys)})", line);

        private string Token(string symbol, int line) =>
            _tokens.ContainsKey(symbol) ? symbol : throw new ScenarioFileException($"unknown token '{symbol}' (declared: {string.Join(", ", _tokens.Keys)})", line);

        private UInt256 StrategyAmount(string text, string strategy, int line)
        {
            var token = _strategies[Strategy(strategy, line)];
            return TokenAmount(text, token, _tokens[token], line);
        }

        private UInt256 TokenAmount(string text, string token, int line) => TokenAmount(text, token, _tokens[token], line);

        private static UInt256 TokenAmount(string text, string token, int decimals, int line)
        {
            if (token == ProtocolConstants.NativeToken)
            {
                return Eth(text, line);
            }
            return Amounts.TryParseToken(text, decimals, out var v, out var error) ? v : throw new ScenarioFileException($"bad amount of {token}: {error}", line);
        }

        private static UInt256 Eth(string text, int line) =>
            Amounts.TryParseEth(text, out var v, out var error) ? v : throw new ScenarioFileException($"bad ETH amount: {error}", line);

        private static ulong Gwei(string text, int line)
        {
            var wei = Eth(text, line);
            if (!(wei % Amounts.WeiPerGwei).IsZero)
            {
                throw new ScenarioFileException($"beacon balances are whole gwei; '{text}' is not", line);
            }
            var gwei = wei / Amounts.WeiPerGwei;
            return gwei.FitsIn64 ? (ulong)gwei : throw new ScenarioFileException($"beacon balance '{text}' is too large", line);
        }

        private static UInt256 Fraction(string text, int line) =>
            Amounts.TryParseFraction(text, out var v, out var error) ? v : throw new ScenarioFileException($"bad fraction: {error}", line);

        private static long SetId(string text, int line)
        {
            var id = Integer(text, "operator set id", line);
            return id is >= 0 and <= uint.MaxValue ? id : throw new ScenarioFileException($"operator set ids are between 0 and {uint.MaxValue}", line);
        }

        private static uint UInt32(long value, string what, int line) =>
            value is >= 0 and <= uint.MaxValue ? (uint)value : throw new ScenarioFileException($"'{what}' must be between 0 and {uint.MaxValue}", line);

        private static long Integer(string? text, string what, int line) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new ScenarioFileException($"'{what}' must be a whole number, not '{text}'", line);

        private static string Name(string text, int line) =>
            text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
                ? text
                : throw new ScenarioFileException($"'{text}' is not a valid symbol (letters, digits, '_' or '-', at most 64)", line);
    }

    internal static long ParseTime(string text, int line) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t.ToUnixTimeSeconds()
            : throw new ScenarioFileException($"'{text}' is not a time (write e.g. \"2024-04-09T00:00:00Z\")", line);
}
