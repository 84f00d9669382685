using System.Text;
using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>One WithdrawRequestNFT request: what was asked, the shares escrowed, and its frozen rate.</summary>
public sealed record EtherFiRequest(uint Id, string Owner, UInt256 AmountOfEEth, UInt256 ShareOfEEth)
{
    public UInt256? FinalizedRate { get; internal set; }
    public bool Claimed { get; internal set; }
}

/// <summary>
/// Ether.fi's withdrawal NFT (src/withdrawals/WithdrawRequestNFT.sol): a request escrows the eETH
/// shares for the amount; finalisation freezes the share rate; the claim pays
/// min(amountOfEEth, shareOfEEth * frozenRate / 1e18), so the queue bears slashing but earns nothing.
/// Shares left over after the claim stay with the NFT contract (upstream's remainder).
/// </summary>
public sealed class EtherFiWithdrawQueue
{
    public const string Holder = "etherfi:withdraw-nft";
    private readonly EtherFiPool _pool;
    private readonly List<EtherFiRequest> _requests = [];

    internal EtherFiWithdrawQueue(EtherFiPool pool) => _pool = pool;

    public IReadOnlyList<EtherFiRequest> Requests => _requests;
    public uint LastFinalizedId { get; private set; }
    public UInt256 EthLockedForWithdrawal { get; private set; }

    /// <summary>LiquidityPool.requestWithdraw: shares = sharesForAmount(amount), escrowed with the NFT.</summary>
    public EtherFiRequest Request(string owner, UInt256 amount)
    {
        var share = _pool.SharesForAmount(amount);
        LrtRevert.If(amount.IsZero || share.IsZero, "InvalidAmount", $"request of {amount} is {share} shares");
        LrtRevert.If(_pool.BalanceOf(owner) < amount, "InsufficientBalance", $"{owner} holds {_pool.BalanceOf(owner)} eETH");
        _pool.Shares.Transfer(owner, Holder, share);
        var request = new EtherFiRequest((uint)_requests.Count + 1, owner, amount, share);
        _requests.Add(request);
        return request;
    }

    /// <summary>finalizeRequests(lastId): freezes the current rate on every request up to lastId.</summary>
    public void Finalize(uint lastId)
    {
        LrtRevert.If(lastId <= LastFinalizedId || lastId > _requests.Count, "InvalidRequestId", $"cannot finalize up to {lastId}");
        var rate = _pool.Rate;
        var locked = UInt256.Zero;
        for (var id = LastFinalizedId + 1; id <= lastId; id++)
        {
            var r = _requests[(int)id - 1];
            r.FinalizedRate = rate;
            locked += r.AmountOfEEth;
        }
        LastFinalizedId = lastId;
        EthLockedForWithdrawal += locked;
    }

    /// <summary>What a finalized request pays: the lower of the amount asked and the shares at the frozen rate.</summary>
    public UInt256 ClaimableAmount(uint id)
    {
        var r = Get(id);
        LrtRevert.If(r.FinalizedRate is null, "RequestNotFinalized", $"request {id} is not finalized");
        LrtRevert.If(r.Claimed, "RequestNotValid", $"request {id} was already claimed");
        return UInt256.Min(r.AmountOfEEth, Wad.MulDown(r.ShareOfEEth, r.FinalizedRate!.Value));
    }

    /// <summary>claimWithdraw: pays from the LP, burning sharesForWithdrawalAmount(payout) of the escrow.</summary>
    public UInt256 Claim(uint id)
    {
        var payout = ClaimableAmount(id);
        var r = Get(id);
        var burn = _pool.SharesForWithdrawalAmount(payout);
        LrtRevert.If(_pool.TotalValueInLp < payout, "InsufficientLiquidity", $"LP holds {_pool.TotalValueInLp}, claim is {payout}");
        LrtRevert.If(burn > r.ShareOfEEth || _pool.Shares.BalanceOf(Holder) < burn, "InvalidAmount", "claim burns more than the escrow");
        _pool.Shares.Burn(Holder, burn);
        _pool.TotalValueInLp -= payout;
        EthLockedForWithdrawal -= UInt256.Min(EthLockedForWithdrawal, r.AmountOfEEth);
        r.Claimed = true;
        return payout;
    }

    internal string Describe()
    {
        var sb = new StringBuilder("queue last=").Append(LastFinalizedId).Append(" locked=").Append(EthLockedForWithdrawal);
        foreach (var r in _requests)
        {
            sb.Append(" [").Append(r.Id).Append(' ').Append(r.Owner).Append(' ').Append(r.AmountOfEEth).Append(' ')
              .Append(r.ShareOfEEth).Append(' ').Append(r.FinalizedRate?.ToString() ?? "-").Append(' ').Append(r.Claimed).Append(']');
        }
        return sb.ToString();
    }

    private EtherFiRequest Get(uint id)
    {
        LrtRevert.If(id == 0 || id > _requests.Count, "InvalidRequestId", $"no request {id}");
        return _requests[(int)id - 1];
    }
}
