using System.Text.Json.Nodes;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Scenarios;

/// <summary>The <c>lrts</c> section of the state document: per LRT its supply, value, rate, queue, operators and node delegators.</summary>
internal static class LrtDocument
{
    public static JsonObject Build(NetworkState s, LrtBook book)
    {
        var doc = new JsonObject();
        foreach (var (name, v) in book.Vaults)
        {
            doc[name] = Vault(s, v);
        }
        return doc;
    }

    private static JsonObject Vault(NetworkState s, LrtVault v)
    {
        var o = new JsonObject
        {
            ["preset"] = v.Preset switch { LrtPreset.EtherFi => "etherfi", LrtPreset.Puffer => "puffer", LrtPreset.Kelp => "kelp", _ => "renzo" },
            ["supply"] = Str(v.Token.TotalSupply),
            ["total_value_eth"] = Str(v.Nav(s)),
            ["accounted_value_eth"] = Str(v.AccountedValue(s)),
            ["rate"] = Str(v.Rate(s)),
            ["paused"] = v.Paused ? "true" : "false",
            ["prices"] = Map(v.Prices.Select(kv => (kv.Key, (JsonNode?)Str(kv.Value)))),
            ["holders"] = Map(v.Token.Balances.Select(kv => (kv.Key, (JsonNode?)Str(kv.Value)))),
            ["operators"] = Map(v.OperatorValues(s).Select(kv => (kv.Key, (JsonNode?)Str(kv.Value)))),
            ["node_delegators"] = Map(v.Nodes.Select(nd => (nd.Name, (JsonNode?)new JsonObject
            {
                ["operator"] = nd.Operator,
                ["weight_bps"] = (long)nd.WeightBps,
                ["value_eth"] = Str(v.NodeValue(s, nd)),
            }))),
            ["withdrawals"] = Map(v.Withdrawals.Select(kv => (kv.Key, (JsonNode?)new JsonObject
            {
                ["user"] = kv.Value.User,
                ["amount"] = Str(kv.Value.Amount),
                ["value_at_request"] = Str(kv.Value.ValueAtRequest),
                ["start_block"] = kv.Value.StartBlock,
                ["status"] = kv.Value.Claimed ? "claimed" : "queued",
                ["paid"] = Str(kv.Value.Paid),
            }))),
        };
        // Value on its way between node delegators: queued engine withdrawals of a rebalance, in NAV until redeposited.
        o["rebalance_pending_eth"] = Str(v.RebalancePending(s));
        o["rebalancing"] = Map(v.Rebalancing.Select(l => (l.EngineId, (JsonNode?)new JsonObject
        {
            ["node_delegator"] = l.Node,
            ["asset"] = l.Asset,
            ["value_eth"] = Str(v.QueuedValue(s, s.Withdrawals[l.EngineId])),
        })));
        if (v.Limiter is { } bucket)
        {
            // Instant redemption: idle liquidity, the floor below which it refuses, and what the bucket holds now (1e12-wei units).
            o["liquidity_eth"] = Str(v.Liquidity(s));
            o["low_watermark_eth"] = Str(v.LowWatermark);
            o["bucket_units"] = (long)bucket.Consumable((ulong)s.Time);
        }
        if (v.L2Token is { } xez)
        {
            // L2 minting: xezETH out, the price it was minted at, and the collected value the sweep has not yet backed.
            o["l2_supply"] = Str(xez.TotalSupply);
            o["l2_holders"] = Map(xez.Balances.Select(kv => (kv.Key, (JsonNode?)Str(kv.Value))));
            o["l2_last_price"] = Str(v.L2LastPrice);
            o["l2_price_time"] = v.L2PriceTime == 0 ? null : StateDocument.FormatTime(v.L2PriceTime);
            o["l2_pending_value"] = Str(v.L2PendingValue);
            o["l2_fees_pending"] = Str(v.L2FeeTokens);
        }
        if (v.Preset == LrtPreset.Puffer)
        {
            // Secure-Signer: per operator/validator, the message signed at each slot (a second one for a slot is refused).
            o["signed"] = Map(v.Signed.GroupBy(kv => $"{kv.Key.Operator}/{kv.Key.Validator}").Select(g => (g.Key, (JsonNode?)new JsonObject(
                g.OrderBy(kv => kv.Key.Slot).Select(kv => KeyValuePair.Create(kv.Key.Slot.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)kv.Value))))));
        }
        if (v.NativeAsset(s) is not null)
        {
            // Native ETH: what each node delegator's pod has staked and what those validators are worth now (withdrawable beaconETH).
            o["beacon_value_eth"] = Str(v.Nodes.Aggregate(UInt256.Zero, (sum, nd) => sum + v.BeaconValue(s, nd)));
            o["validators"] = Map(v.Nodes.Select(nd => (nd.Name, (JsonNode?)new JsonObject
            {
                ["staked"] = v.StakedValidators.TryGetValue(nd.Name, out var list) ? list.Count : 0,
                ["indices"] = new JsonArray([.. (v.StakedValidators.GetValueOrDefault(nd.Name) ?? []).Select(i => (JsonNode?)JsonValue.Create(i))]),
                ["active"] = (v.StakedValidators.GetValueOrDefault(nd.Name) ?? []).Count(i => s.Pods.TryGetValue(nd.Name, out var pod)
                    && pod.Validators.TryGetValue(i, out var val) && val.Status == Restake.Protocol.State.ValidatorStatus.Active),
                ["beacon_value_eth"] = Str(v.BeaconValue(s, nd)),
            })));
        }
        if (v.Preset == LrtPreset.Puffer)
        {
            // The withdrawal manager's batches (batch 0 is upstream's empty first batch) and the treasury exit fee paid out.
            o["batch_size"] = v.BatchSize;
            o["finalized_batch"] = v.FinalizedBatch;
            o["batches"] = Map(v.Batches.Select((b, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)new JsonObject
            {
                ["requests"] = b.Requests.Count,
                ["to_burn"] = Str(b.ToBurn),
                ["to_transfer"] = Str(b.ToTransfer),
                ["rate"] = b.Rate is { } r ? Str(r) : null,
                ["transferred"] = Str(b.Transferred),
                ["claimed"] = b.Claimed,
                ["amount_claimed"] = Str(b.AmountClaimed),
            })).Skip(1));
            o["treasury_fees_eth"] = Str(v.TreasuryFeesPaid);
            foreach (var (id, w) in v.Withdrawals)
            {
                if (v.PufferRequest(id) is { } r)
                {
                    var node = o["withdrawals"]![id]!.AsObject();
                    node["rate_at_request"] = Str(r.Rate);
                    node["batch"] = r.Index / v.BatchSize;
                }
            }
        }
        if (v.Preset == LrtPreset.Puffer && v.NativeAsset(s) is not null)
        {
            // stETH on its way to ETH through Lido's queue: counted 1:1 in the vault's value until Lido pays.
            o["lido_pending_eth"] = Str(v.PendingLidoEth);
            o["lido_requests"] = Map(v.PendingLido.Select(kv => (kv.Key, (JsonNode?)new JsonObject
            {
                ["node_delegator"] = kv.Value.Node,
                ["amount"] = Str(kv.Value.Amount),
                ["start_block"] = kv.Value.StartBlock,
            })));
        }
        if (v.Preset == LrtPreset.EtherFi)
        {
            // The slot the last oracle report reached: the next report's APR is measured over the slots since.
            o["last_report_slot"] = v.LastReportSlot;
        }
        if (v.Preset == LrtPreset.Kelp)
        {
            o["highest_rate"] = Str(v.KelpHighest);
            o["fees_minted_today"] = Str(v.KelpMintedInPeriod);
        }
        return o;
    }

    private static JsonValue Str(UInt256 x) => JsonValue.Create(x.ToString());

    private static JsonObject Map(IEnumerable<(string Key, JsonNode? Value)> items)
    {
        var o = new JsonObject();
        foreach (var (k, val) in items.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            o[k] = val;
        }
        return o;
    }
}
