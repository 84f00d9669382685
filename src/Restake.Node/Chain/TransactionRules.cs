using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Node.Signing;
using Restake.Protocol;
using Restake.Protocol.State;
using Restake.Scenarios;

namespace Restake.Node.Chain;

/// <summary>
/// Turns a verified transaction into an engine action, deciding who may send it. The signer is the
/// actor: a staker deposits for itself, an operator allocates its own magnitude, an AVS slashes its
/// own operator sets (the engine checks the caller), and what has no on-chain owner here (stage,
/// caps, the faucet, beacon-chain proofs, distribution roots) is the admin's.
/// </summary>
public static class TransactionRules
{
    private enum Who
    {
        /// <summary>The named field is the signer (filled in when absent).</summary>
        Actor,
        /// <summary>The engine checks <c>caller</c>, which is set to the signer; the field, if named, defaults to the signer.</summary>
        Caller,
        /// <summary>Only the admin.</summary>
        Admin,
        /// <summary>Anyone (permissionless in the reference, such as burning slashed shares).</summary>
        Anyone,
    }

    private sealed record Rule(Who Who, string? Field = null);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["deposit"] = new(Who.Actor, "staker"),
        ["donate"] = new(Who.Actor, "from"),
        ["create_pod"] = new(Who.Actor, "owner"),
        ["register_operator"] = new(Who.Actor, "operator"),
        ["delegate"] = new(Who.Actor, "staker"),
        ["redelegate"] = new(Who.Actor, "staker"),
        ["queue_withdrawal"] = new(Who.Actor, "staker"),
        ["register_avs"] = new(Who.Actor, "avs"),
        ["create_operator_set"] = new(Who.Actor, "avs"),
        ["set_claimer"] = new(Who.Actor, "earner"),
        ["undelegate"] = new(Who.Caller, "staker"),
        ["complete_withdrawal"] = new(Who.Caller),
        ["register_for_sets"] = new(Who.Caller, "operator"),
        ["deregister_from_sets"] = new(Who.Caller, "operator"),
        ["set_allocation_delay"] = new(Who.Caller, "operator"),
        ["allocate"] = new(Who.Caller, "operator"),
        ["slash"] = new(Who.Caller, "avs"),
        ["submit_rewards"] = new(Who.Caller, "avs"),
        ["submit_rewards_for_all_earners"] = new(Who.Caller, "submitter"),
        ["submit_operator_directed_rewards"] = new(Who.Caller, "avs"),
        ["set_operator_split"] = new(Who.Caller, "operator"),
        ["claim"] = new(Who.Caller, "earner"),
        ["burn_slashed"] = new(Who.Anyone),
        ["mint"] = new(Who.Admin),
        ["verify_validators"] = new(Who.Admin),
        ["checkpoint"] = new(Who.Admin),
        ["set_stage"] = new(Who.Admin),
        ["set_caps"] = new(Who.Admin),
        ["calculate_rewards"] = new(Who.Admin),
        ["disable_root"] = new(Who.Admin),
        // Liquid restaking: users act for themselves; deploying an LRT and its oracle reports are the admin's (the protocol's committee).
        ["create_lrt"] = new(Who.Admin),
        ["lrt_oracle_report"] = new(Who.Admin),
        ["lrt_deposit"] = new(Who.Actor, "user"),
        ["lrt_request_withdrawal"] = new(Who.Actor, "user"),
        ["lrt_instant_redeem"] = new(Who.Actor, "user"),
        ["lrt_bridge_mint"] = new(Who.Actor, "user"),
        // The L1 price reaches the L2 through a trusted relayer, and sweeps are whitelisted upstream: the admin's here.
        ["lrt_price_push"] = new(Who.Admin),
        ["lrt_bridge_sweep"] = new(Who.Admin),
        // Rebalancing is the protocol's own operations; a Secure-Signer request is the operator's (its validator signs).
        ["lrt_rebalance"] = new(Who.Admin),
        // Staking eETH's validators spends the pool's ETH and plays the beacon chain (as verify_validators): the admin's.
        ["lrt_stake_validators"] = new(Who.Admin),
        // pufETH's stETH through Lido's queue is the vault's operations multisig's (upstream: restricted): the admin's.
        ["lrt_convert_steth"] = new(Who.Admin),
        ["lrt_claim_steth"] = new(Who.Admin),
        // Finalizing pufETH's withdrawal batches is the manager's finalizer role upstream (restricted): the admin's.
        ["lrt_finalize_withdrawals"] = new(Who.Admin),
        // Exiting an LRT's validators is its node operators' and the beacon chain's (proved by a checkpoint): the admin's.
        ["lrt_exit_validators"] = new(Who.Admin),
        ["lrt_validator_sign"] = new(Who.Actor, "operator"),
        ["lrt_transfer"] = new(Who.Actor, "from"),
        ["lrt_claim_withdrawal"] = new(Who.Anyone),
    };

    /// <summary>A field named twice is malformed (which one would the signer have meant?), not a crash when the object is read.</summary>
    public static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    /// <summary>The verbs a transaction may carry.</summary>
    public static IReadOnlyCollection<string> Verbs => [.. Rules.Keys, .. AvsBook.Verbs.Keys];

    /// <summary>Who may send <paramref name="verb"/>, in words (for the API reference and errors).</summary>
    public static string Describe(string verb) => AvsBook.Verbs.TryGetValue(verb, out var avs) ? avs : Rules.TryGetValue(verb, out var r)
        ? r.Who switch
        {
            Who.Actor => $"the {r.Field} (the signer)",
            Who.Caller => r.Field is null ? "whoever the engine allows (the signer is the caller)" : $"the signer as caller; {r.Field} defaults to the signer",
            Who.Admin => "the admin",
            _ => "anyone",
        }
        : "not a transaction";

    /// <summary>
    /// The action a transaction asks for, with the signer's identity filled in and checked. Throws
    /// <see cref="RejectedException"/> for an unknown verb, a malformed body or a signer who may not send it.
    /// </summary>
    public static StepAction Decode(SignedTransaction tx, NetworkState state, string admin)
    {
        var signer = EthAddress.Normalize(tx.From);
        if (!Rules.TryGetValue(tx.Verb, out var rule))
        {
            var hint = tx.Verb is "roll" or "warp" or "expect" or "note"
                ? $"'{tx.Verb}' is not a transaction (advance the chain with the node's mine and increase-time calls)"
                : $"unknown verb '{tx.Verb}' (transactions: {string.Join(", ", Rules.Keys.Order(StringComparer.Ordinal))})";
            throw RejectedException.BadRequest("UnknownVerb", hint);
        }
        JsonObject body;
        try
        {
            body = (tx.Body.Length == 0 ? new JsonObject() : JsonNode.Parse(tx.Body, documentOptions: StrictJson)) as JsonObject
                ?? throw RejectedException.BadRequest("MalformedBody", "the body must be a JSON object of the verb's fields");
        }
        catch (JsonException e)
        {
            throw RejectedException.BadRequest("MalformedBody", $"the body is not JSON: {e.Message}");
        }
        if (body.ContainsKey("expect_revert"))
        {
            // The scenario parser accepts it on any step; a transaction either lands or is refused.
            throw RejectedException.BadRequest("InvalidCommand", $"{tx.Verb}: 'expect_revert' belongs in scenario files, not in a transaction");
        }
        NormalizeAddresses(body);
        switch (rule.Who)
        {
            case Who.Actor:
                RequireSigner(body, rule.Field!, signer, tx.Verb);
                break;
            case Who.Caller:
                if (body.ContainsKey("caller"))
                {
                    throw RejectedException.BadRequest("MalformedBody", "'caller' is the signer of the transaction; leave it out of the body");
                }
                body["caller"] = signer;
                if (rule.Field is not null && !body.ContainsKey(rule.Field))
                {
                    body[rule.Field] = signer;
                }
                break;
            case Who.Admin:
                if (signer != EthAddress.Normalize(admin))
                {
                    throw RejectedException.Forbidden($"{tx.Verb} is the admin's ({EthAddress.Checksummed(admin)}); {EthAddress.Checksummed(signer)} may not send it");
                }
                break;
        }
        if (tx.Verb is "queue_withdrawal" or "lrt_request_withdrawal" && !body.ContainsKey("id"))
        {
            body["id"] = $"{signer}-{tx.Nonce}";
        }
        StepAction action;
        try
        {
            action = ScenarioParser.ParseAction(tx.Verb, body.ToJsonString(), state);
        }
        catch (ScenarioFileException e)
        {
            throw RejectedException.BadRequest("InvalidCommand", $"{tx.Verb}: {e.Message}");
        }
        return action switch
        {
            // The scenario faucet tops up a staker's tokens; a node's stakers deposit only what they hold.
            CommandStep { Command: Deposit d } => new CommandStep(d with { MintShortfall = false }),
            LrtStep { Action: Restake.Lrt.OnEngine.LrtDeposit d } => new LrtStep(d with { MintShortfall = false }),
            _ => action,
        };
    }

    private static void RequireSigner(JsonObject body, string field, string signer, string verb)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            body[field] = signer;
            return;
        }
        var named = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        if (named != signer)
        {
            throw RejectedException.Forbidden($"{verb}: the {field} must be the signer ({EthAddress.Checksummed(signer)}), not '{named}'");
        }
    }

    /// <summary>Addresses are names in the engine: one spelling (lowercase) for each, whatever case the sender used.</summary>
    private static void NormalizeAddresses(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                {
                    if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && EthAddress.IsAddress(v.GetValue<string>()))
                    {
                        o[key] = EthAddress.Normalize(v.GetValue<string>());
                    }
                    else
                    {
                        NormalizeAddresses(o[key]);
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && EthAddress.IsAddress(v.GetValue<string>()))
                    {
                        a[i] = EthAddress.Normalize(v.GetValue<string>());
                    }
                    else
                    {
                        NormalizeAddresses(a[i]);
                    }
                }
                break;
        }
    }
}
