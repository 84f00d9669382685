using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.AvsFramework;
using Restake.Node.Signing;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Node.Chain;

/// <summary>
/// The AVSs deployed on this chain (docs/avs.md): one task manager per AVS address, driven by the <c>avs_*</c>
/// transactions and synced with the engine after every log entry, so their stake history is checkpointed at the block
/// each stake changed. They are part of the chain's state: the state document's <c>avs_tasks</c> section and hash.
/// </summary>
public sealed class AvsBook
{
    private readonly SortedDictionary<string, TaskManager> _managers = new(StringComparer.Ordinal);

    /// <summary>The AVS verbs and who may send each.</summary>
    public static IReadOnlyDictionary<string, string> Verbs { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["avs_deploy"] = "the avs (the signer): puts an AVS kind's rules in charge of its operator set",
        ["avs_register_bls_key"] = "the operator (the signer), with a proof of possession",
        ["avs_create_task"] = "the avs (the signer), the task generator",
        ["avs_respond"] = "the avs (the signer), the aggregator",
        ["avs_challenge"] = "anyone (the signer is the challenger)",
        ["avs_pay_rewards"] = "the avs (the signer)",
    };

    public IReadOnlyDictionary<string, TaskManager> Managers => _managers;

    public void Sync(Protocol.State.NetworkState state)
    {
        foreach (var m in _managers.Values)
        {
            m.Sync(state);
        }
    }

    /// <summary>Applies one AVS transaction; a refusal throws <see cref="RejectedException"/> having changed nothing.</summary>
    public void Apply(Engine engine, string verb, string bodyText, string signer)
    {
        var body = Parse(bodyText);
        var state = engine.State;
        switch (verb)
        {
            case "avs_deploy":
            {
                Only(body, verb, "avs", "kind");
                var avs = Avs(body, signer, mustBeSigner: true);
                var kindName = Required(body, "kind");
                var kind = AvsKinds.Find(kindName) ?? throw RejectedException.BadRequest("UnknownAvsKind", $"no AVS kind '{kindName}' (known: {string.Join(", ", AvsKinds.Names)})");
                if (_managers.TryGetValue(avs, out var running))
                {
                    throw RejectedException.Reverted("AvsAlreadyDeployed", $"{avs} already runs {running.Definition.Name}");
                }
                _managers[avs] = Check(TaskManager.Deploy(state, avs, kind));
                break;
            }
            case "avs_register_bls_key":
            {
                Only(body, verb, "avs", "operator", "g1", "g2", "signature");
                if (body["operator"] is { } named && Address(AvsWire.Text(named), "operator") != signer)
                {
                    throw RejectedException.Forbidden($"{verb}: the operator must be the signer ({EthAddress.Checksummed(signer)})");
                }
                var m = Manager(Address(Required(body, "avs"), "avs"));
                if (!AvsMessages.TryG1(AvsWire.Text(body["g1"]), out var g1, out var e))
                {
                    throw RejectedException.BadRequest("MalformedBody", $"g1: {e}");
                }
                if (!AvsMessages.TryG2(AvsWire.Text(body["g2"]), out var g2, out e))
                {
                    throw RejectedException.BadRequest("MalformedBody", $"g2: {e}");
                }
                if (!AvsMessages.TryG1(AvsWire.Text(body["signature"]), out var pop, out e))
                {
                    throw RejectedException.BadRequest("MalformedBody", $"signature: {e}");
                }
                Check(m.RegisterKey(state, signer, g1, g2, pop));
                break;
            }
            case "avs_create_task":
            {
                Only(body, verb, "avs", "type", "input");
                var m = Manager(Avs(body, signer, mustBeSigner: false));
                if (!AvsWire.TryUInt(body["input"], "input", out var input, out var e))
                {
                    throw RejectedException.BadRequest("MalformedBody", e);
                }
                Check(m.CreateTask(state, signer, Required(body, "type"), input));
                break;
            }
            case "avs_respond":
            {
                Only(body, verb, "avs", "task", "reference_block", "responses");
                var m = Manager(Avs(body, signer, mustBeSigner: false));
                if (!AvsWire.TryResponse(body, out var response, out var e))
                {
                    throw RejectedException.BadRequest("MalformedResponse", e);
                }
                var normalized = response with
                {
                    Groups = [.. response.Groups.Select(g => g with { NonSigners = [.. g.NonSigners.Select(n => EthAddress.IsAddress(n) ? EthAddress.Normalize(n) : n)] })],
                };
                Check(m.Respond(state, signer, normalized));
                break;
            }
            case "avs_challenge":
            {
                Only(body, verb, "avs", "task", "operator");
                var m = Manager(Address(Required(body, "avs"), "avs"));
                if (!AvsWire.TryLong(body["task"], "task", out var task, out var e))
                {
                    throw RejectedException.BadRequest("MalformedBody", e);
                }
                Check(m.Challenge(engine, signer, task, Address(Required(body, "operator"), "operator")));
                break;
            }
            case "avs_pay_rewards":
            {
                Only(body, verb, "avs");
                var m = Manager(Avs(body, signer, mustBeSigner: false));
                Check(m.PayRewards(engine, signer));
                break;
            }
            default:
                throw RejectedException.BadRequest("UnknownVerb", $"unknown AVS verb '{verb}'");
        }
    }

    /// <summary>The <c>avs_tasks</c> section: each deployed AVS's rules, keys and tasks; null while none is deployed.</summary>
    public JsonObject? Document(long block) => _managers.Count == 0
        ? null
        : new JsonObject(_managers.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)AvsDocument.Build(kv.Value, block))));

    private TaskManager Manager(string avs) =>
        _managers.GetValueOrDefault(avs) ?? throw new RejectedException(404, "AvsNotDeployed", $"{avs} runs no AVS (send avs_deploy first)");

    private static T Check<T>(AvsResult<T> result) =>
        result.Ok ? result.Value! : throw RejectedException.Reverted(result.Error!.Name, result.Error.Message);

    private static JsonObject Parse(string text)
    {
        try
        {
            return (text.Length == 0 ? new JsonObject() : JsonNode.Parse(text, documentOptions: TransactionRules.StrictJson)) as JsonObject
                ?? throw RejectedException.BadRequest("MalformedBody", "the body must be a JSON object of the verb's fields");
        }
        catch (JsonException e)
        {
            throw RejectedException.BadRequest("MalformedBody", $"the body is not JSON: {e.Message}");
        }
    }

    private static void Only(JsonObject body, string verb, params string[] fields)
    {
        if (body.Select(kv => kv.Key).FirstOrDefault(k => !fields.Contains(k)) is { } unknown)
        {
            throw RejectedException.BadRequest("MalformedBody", $"{verb}: unknown field '{unknown}' (fields: {string.Join(", ", fields)})");
        }
    }

    private static string Required(JsonObject body, string field) =>
        AvsWire.Text(body[field]) is { Length: > 0 } text ? text : throw RejectedException.BadRequest("MalformedBody", $"'{field}' is required (a string)");

    private static string Address(string? text, string field) =>
        text is not null && EthAddress.IsAddress(text) ? EthAddress.Normalize(text) : throw RejectedException.BadRequest("MalformedBody", $"{field}: '{text}' is not an address (0x and 40 hex digits)");

    /// <summary>The AVS a verb acts for: the body's <c>avs</c>, defaulting to the signer.</summary>
    private static string Avs(JsonObject body, string signer, bool mustBeSigner)
    {
        if (body["avs"] is null)
        {
            return signer;
        }
        var avs = Address(AvsWire.Text(body["avs"]), "avs");
        if (mustBeSigner && avs != signer)
        {
            throw RejectedException.Forbidden($"the avs must be the signer ({EthAddress.Checksummed(signer)})");
        }
        return avs;
    }
}
