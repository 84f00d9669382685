using System.Text;
using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>One queued pufETH withdrawal and the rate when it was asked.</summary>
public sealed record PufferWithdrawal(int Index, string Recipient, UInt256 PufEthAmount, UInt256 RateAtRequest)
{
    public bool Completed { get; internal set; }
}

/// <summary>
/// PufferWithdrawalManager (mainnet-contracts/src/PufferWithdrawalManager.sol): requests of at least
/// 0.01 pufETH join fixed-size batches; a full batch is finalised at the vault's rate then, moving
/// min(expected, toBurn * rate / 1e18) ETH out of the vault and burning the batch's pufETH; each
/// request is paid pufETHAmount * min(rateAtRequest, batchRate) / 1e18.
/// </summary>
public sealed class PufferWithdrawalManager(PufferVault vault, int batchSize = 10, UInt256? maxWithdrawalAmount = null)
{
    public const string Holder = "puffer:withdrawal-manager";
    public static readonly UInt256 MinWithdrawalAmount = 10_000_000_000_000_000UL; // 0.01 ether

    private readonly List<PufferWithdrawal> _withdrawals = [];
    private readonly List<(UInt256 ToBurn, UInt256 ToTransfer, UInt256? Rate)> _batches = [];

    public int BatchSize { get; } = batchSize;
    public UInt256 MaxWithdrawalAmount { get; } = maxWithdrawalAmount ?? UInt256.Pow10(21) * 1_000UL;
    public UInt256 EthHeld { get; private set; }
    public int FinalizedBatches { get; private set; }
    public IReadOnlyList<PufferWithdrawal> Withdrawals => _withdrawals;

    public PufferWithdrawal Request(string owner, UInt256 pufEthAmount)
    {
        LrtRevert.If(pufEthAmount < MinWithdrawalAmount, "WithdrawalAmountTooLow", $"{pufEthAmount} < 0.01 pufETH");
        LrtRevert.If(pufEthAmount > MaxWithdrawalAmount, "WithdrawalAmountTooHigh", $"{pufEthAmount} > {MaxWithdrawalAmount}");
        LrtRevert.If(vault.Shares.BalanceOf(owner) < pufEthAmount, "ERC20InsufficientBalance", $"{owner} lacks {pufEthAmount} pufETH");
        var rate = vault.Rate;
        var expected = Wad.MulDown(pufEthAmount, rate);
        vault.Shares.Transfer(owner, Holder, pufEthAmount);
        var batch = _withdrawals.Count / BatchSize;
        if (batch == _batches.Count)
        {
            _batches.Add((UInt256.Zero, UInt256.Zero, null));
        }
        var b = _batches[batch];
        _batches[batch] = (b.ToBurn + pufEthAmount, b.ToTransfer + expected, null);
        var w = new PufferWithdrawal(_withdrawals.Count, owner, pufEthAmount, rate);
        _withdrawals.Add(w);
        return w;
    }

    /// <summary>Finalises every full batch up to <paramref name="batchIndex"/>, each at the rate of the moment.</summary>
    public void Finalize(int batchIndex)
    {
        LrtRevert.If(batchIndex >= _withdrawals.Count / BatchSize, "BatchesAreNotFull", $"batch {batchIndex} is not full");
        LrtRevert.If(batchIndex < FinalizedBatches, "BatchAlreadyFinalized", $"batch {batchIndex} is finalized");
        // Check liquidity for the whole range first, so a rejection changes nothing.
        var plan = new List<(UInt256 Transfer, UInt256 Rate)>();
        var liquid = vault.LiquidEth;
        var supply = vault.Shares.TotalSupply;
        var assets = vault.TotalAssets;
        for (var i = FinalizedBatches; i <= batchIndex; i++)
        {
            var rate = UInt256.MulDiv(Wad.Unit, assets + UInt256.One, supply + UInt256.One);
            var (toBurn, toTransfer, _) = _batches[i];
            var transfer = UInt256.Min(toTransfer, Wad.MulDown(toBurn, rate));
            LrtRevert.If(liquid < transfer, "ETHTransferFailed", $"vault liquidity {liquid} < batch payout {transfer}");
            liquid -= transfer;
            assets -= transfer;
            supply -= toBurn;
            plan.Add((transfer, rate));
        }
        for (var i = FinalizedBatches; i <= batchIndex; i++)
        {
            var (transfer, rate) = plan[i - FinalizedBatches];
            vault.LiquidEth -= transfer;
            EthHeld += transfer;
            vault.Shares.Burn(Holder, _batches[i].ToBurn);
            _batches[i] = (_batches[i].ToBurn, _batches[i].ToTransfer, rate);
        }
        FinalizedBatches = batchIndex + 1;
    }

    /// <summary>completeQueuedWithdrawal: pufETHAmount * min(rateAtRequest, batchRate) / 1e18.</summary>
    public UInt256 Complete(int index)
    {
        LrtRevert.If(index < 0 || index >= _withdrawals.Count, "WithdrawalDoesNotExist", $"no withdrawal {index}");
        var w = _withdrawals[index];
        var batch = index / BatchSize;
        LrtRevert.If(batch >= FinalizedBatches, "NotFinalized", $"batch {batch} is not finalized");
        LrtRevert.If(w.Completed, "WithdrawalAlreadyCompleted", $"withdrawal {index} was paid");
        var payout = Wad.MulDown(w.PufEthAmount, UInt256.Min(w.RateAtRequest, _batches[batch].Rate!.Value));
        EthHeld -= payout;
        w.Completed = true;
        return payout;
    }

    public string Describe()
    {
        var sb = new StringBuilder("wm held=").Append(EthHeld).Append(" final=").Append(FinalizedBatches);
        foreach (var w in _withdrawals)
        {
            sb.Append(" [").Append(w.Index).Append(' ').Append(w.PufEthAmount).Append(' ').Append(w.RateAtRequest).Append(' ').Append(w.Completed).Append(']');
        }
        return sb.ToString();
    }
}
