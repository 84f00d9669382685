using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;
using Restake.Rewards;

namespace Restake.Scenarios;

/// <summary>
/// The state as one JSON document (SCENARIOS.md "State"): integers in base units as decimal strings,
/// names as keys in ordinal order so the same state always prints the same bytes.
/// </summary>
public static class StateDocument
{
    /// <summary>Saved state carries its format, so a later version can migrate or refuse it with a clear message.</summary>
    public const string Format = "restake.state/1";

    public static JsonObject Build(NetworkState s, RewardsBook? rewards) => Build(s, rewards, null);

    /// <summary>The document with an <c>lrts</c> section when liquid restaking protocols are deployed (absent otherwise, so older documents keep their bytes).</summary>
    public static JsonObject Build(NetworkState s, RewardsBook? rewards, Restake.Lrt.OnEngine.LrtBook? lrts) => Build(s, rewards, lrts, null);

    /// <summary>As above, with the sections of the run's modules (markets' <c>pools</c> and <c>lending</c>, <c>babylon</c>, ...).</summary>
    public static JsonObject Build(NetworkState s, RewardsBook? rewards, Restake.Lrt.OnEngine.LrtBook? lrts, Modules.ModuleRuntimes? modules)
    {
        var doc = BuildCore(s, rewards);
        if (lrts is { Vaults.Count: > 0 })
        {
            doc["lrts"] = LrtDocument.Build(s, lrts);
        }
        modules?.AddSections(doc, s);
        return doc;
    }

    private static JsonObject BuildCore(NetworkState s, RewardsBook? rewards) => new()
    {
        ["format"] = Format,
        ["block"] = s.Block,
        ["time"] = FormatTime(s.Time),
        ["stage"] = s.Stage,
        ["stakers"] = Map(s.Stakers, st => Staker(s, st)),
        ["operators"] = Map(s.Operators, op => Operator(s, op)),
        ["avs"] = Map(s.Avss, Avs),
        ["strategies"] = Map(s.Strategies, st => Strategy(st)),
        ["pods"] = Map(s.Pods, pod => Pod(pod)),
        ["withdrawals"] = Map(s.Withdrawals, w => Withdrawal(s, w)),
        ["balances"] = Map(s.Balances, b => Map(b, v => Str(v))),
        ["rewards"] = Rewards(s, rewards),
    };

    /// <summary>The liquid restaking tokens deployed on the network (the <c>lrts</c> section).</summary>
    public static JsonObject Lrts(NetworkState s, Restake.Lrt.OnEngine.LrtBook book) => LrtDocument.Build(s, book);

    /// <summary>The sections that are maps of named items, and so can be read a page at a time.</summary>
    public static readonly IReadOnlyList<string> PagedSections = ["stakers", "operators", "avs", "strategies", "pods", "withdrawals", "balances"];

    /// <summary>
    /// One page of a section, items in the document's (ordinal) order: what a query of a large network
    /// reads instead of the whole document. Null for an unknown section.
    /// </summary>
    public static (int Total, JsonObject Items)? Page(NetworkState s, RewardsBook? rewards, string section, int offset, int limit) =>
        section == "rewards"
            ? (1, Rewards(s, rewards))
            // The nullable type argument makes an unknown section null, not a default (0, null) page.
            : Sections<(int Total, JsonObject Items)?>(s, section, (names, _, build) =>
                (names.Count, Object(names.Order(StringComparer.Ordinal).Skip(offset).Take(limit).Select(k => (k, (JsonNode?)build(k))))));

    /// <summary>The names of a section's items, unordered (a caller that pages often sorts them once); null for an unknown section.</summary>
    public static IReadOnlyCollection<string>? Names(NetworkState s, string section) =>
        Sections<IReadOnlyCollection<string>>(s, section, (names, _, _) => names);

    /// <summary>One named item of a section (a staker, an operator, ...); null when there is no such item or section.</summary>
    public static JsonNode? Item(NetworkState s, string section, string name) =>
        Sections<JsonNode?>(s, section, (_, has, build) => has(name) ? build(name) : null);

    /// <summary>Hands a section's names and its item builder to <paramref name="use"/>; the one place that knows the sections.</summary>
    private static T? Sections<T>(NetworkState s, string section, Func<IReadOnlyCollection<string>, Func<string, bool>, Func<string, JsonNode>, T> use)
    {
        return section switch
        {
            "stakers" => Of(s.Stakers, st => Staker(s, st)),
            "operators" => Of(s.Operators, op => Operator(s, op)),
            "avs" => Of(s.Avss, Avs),
            "strategies" => Of(s.Strategies, Strategy),
            "pods" => Of(s.Pods, Pod),
            "withdrawals" => Of(s.Withdrawals, w => Withdrawal(s, w)),
            "balances" => Of(s.Balances, b => Map(b, v => Str(v))),
            _ => default,
        };

        T Of<TItem>(IReadOnlyDictionary<string, TItem> items, Func<TItem, JsonNode> build) =>
            use(new KeyCollection<TItem>(items), items.ContainsKey, name => build(items[name]));
    }

    private sealed class KeyCollection<TItem>(IReadOnlyDictionary<string, TItem> items) : IReadOnlyCollection<string>
    {
        public int Count => items.Count;
        public IEnumerator<string> GetEnumerator() => items.Keys.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static JsonObject Rewards(NetworkState s, RewardsBook? book)
    {
        var ledger = s.Rewards;
        var submissions = new JsonObject();
        foreach (var sub in ledger.Submissions.OrderBy(x => x.Id, StringComparer.Ordinal))
        {
            var o = new JsonObject
            {
                ["kind"] = sub.Kind switch { RewardsKind.Avs => "avs", RewardsKind.AllEarners => "all_earners", RewardsKind.OperatorDirected => "operator_directed", _ => "operator_directed_set" },
                ["avs"] = sub.Submitter,
                ["token"] = sub.Token.Symbol,
                ["amount"] = Str(sub.Amount),
                ["start"] = FormatTime(sub.Start),
                ["duration"] = Durations.Format(sub.Duration),
                ["strategies"] = Object(sub.Strategies.Select(x => (x.Strategy.Name, (JsonNode?)Str(x.Multiplier)))),
            };
            if (sub.Set is { } set)
            {
                o["set"] = set.Id;
            }
            if (sub.OperatorRewards.Count > 0)
            {
                o["operators"] = Object(sub.OperatorRewards.Select(x => (x.Operator, (JsonNode?)Str(x.Amount))));
            }
            submissions[sub.Id] = o;
        }
        var roots = new JsonArray(ledger.Roots.Select(r => (JsonNode?)new JsonObject
        {
            ["index"] = r.Index,
            ["root"] = "0x" + Convert.ToHexStringLower(r.Root),
            ["calculated_until"] = FormatTime(r.CalculationEnd),
            ["activated_at"] = FormatTime(r.ActivatedAt),
            ["disabled"] = r.Disabled ? "true" : "false",
        }).ToArray());
        var newest = book is { Distributions.Count: > 0 } ? book.Distributions[^1] : null;
        var earned = newest is null ? new JsonObject() : Grouped(newest.Cumulative);
        return new JsonObject
        {
            ["submissions"] = submissions,
            ["roots"] = roots,
            ["earned"] = earned,
            ["claimed"] = Grouped(ledger.CumulativeClaimed),
        };
    }

    private static JsonObject Grouped(IReadOnlyDictionary<(string Earner, string Token), UInt256> values) =>
        Object(values.GroupBy(kv => kv.Key.Earner).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (JsonNode?)Object(g.OrderBy(kv => kv.Key.Token, StringComparer.Ordinal).Select(kv => (kv.Key.Token, (JsonNode?)Str(kv.Value)))))));

    public static string ToJson(JsonNode node) => node.ToJsonString(Options);

    /// <summary>
    /// The state hash: keccak256 of the document's compact text, 0x-hex. One function for every place
    /// that names a state by its hash (the node adds its accounts' nonces to the document first).
    /// </summary>
    public static string Hash(JsonNode document) =>
        "0x" + Convert.ToHexStringLower(Restake.Protocol.Rewards.Keccak.Hash(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString())));

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string FormatTime(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Staker(NetworkState s, Staker st)
    {
        var positions = new JsonObject();
        foreach (var p in st.AllPositions.OrderBy(p => p.Strategy.Name, StringComparer.Ordinal))
        {
            positions[p.Strategy.Name] = new JsonObject
            {
                ["deposit_shares"] = Str(p.DepositShares),
                ["withdrawable_shares"] = Str(s.WithdrawableShares(st, p)),
                ["deposit_scaling_factor"] = Str(p.ScalingFactor),
            };
        }
        return new JsonObject
        {
            ["delegated_to"] = st.DelegatedTo,
            ["positions"] = positions,
        };
    }

    private static JsonObject Operator(NetworkState s, Operator op)
    {
        var strategies = op.Strategies.OrderBy(x => x.Strategy.Name, StringComparer.Ordinal).ToList();
        var allocations = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var slashable = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var os in strategies)
        {
            foreach (var (set, _) in os.Allocations)
            {
                var (current, pending, effect, _) = s.UpdatedAllocation(os, set);
                if (!allocations.TryGetValue(set.Key, out var bySet))
                {
                    bySet = [];
                    allocations[set.Key] = bySet;
                }
                bySet[os.Strategy.Name] = new JsonObject
                {
                    ["current"] = Str(current),
                    ["pending"] = Str((ulong)((long)current + pending)),
                    ["effect_block"] = effect,
                };
            }
        }
        foreach (var (set, _) in op.Registrations)
        {
            if (!s.IsOperatorSlashable(op, set))
            {
                continue;
            }
            var bySet = new JsonObject();
            foreach (var strategy in set.Strategies)
            {
                bySet[strategy.Name] = Str(s.SlashableStake(op, set, strategy));
            }
            slashable[set.Key] = bySet;
        }
        var (_, delay) = op.AllocationDelayAt(s.Block);
        return new JsonObject
        {
            ["allocation_delay"] = (long)delay,
            ["delegators"] = op.DelegatorCount,
            ["delegated_shares"] = Object(strategies.Select(x => (x.Strategy.Name, (JsonNode?)Str(x.Shares)))),
            ["max_magnitude"] = Object(strategies.Select(x => (x.Strategy.Name, (JsonNode?)Str(x.MaxMagnitude)))),
            ["encumbered_magnitude"] = Object(strategies.Select(x => (x.Strategy.Name, (JsonNode?)Str(s.EncumberedMagnitude(x))))),
            ["allocations"] = Object(allocations.Select(kv => (kv.Key, (JsonNode?)kv.Value))),
            ["sets"] = Array(op.Registrations.Where(r => r.Value.Registered).Select(r => r.Key.Key).Order(StringComparer.Ordinal)),
            ["slashable_stake"] = Object(slashable.Select(kv => (kv.Key, (JsonNode?)kv.Value))),
        };
    }

    private static JsonObject Avs(Avs avs) => new()
    {
        ["sets"] = Map(avs.Sets.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value), set => new JsonObject
        {
            ["strategies"] = Array(set.Strategies.Select(x => x.Name)),
            ["operators"] = Array(set.Members.Order(StringComparer.Ordinal)),
            ["slash_count"] = set.SlashCount,
        }),
    };

    private static JsonObject Strategy(Strategy st)
    {
        var o = new JsonObject
        {
            ["token"] = st.Token.Symbol,
            ["total_shares"] = Str(st.TotalShares),
            ["balance"] = Str(st.IsBeacon ? st.TotalShares : st.Balance),
            ["burnable_shares"] = Str(st.BurnableShares),
        };
        if (st.MaxPerDeposit is { } per)
        {
            o["max_per_deposit"] = Str(per);
        }
        if (st.MaxTotalDeposits is { } total)
        {
            o["max_total_deposits"] = Str(total);
        }
        return o;
    }

    private static JsonObject Pod(Pod pod) => new()
    {
        ["beacon_chain_slashing_factor"] = Str(pod.BeaconChainSlashingFactor),
        ["restaked_execution_layer_gwei"] = Str(pod.RestakedExecutionLayerGwei),
        ["pod_balance_gwei"] = Str(pod.BalanceWei / Amounts.WeiPerGwei),
        ["active_validators"] = pod.ActiveValidatorCount,
        ["validators"] = Object(pod.Validators.Values.Select(v => (v.Index.ToString(CultureInfo.InvariantCulture), (JsonNode?)new JsonObject
        {
            ["status"] = v.Status.ToString().ToLowerInvariant(),
            ["restaked_balance_gwei"] = Str(v.RestakedBalanceGwei),
        }))),
    };

    private static JsonObject Withdrawal(NetworkState s, Withdrawal w)
    {
        var o = new JsonObject
        {
            ["staker"] = w.Staker,
            ["delegated_to"] = w.DelegatedTo,
            ["strategy"] = w.Strategy.Name,
            ["scaled_shares"] = Str(w.ScaledShares),
            ["start_block"] = w.StartBlock,
            ["completable_block"] = w.StartBlock + s.Params.WithdrawalDelayBlocks + 1,
            ["status"] = w.Status.ToString().ToLowerInvariant(),
        };
        if (w.CompletedShares is { } paid)
        {
            o["shares"] = Str(paid);
        }
        return o;
    }

    private static JsonValue Str(UInt256 v) => JsonValue.Create(v.ToString());

    private static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    private static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> items)
    {
        var o = new JsonObject();
        foreach (var (k, v) in items)
        {
            o[k] = v;
        }
        return o;
    }

    private static JsonObject Map<T>(IReadOnlyDictionary<string, T> items, Func<T, JsonNode> build) =>
        Object(items.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, (JsonNode?)build(kv.Value))));
}
