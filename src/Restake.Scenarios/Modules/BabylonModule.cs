using System.Globalization;
using System.Text.Json.Nodes;
using Restake.Babylon;
using Restake.Babylon.Chain;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Scenarios.Modules;

/// <summary>
/// Babylon in scenario files (docs/babylon.md): finality providers, BTC stakes on the simulated Bitcoin chain, votes,
/// equivocation and the slashing it allows, unbonding, withdrawal, Babylon blocks and checkpoints. The Babylon and Bitcoin
/// chains keep their own heights (they are not the engine's blocks). Stakes are named by an <c>id</c> in the file.
/// </summary>
internal sealed class BabylonModule : IScenarioModule
{
    public string Name => "babylon";

    public IReadOnlySet<string> Verbs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "babylon_finality_provider", "babylon_bootstrap", "btc_stake", "btc_mine", "babylon_advance", "babylon_vote",
        "babylon_equivocate", "btc_slash", "btc_unbond", "btc_withdraw", "babylon_checkpoint",
    };

    public IReadOnlyList<string> Sections { get; } = ["babylon"];

    public IModuleReader NewReader(ModuleParseContext context) => new Reader();

    public IModuleRuntime NewRuntime() => new Runtime();

    internal sealed record AddProvider(string Fp, ulong Randomness);
    internal sealed record Bootstrap;
    internal sealed record Stake(string Id, string Staker, string Fp, long Satoshis, int Blocks);
    internal sealed record MineBtc(int Blocks);
    internal sealed record AdvanceBlocks(int Blocks, int BtcPerBlock, bool Vote);
    internal sealed record Vote(string Fp, ulong Height, bool Equivocate);
    internal sealed record OnStake(string Verb, string Id, long Fee);
    internal sealed record Checkpoint;

    private sealed class Reader : IModuleReader
    {
        private readonly HashSet<string> _stakes = new(StringComparer.Ordinal);

        public object Read(string verb, YamlFields f) => verb switch
        {
            "babylon_finality_provider" => new AddProvider(f.Required("fp"), (ulong)(f.OptionalInteger("randomness") ?? 0)),
            "babylon_bootstrap" => new Bootstrap(),
            "btc_stake" => ReadStake(f),
            "btc_mine" => new MineBtc(Count(f, "blocks")),
            "babylon_advance" => new AdvanceBlocks(Count(f, "blocks"), f.OptionalInteger("btc_per_block") is { } b ? Count(f, "btc_per_block") : 1, f.OptionalBool("vote") ?? true),
            "babylon_vote" or "babylon_equivocate" => new Vote(f.Required("fp"), (ulong)Count(f, "height"), verb == "babylon_equivocate"),
            "babylon_checkpoint" => new Checkpoint(),
            _ => new OnStake(verb, StakeId(f), verb == "btc_withdraw" ? (long)(f.OptionalInteger("fee") ?? 1_000) : 0),
        };

        private static int Count(YamlFields f, string key) =>
            f.RequiredInteger(key) is var n and >= 0 and <= 1_000_000 ? (int)n : throw new ScenarioFileException($"{key} is between 0 and 1,000,000", f.Line);

        private Stake ReadStake(YamlFields f)
        {
            var id = f.Required("id");
            if (!_stakes.Add(id))
            {
                throw new ScenarioFileException($"a stake named '{id}' already exists", f.Line);
            }
            // Amounts in BTC with 8 decimals ("0.5"), or "N sat".
            var text = f.Required("amount");
            long sats;
            if (text.EndsWith(" sat", StringComparison.Ordinal) && long.TryParse(text[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var raw))
            {
                sats = raw;
            }
            else if (Amounts.TryParseToken(text, 8, out var v, out _) && !text.EndsWith(" wei", StringComparison.Ordinal))
            {
                sats = v.FitsIn64 && (ulong)v <= long.MaxValue ? (long)(ulong)v : throw new ScenarioFileException("amount: too many bitcoin", f.Line);
            }
            else
            {
                throw new ScenarioFileException($"amount: '{text}' is not bitcoin: give BTC with up to 8 decimals (\"0.5\") or \"N sat\"", f.Line);
            }
            return new Stake(id, f.Required("staker"), f.Required("fp"), sats, Count(f, "blocks"));
        }

        private string StakeId(YamlFields f)
        {
            var id = f.Required("id");
            return _stakes.Contains(id) ? id : throw new ScenarioFileException($"no earlier btc_stake names a stake '{id}'", f.Line);
        }
    }

    /// <summary>The run's Babylon: the simulation and the file's names for its stakes.</summary>
    public sealed class Runtime : IModuleRuntime
    {
        private readonly Dictionary<string, (string Hash, string Staker, string Fp)> _stakes = new(StringComparer.Ordinal);
        private BabylonSimulation? _sim;

        public BabylonSimulation Simulation => _sim ??= new BabylonSimulation();

        public Outcome Perform(ModuleContext context, object action)
        {
            var error = action switch
            {
                AddProvider a => Simulation.AddFinalityProvider(a.Fp, a.Randomness),
                Bootstrap => Run(Simulation.Bootstrap),
                Stake s => StakeBtc(s),
                MineBtc m => Run(() => Simulation.Btc.Mine(m.Blocks)),
                AdvanceBlocks a => Run(() => Simulation.Advance(a.Blocks, a.BtcPerBlock, a.Vote)),
                Vote v => v.Equivocate ? Simulation.Equivocate(v.Fp, v.Height).Error : Simulation.Vote(v.Fp, v.Height).Error,
                Checkpoint => Run(() => Simulation.SubmitCheckpoints()),
                OnStake o when !_stakes.ContainsKey(o.Id) => new ProtocolError("ErrBTCDelegationNotFound", $"stake '{o.Id}' was never created (its btc_stake was refused)"),
                OnStake o => o.Verb switch
                {
                    "btc_slash" => Simulation.Slash(_stakes[o.Id].Hash).Error,
                    "btc_unbond" => Simulation.Unbond(_stakes[o.Id].Hash).Error,
                    _ => Simulation.Withdraw(_stakes[o.Id].Hash, o.Fee).Error,
                },
                _ => throw new ArgumentException($"unknown Babylon action {action.GetType().Name}", nameof(action)),
            };
            return error is null ? Outcome.Ok : new Outcome(new ProtocolError(error.Name, error.Message));
        }

        private static ProtocolError? Run(Action act)
        {
            act();
            return null;
        }

        private ProtocolError? StakeBtc(Stake s)
        {
            var result = Simulation.Stake(s.Staker, s.Fp, s.Satoshis, s.Blocks);
            if (result.IsOk)
            {
                _stakes[s.Id] = (result.Value.StakingTxHash, s.Staker, s.Fp);
            }
            return result.Error;
        }

        public void AddSections(JsonObject document, NetworkState state)
        {
            if (_sim is null)
            {
                return;
            }
            var chain = _sim.Chain;
            var providers = new JsonObject();
            foreach (var fp in chain.FinalityProviders.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                providers[fp.Name] = new JsonObject { ["key"] = fp.Key, ["power"] = chain.PowerOf(fp.Key), ["slashed"] = fp.Slashed };
            }
            var stakes = new JsonObject();
            foreach (var (id, s) in _stakes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var d = chain.Delegations[s.Hash];
                stakes[id] = new JsonObject
                {
                    ["staker"] = s.Staker,
                    ["fp"] = s.Fp,
                    ["sat"] = d.Value,
                    ["status"] = d.Status.ToString().ToLowerInvariant(),
                    ["staking_tx"] = s.Hash,
                };
            }
            var checkpoints = new JsonObject();
            foreach (var (epoch, cp) in chain.Checkpoints.OrderBy(kv => kv.Key))
            {
                checkpoints[epoch.ToString(CultureInfo.InvariantCulture)] = cp.Status.ToString().ToLowerInvariant();
            }
            document["babylon"] = new JsonObject
            {
                ["height"] = chain.Height,
                ["epoch"] = chain.CurrentEpoch,
                ["last_finalized_height"] = chain.LastFinalizedHeight,
                ["btc_height"] = _sim.Btc.Height,
                ["finality_providers"] = providers,
                ["stakes"] = stakes,
                ["checkpoints"] = checkpoints,
            };
        }
    }
}
