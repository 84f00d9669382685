using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;
using YamlDotNet.RepresentationModel;

namespace Restake.Scenarios;

// The liquid restaking verbs (docs/scenarios.md, docs/lrt.md): fields checked and amounts scaled here.
public static partial class ScenarioParser
{
    private sealed partial class Reader
    {
        private LrtAction ReadLrt(string verb, YamlFields f) => verb switch
        {
            "create_lrt" => ReadCreateLrt(f),
            "lrt_deposit" => new LrtDeposit(f.Required("lrt"), f.Required("user"), LrtStrategy(f.Required("asset"), f.Line),
                StrategyAmount(f.Required("amount"), LrtStrategy(f.Required("asset"), f.Line), f.Line), MintShortfall: true),
            "lrt_request_withdrawal" => new LrtRequestWithdrawal(f.Required("lrt"), f.Required("user"), LrtAmount(f.Required("amount"), f.Line), f.Required("id")),
            "lrt_claim_withdrawal" => new LrtClaimWithdrawal(f.Required("id")),
            "lrt_oracle_report" => new LrtOracleReport(f.Required("lrt"), ReadPrices(f),
                f.Optional("value") is { } v ? LrtAmount(v, f.Line) : null, f.OptionalBool("as_manager") ?? false,
                f.Optional("protocol_fees") is { } fees ? LrtAmount(fees, f.Line) : null),
            "lrt_instant_redeem" => new LrtInstantRedeem(f.Required("lrt"), f.Required("user"), LrtAmount(f.Required("amount"), f.Line)),
            "lrt_price_push" => new LrtPricePush(f.Required("lrt"), Fraction(f.Required("price"), f.Line), f.Optional("time") is { } t ? ParseTime(t, f.Line) : null),
            "lrt_bridge_mint" => new LrtBridgeMint(f.Required("lrt"), f.Required("user"), LrtStrategy(f.Required("asset"), f.Line),
                StrategyAmount(f.Required("amount"), LrtStrategy(f.Required("asset"), f.Line), f.Line), MintShortfall: true),
            "lrt_bridge_sweep" => new LrtBridgeSweep(f.Required("lrt"), f.Optional("sweeper")),
            "lrt_rebalance" => new LrtRebalance(f.Required("lrt")),
            "lrt_stake_validators" => ReadStakeValidators(f),
            "lrt_finalize_withdrawals" => new LrtFinalizeWithdrawals(f.Required("lrt"), f.RequiredInteger("batch") is var b and >= 0 and <= int.MaxValue ? (int)b : throw new ScenarioFileException("lrt_finalize_withdrawals: batch is a batch index (0 or more)", f.Line)),
            "lrt_exit_validators" => ReadExitValidators(f),
            "lrt_convert_steth" => new LrtConvertStEth(f.Required("lrt"), LrtAmount(f.Required("amount"), f.Line), f.Required("id"), f.Optional("node")),
            "lrt_claim_steth" => new LrtClaimStEth(f.Required("lrt"), f.Required("id"), f.Optional("eth") is { } eth ? LrtAmount(eth, f.Line) : null),
            "lrt_validator_sign" => new LrtValidatorSign(f.Required("lrt"), f.Required("operator"), (ulong)NonNegative(f, "validator"), (ulong)NonNegative(f, "slot"), f.Required("message")),
            _ => new LrtTransfer(f.Required("lrt"), f.Required("from"), f.Required("to"), LrtAmount(f.Required("amount"), f.Line)),
        };

        private LrtCreate ReadCreateLrt(YamlFields f)
        {
            var preset = f.Required("preset") switch
            {
                "etherfi" or "eETH" => LrtPreset.EtherFi,
                "puffer" or "pufETH" => LrtPreset.Puffer,
                "kelp" or "rsETH" => LrtPreset.Kelp,
                "renzo" or "ezETH" => LrtPreset.Renzo,
                var other => throw new ScenarioFileException($"create_lrt: preset is etherfi, puffer, kelp or renzo (or eETH, pufETH, rsETH, ezETH), not '{other}'", f.Line),
            };
            var operators = f.RequiredList("operators");
            var assetsNode = f.Node("assets") ?? throw new ScenarioFileException("create_lrt is missing the field 'assets'", f.Line);
            if (assetsNode is not YamlSequenceNode seq)
            {
                throw new ScenarioFileException("create_lrt: 'assets' is a list of strategies or { strategy, price }", YamlFields.LineOf(assetsNode));
            }
            var assets = seq.Children.Select(item =>
            {
                if (item is YamlScalarNode scalar)
                {
                    return new LrtAssetConfig(LrtStrategy(scalar.Value ?? "", f.Line), Wad.Unit);
                }
                var a = new YamlFields(item, "an LRT asset");
                var config = new LrtAssetConfig(LrtStrategy(a.Required("strategy"), a.Line), a.Optional("price") is { } p ? Fraction(p, a.Line) : Wad.Unit);
                a.RejectUnknown();
                return config;
            }).ToList();
            var weights = f.OptionalList("weights_bps")?.Select(w => (ulong)Integer(w, "weights_bps", f.Line)).ToList();
            var cap = f.OptionalInteger("cap_bps") is { } c ? (ulong?)c : null;
            var bond = f.Optional("bond") is { } b ? LrtAmount(b, f.Line) : UInt256.Zero;
            return new LrtCreate(f.Required("lrt"), preset, operators, assets, new DelegationPolicy(weights, cap), bond, ReadRules(f));
        }

        /// <summary>create_lrt's optional fees, limits and delays (docs/lrt.md); absent ones keep the preset's defaults.</summary>
        private static LrtRules ReadRules(YamlFields f)
        {
            ulong? Bp(string key) => f.OptionalInteger(key) is { } v ? (v < 0 ? throw new ScenarioFileException($"create_lrt: {key} is not negative", f.Line) : (ulong)v) : null;
            UInt256? Amount(string key) => f.Optional(key) is { } v ? LrtAmount(v, f.Line) : null;
            long? cooldown = null;
            if (f.Optional("cooldown") is { } text)
            {
                cooldown = Durations.TryParseSeconds(text, out var seconds, out var error) ? seconds : throw new ScenarioFileException($"create_lrt: cooldown: {error}", f.Line);
            }
            return new LrtRules(Bp("exit_fee_bps"), Bp("treasury_split_bps"), Bp("low_watermark_bps"), Amount("bucket_capacity"), Amount("bucket_refill_per_second"),
                Bp("buffer_bps"), f.OptionalInteger("withdrawal_delay_blocks"), Amount("min_withdrawal"), cooldown, Amount("max_fee_mint_per_day"),
                Bp("treasury_fee_bps"), f.OptionalInteger("batch_size") is { } size ? (size is >= 1 and <= int.MaxValue ? (int)size : throw new ScenarioFileException("create_lrt: batch_size is at least 1", f.Line)) : null,
                Amount("max_withdrawal"), Bp("acceptable_rebase_apr_bps"));
        }

        private Dictionary<string, UInt256>? ReadPrices(YamlFields f)
        {
            if (f.Node("prices") is not { } node)
            {
                return null;
            }
            if (node is not YamlMappingNode map)
            {
                throw new ScenarioFileException("lrt_oracle_report: 'prices' maps assets to ETH prices, e.g. { stETH: \"0.99\" }", YamlFields.LineOf(node));
            }
            return map.Children.ToDictionary(
                kv => Strategy(((YamlScalarNode)kv.Key).Value ?? "", YamlFields.LineOf(kv.Key)),
                kv => Fraction(Scalar(kv.Value, "price"), YamlFields.LineOf(kv.Value)),
                StringComparer.Ordinal);
        }

        /// <summary>lrt_stake_validators: validators as [{ index, balance }] (balance defaults to 32 ETH) or a count of fresh ones.</summary>
        private LrtStakeValidators ReadStakeValidators(YamlFields f)
        {
            IReadOnlyList<ValidatorBalance>? validators = null;
            if (f.Node("validators") is { } node)
            {
                if (node is not YamlSequenceNode seq)
                {
                    throw new ScenarioFileException("lrt_stake_validators: 'validators' is a list of { index, balance }", YamlFields.LineOf(node));
                }
                validators = [.. seq.Children.Select(item =>
                {
                    var v = new YamlFields(item, "a validator");
                    var index = v.RequiredInteger("index");
                    var gwei = v.Optional("balance") is { } b ? Gwei(b, v.Line) : LrtVault.ValidatorGwei;
                    v.RejectUnknown();
                    return new ValidatorBalance(index, gwei);
                })];
            }
            var count = f.OptionalInteger("count") is { } n ? (n is >= 1 and <= int.MaxValue ? (int)n : throw new ScenarioFileException("lrt_stake_validators: count is at least 1", f.Line)) : 0;
            if (validators is null && count == 0)
            {
                throw new ScenarioFileException("lrt_stake_validators needs 'validators' or 'count'", f.Line);
            }
            return new LrtStakeValidators(f.Required("lrt"), validators, count, f.Optional("node"));
        }

        /// <summary>lrt_exit_validators: validators as a list of indices, or a count of the LRT's first active ones.</summary>
        private static LrtExitValidators ReadExitValidators(YamlFields f)
        {
            var indices = f.OptionalList("validators")?.Select(v => Integer(v, "validators", f.Line)).ToList();
            var count = f.OptionalInteger("count") is { } n ? (n is >= 1 and <= int.MaxValue ? (int)n : throw new ScenarioFileException("lrt_exit_validators: count is at least 1", f.Line)) : 0;
            if (indices is not { Count: > 0 } && count == 0)
            {
                throw new ScenarioFileException("lrt_exit_validators needs 'validators' (indices) or 'count'", f.Line);
            }
            return new LrtExitValidators(f.Required("lrt"), indices, count, f.Optional("node"));
        }

        /// <summary>An LRT asset: a strategy name, or ETH for the native-ETH (beacon) strategy.</summary>
        private string LrtStrategy(string name, int line) =>
            name == ProtocolConstants.NativeToken && !_strategies.ContainsKey(name) ? Strategy(ProtocolConstants.BeaconStrategy, line) : Strategy(name, line);

        private static long NonNegative(YamlFields f, string key) =>
            f.RequiredInteger(key) is var v and >= 0 ? v : throw new ScenarioFileException($"lrt_validator_sign: {key} is not negative", f.Line);

        /// <summary>LRT amounts and ETH values: 18 decimals ("1.5", or "... wei").</summary>
        private static UInt256 LrtAmount(string text, int line) => Eth(text, line);
    }
}
