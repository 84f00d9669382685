using System.Text.Json;
using System.Text.Json.Serialization;
using Restake.Babylon.Demo;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake babylon demo`: Bitcoin staking on Babylon told end to end, with the Bitcoin transactions in hex and the chain's view.</summary>
internal static class BabylonCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static int Demo(bool json)
    {
        var report = BabylonDemo.Run();
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new { report.Chapters, report.View, failure = report.Failure?.ToString() }, JsonOptions));
        }
        else
        {
            Render(report);
        }
        if (report.Failure is not null)
        {
            Console.Error.WriteLine($"restake babylon demo: {report.Failure}");
            return 1;
        }
        return 0;
    }

    private static void Render(DemoReport report)
    {
        var n = 0;
        foreach (var chapter in report.Chapters)
        {
            AnsiConsole.WriteLine();
            AnsiConsole.Write(new Rule($"[bold yellow]{++n}[/]").LeftJustified());
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(chapter.Title)}[/]");
            foreach (var line in chapter.Lines)
            {
                AnsiConsole.MarkupLine($"  {Markup.Escape(line)}");
            }
            foreach (var tx in chapter.Transactions)
            {
                AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(tx.Label)}[/] txid {tx.Txid}");
                // Raw hex on its own line, unwrapped by markup, so it can be copied into a decoder.
                Console.Out.WriteLine("    " + tx.Hex);
            }
        }

        var v = report.View;
        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Rule("[bold]the chain's view[/]").LeftJustified());
        AnsiConsole.MarkupLine($"  Babylon height {v.BabylonHeight}, last finalized {v.LastFinalizedHeight}; Bitcoin height {v.BitcoinHeight}");
        var fps = new Table().AddColumns("finality provider", "BTC key", "voting power (sat)", "slashed");
        foreach (var f in v.FinalityProviders)
        {
            fps.AddRow(Markup.Escape(f.Name), f.BtcPk[..16] + "…", f.VotingPower.ToString(), f.Slashed ? "[red]yes[/]" : "no");
        }
        AnsiConsole.Write(fps);
        var dels = new Table().AddColumns("staker", "finality provider", "staking txid", "sat", "status");
        foreach (var d in v.Delegations)
        {
            dels.AddRow(Markup.Escape(d.Staker), Markup.Escape(d.FinalityProvider), d.StakingTxid[..16] + "…", d.Satoshis.ToString(), d.Status);
        }
        AnsiConsole.Write(dels);
        var cps = new Table().AddColumns("epoch", "checkpoint", "Bitcoin depth");
        foreach (var c in v.Checkpoints)
        {
            cps.AddRow(c.Epoch.ToString(), c.Status, c.Depth?.ToString() ?? "-");
        }
        AnsiConsole.Write(cps);
    }
}
