using Restake.Lrt.OnEngine;
using Restake.Markets.Book;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Scenarios;

/// <summary>The network's tokens as the markets see them: an LRT's balances live in its vault's ledger, every other token in the engine's.</summary>
public sealed class NetworkLedger(Engine engine, LrtBook lrts) : ITokenLedger
{
    public bool Knows(string token) => lrts.Vaults.ContainsKey(token) || engine.State.Tokens.ContainsKey(token);

    public UInt256 BalanceOf(string holder, string token) =>
        lrts.Vaults.TryGetValue(token, out var vault) ? vault.Token.BalanceOf(holder) : engine.State.BalanceOf(holder, token);

    public void Transfer(string from, string to, string token, UInt256 amount)
    {
        if (lrts.Vaults.TryGetValue(token, out var vault))
        {
            vault.Token.Transfer(from, to, amount);
            return;
        }
        var outcome = engine.Execute(new TransferToken(from, to, token, amount));
        if (!outcome.Accepted)
        {
            throw new RevertException(outcome.Error!);
        }
    }
}
