using System.CommandLine;
using System.Text.Json.Nodes;

namespace Restake.Cli.Client;

/// <summary><c>restake admin ...</c>: what only the node's admin may sign (development account 0 on a devnet).</summary>
internal static class AdminCommands
{
    public static ClientCommand Build()
    {
        var stage = new Argument<int>("stage") { Description = "1 stakers only, 2 with operators and AVSs, 3 with slashing and rewards" };
        var setStage = ClientCommand.Transaction("set-stage", "Move the network to a stage.", "set_stage", ctx => new JsonObject { ["stage"] = ctx.Value(stage) }, stage);

        var strategy = Flags.Required("--strategy", "the strategy", "--strategy-address");
        var perDeposit = Flags.Optional("--max-per-deposit", "the largest single deposit: \"1000\", or \"none\" to lift the cap");
        var total = Flags.Optional("--max-total-deposits", "the strategy's total cap: \"100000\", or \"none\" to lift it");
        var setCaps = ClientCommand.Transaction("set-caps", "Change or lift a strategy's deposit caps.", "set_caps",
            ctx => new JsonObject { ["strategy"] = ctx.Value(strategy) }.With("max_per_deposit", ctx.Parsed.GetValue(perDeposit)).With("max_total_deposits", ctx.Parsed.GetValue(total)),
            strategy, perDeposit, total);

        var until = Flags.Optional("--until", "a day boundary to calculate up to: 2024-05-10T00:00:00Z (default: the last whole day)");
        var calculate = ClientCommand.Transaction("calculate-rewards", "Run the daily rewards calculation and post the next distribution root.", "calculate_rewards",
            ctx => new JsonObject().With("until", ctx.Parsed.GetValue(until)), until);

        var to = Flags.Required("--to", "who receives the tokens");
        var token = Flags.Required("--token", "the token's symbol");
        var amount = Flags.Required("--amount", "\"100\" whole tokens, or \"... wei\"");
        var mint = ClientCommand.Transaction("mint", "Create tokens in an account (the devnet's faucet).", "mint",
            ctx => new JsonObject { ["to"] = ctx.Value(to), ["token"] = ctx.Value(token), ["amount"] = ctx.Value(amount) }, to, token, amount);

        return new ClientCommand("admin", "The admin's transactions: stage, caps, rewards calculation, the faucet (sign with --dev-account 0 on a devnet).",
            setStage, setCaps, calculate, mint);
    }
}
