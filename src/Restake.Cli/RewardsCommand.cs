using System.Globalization;
using System.Text.Json.Nodes;
using Restake.Primitives;
using Restake.Rewards;
using Restake.Scenarios;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake rewards FILE`: who earned what, per AVS and day; realized yields; the distribution tree.</summary>
internal static class RewardsCommand
{
    public static int Execute(string path, bool json, string? from, string? to, IReadOnlyList<string> prices, string? treeOut)
    {
        var parsedPrices = new Dictionary<string, double>();
        foreach (var p in prices)
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(p[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var price) || price < 0)
            {
                Console.Error.WriteLine($"restake rewards: --price takes TOKEN=ETH_PER_TOKEN, e.g. EIGEN=0.0004 (got '{p}')");
                return 2;
            }
            parsedPrices[p[..eq]] = price;
        }
        if (!TryDay(from, "--from", out var fromDay) || !TryDay(to, "--to", out var toDay))
        {
            return 2;
        }
        var code = RunCommand.Load(path, out var scenario);
        if (scenario is null)
        {
            return code;
        }
        var result = ScenarioRunner.Run(scenario);
        if (result.Failure is not null)
        {
            Console.Error.WriteLine($"restake rewards: {path}: {result.Failure}");
            return result.ExitCode;
        }
        var state = result.Engine.State;
        var calculator = result.Rewards.Calculator;
        var payouts = calculator.Payouts;
        if (payouts.Count == 0)
        {
            Console.Error.WriteLine("restake rewards: nothing was calculated (the scenario has no calculate_rewards step)");
            return 1;
        }
        var first = fromDay ?? (payouts.Min(p => p.Day) - Days.Seconds);
        var last = toDay ?? payouts.Max(p => p.Day);
        var yields = YieldReport.Build(state, calculator, first, last, parsedPrices);
        var avsOf = state.Rewards.Submissions.ToDictionary(s => s.Id, s => s.Submitter);
        var daily = payouts.Where(p => p.Day > first && p.Day <= last)
            .GroupBy(p => (p.Day, Avs: avsOf[p.Submission], p.Earner, p.Token))
            .Select(g => (g.Key.Day, g.Key.Avs, g.Key.Earner, g.Key.Token, Amount: g.Aggregate(System.Numerics.BigInteger.Zero, (s, p) => s + p.Amount)))
            .OrderBy(r => r.Day).ThenBy(r => r.Avs, StringComparer.Ordinal).ThenBy(r => r.Earner, StringComparer.Ordinal).ToList();

        if (treeOut is not null && result.Rewards.Distributions.Count > 0)
        {
            var index = result.Rewards.Distributions.Count - 1;
            File.WriteAllText(treeOut, TreeExport.ToJson(result.Rewards.Distributions[index], index).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        if (json)
        {
            var doc = new JsonObject
            {
                ["daily"] = new JsonArray(daily.Select(r => (JsonNode?)new JsonObject
                {
                    ["day"] = StateDocument.FormatTime(r.Day)[..10], ["avs"] = r.Avs, ["earner"] = r.Earner, ["token"] = r.Token, ["amount"] = r.Amount.ToString(CultureInfo.InvariantCulture),
                }).ToArray()),
                ["yields"] = new JsonArray(yields.Select(y => (JsonNode?)new JsonObject
                {
                    ["earner"] = y.Earner, ["role"] = y.Role, ["days"] = y.Days, ["average_stake_eth"] = y.AverageStakeEth,
                    ["earned"] = new JsonObject(y.Earned.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.ToString(CultureInfo.InvariantCulture)))),
                    ["annual_per_eth"] = new JsonObject(y.AnnualPerEth.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                    ["apr_eth"] = y.AprEth,
                }).ToArray()),
            };
            Console.Out.WriteLine(doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("day", "AVS", "earner", "token", "amount");
        foreach (var r in daily)
        {
            table.AddRow(StateDocument.FormatTime(r.Day)[..10], r.Avs, r.Earner, r.Token, Amounts.Format((UInt256)r.Amount, state.Tokens[r.Token].Decimals));
        }
        AnsiConsole.Write(table);
        var yieldTable = new Table().Border(TableBorder.Rounded).AddColumns("earner", "role", "avg stake (ETH)", "earned", "per ETH per year", "APR (ETH terms)");
        foreach (var y in yields)
        {
            yieldTable.AddRow(y.Earner, y.Role, y.AverageStakeEth.ToString("0.####", CultureInfo.InvariantCulture),
                string.Join(", ", y.Earned.Select(kv => $"{Amounts.Format((UInt256)kv.Value, state.Tokens[kv.Key].Decimals)} {kv.Key}")),
                string.Join(", ", y.AnnualPerEth.Select(kv => $"{kv.Value.ToString("0.####", CultureInfo.InvariantCulture)} {kv.Key}")),
                y.AprEth is { } apr ? apr.ToString("0.##%", CultureInfo.InvariantCulture) : "give --price");
        }
        AnsiConsole.MarkupLine($"[bold]Realized yields[/] {StateDocument.FormatTime(first)[..10]} to {StateDocument.FormatTime(last)[..10]} (snapshots after the first day, through the last)");
        AnsiConsole.Write(yieldTable);
        if (treeOut is not null)
        {
            AnsiConsole.MarkupLine($"The newest distribution tree is in [bold]{Markup.Escape(treeOut)}[/].");
        }
        return 0;
    }

    private static bool TryDay(string? text, string option, out long? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.ToUnixTimeSeconds() % Days.Seconds == 0)
        {
            day = t.ToUnixTimeSeconds();
            return true;
        }
        Console.Error.WriteLine($"restake rewards: {option} takes a date such as 2024-04-11");
        return false;
    }
}
