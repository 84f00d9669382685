using Restake.Node.Client;

namespace Restake.Cli.Client;

/// <summary>
/// Turns the node's problem documents into the one line a user reads: the error name, its detail,
/// and the next step where one is obvious (users of today's tools complain of bare "execution reverted").
/// </summary>
internal static class NodeProblems
{
    private static readonly Dictionary<string, string> Fixes = new(StringComparer.Ordinal)
    {
        ["OperatorNotRegistered"] = "register it first: restake operator register",
        ["NotActivelyDelegated"] = "delegate first: restake staker delegate --operator ADDR",
        ["ActivelyDelegated"] = "undelegate first: restake staker undelegate",
        ["UninitializedAllocationDelay"] = "set the operator's delay first: restake operator allocations set-delay BLOCKS",
        ["WithdrawalDelayNotElapsed"] = "wait, or on a devnet mine blocks: restake chain mine N",
        ["NotAvailableInStage"] = "the admin moves the network on: restake admin set-stage N",
        ["UnauthorizedCaller"] = "sign as the account the detail names (--dev-account, --key-file or --ecdsa-private-key)",
        ["NonceTooLow"] = "another transaction from this account landed first; run the command again",
        ["NonceTooHigh"] = "another transaction from this account is still pending; run the command again",
        ["WrongChainId"] = "point --node at the chain the key is meant for",
        ["InsufficientFunds"] = "the account lacks the tokens; on a devnet the admin can mint: restake admin mint",
        ["NotFound"] = "check the address, or list what exists: restake state SECTION",
    };

    /// <summary>The failure for a refused request; <paramref name="prefix"/> says what was refused ("refused" for a transaction).</summary>
    public static ClientFailure Failure(NodeAnswer answer, string nodeUrl, string? prefix, string? hint)
    {
        if (answer.Error is not { } error)
        {
            return ClientFailure.Refused($"the node at {nodeUrl} answered HTTP {answer.Status} without a reason: is it a restake node?");
        }
        var fix = hint ?? Fixes.GetValueOrDefault(error);
        var detail = answer.Detail is { Length: > 0 } d ? $" — {d}" : "";
        return ClientFailure.Refused($"{(prefix is null ? "" : prefix + ": ")}{error}{detail}{(fix is null ? "" : $" (fix: {fix})")}");
    }
}
