using System.CommandLine;
using System.Text.Json.Nodes;

namespace Restake.Cli.Client;

/// <summary><c>restake staker ...</c>: deposits, delegation and withdrawals, signed by the staker.</summary>
internal static class StakerCommands
{
    public static ClientCommand Build()
    {
        var strategy = Flags.Required("--strategy", "the strategy (its token symbol: stETH, rETH, ...)", "--strategy-address");
        var amount = Flags.Required("--amount", "tokens: \"12.5\" whole units, or \"5 wei\"");
        var deposit = ClientCommand.Transaction("deposit", "Deposit tokens the staker holds into a strategy.", "deposit",
            ctx => new JsonObject { ["strategy"] = ctx.Value(strategy), ["amount"] = ctx.Value(amount) }, strategy, amount);

        var operatorFlag = Flags.Required("--operator", "the operator's address", "--operator-address");
        var delegate_ = ClientCommand.Transaction("delegate", "Delegate all the staker's shares to an operator.", "delegate",
            ctx => new JsonObject { ["operator"] = ctx.Value(operatorFlag) }, operatorFlag);

        var undelegate = ClientCommand.Transaction("undelegate", "Undelegate: queue withdrawals of all the staker's shares.", "undelegate", _ => new JsonObject());

        var withdrawStrategy = Flags.Required("--strategy", "the strategy", "--strategy-address");
        var shares = Flags.Required("--shares", "deposit shares to withdraw: \"5\" or \"5000000000000000000 wei\"");
        var id = Flags.Optional("--id", "a name for the withdrawal (default: SIGNER-NONCE)");
        var withdraw = ClientCommand.Transaction("withdraw", "Queue a withdrawal of deposit shares; complete it after the withdrawal delay.", "queue_withdrawal",
            ctx => new JsonObject { ["strategy"] = ctx.Value(withdrawStrategy), ["shares"] = ctx.Value(shares) }.With("id", ctx.Parsed.GetValue(id)), withdrawStrategy, shares, id);

        var completeId = Flags.Required("--id", "the withdrawal's id (restake state withdrawals lists them)");
        var asTokens = new Option<bool>("--as-tokens") { Description = "receive tokens (default: the shares return to the staker)" };
        var complete = ClientCommand.Transaction("complete-withdrawal", "Complete a queued withdrawal after its delay.", "complete_withdrawal",
            ctx => new JsonObject { ["id"] = ctx.Value(completeId), ["as_tokens"] = ctx.Parsed.GetValue(asTokens) }, completeId, asTokens);

        var address = new Argument<string?>("address") { Description = "the staker (default: the signer)", Arity = ArgumentArity.ZeroOrOne };
        var show = ClientCommand.ReadAbout("show", "Show a staker: delegation, shares per strategy (deposit and withdrawable), token balances.", async ctx =>
        {
            var who = await Flags.WhoseAsync(ctx, ctx.Parsed.GetValue(address), "staker").ConfigureAwait(false);
            var account = await ctx.GetAsync($"/api/accounts/{who}").ConfigureAwait(false);
            var staker = account["staker"];
            var positions = staker?["positions"]?.AsObject() ?? [];
            var json = new JsonObject
            {
                ["address"] = account["address"]?.DeepClone(),
                ["nonce"] = account["nonce"]?.DeepClone(),
                ["delegated_to"] = staker?["delegated_to"]?.DeepClone(),
                ["positions"] = positions.DeepClone(),
                ["balances"] = account["balances"]?.DeepClone(),
            };
            var rows = positions.Select(p => (IReadOnlyList<string>)[p.Key, JsonFlat.Text(p.Value?["deposit_shares"]), JsonFlat.Text(p.Value?["withdrawable_shares"])]).ToList();
            var delegated = JsonFlat.Text(staker?["delegated_to"]);
            ctx.Out.Step($"staker {JsonFlat.Text(account["address"])} (nonce {account["nonce"]}), {(delegated.Length == 0 ? "not delegated" : $"delegated to {delegated}")}; shares in wei:");
            ctx.Out.Show(new View(json, ["strategy", "deposit_shares", "withdrawable_shares"], rows));
            return ExitCodes.Done;
        }, address);

        return new ClientCommand("staker", "Stakers: deposit, delegate, undelegate, withdraw, complete withdrawals, show.",
            deposit, delegate_, undelegate, withdraw, complete, show);
    }
}
