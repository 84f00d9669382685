using System.CommandLine;

namespace Restake.Cli.Client;

/// <summary>Puts the client's command groups on the root (and its rewards subcommands beside <c>restake rewards FILE</c>).</summary>
internal static class ClientCommands
{
    public static void AddTo(RootCommand root, Command rewards)
    {
        root.Subcommands.Add(KeysCommands.Build());
        root.Subcommands.Add(OperatorCommands.Build());
        root.Subcommands.Add(StakerCommands.Build());
        root.Subcommands.Add(AvsCommands.Build());
        root.Subcommands.Add(AdminCommands.Build());
        root.Subcommands.Add(ChainCommands.Build());
        root.Subcommands.Add(StateCommand.Build());
        foreach (var command in RewardsClientCommands.Build())
        {
            rewards.Subcommands.Add(command);
        }
    }

    /// <summary>True when a parse error belongs to a client command, which exits 2 for bad usage.</summary>
    public static bool Owns(ParseResult parsed) => parsed.CommandResult.Command is ClientCommand;

    /// <summary>Parse errors as the client prints every failure: one line each, and where to read the usage.</summary>
    public static int BadUsage(ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            Console.Error.WriteLine($"❌ {error.Message}");
        }
        var path = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Insert(0, result.Command.Name);
        }
        path[0] = "restake";
        Console.Error.WriteLine($"   usage: {string.Join(' ', path)} --help");
        return ExitCodes.BadInput;
    }
}
