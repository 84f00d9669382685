using System.Globalization;
using System.Numerics;
using System.Text;
using Restake.Primitives;
using Restake.Protocol.State;
using Restake.Scenarios;
using Restake.Risk;

namespace Restake.Marketplace;

/// <summary>One AVS in one epoch: the slashable stake it had when it paid, what it paid, the price of security, its margin.</summary>
public sealed record AvsEpoch(int Epoch, string Avs, bool Live, double SlashProbability, double SlashableEth, UInt256 PaidTokens, double PaidEth,
    double PriceEthPerEth, double CostOfCorruptionEth, double MarginEth, int Operators, int Slashes);

/// <summary>One operator's allocation to one AVS at an epoch's end (when the AVS pays for it): the target (pending included) and what is in force.</summary>
public sealed record AllocationEpoch(int Epoch, string Operator, string Avs, double Target, double Effective, double SlashableEth);

/// <summary>What one earner got for one epoch (ETH value), on what stake, and the points it accrued before paid rewards.</summary>
public sealed record EarnerEpoch(int Epoch, string Earner, string Kind, string Via, double StakeEth, double EarnedEth, double Yield, double Points);

/// <summary>An allocation command: when it was issued, from what to what, and from which block it holds.</summary>
public sealed record AllocationChange(int Epoch, long Block, string Operator, string Avs, double From, double To, long EffectBlock);

/// <summary>Something an agent did, in words (for the report).</summary>
public sealed record Decision(int Epoch, string Agent, string Text);

public sealed record MarketResult(
    MarketFile File, string CommandsYaml, string StateJson, string StateHash, int Commands,
    IReadOnlyList<AvsEpoch> Avs, IReadOnlyList<AllocationEpoch> Allocations, IReadOnlyList<EarnerEpoch> Earners,
    IReadOnlyList<AllocationChange> Changes, IReadOnlyList<Decision> Decisions,
    IReadOnlyDictionary<string, UInt256> BudgetsSpent, IReadOnlyDictionary<string, UInt256> RewardsEarned);

/// <summary>
/// Runs a market file epoch by epoch on the engine (docs/marketplace.md). Each epoch: the AVSs pay for the
/// epoch that ended (operator-directed rewards by slashable stake) and the rewards calculation posts a root;
/// then shocks, launches, slashes drawn from the seed, operators' allocations, restakers' moves; then time rolls on.
/// </summary>
public static class MarketRun
{
    private const double Eth = 1e18;

    public static MarketResult Run(MarketFile file, Action<int>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new Runner(file).Run(onEpoch);
    }

    /// <summary>The scenario header of a market's network: its params, tokens and strategy.</summary>
    public static string Header(MarketFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var p = file.Params;
        var sb = new StringBuilder();
        sb.Append("# Written by `restake market`: every agent decision of the run, as engine commands. `restake run` on this file\n");
        sb.Append("# reaches the market run's final state (the same state hash).\n");
        sb.Append("name: ").Append(CommandLog.Quote($"{file.Name} (market commands, seed {file.Seed})")).Append('\n');
        sb.Append("params:\n");
        sb.Append("  stage: ").Append(file.Points is null ? 3 : 2).Append('\n');
        sb.Append("  withdrawal_delay_blocks: ").Append(CommandLog.Int(p.WithdrawalDelayBlocks)).Append('\n');
        sb.Append("  deallocation_delay_blocks: ").Append(CommandLog.Int(p.DeallocationDelayBlocks)).Append('\n');
        sb.Append("  seconds_per_block: ").Append(CommandLog.Int(p.SecondsPerBlock)).Append('\n');
        sb.Append("  genesis_time: ").Append(CommandLog.Quote(p.GenesisTime)).Append('\n');
        sb.Append("  genesis_rewards_time: ").Append(CommandLog.Quote(p.GenesisTime)).Append('\n');
        sb.Append("  calculation_interval: \"1d\"\n");
        sb.Append("  rewards_rounding: floor\n");
        sb.Append("tokens:\n");
        sb.Append("  - { symbol: ").Append(file.StakeToken).Append(" }\n");
        foreach (var token in file.Avss.Select(a => a.Token).Distinct())
        {
            sb.Append("  - { symbol: ").Append(token).Append(" }\n");
        }
        foreach (var token in file.Network.Tokens)
        {
            sb.Append("  - ").Append(token).Append('\n');
        }
        sb.Append("strategies:\n  - { token: ").Append(file.StakeToken).Append(" }\n");
        foreach (var strategy in file.Network.Strategies)
        {
            sb.Append("  - ").Append(strategy).Append('\n');
        }
        return sb.ToString();
    }

    private sealed class Runner(MarketFile f)
    {
        private readonly CommandLog _log = new(Header(f));
        private readonly SplitMix64 _rng = new(f.Seed);
        private readonly Dictionary<string, double> _probability = f.Avss.ToDictionary(a => a.Name, a => a.SlashProbability);
        private readonly Dictionary<string, int> _slashes = f.Operators.ToDictionary(o => o.Name, _ => 0);
        private readonly Dictionary<string, int> _avsSlashes = f.Avss.ToDictionary(a => a.Name, _ => 0);
        private readonly Dictionary<string, (string Id, string To, long Start)> _moving = [];
        private readonly Dictionary<string, int> _moves = [];
        private readonly Dictionary<string, double> _points = [];
        private readonly Dictionary<(string Earner, string Token), UInt256> _earned = [];
        private readonly Dictionary<string, UInt256> _spent = [];
        private readonly Dictionary<string, int> _offset = [];
        private readonly List<AvsEpoch> _avs = [];
        private readonly List<AllocationEpoch> _allocations = [];
        private readonly List<EarnerEpoch> _earners = [];
        private readonly List<AllocationChange> _changes = [];
        private readonly List<Decision> _decisions = [];
        private NetworkState S => _log.Engine.State;
        private Strategy Stake => S.Strategies[f.StakeToken];

        private bool Paid(int epoch) => f.Points is null || epoch >= f.Points.PaidFromEpoch;

        private bool Live(AvsAgent a, int epoch) => epoch >= a.LaunchEpoch;

        // Epoch 0 begins at the first midnight at or after the setup (the genesis, unless network steps moved time on).
        private long _start;

        private long EpochStart(int e) => _start + (e * f.EpochDays * 86_400L);

        public MarketResult Run(Action<int>? onEpoch)
        {
            Setup();
            for (var e = 0; e < f.Epochs; e++)
            {
                if (e > 0)
                {
                    Settle(e - 1);
                }
                if (f.Points is { } pts && e == pts.PaidFromEpoch)
                {
                    _log.Do("set_stage", "{ stage: 3 }");
                    _decisions.Add(new Decision(e, "network", "stage 3: slashing and paid rewards begin; points stop"));
                }
                Shocks(e);
                Launch(e);
                if (Paid(e))
                {
                    DrawSlashes(e);
                    foreach (var op in f.Operators)
                    {
                        Allocate(e, op);
                    }
                }
                Restakers(e);
                AccruePoints(e);
                _log.Do("roll", $"{{ blocks: {CommandLog.Int(f.BlocksPerEpoch)} }}");
                onEpoch?.Invoke(e);
            }
            Settle(f.Epochs - 1);
            var state = _log.State();
            var earned = new SortedDictionary<string, UInt256>(StringComparer.Ordinal);
            foreach (var ((_, token), amount) in _earned)
            {
                earned[token] = earned.GetValueOrDefault(token) + amount;
            }
            return new MarketResult(f, _log.ScenarioText(), StateDocument.ToJson(state), StateDocument.Hash(state), _log.Count, _avs, _allocations, _earners, _changes, _decisions,
                new SortedDictionary<string, UInt256>(_spent, StringComparer.Ordinal), earned);
        }

        private void Setup()
        {
            // The embedded starting network first, step by step as written; a refusal names the step.
            for (var i = 0; i < f.Network.Steps.Count; i++)
            {
                var (verb, body) = f.Network.Steps[i];
                if (verb == "note")
                {
                    continue;
                }
                try
                {
                    _log.Do(verb, body);
                }
                catch (Restake.Scenarios.ScenarioFileException e)
                {
                    throw new MarketRunException($"network step {i + 1} ({verb}): {e.Message}");
                }
                catch (MarketRunException e)
                {
                    throw new MarketRunException($"network step {i + 1}: {e.Message}");
                }
            }
            foreach (var op in f.Operators)
            {
                _log.Do("register_operator", $"{{ operator: {op.Name}, allocation_delay: {op.AllocationDelayBlocks} }}");
                if (!op.OwnStake.IsZero)
                {
                    _log.Do("deposit", $"{{ staker: {op.Name}, strategy: {f.StakeToken}, amount: {CommandLog.Wei(op.OwnStake)} }}");
                }
            }
            foreach (var l in f.Lrts)
            {
                _log.Do("create_lrt", $"{{ lrt: {l.Symbol}, preset: {l.Preset}, operators: [{string.Join(", ", l.Operators)}], assets: [{f.StakeToken}] }}");
            }
            foreach (var r in f.Restakers)
            {
                if (r.Lrt is { } lrt)
                {
                    _log.Do("lrt_deposit", $"{{ lrt: {lrt}, user: {r.Name}, asset: {f.StakeToken}, amount: {CommandLog.Wei(r.Stake)} }}");
                    continue;
                }
                // Without a declared operator a restaker starts with the cheapest (lowest commission; file order breaks ties).
                var op = r.Operator ?? f.Operators.OrderBy(o => o.CommissionBips).First().Name;
                _log.Do("deposit", $"{{ staker: {r.Name}, strategy: {f.StakeToken}, amount: {CommandLog.Wei(r.Stake)} }}");
                _log.Do("delegate", $"{{ staker: {r.Name}, operator: {op} }}");
                _offset[r.Name] = (int)(_rng.Next() % (ulong)r.ReviewEvery);
            }
            // Start one block after a midnight, so each epoch's rewards window [start, end) has passed when the AVSs pay.
            var now = S.Time;
            _start = now % 86_400 == 0 ? now : now - (now % 86_400) + 86_400;
            _log.Do("roll", $"{{ blocks: {CommandLog.Int(((_start - now) / f.Params.SecondsPerBlock) + 1)} }}");
        }

        // ---- the AVSs pay, the calculation runs, the epoch is measured ----

        private void Settle(int e)
        {
            // Allocations, payments and margins are all measured at the epoch's end, before anything changes.
            Snapshot(e);
            var paying = Paid(e);
            var start = EpochStart(e);
            var rows = new List<AvsEpoch>();
            foreach (var a in f.Avss)
            {
                if (!Live(a, e))
                {
                    rows.Add(new AvsEpoch(e, a.Name, false, _probability[a.Name], 0, UInt256.Zero, 0, 0, 0, 0, 0, 0));
                    continue;
                }
                var stakes = SlashableByOperator(a);
                var total = stakes.Aggregate(UInt256.Zero, (x, kv) => x + kv.Value);
                var paid = UInt256.Zero;
                var budget = Payments.Budget(a.BudgetPerEpoch, total, a.RequiredStake);
                if (paying && !budget.IsZero)
                {
                    var amounts = Payments.Split(budget, stakes);
                    _log.Do("mint", $"{{ to: {a.Name}, token: {a.Token}, amount: {CommandLog.Wei(budget)} }}");
                    var ops = string.Join(", ", amounts.Select(x => $"{{ operator: {x.Key}, amount: {CommandLog.Wei(x.Value)} }}"));
                    _log.Do("submit_operator_directed_rewards",
                        $"{{ avs: {a.Name}, set: 0, token: {a.Token}, start: {CommandLog.Time(start)}, duration: \"{f.EpochDays}d\", strategies: [{{ strategy: {f.StakeToken} }}], operators: [{ops}], id: {a.Name}-e{e} }}");
                    paid = budget;
                    _spent[a.Token] = _spent.GetValueOrDefault(a.Token) + paid;
                }
                var slashableEth = total.ToDouble() / Eth;
                var paidEth = paid.ToDouble() / Eth * a.TokenPriceEth;
                var coc = CostOfCorruption(a);
                rows.Add(new AvsEpoch(e, a.Name, true, _probability[a.Name], slashableEth, paid, paidEth, slashableEth > 0 ? paidEth / slashableEth : 0,
                    coc, coc - a.ProfitFromCorruptionEth, stakes.Count, _avsSlashes[a.Name]));
            }
            if (paying)
            {
                _log.Do("calculate_rewards", $"{{ until: {CommandLog.Time(EpochStart(e + 1))} }}");
            }
            _avs.AddRange(rows);
            Earnings(e, paying);
        }

        /// <summary>Each operator's slashable stake for the AVS now (AllocationManager's view), in file order, zeros left out.</summary>
        private List<KeyValuePair<string, UInt256>> SlashableByOperator(AvsAgent a)
        {
            var set = S.OperatorSetByKey(a.Set)!;
            var result = new List<KeyValuePair<string, UInt256>>();
            foreach (var o in f.Operators.OrderBy(o => o.Name, StringComparer.Ordinal))
            {
                var s = S.SlashableStake(S.Operators[o.Name], set, Stake);
                if (!s.IsZero)
                {
                    result.Add(new(o.Name, s));
                }
            }
            return result;
        }

        private double CostOfCorruption(AvsAgent a)
        {
            var declaration = new SetDeclaration(new BigInteger(a.ProfitFromCorruptionEth * Eth), a.ThresholdBps);
            var net = EngineNetwork.FromState(S, new Dictionary<string, SetDeclaration> { [a.Set] = declaration });
            if (net.SecuringStake[0].IsZero)
            {
                return 0;
            }
            var attack = BruteForce.CostOfCorruption(net, 0);
            return (double)attack.Cost / Eth;
        }

        private void Earnings(int e, bool paying)
        {
            var deltas = new Dictionary<string, double>();
            if (paying && _log.Rewards.Distributions.Count > 0)
            {
                var price = f.Avss.GroupBy(a => a.Token).ToDictionary(g => g.Key, g => g.First().TokenPriceEth);
                foreach (var ((earner, token), amount) in _log.Rewards.Distributions[^1].Cumulative)
                {
                    var before = _earned.GetValueOrDefault((earner, token));
                    _earned[(earner, token)] = amount;
                    deltas[earner] = deltas.GetValueOrDefault(earner) + ((amount - before).ToDouble() / Eth * price.GetValueOrDefault(token));
                }
            }
            foreach (var o in f.Operators)
            {
                var own = Withdrawable(o.Name);
                var earned = deltas.GetValueOrDefault(o.Name);
                _earners.Add(new EarnerEpoch(e, o.Name, "operator", o.Name, own, earned, own > 0 ? earned / own : 0, _points.GetValueOrDefault(o.Name)));
            }
            foreach (var r in f.Restakers)
            {
                if (r.Lrt is { } lrt)
                {
                    var vault = _log.Lrts.Vaults[lrt];
                    var nodeStake = vault.Nodes.Sum(n => Withdrawable(n.Name));
                    var nodeEarned = vault.Nodes.Sum(n => deltas.GetValueOrDefault(n.Name));
                    var yield = nodeStake > 0 ? nodeEarned / nodeStake : 0;
                    var mine = r.Stake.ToDouble() / Eth;
                    _earners.Add(new EarnerEpoch(e, r.Name, "restaker via LRT", lrt, mine, yield * mine, yield, _points.GetValueOrDefault(r.Name)));
                    continue;
                }
                var stake = Withdrawable(r.Name) + Queued(r.Name);
                var got = deltas.GetValueOrDefault(r.Name);
                _earners.Add(new EarnerEpoch(e, r.Name, "restaker", S.Stakers[r.Name].DelegatedTo ?? "(moving)", stake, got, stake > 0 ? got / stake : 0, _points.GetValueOrDefault(r.Name)));
            }
        }

        private double Withdrawable(string staker)
        {
            if (!S.Stakers.TryGetValue(staker, out var s))
            {
                return 0;
            }
            return s.AllPositions.Where(p => p.Strategy == Stake).Sum(p => S.WithdrawableShares(s, p).ToDouble()) / Eth;
        }

        /// <summary>What a pending move is worth: scaled shares times the old operator's max magnitude while the withdrawal is slashable.</summary>
        private double Queued(string staker)
        {
            if (!_moving.TryGetValue(staker, out var m) || !S.Withdrawals.TryGetValue(m.Id, out var w))
            {
                return 0;
            }
            var magnitude = S.MaxMagnitudeAt(w.DelegatedTo, w.Strategy, Math.Min(S.Block, w.StartBlock + f.Params.WithdrawalDelayBlocks));
            return Wad.MulDown(w.ScaledShares, magnitude).ToDouble() / Eth;
        }

        // ---- shocks, launches, slashes ----

        private void Shocks(int e)
        {
            foreach (var s in f.Shocks.Where(s => s.Epoch == e))
            {
                if (s.SlashProbability is { } p)
                {
                    _probability[s.Avs] = p;
                    _decisions.Add(new Decision(e, s.Avs, $"shock: slash probability becomes {p.ToString("0.####", CultureInfo.InvariantCulture)} per epoch"));
                }
                if (s.SlashWad is { } wad && Paid(e))
                {
                    var a = f.Avss.First(x => x.Name == s.Avs);
                    foreach (var o in f.Operators)
                    {
                        if (HasEffectiveAllocation(o.Name, a))
                        {
                            Slash(e, o.Name, a, wad, "shock");
                        }
                    }
                }
            }
        }

        private void Launch(int e)
        {
            foreach (var a in f.Avss.Where(a => a.LaunchEpoch == e))
            {
                _log.Do("register_avs", $"{{ avs: {a.Name} }}");
                _log.Do("create_operator_set", $"{{ avs: {a.Name}, set: 0, strategies: [{f.StakeToken}] }}");
                _decisions.Add(new Decision(e, a.Name, $"launches: pays {Amounts.Format(a.BudgetPerEpoch, 18)} {a.Token} an epoch for security"));
            }
        }

        /// <summary>Each epoch every (AVS, operator) pair draws once from the seed; an operator with stake in force is slashed with the AVS's probability.</summary>
        private void DrawSlashes(int e)
        {
            foreach (var a in f.Avss)
            {
                foreach (var o in f.Operators)
                {
                    var u = _rng.NextDouble();
                    if (Live(a, e) && S.OperatorSetByKey(a.Set) is not null && u < _probability[a.Name] && HasEffectiveAllocation(o.Name, a))
                    {
                        Slash(e, o.Name, a, a.SlashWad, "drawn");
                    }
                }
            }
        }

        private bool HasEffectiveAllocation(string op, AvsAgent a) =>
            S.OperatorSetByKey(a.Set) is { } set && !S.SlashableStake(S.Operators[op], set, Stake).IsZero;

        private void Slash(int e, string op, AvsAgent a, UInt256 wad, string why)
        {
            _log.Do("slash", $"{{ avs: {a.Name}, set: 0, operator: {op}, strategies: [{f.StakeToken}], wad: {CommandLog.WadText(wad)} }}");
            _slashes[op]++;
            _avsSlashes[a.Name]++;
            _decisions.Add(new Decision(e, a.Name, $"slashes {op} by {Amounts.Format(wad, 18)} of its allocation ({why})"));
        }

        // ---- operators ----

        /// <summary>The stake an operator set will have once pending changes land: shares·(current+pending)/max.</summary>
        private double TargetSlashable(string op, AvsAgent a)
        {
            var o = S.Operators[op];
            var os = o.Find(Stake);
            var set = S.OperatorSetByKey(a.Set);
            if (os is null || set is null || os.MaxMagnitude == 0)
            {
                return 0;
            }
            var (current, pending, _, _) = S.UpdatedAllocation(os, set);
            var target = (ulong)((long)current + pending);
            return Wad.MulDown(os.Shares, Wad.DivDown(target, os.MaxMagnitude)).ToDouble() / Eth;
        }

        /// <summary>An AVS as one operator sees it: its reward, the others' stake on it (pending changes included), its risk, its required stake.</summary>
        private AvsView View(AvsAgent a, int e, string except) =>
            new(RewardEth(a, e), f.Operators.Where(o => o.Name != except).Sum(o => TargetSlashable(o.Name, a)), _probability[a.Name], a.SlashFraction, a.RequiredStakeEth);

        private double RewardEth(AvsAgent a, int e) => Live(a, e) && Paid(e) ? a.BudgetPerEpoch.ToDouble() / Eth * a.TokenPriceEth : 0;

        private void Allocate(int e, OperatorAgent agent)
        {
            var op = S.Operators[agent.Name];
            var os = op.Find(Stake);
            if (os is null || os.Shares.IsZero || os.MaxMagnitude == 0)
            {
                return;
            }
            var live = f.Avss.Where(a => Live(a, e)).ToList();
            var views = live.Select(a => View(a, e, agent.Name)).ToList();
            var levels = OperatorPolicy.Choose(os.Shares.ToDouble() / Eth, views, agent.CostPerAvsEth, agent.RiskAppetite, agent.ConcentrationLimit);
            var max = os.MaxMagnitude;
            var plans = new List<(AvsAgent Avs, OperatorSet Set, ulong Target, ulong Desired)>();
            for (var j = 0; j < live.Count; j++)
            {
                var set = S.OperatorSetByKey(live[j].Set)!;
                var (current, pending, effect, _) = S.UpdatedAllocation(os, set);
                if (effect != 0)
                {
                    continue; // a change is pending: the engine allows one at a time (ModificationAlreadyPending)
                }
                var target = (ulong)((long)current + pending);
                var desired = (ulong)((UInt128)max * (ulong)levels[j] / OperatorPolicy.Steps);
                // On the grid already (within half a step): leave it, so rounding never churns allocations.
                var diff = desired > target ? desired - target : target - desired;
                if (diff * 2 * OperatorPolicy.Steps >= max)
                {
                    plans.Add((live[j], set, target, desired));
                }
            }
            // Decreases first (they never free magnitude before the delay, but never need any), then increases within what is free.
            foreach (var (a, _, target, desired) in plans.Where(p => p.Desired < p.Target))
            {
                Emit(e, agent, a, max, target, desired);
            }
            foreach (var (a, set, target, desired) in plans.Where(p => p.Desired > p.Target))
            {
                var free = max - S.EncumberedMagnitude(os);
                var to = Math.Min(desired, target + free);
                if (to <= target)
                {
                    continue;
                }
                if (!op.Registrations.TryGetValue(set, out var status) || !status.Registered)
                {
                    _log.Do("register_for_sets", $"{{ operator: {agent.Name}, avs: {a.Name}, sets: [0] }}");
                    _log.Do("set_operator_split", $"{{ operator: {agent.Name}, avs: {a.Name}, set: 0, bips: {agent.CommissionBips} }}");
                }
                Emit(e, agent, a, max, target, to);
            }
        }

        private void Emit(int e, OperatorAgent agent, AvsAgent a, ulong max, ulong from, ulong to)
        {
            _log.Do("allocate", $"{{ operator: {agent.Name}, avs: {a.Name}, set: 0, strategy: {f.StakeToken}, magnitude: {CommandLog.WadText(to)} }}");
            var os = S.Operators[agent.Name].Find(Stake)!;
            var (_, _, effect, _) = S.UpdatedAllocation(os, S.OperatorSetByKey(a.Set)!);
            _changes.Add(new AllocationChange(e, S.Block, agent.Name, a.Name, (double)from / max, (double)to / max, effect == 0 ? S.Block : effect));
            _decisions.Add(new Decision(e, agent.Name, $"{(to > from ? "allocates" : "deallocates")} {a.Name}: {Pct((double)from / max)} → {Pct((double)to / max)} of its stake, in force from block {(effect == 0 ? S.Block : effect)}"));
        }

        private static string Pct(double x) => (x * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

        private static string Fine(double x) => (x * 100).ToString("0.#####", CultureInfo.InvariantCulture) + " %";

        // ---- restakers ----

        /// <summary>
        /// Expected net yield per epoch of delegating <paramref name="joining"/> ETH more to an operator (0 for the current one):
        /// its magnitudes m_j stay, so its slashable stake becomes m_j·(D + joining); the commission comes off the rewards,
        /// the expected slashing off the stake.
        /// </summary>
        private double NetYield(OperatorAgent o, int e, double joining)
        {
            var os = S.Operators[o.Name].Find(Stake);
            var d = os is null ? 0 : os.Shares.ToDouble() / Eth;
            if (d <= 0)
            {
                return 0;
            }
            var reward = 0.0;
            var loss = 0.0;
            foreach (var a in f.Avss.Where(a => Live(a, e)))
            {
                var mine = TargetSlashable(o.Name, a);
                if (mine <= 0)
                {
                    continue;
                }
                var after = mine * (d + joining) / d;
                reward += View(a, e, o.Name).RewardFor(after);
                loss += _probability[a.Name] * a.SlashFraction * after;
            }
            return (((1 - (o.CommissionBips / 10_000.0)) * reward) - loss) / (d + joining);
        }

        private void Restakers(int e)
        {
            var delayEpochs = (double)f.Params.WithdrawalDelayBlocks / f.BlocksPerEpoch;
            foreach (var r in f.Restakers.Where(r => r.Lrt is null))
            {
                if (_moving.TryGetValue(r.Name, out var m))
                {
                    if (S.Block > m.Start + f.Params.WithdrawalDelayBlocks)
                    {
                        // Shares cannot join an operator slashed to nothing (FullySlashed): then the restaker takes its tokens and leaves.
                        var wrecked = FullySlashed(m.To) && Queued(r.Name) > 0;
                        _log.Do("complete_withdrawal", $"{{ id: {m.Id}, as_tokens: {(wrecked ? "true" : "false")} }}");
                        _moving.Remove(r.Name);
                        _decisions.Add(new Decision(e, r.Name, wrecked
                            ? $"takes its tokens and leaves: {m.To} was slashed to nothing while it waited"
                            : $"arrives at {m.To}: the withdrawal delay has passed"));
                    }
                    continue;
                }
                // Nothing restaked (slashed away, or taken out): nothing to move.
                if (!Paid(e) || (e + _offset[r.Name]) % r.ReviewEvery != 0 || S.Stakers[r.Name].AllPositions.All(p => p.DepositShares.IsZero))
                {
                    continue;
                }
                var current = S.Stakers[r.Name].DelegatedTo!;
                var stake = Withdrawable(r.Name);
                var scores = f.Operators.Where(o => o.Name == current || !FullySlashed(o.Name))
                    .Select(o => (o.Name, Score: RestakerPolicy.Score(NetYield(o, e, o.Name == current ? 0 : stake), _slashes[o.Name]))).ToList();
                var mine = scores.First(s => s.Name == current).Score;
                var best = scores.Aggregate((x, y) => y.Score > x.Score + 1e-15 ? y : x);
                if (best.Name != current && RestakerPolicy.ShouldSwitch(mine, best.Score, r.HorizonEpochs, delayEpochs))
                {
                    var n = _moves.GetValueOrDefault(r.Name) + 1;
                    _moves[r.Name] = n;
                    var id = $"{r.Name}-move{n}";
                    _log.Do("redelegate", $"{{ staker: {r.Name}, operator: {best.Name}, ids: [{id}] }}");
                    _moving[r.Name] = (id, best.Name, S.Block);
                    _decisions.Add(new Decision(e, r.Name, $"leaves {current} for {best.Name} (expected net yield {Fine(mine)} → {Fine(best.Score)} an epoch, reputation included); waits the withdrawal delay"));
                }
            }
        }

        private bool FullySlashed(string op) => S.Operators[op].Find(Stake) is { MaxMagnitude: 0 };

        private void AccruePoints(int e)
        {
            if (f.Points is not { } pts || Paid(e))
            {
                return;
            }
            foreach (var o in f.Operators)
            {
                _points[o.Name] = _points.GetValueOrDefault(o.Name) + (Withdrawable(o.Name) * f.EpochDays * pts.PerEthDay);
            }
            foreach (var r in f.Restakers)
            {
                var stake = r.Lrt is null ? Withdrawable(r.Name) : r.Stake.ToDouble() / Eth;
                _points[r.Name] = _points.GetValueOrDefault(r.Name) + (stake * f.EpochDays * pts.PerEthDay);
            }
        }

        private void Snapshot(int e)
        {
            foreach (var o in f.Operators)
            {
                var os = S.Operators[o.Name].Find(Stake);
                foreach (var a in f.Avss.Where(a => Live(a, e)))
                {
                    var set = S.OperatorSetByKey(a.Set)!;
                    if (os is null || os.MaxMagnitude == 0)
                    {
                        _allocations.Add(new AllocationEpoch(e, o.Name, a.Name, 0, 0, 0));
                        continue;
                    }
                    var (current, pending, _, _) = S.UpdatedAllocation(os, set);
                    var max = (double)os.MaxMagnitude;
                    _allocations.Add(new AllocationEpoch(e, o.Name, a.Name, ((long)current + pending) / max, current / max,
                        S.SlashableStake(S.Operators[o.Name], set, Stake).ToDouble() / Eth));
                }
            }
        }
    }
}

/// <summary>How an AVS pays for an epoch of security: operator-directed amounts proportional to slashable stake.</summary>
public static class Payments
{
    /// <summary>What the AVS pays for an epoch: its whole budget once the slashable stake meets its requirement, that share of it below (rounded down).</summary>
    public static UInt256 Budget(UInt256 budget, UInt256 slashable, UInt256 required) =>
        slashable >= required ? budget : UInt256.MulDiv(budget, slashable, required);

    /// <summary>The budget split by slashable stake, rounded down, the remainder to the largest stake (first by name): the parts add up to the budget exactly.</summary>
    public static List<KeyValuePair<string, UInt256>> Split(UInt256 budget, IReadOnlyList<KeyValuePair<string, UInt256>> stakes)
    {
        ArgumentNullException.ThrowIfNull(stakes);
        var total = stakes.Aggregate(UInt256.Zero, (x, kv) => x + kv.Value);
        var parts = stakes.Select(kv => new KeyValuePair<string, UInt256>(kv.Key, UInt256.MulDiv(budget, kv.Value, total))).ToList();
        var rest = budget - parts.Aggregate(UInt256.Zero, (x, kv) => x + kv.Value);
        var largest = 0;
        for (var i = 1; i < stakes.Count; i++)
        {
            if (stakes[i].Value > stakes[largest].Value)
            {
                largest = i;
            }
        }
        parts[largest] = new(parts[largest].Key, parts[largest].Value + rest);
        return parts.Where(kv => !kv.Value.IsZero).ToList();
    }
}
