using Restake.Primitives;

namespace Restake.Protocol.State;

/// <summary>The whole protocol state. Read freely; only the engine writes it.</summary>
public sealed class NetworkState
{
    internal NetworkState(ProtocolParams parameters)
    {
        Params = parameters;
        Stage = parameters.Stage;
        var eth = new Token(ProtocolConstants.NativeToken, Amounts.EthDecimals);
        TokensBySymbol[eth.Symbol] = eth;
        var beacon = new Strategy(ProtocolConstants.BeaconStrategy, eth, isBeacon: true, index: 0);
        StrategiesByName[beacon.Name] = beacon;
        Beacon = beacon;
    }

    public ProtocolParams Params { get; }
    public long Block { get; internal set; }
    public int Stage { get; internal set; }
    public long Time => Params.GenesisTime + (Block * Params.SecondsPerBlock);
    public Strategy Beacon { get; }
    public RewardsLedger Rewards { get; } = new();

    internal Dictionary<string, Token> TokensBySymbol { get; } = [];
    internal Dictionary<string, Strategy> StrategiesByName { get; } = [];
    internal Dictionary<string, Staker> StakersByName { get; } = [];
    internal Dictionary<string, Operator> OperatorsByName { get; } = [];
    internal Dictionary<string, Avs> AvsByName { get; } = [];
    internal Dictionary<string, OperatorSet> SetsByKey { get; } = [];
    internal Dictionary<string, Pod> PodsByOwner { get; } = [];
    internal Dictionary<string, Withdrawal> WithdrawalsById { get; } = [];
    /// <summary>Token balances by (account, token); a zero balance is not stored.</summary>
    internal Dictionary<(string Account, string Token), UInt256> BalanceEntries { get; } = [];

    public IReadOnlyDictionary<string, Token> Tokens => TokensBySymbol;
    public IReadOnlyDictionary<string, Strategy> Strategies => StrategiesByName;
    public IReadOnlyDictionary<string, Staker> Stakers => StakersByName;
    public IReadOnlyDictionary<string, Operator> Operators => OperatorsByName;
    public IReadOnlyDictionary<string, Avs> Avss => AvsByName;
    public IReadOnlyDictionary<string, Pod> Pods => PodsByOwner;
    public IReadOnlyDictionary<string, Withdrawal> Withdrawals => WithdrawalsById;
    /// <summary>Every non-zero balance, by account then token.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, UInt256>> Balances =>
        BalanceEntries.GroupBy(kv => kv.Key.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, UInt256>)g.ToDictionary(kv => kv.Key.Token, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>An operator set by its key "avs/id" (how events and the rewards ledger name it).</summary>
    public OperatorSet? OperatorSetByKey(string key) => SetsByKey.GetValueOrDefault(key);

    public UInt256 BalanceOf(string account, string token) => BalanceEntries.GetValueOrDefault((account, token));

    internal void SetBalance(string account, string token, UInt256 value)
    {
        if (value.IsZero)
        {
            BalanceEntries.Remove((account, token));
        }
        else
        {
            BalanceEntries[(account, token)] = value;
        }
    }

    /// <summary>The max magnitude an operator has in a strategy (WAD for "no operator", as the reference reads address(0)).</summary>
    public ulong MaxMagnitude(string? operatorName, Strategy strategy) =>
        operatorName is not null && OperatorsByName.TryGetValue(operatorName, out var op) && op.Find(strategy) is { } os
            ? os.MaxMagnitude
            : Wad.One;

    public ulong MaxMagnitudeAt(string? operatorName, Strategy strategy, long block) =>
        operatorName is not null && OperatorsByName.TryGetValue(operatorName, out var op) && op.Find(strategy) is { } os
            ? (ulong)os.MaxMagnitudeHistory.At(block)
            : Wad.One;

    public ulong BeaconChainSlashingFactor(string staker) =>
        PodsByOwner.TryGetValue(staker, out var pod) ? pod.BeaconChainSlashingFactor : Wad.One;

    /// <summary>DelegationManager._getSlashingFactor: m for ERC-20 strategies, mulWad(m, l) for native ETH.</summary>
    public UInt256 SlashingFactor(string staker, Strategy strategy, ulong maxMagnitude) =>
        strategy.IsBeacon ? Wad.MulDown(maxMagnitude, BeaconChainSlashingFactor(staker)) : maxMagnitude;

    /// <summary>Withdrawable shares a = s·k·(slashing factor), never stored (DelegationManager.getWithdrawableShares).</summary>
    public UInt256 WithdrawableShares(Staker staker, Position position)
    {
        var sf = SlashingFactor(staker.Name, position.Strategy, MaxMagnitude(staker.DelegatedTo, position.Strategy));
        return SlashingMath.CalcWithdrawable(position.ScalingFactor, position.DepositShares, sf);
    }

    public bool IsOperatorSlashable(Operator op, OperatorSet set) =>
        op.RegistrationsBySet.TryGetValue(set, out var status) && (status.Registered || Block <= status.SlashableUntil);

    /// <summary>_getUpdatedAllocation: the allocation as it stands at the current block, pending changes applied once due.</summary>
    public (ulong Current, long PendingDiff, long EffectBlock, ulong Encumbered) UpdatedAllocation(OperatorStrategy os, OperatorSet set)
    {
        var encumbered = os.EncumberedMagnitude;
        if (!os.AllocationsBySet.TryGetValue(set, out var a))
        {
            return (0, 0, 0, encumbered);
        }
        if (Block < a.EffectBlock)
        {
            return (a.CurrentMagnitude, a.PendingDiff, a.EffectBlock, encumbered);
        }
        var current = checked((ulong)((long)a.CurrentMagnitude + a.PendingDiff));
        if (a.PendingDiff < 0)
        {
            encumbered = checked((ulong)((long)encumbered + a.PendingDiff));
        }
        return (current, 0, 0, encumbered);
    }

    /// <summary>Encumbered magnitude with every due deallocation released (what the reference's views report).</summary>
    public ulong EncumberedMagnitude(OperatorStrategy os)
    {
        var encumbered = (long)os.EncumberedMagnitude;
        foreach (var a in os.AllocationsBySet.Values)
        {
            if (a.PendingDiff < 0 && Block >= a.EffectBlock)
            {
                encumbered += a.PendingDiff;
            }
        }
        return (ulong)encumbered;
    }

    /// <summary>AllocationManagerView: the stake an operator set can slash now, mulWad(operatorShares, current/max).</summary>
    public UInt256 SlashableStake(Operator op, OperatorSet set, Strategy strategy)
    {
        var os = op.Find(strategy);
        if (os is null || os.MaxMagnitude == 0 || !IsOperatorSlashable(op, set) || !set.Contains(strategy))
        {
            return UInt256.Zero;
        }
        var (current, _, _, _) = UpdatedAllocation(os, set);
        return Wad.MulDown(os.Shares, Wad.DivDown(current, os.MaxMagnitude));
    }
}
