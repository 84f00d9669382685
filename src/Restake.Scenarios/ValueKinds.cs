using System.Numerics;
using Restake.Primitives;

namespace Restake.Scenarios;

internal enum ValueKind
{
    Integer,
    Text,
    Amount,
    Gwei,
    Wad,
}

/// <summary>What unit a state value is in, read from its path, so "12.5" in an expectation is scaled as the value is.</summary>
internal static class ValueKinds
{
    private static readonly HashSet<string> Integers = ["index", "block", "stage", "effect_block", "allocation_delay", "start_block", "completable_block", "slash_count", "active_validators", "delegators", "weight_bps", "bucket_units", "sat", "power", "height", "btc_height", "last_finalized_height", "epoch"];
    private static readonly HashSet<string> Texts = ["kind", "avs", "start", "duration", "root", "calculated_until", "activated_at", "disabled", "time", "delegated_to", "status", "staker", "strategy", "token", "preset", "operator", "user", "paused", "asset", "l2_price_time", "node_delegator", "healthy", "slashed", "fp", "key", "staking_tx"];
    private static readonly HashSet<string> Wads = ["deposit_scaling_factor", "beacon_chain_slashing_factor", "rate", "highest_rate", "l2_last_price", "lltv", "health_factor"];
    internal static readonly HashSet<string> Sections = ["block", "time", "stage", "stakers", "operators", "avs", "strategies", "pods", "withdrawals", "balances", "rewards", "lrts",
        .. Modules.ScenarioModules.Sections];

    public static ValueKind Of(string[] path)
    {
        var leaf = path[^1];
        if (Integers.Contains(leaf))
        {
            return ValueKind.Integer;
        }
        // Secure-Signer records: lrts.LRT.signed.OPERATOR/VALIDATOR.SLOT holds the message signed.
        // Picasso counts lamports (SOL's 9 decimals) and names validators: its values are whole numbers or text.
        if (path[0] == "picasso")
        {
            return leaf is "owner" or "token" or "validator" or "status" or "commitment" or "launched" || path.Contains("received") ? ValueKind.Text : ValueKind.Integer;
        }
        // EigenDA: names and notes are text, sizes and counts whole numbers, stakes, fees and payouts 18-decimal amounts.
        if (path[0] == "eigenda")
        {
            return leaf is "id" or "fault" or "payment" or "signers" or "retrieval" or "payment_token" ? ValueKind.Text
                : leaf is "bytes" or "symbols" or "quorum" or "signer_count" or "signed_percent" ? ValueKind.Integer : ValueKind.Amount;
        }

        // AVS tasks (docs/avs.md): names and flags are text; inputs, answers, ids and blocks whole numbers; stake amounts.
        if (path[0] == "avs_tasks")
        {
            return leaf is "backed" or "total" or "weight" or "per_task" ? ValueKind.Amount
                : leaf is "status" or "kind" or "type" or "operator" or "challenger" or "slashed" or "backs" or "rewards_paid" or "token" || path.Contains("silent") || path.Contains("keys")
                    ? ValueKind.Text : ValueKind.Integer;
        }

        // Babylon's checkpoints map an epoch to its status.
        if (path.Length == 3 && path[0] == "babylon" && path[1] == "checkpoints")
        {
            return ValueKind.Text;
        }
        // A lending market names its tokens (lending.MARKET.loan / collateral / oracle_pool); a position's collateral is an amount.
        if (Texts.Contains(leaf) || (path.Length >= 3 && path[^3] == "signed")
            || (path.Length == 3 && path[0] == "lending" && leaf is "loan" or "collateral" or "oracle_pool"))
        {
            return ValueKind.Text;
        }
        if (leaf.EndsWith("_gwei", StringComparison.Ordinal))
        {
            return ValueKind.Gwei;
        }
        if (Wads.Contains(leaf) || path.Contains("prices") || (path[0] is "pools" or "lending" && path.Contains("price")) || path.Contains("max_magnitude") || path.Contains("encumbered_magnitude")
            || (path.Contains("allocations") && leaf is "current" or "pending"))
        {
            return ValueKind.Wad;
        }
        return ValueKind.Amount;
    }

    /// <summary>Parses an expected value of the given kind into the integer the state document holds.</summary>
    public static bool TryParse(string text, ValueKind kind, int decimals, bool nativeEth, out BigInteger value, out string error)
    {
        value = BigInteger.Zero;
        UInt256 parsed;
        switch (kind)
        {
            case ValueKind.Integer:
                if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l))
                {
                    error = $"'{text}' is not a whole number";
                    return false;
                }
                value = l;
                error = "";
                return true;
            case ValueKind.Wad:
                if (!Amounts.TryParseFraction(text, out parsed, out error))
                {
                    return false;
                }
                break;
            case ValueKind.Gwei:
                if (!Amounts.TryParseEth(text, out parsed, out error))
                {
                    return false;
                }
                if (!(parsed % Amounts.WeiPerGwei).IsZero)
                {
                    error = $"'{text}' is not a whole number of gwei";
                    return false;
                }
                parsed /= Amounts.WeiPerGwei;
                break;
            default:
                if (nativeEth ? !Amounts.TryParseEth(text, out parsed, out error) : !Amounts.TryParseToken(text, decimals, out parsed, out error))
                {
                    return false;
                }
                break;
        }
        value = parsed;
        return true;
    }
}
