using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Lrt.OnEngine;
using Restake.Lrt.Report;
using Restake.Primitives;
using Restake.Scenarios;

namespace Restake.Cli;

/// <summary>`restake lrt report [NAME]`: the due-diligence report (seed FAQ Q5) of the LRTs after a scenario run.</summary>
internal static class LrtCommand
{
    public static int Report(string? name, string? scenarioPath, bool json)
    {
        Scenario? scenario;
        if (scenarioPath is null)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("seed-story.yaml")!;
            using var reader = new StreamReader(stream);
            scenario = ScenarioParser.Parse(reader.ReadToEnd());
        }
        else if (RunCommand.Load(scenarioPath, out scenario) is var code && scenario is null)
        {
            return code;
        }
        var book = new LrtBook();
        var history = new RateHistory();
        var result = ScenarioRunner.Run(scenario, (_, engine) => history.Observe(engine.State, book), book);
        if (result.Failure is not null)
        {
            Console.Error.WriteLine($"restake lrt report: {scenarioPath ?? "the demo network (seed-story.yaml)"}: {result.Failure}");
            return result.ExitCode;
        }
        var state = result.Engine.State;
        if (book.Vaults.Count == 0)
        {
            Console.Error.WriteLine("restake lrt report: the scenario deploys no LRT (create_lrt)");
            return 1;
        }
        if (name is not null && !book.Vaults.ContainsKey(name))
        {
            Console.Error.WriteLine($"restake lrt report: no LRT named '{name}' (known: {string.Join(", ", book.Vaults.Keys)})");
            return 2;
        }
        var reports = book.Vaults.Values.Where(v => name is null || v.Name == name)
            .Select(v => LrtReport.Build(state, v, history.First.TryGetValue(v.Name, out var m) ? m : null)).ToList();
        if (json)
        {
            JsonNode doc = name is null
                ? new JsonObject { ["block"] = state.Block, ["time"] = StateDocument.FormatTime(state.Time), ["lrts"] = new JsonObject(reports.Select(r => KeyValuePair.Create(r.Name, (JsonNode?)Json(r)))) }
                : Json(reports[0]);
            Console.Out.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        if (name is null)
        {
            LrtReportView.Comparison(reports);
        }
        else
        {
            LrtReportView.Full(reports[0]);
        }
        return 0;
    }

    internal static string PresetName(LrtPreset p) => p switch { LrtPreset.EtherFi => "etherfi", LrtPreset.Puffer => "puffer", LrtPreset.Kelp => "kelp", _ => "renzo" };

    private static JsonValue Wei(UInt256 x) => JsonValue.Create(x.ToString());

    private static JsonObject Share(Ratio r) => new() { ["bps"] = r.Bps, ["value"] = r.IsDefined ? r.ToDouble() : null };

    private static JsonObject Json(LrtReport r)
    {
        var f = r.Facts;
        return new JsonObject
        {
            ["lrt"] = r.Name,
            ["preset"] = PresetName(r.Preset),
            ["supply"] = Wei(r.Supply),
            ["total_value_eth"] = Wei(r.Nav),
            ["accounted_value_eth"] = Wei(r.AccountedValue),
            ["rate"] = Wei(r.Rate),
            ["paused"] = r.Paused,
            ["facts"] = new JsonObject
            {
                ["protocol"] = f.Protocol, ["token"] = f.Token, ["repository"] = f.Repository, ["snapshot"] = f.Snapshot, ["audits"] = f.Audits,
                ["seed_profile"] = f.SeedProfile,
                ["mitigations"] = new JsonArray([.. f.Mitigations.Select(m => (JsonNode?)new JsonObject { ["what"] = m.What, ["source"] = m.Source, ["on_engine"] = m.OnEngine })]),
                ["queue_rule"] = f.QueueRule, ["queue_source"] = f.QueueSource, ["upstream_delay"] = f.UpstreamDelay, ["fees"] = f.Fees,
            },
            ["concentration"] = new JsonObject
            {
                ["operators"] = new JsonArray([.. r.Concentration.Operators.Select(o => (JsonNode?)new JsonObject { ["operator"] = o.Operator, ["restaked_eth"] = Wei(o.ValueEth), ["share"] = Share(o.Share) })]),
                ["hhi"] = r.Concentration.Hhi,
                ["nakamoto"] = r.Concentration.Nakamoto,
                ["top_operator"] = r.Concentration.TopOperator,
                ["top_share"] = Share(r.Concentration.TopShare),
            },
            ["avs_exposure"] = new JsonObject
            {
                ["sets"] = new JsonArray([.. r.Exposure.Select(e => (JsonNode?)new JsonObject
                {
                    ["set"] = e.Set, ["slashable_eth"] = Wei(e.ValueEth), ["share_of_nav"] = Share(e.ShareOfNav),
                    ["lines"] = new JsonArray([.. e.Lines.Select(l => (JsonNode?)new JsonObject
                    {
                        ["operator"] = l.Operator, ["strategy"] = l.Strategy, ["operator_slashable_shares"] = Wei(l.OperatorSlashableShares),
                        ["lrt_shares"] = Wei(l.LrtShares), ["value_eth"] = Wei(l.ValueEth),
                    })]),
                })]),
                ["total_slashable_eth"] = Wei(r.SlashableEth),
                ["share_of_nav"] = Share(r.SlashableShareOfNav),
            },
            ["liquidity"] = new JsonObject
            {
                ["restaked_eth"] = Wei(r.Liquidity.RestakedEth), ["engine_queue_eth"] = Wei(r.Liquidity.EngineQueueEth), ["idle_eth"] = Wei(r.Liquidity.IdleEth),
                ["pending_requests"] = r.Liquidity.PendingRequests, ["pending_lrt"] = Wei(r.Liquidity.PendingLrt), ["pending_value_eth"] = Wei(r.Liquidity.PendingValueEth),
                ["withdrawal_delay_blocks"] = r.Liquidity.DelayBlocks, ["withdrawal_delay_days"] = r.Liquidity.DelayDays,
            },
            ["yield"] = new JsonObject
            {
                ["from"] = r.Yield.From is { } from ? new JsonObject { ["block"] = from.Block, ["time"] = StateDocument.FormatTime(from.Time), ["rate"] = Wei(from.Rate) } : null,
                ["to"] = new JsonObject { ["block"] = r.Yield.To.Block, ["time"] = StateDocument.FormatTime(r.Yield.To.Time), ["rate"] = Wei(r.Yield.To.Rate) },
                ["growth"] = Share(r.Yield.Growth),
                ["annualized"] = Share(r.Yield.Annualized),
                ["fees_eth"] = Wei(r.Yield.FeesEth),
                ["fees_share_of_nav"] = Share(r.Yield.FeesShareOfNav),
                ["note"] = r.Yield.Note,
            },
        };
    }

    internal static string Eth(UInt256 wei) => decimal.Round(decimal.Parse(Amounts.Format(wei, 18), CultureInfo.InvariantCulture), 4).ToString("0.####", CultureInfo.InvariantCulture);
}
