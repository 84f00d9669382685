using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Restake.Picasso;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Scenarios.Modules;

/// <summary>
/// Picasso in scenario files (docs/picasso.md): the restaking vault for SOL and its LSTs, the guest chain, packets relayed
/// to and from the counterparty, equivocation that freezes the counterparty's light client, and the slash of the
/// equivocators' restaked SOL. Token amounts have 9 decimals; the guest chain keeps Solana's slots and its own heights.
/// Deposits are named by an <c>id</c> in the file.
/// </summary>
internal sealed class PicassoModule : IScenarioModule
{
    public string Name => "picasso";

    public IReadOnlySet<string> Verbs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "picasso_validator", "sol_deposit", "sol_request_withdrawal", "sol_withdraw", "sol_exchange_rate", "picasso_launch",
        "guest_block", "guest_send", "guest_relay", "guest_equivocate", "guest_report_misbehaviour", "solana_advance",
    };

    public IReadOnlyList<string> Sections { get; } = ["picasso"];

    public IModuleReader NewReader(ModuleParseContext context) => new Reader();

    public IModuleRuntime NewRuntime() => new Runtime();

    internal sealed record AddValidator(string Validator);
    internal sealed record Deposit(string Id, string Owner, string Token, ulong Amount, string Validator);
    internal sealed record OnReceipt(string Verb, string Id);
    internal sealed record ExchangeRate(string Token, ulong LamportsPerToken);
    internal sealed record Launch(string Counterparty);
    internal sealed record Block(ulong Slots);
    internal sealed record Send(bool ToCounterparty, string Text);
    internal sealed record Relay;
    internal sealed record Equivocate(IReadOnlyList<string> Validators, ulong Height, string Packet);
    internal sealed record Report(ulong Height);
    internal sealed record Advance(ulong Seconds);

    private static ulong Units(string text, int line) =>
        Amounts.TryParseToken(text, 9, out var v, out var error)
            ? v.FitsIn64 ? (ulong)v : throw new ScenarioFileException("amount: too large", line)
            : throw new ScenarioFileException($"amount: {error}", line);

    private sealed class Reader : IModuleReader
    {
        private readonly HashSet<string> _deposits = new(StringComparer.Ordinal);

        public object Read(string verb, YamlFields f) => verb switch
        {
            "picasso_validator" => new AddValidator(f.Required("validator")),
            "sol_deposit" => ReadDeposit(f),
            "sol_exchange_rate" => new ExchangeRate(f.Required("token"), Units(f.Required("sol_per_token"), f.Line)),
            "picasso_launch" => new Launch(f.Optional("counterparty") ?? "cosmoshub"),
            "guest_block" => new Block((ulong)(f.OptionalInteger("slots") ?? 0)),
            "guest_send" => new Send(f.Required("to") switch
            {
                "counterparty" => true,
                "guest" => false,
                var t => throw new ScenarioFileException($"guest_send: 'to' is counterparty or guest, not '{t}'", f.Line),
            }, f.Required("text")),
            "guest_relay" => new Relay(),
            "guest_equivocate" => new Equivocate(f.RequiredList("validators"), (ulong)f.RequiredInteger("height"), f.Optional("packet") ?? "forged transfer"),
            "guest_report_misbehaviour" => new Report((ulong)f.RequiredInteger("height")),
            "solana_advance" => new Advance(Durations.TryParseSeconds(f.Required("by"), out var s, out var e) ? (ulong)s : throw new ScenarioFileException($"by: {e}", f.Line)),
            _ => new OnReceipt(verb, ReceiptId(f)),
        };

        private Deposit ReadDeposit(YamlFields f)
        {
            var id = f.Required("id");
            if (!_deposits.Add(id))
            {
                throw new ScenarioFileException($"a deposit named '{id}' already exists", f.Line);
            }
            return new Deposit(id, f.Required("owner"), f.Required("token"), Units(f.Required("amount"), f.Line), f.Required("validator"));
        }

        private string ReceiptId(YamlFields f)
        {
            var id = f.Required("id");
            return _deposits.Contains(id) ? id : throw new ScenarioFileException($"no earlier sol_deposit names a deposit '{id}'", f.Line);
        }
    }

    /// <summary>The run's Picasso network, the file's names for its receipts, and the forged headers equivocators signed.</summary>
    public sealed class Runtime : IModuleRuntime
    {
        private readonly Dictionary<string, (ulong Receipt, Deposit Made)> _receipts = new(StringComparer.Ordinal);
        private readonly Dictionary<ulong, GuestHeader> _forged = [];
        private PicassoNetwork? _net;

        public PicassoNetwork Network => _net ??= new PicassoNetwork();

        public Outcome Perform(ModuleContext context, object action)
        {
            var error = action switch
            {
                AddValidator a => Do(() => Network.AddValidator(a.Validator)),
                Deposit d => DepositSol(d),
                OnReceipt r when !_receipts.ContainsKey(r.Id) => new ProtocolError("ReceiptNotFound", $"deposit '{r.Id}' was never made (its sol_deposit was refused)"),
                OnReceipt { Verb: "sol_request_withdrawal" } r => Network.RequestWithdrawal(_receipts[r.Id].Made.Owner, _receipts[r.Id].Receipt).Error,
                OnReceipt r => Network.Withdraw(_receipts[r.Id].Receipt).Error,
                ExchangeRate x => Network.SetExchangeRate(x.Token, x.LamportsPerToken).Error,
                Launch l => Network.Launch(l.Counterparty).Error,
                Block b => ProduceBlock(b.Slots),
                Send s => s.ToCounterparty ? Network.SendToCounterparty(s.Text).Error : Network.SendToGuest(s.Text).Error,
                Relay => Network.Relay().Error,
                Equivocate e => EquivocateAndSubmit(e),
                Report r => ReportMisbehaviour(r.Height),
                Advance a => Do(() => Network.AdvanceSeconds(a.Seconds)),
                _ => throw new ArgumentException($"unknown Picasso action {action.GetType().Name}", nameof(action)),
            };
            return error is null ? Outcome.Ok : new Outcome(error);
        }

        private static ProtocolError? Do(Action act)
        {
            act();
            return null;
        }

        private ProtocolError? DepositSol(Deposit d)
        {
            var r = Network.Deposit(d.Owner, d.Token, d.Amount, d.Validator);
            if (r.IsOk)
            {
                _receipts[d.Id] = (r.Value.Id, d);
            }
            return r.Error;
        }

        /// <summary>Waits at least the chain's minimum block length (or <paramref name="slots"/>), then produces a block the validators sign to finality.</summary>
        private ProtocolError? ProduceBlock(ulong slots)
        {
            Network.AdvanceSlots(Math.Max(slots, Network.Options.Chain.MinBlockLength));
            return Network.ProduceAndFinalise().Error;
        }

        /// <summary>The validators sign a forged block at a finalised height and the forged header reaches the counterparty's client.</summary>
        private ProtocolError? EquivocateAndSubmit(Equivocate e)
        {
            var forged = Network.Equivocate(e.Validators, e.Height, e.Packet);
            if (!forged.IsOk)
            {
                return forged.Error;
            }
            _forged[e.Height] = forged.Value;
            return Network.UpdateCounterpartyClient(forged.Value).Error;
        }

        private ProtocolError? ReportMisbehaviour(ulong height)
        {
            if (!_forged.TryGetValue(height, out var forged))
            {
                return new ProtocolError("NoConflictingHeader", $"no forged header at height {height} to report");
            }
            return Network.ReportMisbehaviour(new Misbehaviour(Network.HeaderAt(height), forged)).Error;
        }

        public void AddSections(JsonObject document, NetworkState state)
        {
            if (_net is null)
            {
                return;
            }
            var n = _net;
            var deposits = new JsonObject();
            foreach (var (id, (receiptId, made)) in _receipts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                // A withdrawn receipt leaves the vault; what it paid is in the vault's ledger.
                var r = n.Vault.Receipts.FirstOrDefault(x => x.Id == receiptId);
                deposits[id] = new JsonObject
                {
                    ["owner"] = made.Owner,
                    ["token"] = made.Token,
                    ["deposited"] = made.Amount.ToString(CultureInfo.InvariantCulture),
                    ["amount"] = (r?.Amount ?? 0).ToString(CultureInfo.InvariantCulture),
                    ["validator"] = made.Validator,
                    ["status"] = r is null ? "withdrawn" : r.WithdrawalRequestSec is null ? "staked" : "unbonding",
                };
            }
            var doc = new JsonObject { ["launched"] = n.Chain is not null, ["deposits"] = deposits };
            if (n.Chain is { } chain)
            {
                var validators = new JsonObject();
                foreach (var v in chain.Epoch.Validators.OrderBy(v => n.NameOf(v.PubKey), StringComparer.Ordinal))
                {
                    validators[n.NameOf(v.PubKey)] = v.Stake.ToString(CultureInfo.InvariantCulture);
                }
                doc["height"] = chain.Head.BlockHeight;
                doc["epoch"] = new JsonObject { ["commitment"] = chain.Epoch.Commitment.ToString(), ["validators"] = validators, ["quorum"] = chain.Epoch.QuorumStake.ToString(CultureInfo.InvariantCulture) };
                var client = n.Counterparty!.Client;
                doc["client"] = new JsonObject { ["status"] = client.Status(n.TimeNs).ToString().ToLowerInvariant(), ["latest_height"] = client.LatestHeight };
                doc["received"] = new JsonObject
                {
                    ["counterparty"] = new JsonArray([.. n.Counterparty.Ibc.Received.Select(p => (JsonNode?)JsonValue.Create(p.Text))]),
                    ["guest"] = new JsonArray([.. n.GuestIbc.Received.Select(p => (JsonNode?)JsonValue.Create(p.Text))]),
                };
            }
            doc["slashed"] = new JsonObject(n.Slashes.GroupBy(s => n.NameOf(s.Validator)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)JsonValue.Create(g.Aggregate(UInt128.Zero, (sum, s) => s.Tokens.Values.Aggregate(sum, (a, t) => a + t.Slashed)).ToString(CultureInfo.InvariantCulture)))));
            document["picasso"] = doc;
        }
    }
}
