using System.Text;
using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>
/// A share token: total supply and balances by holder name. The LRT modules mint and burn through it,
/// and other modules (markets, lending) can hold and transfer it. Rejections use the OpenZeppelin
/// ERC20 error names and leave balances untouched.
/// </summary>
public sealed class ShareLedger
{
    private readonly SortedDictionary<string, UInt256> _balances = new(StringComparer.Ordinal);

    public ShareLedger(string symbol) => Symbol = symbol;

    public string Symbol { get; }
    public UInt256 TotalSupply { get; private set; }

    public UInt256 BalanceOf(string holder) => _balances.TryGetValue(holder, out var b) ? b : UInt256.Zero;

    public IReadOnlyDictionary<string, UInt256> Balances => _balances;

    public void Mint(string to, UInt256 amount)
    {
        var supply = TotalSupply + amount; // checked: overflow is a bug, not a rejection
        TotalSupply = supply;
        Set(to, BalanceOf(to) + amount);
    }

    public void Burn(string from, UInt256 amount)
    {
        var balance = BalanceOf(from);
        LrtRevert.If(balance < amount, "ERC20InsufficientBalance", $"{from} holds {balance} {Symbol}, burning {amount}");
        Set(from, balance - amount);
        TotalSupply -= amount;
    }

    public void Transfer(string from, string to, UInt256 amount)
    {
        var balance = BalanceOf(from);
        LrtRevert.If(balance < amount, "ERC20InsufficientBalance", $"{from} holds {balance} {Symbol}, sending {amount}");
        Set(from, balance - amount);
        Set(to, BalanceOf(to) + amount);
    }

    /// <summary>Canonical text of supply and every non-zero balance, for state-equality checks.</summary>
    public string Describe()
    {
        var sb = new StringBuilder().Append(Symbol).Append(" supply=").Append(TotalSupply);
        foreach (var (holder, balance) in _balances)
        {
            sb.Append(' ').Append(holder).Append('=').Append(balance);
        }
        return sb.ToString();
    }

    private void Set(string holder, UInt256 value)
    {
        if (value.IsZero)
        {
            _balances.Remove(holder);
        }
        else
        {
            _balances[holder] = value;
        }
    }
}
