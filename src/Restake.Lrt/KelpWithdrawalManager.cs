using System.Text;
using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>A queued rsETH withdrawal: rsETH escrowed, the asset value expected then, the block asked.</summary>
public sealed record KelpWithdrawal(int Id, string User, string Asset, UInt256 RsEthAmount, UInt256 ExpectedAmount, ulong RequestBlock)
{
    public bool Completed { get; internal set; }
}

/// <summary>
/// LRTWithdrawalManager (contracts/LRTWithdrawalManager.sol): expected = rsETH * rsETHPrice / assetPrice
/// at request; after withdrawalDelayBlocks (8 days of 12 s blocks = 57,600) the payout is the lower of
/// that and the same formula at completion, so queued users bear losses but not gains.
/// </summary>
public sealed class KelpWithdrawalManager
{
    public const string Holder = "kelp:withdrawal-manager";
    public const ulong DefaultDelayBlocks = 8UL * 86_400 / 12;
    private readonly KelpPool _pool;
    private readonly List<KelpWithdrawal> _requests = [];

    internal KelpWithdrawalManager(KelpPool pool) => _pool = pool;

    public ulong DelayBlocks { get; set; } = DefaultDelayBlocks;
    public UInt256 MinRsEthToWithdraw { get; set; } = UInt256.Pow10(15);
    public IReadOnlyList<KelpWithdrawal> Requests => _requests;

    public UInt256 ExpectedAmount(string asset, UInt256 rsEth) => UInt256.MulDiv(rsEth, _pool.RsEthPrice, _pool.Asset(asset).Price);

    public KelpWithdrawal Initiate(string user, string asset, UInt256 rsEth, ulong block)
    {
        LrtRevert.If(_pool.Paused, "EnforcedPause", "withdrawal manager is paused");
        LrtRevert.If(rsEth.IsZero || rsEth < MinRsEthToWithdraw, "InvalidAmountToWithdraw", $"{rsEth} below {MinRsEthToWithdraw}");
        var expected = ExpectedAmount(asset, rsEth);
        LrtRevert.If(expected > _pool.Asset(asset).Deposits, "ExceedAmountToWithdraw", $"{expected} exceeds {asset} held");
        _pool.RsEth.Transfer(user, Holder, rsEth);
        var w = new KelpWithdrawal(_requests.Count, user, asset, rsEth, expected, block);
        _requests.Add(w);
        return w;
    }

    /// <summary>Pays min(expected, current) of the asset, burning the escrowed rsETH.</summary>
    public UInt256 Complete(int id, ulong block)
    {
        LrtRevert.If(id < 0 || id >= _requests.Count, "WithdrawalDoesNotExist", $"no withdrawal {id}");
        var w = _requests[id];
        LrtRevert.If(w.Completed, "WithdrawalDoesNotExist", $"withdrawal {id} was paid");
        LrtRevert.If(_pool.Paused, "EnforcedPause", "withdrawal manager is paused");
        LrtRevert.If(block < w.RequestBlock + DelayBlocks, "WithdrawalLocked", $"unlocks at block {w.RequestBlock + DelayBlocks}");
        var payout = UInt256.Min(w.ExpectedAmount, ExpectedAmount(w.Asset, w.RsEthAmount));
        LrtRevert.If(payout > _pool.Asset(w.Asset).Deposits, "ExceedAmountToWithdraw", "pool short of the asset");
        _pool.RsEth.Burn(Holder, w.RsEthAmount);
        _pool.RemoveDeposits(w.Asset, payout);
        w.Completed = true;
        return payout;
    }

    internal string Describe()
    {
        var sb = new StringBuilder("wm");
        foreach (var w in _requests)
        {
            sb.Append(" [").Append(w.Id).Append(' ').Append(w.RsEthAmount).Append(' ').Append(w.ExpectedAmount).Append(' ').Append(w.Completed).Append(']');
        }
        return sb.ToString();
    }
}
