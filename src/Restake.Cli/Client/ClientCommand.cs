using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Restake.Cli.Client;

/// <summary>
/// A command of the client (or a group of them). Its action runs inside <see cref="Edge"/>, the one
/// place that turns every failure into a line and an exit status: 1 the node refused, 2 bad input,
/// 3 no node. Program.cs also gives parse errors of these commands status 2.
/// </summary>
internal sealed class ClientCommand : Command
{
    public ClientCommand(string name, string description, params Symbol[] inputs)
        : base(name, description)
    {
        foreach (var input in inputs)
        {
            switch (input)
            {
                case Option o:
                    Options.Add(o);
                    break;
                case Argument a:
                    Arguments.Add(a);
                    break;
                case Command c:
                    Subcommands.Add(c);
                    break;
            }
        }
    }

    /// <summary>A command that reads the node (and may name a signer, to mean "me").</summary>
    public static ClientCommand Read(string name, string description, Func<ClientContext, Task<int>> run, params Symbol[] inputs)
    {
        var command = new ClientCommand(name, description, inputs);
        ClientOptions.AddReadOptions(command);
        command.Runs(run);
        return command;
    }

    /// <summary>A read command about an account, where a signer option may stand for "my own account".</summary>
    public static ClientCommand ReadAbout(string name, string description, Func<ClientContext, Task<int>> run, params Symbol[] inputs)
    {
        var command = Read(name, description, run, inputs);
        ClientOptions.AddSignerOptions(command);
        return command;
    }

    /// <summary>A command that signs <paramref name="verb"/> with the fields <paramref name="body"/> builds, and sends it with --broadcast.</summary>
    public static ClientCommand Transaction(string name, string description, string verb, Func<ClientContext, Task<JsonObject>> body, params Symbol[] inputs)
    {
        var command = new ClientCommand(name, $"{description} [verb {verb}]", inputs);
        ClientOptions.AddReadOptions(command);
        ClientOptions.AddSignerOptions(command);
        command.Options.Add(ClientOptions.Broadcast);
        command.Runs(async ctx => await Transactions.SendAsync(ctx, verb, await body(ctx).ConfigureAwait(false)).ConfigureAwait(false));
        return command;
    }

    public static ClientCommand Transaction(string name, string description, string verb, Func<ClientContext, JsonObject> body, params Symbol[] inputs) =>
        Transaction(name, description, verb, ctx => Task.FromResult(body(ctx)), inputs);

    public void Runs(Func<ClientContext, Task<int>> run) => SetAction(parsed => Edge(parsed, run));

    /// <summary>Runs a command to its exit status; nothing escapes as a stack trace.</summary>
    public static int Edge(ParseResult parsed, Func<ClientContext, Task<int>> run)
    {
        using var ctx = new ClientContext(parsed);
        try
        {
            return run(ctx).GetAwaiter().GetResult();
        }
        catch (ClientFailure f)
        {
            Console.Out.Flush();
            Console.Error.WriteLine(f.Message);
            return f.ExitCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException)
        {
            var why = e is TaskCanceledException ? "it did not answer in time" : e.GetBaseException().Message;
            Console.Error.WriteLine($"❌ cannot reach the node at {ctx.NodeUrl}: {why} (is it running? start one with: restake node)");
            return ExitCodes.Unreachable;
        }
    }
}
