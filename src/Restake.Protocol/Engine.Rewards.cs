using Restake.Primitives;
using Restake.Protocol.Rewards;
using Restake.Protocol.State;

namespace Restake.Protocol;

// RewardsCoordinator: submissions (escrowed), operator splits, distribution roots, claims.
public sealed partial class Engine
{
    private static readonly UInt256 MaxRewardsAmount = UInt256.Pow10(38) - UInt256.One;

    private RewardsParams RewardsParams => _s.Params.Rewards;

    private void Handle(SubmitRewards c)
    {
        var isDirected = c.Kind is RewardsKind.OperatorDirected or RewardsKind.OperatorDirectedSet;
        RequireCaller(c.Caller, "UnauthorizedCaller", c.Submitter);
        OperatorSet? set = null;
        if (c.Kind == RewardsKind.OperatorDirectedSet)
        {
            Revert.If(c.Set is null, "InvalidOperatorSet", "operator-set rewards name the set");
            set = SetNamed(c.Submitter, c.Set!.Value);
        }
        Revert.If(!_s.TokensBySymbol.TryGetValue(c.Token, out var token), "InvalidAddressZero", $"there is no token '{c.Token}'");
        var strategies = ValidateCommon(c.Strategies, c.Start, c.Duration);

        var operators = new List<OperatorReward>();
        UInt256 amount;
        if (isDirected)
        {
            Revert.If(c.Operators is null || c.Operators.Count == 0, "InputArrayLengthZero", "operator-directed rewards name at least one operator");
            Revert.If(c.Start + c.Duration >= _s.Time, "SubmissionNotRetroactive",
                $"operator-directed rewards pay for the past: the window must end before now ({c.Start + c.Duration} >= {_s.Time})");
            amount = UInt256.Zero;
            var seen = new HashSet<string>();
            foreach (var o in c.Operators!)
            {
                Revert.If(!seen.Add(o.Operator), "OperatorsNotInAscendingOrder", $"{o.Operator} is listed twice");
                Revert.If(o.Amount.IsZero, "AmountIsZero", $"the amount for {o.Operator} is 0");
                amount += o.Amount;
                operators.Add(new OperatorReward(o.Operator, o.Amount));
            }
            Revert.If(amount > MaxRewardsAmount, "AmountExceedsMax", "the rewards exceed 1e38 - 1");
        }
        else
        {
            amount = c.Amount;
            Revert.If(amount.IsZero, "AmountIsZero", "the amount is 0");
            Revert.If(amount > MaxRewardsAmount, "AmountExceedsMax", "the amount exceeds 1e38 - 1");
            Revert.If(c.Start > _s.Time + RewardsParams.MaxFutureLengthSeconds, "StartTimestampTooFarInFuture",
                $"the window may start at most {Durations.Format(RewardsParams.MaxFutureLengthSeconds)} ahead");
        }
        var nonce = _s.Rewards.NonceOf.GetValueOrDefault(c.Submitter);
        var id = c.Id ?? $"{c.Submitter}/{nonce}";
        Revert.If(_s.Rewards.SubmissionsById.ContainsKey(id), "SubmissionIdTaken", $"a rewards submission named '{id}' already exists");
        var held = _s.BalanceOf(c.Submitter, c.Token);
        Revert.If(held < amount, "ERC20InsufficientBalance", $"{c.Submitter} holds {held} base units of {c.Token}, less than the {amount} to escrow");

        _s.SetBalance(c.Submitter, c.Token, held - amount);
        _s.SetBalance(ProtocolConstants.RewardsEscrow, c.Token, _s.BalanceOf(ProtocolConstants.RewardsEscrow, c.Token) + amount);
        _s.Rewards.NonceOf[c.Submitter] = nonce + 1;
        var submission = new RewardsSubmission
        {
            Id = id,
            Kind = c.Kind,
            Submitter = c.Submitter,
            Set = set,
            Token = token!,
            Amount = amount,
            Start = c.Start,
            Duration = c.Duration,
            Strategies = strategies,
            OperatorRewards = operators,
            Nonce = nonce,
            SubmittedAt = _s.Time,
        };
        _s.Rewards.SubmissionList.Add(submission);
        _s.Rewards.SubmissionsById[id] = submission;
        Emit(new RewardsSubmissionCreated(id, c.Kind.ToString(), c.Submitter, c.Token, amount, c.Start, c.Duration));
    }

    /// <summary>_validateCommonRewardsSubmission, in the reference's order of checks.</summary>
    private List<StrategyMultiplier> ValidateCommon(IReadOnlyList<RewardsStrategy> strategies, long start, long duration)
    {
        var p = RewardsParams;
        Revert.If(strategies.Count == 0, "InputArrayLengthZero", "name at least one strategy");
        Revert.If(duration > p.MaxRewardsDurationSeconds, "DurationExceedsMax", $"a window lasts at most {Durations.Format(p.MaxRewardsDurationSeconds)}");
        Revert.If(duration % p.CalculationIntervalSeconds != 0, "InvalidDurationRemainder", $"the duration must be a multiple of {Durations.Format(p.CalculationIntervalSeconds)}");
        Revert.If(duration <= 0, "DurationIsZero", "the duration is 0");
        Revert.If(start % p.CalculationIntervalSeconds != 0, "InvalidStartTimestampRemainder",
            $"the start must be a multiple of {Durations.Format(p.CalculationIntervalSeconds)} since the Unix epoch (a Thursday 00:00 UTC for 7d)");
        Revert.If(start < _s.Time - p.MaxRetroactiveLengthSeconds || start < p.GenesisRewardsTimestamp, "StartTimestampTooFarInPast",
            $"the window may start at most {Durations.Format(p.MaxRetroactiveLengthSeconds)} back, and not before rewards genesis");
        var result = new List<StrategyMultiplier>();
        foreach (var s in strategies)
        {
            Revert.If(!_s.StrategiesByName.TryGetValue(s.Strategy, out var strategy), "StrategyNotWhitelisted", $"there is no strategy '{s.Strategy}'");
            Revert.If(result.Any(r => ReferenceEquals(r.Strategy, strategy)), "StrategiesNotInAscendingOrder", $"{s.Strategy} is listed twice");
            Revert.If(s.Multiplier > (UInt256)(((UInt128)1 << 96) - 1), "AmountExceedsMax", "a multiplier is a uint96");
            result.Add(new StrategyMultiplier(strategy!, s.Multiplier));
        }
        return result;
    }

    private void Handle(SetOperatorSplit c)
    {
        RequireCaller(c.Caller, "InvalidPermissions", c.Operator);
        if (c.Set is { } setId)
        {
            Revert.If(c.Avs is null, "InvalidOperatorSet", "an operator-set split names the AVS too");
            SetNamed(c.Avs!, setId);
        }
        Revert.If(c.Bips is < 0 or > ProtocolConstants.OneHundredPercentBips, "SplitExceedsMax", $"a split is at most 10000 bips, not {c.Bips}");
        var key = new SplitKey(c.Operator, c.Avs, c.Set);
        var split = _s.Rewards.SplitsByKey.GetValueOrDefault(key);
        Revert.If(split is not null && _s.Time <= split.ActivatedAt, "PreviousSplitPending",
            $"the previous split change activates at {split?.ActivatedAt}; change it after that");
        var old = split?.At(_s.Time, RewardsParams.DefaultOperatorSplitBips) ?? RewardsParams.DefaultOperatorSplitBips;
        if (split is null)
        {
            split = new OperatorSplit();
            _s.Rewards.SplitsByKey[key] = split;
        }
        split.OldBips = split.ActivatedAt == 0 ? OperatorSplit.Uninitialized : split.NewBips;
        split.NewBips = (ushort)c.Bips;
        split.ActivatedAt = _s.Time + RewardsParams.ActivationDelaySeconds;
        _s.Rewards.SplitChangeList.Add(new SplitChange(key, (ushort)c.Bips, _s.Time, split.ActivatedAt));
        Emit(new OperatorSplitSet(c.Operator, c.Avs, c.Set, old, c.Bips, split.ActivatedAt));
    }

    private void Handle(SetClaimer c)
    {
        _s.Rewards.ClaimerOf[c.Earner] = c.Claimer;
        Emit(new ClaimerSet(c.Earner, c.Claimer));
    }

    private void Handle(SubmitRoot c)
    {
        RequireCaller(c.Caller, "UnauthorizedCaller", ProtocolConstants.RewardsUpdater);
        Revert.If(c.Root.Length != 32, "InvalidRoot", "a root is 32 bytes");
        Revert.If(c.CalculationEnd <= _s.Rewards.CurrentCalculationEnd, "NewRootMustBeForNewCalculatedPeriod",
            $"the last root was calculated until {_s.Rewards.CurrentCalculationEnd}; a new one must go further");
        Revert.If(c.CalculationEnd >= _s.Time, "RewardsEndTimestampNotElapsed", "a root can only cover time that has passed");
        var root = new DistributionRoot
        {
            Index = _s.Rewards.RootList.Count,
            Root = c.Root,
            CalculationEnd = c.CalculationEnd,
            ActivatedAt = _s.Time + RewardsParams.ActivationDelaySeconds,
            SubmittedAt = _s.Time,
        };
        _s.Rewards.RootList.Add(root);
        _s.Rewards.CurrentCalculationEnd = c.CalculationEnd;
        Emit(new DistributionRootSubmitted(root.Index, "0x" + Convert.ToHexStringLower(c.Root), c.CalculationEnd, root.ActivatedAt));
    }

    private void Handle(DisableRoot c)
    {
        RequireCaller(c.Caller, "UnauthorizedCaller", ProtocolConstants.RewardsUpdater);
        Revert.If(c.Index < 0 || c.Index >= _s.Rewards.RootList.Count, "InvalidRootIndex", $"there is no root {c.Index}");
        var root = _s.Rewards.RootList[c.Index];
        Revert.If(root.Disabled, "RootDisabled", $"root {c.Index} is already disabled");
        Revert.If(_s.Time >= root.ActivatedAt, "RootAlreadyActivated", $"root {c.Index} is active already and can no longer be disabled");
        root.Disabled = true;
        Emit(new DistributionRootDisabled(c.Index));
    }

    private void Handle(Claim c)
    {
        var proof = c.Proof;
        Revert.If(proof.RootIndex < 0 || proof.RootIndex >= _s.Rewards.RootList.Count, "InvalidRootIndex", $"there is no root {proof.RootIndex}");
        var root = _s.Rewards.RootList[proof.RootIndex];
        Revert.If(root.Disabled, "RootDisabled", $"root {proof.RootIndex} is disabled");
        Revert.If(_s.Time < root.ActivatedAt, "RootNotActivated", $"root {proof.RootIndex} can be claimed from {root.ActivatedAt} (now {_s.Time})");
        Revert.If(proof.Tokens.Count == 0, "InputArrayLengthZero", "claim at least one token");
        CheckProof(root.Root, proof.EarnerIndex, proof.EarnerProof, Merkle.EarnerLeafHash(Address.Of(proof.Earner), proof.EarnerTokenRoot), "InvalidEarnerLeafIndex");
        foreach (var t in proof.Tokens)
        {
            Revert.If(!_s.TokensBySymbol.ContainsKey(t.Token), "InvalidClaimProof", $"there is no token '{t.Token}'");
            CheckProof(proof.EarnerTokenRoot, t.Index, t.Proof, Merkle.TokenLeafHash(Address.Of(t.Token), t.CumulativeEarnings), "InvalidTokenLeafIndex");
        }
        var claimer = _s.Rewards.ClaimerOf.GetValueOrDefault(proof.Earner) ?? proof.Earner;
        RequireCaller(c.Caller, "UnauthorizedCaller", claimer);
        var recipient = c.Recipient ?? proof.Earner;
        var payouts = new List<(string Token, UInt256 Cumulative, UInt256 Amount)>();
        foreach (var t in proof.Tokens)
        {
            var claimed = payouts.LastOrDefault(p => p.Token == t.Token).Cumulative;
            if (claimed.IsZero)
            {
                claimed = _s.Rewards.ClaimedBy(proof.Earner, t.Token);
            }
            Revert.If(t.CumulativeEarnings <= claimed, "EarningsNotGreaterThanClaimed",
                $"{proof.Earner} has already claimed {claimed} of {t.Token}; this root holds {t.CumulativeEarnings}");
            payouts.Add((t.Token, t.CumulativeEarnings, t.CumulativeEarnings - claimed));
        }
        foreach (var group in payouts.GroupBy(p => p.Token))
        {
            var total = group.Aggregate(UInt256.Zero, (sum, p) => sum + p.Amount);
            var escrow = _s.BalanceOf(ProtocolConstants.RewardsEscrow, group.Key);
            Revert.If(escrow < total, "ERC20InsufficientBalance", $"the RewardsCoordinator holds {escrow} of {group.Key}, less than the {total} claimed");
        }
        foreach (var (token, cumulative, amount) in payouts)
        {
            _s.Rewards.Claimed[(proof.Earner, token)] = cumulative;
            _s.SetBalance(ProtocolConstants.RewardsEscrow, token, _s.BalanceOf(ProtocolConstants.RewardsEscrow, token) - amount);
            _s.SetBalance(recipient, token, _s.BalanceOf(recipient, token) + amount);
            Emit(new RewardsClaimed(proof.Earner, claimer, recipient, token, amount));
        }
    }

    private static void CheckProof(byte[] root, int index, byte[] proof, byte[] leaf, string indexError)
    {
        Revert.If(proof.Length % 32 != 0, "InvalidClaimProof", "a proof is a whole number of 32-byte hashes");
        Revert.If(index < 0 || (proof.Length / 32 < 31 && index >= 1L << (proof.Length / 32)), indexError, $"leaf index {index} does not fit a proof of {proof.Length / 32} hashes");
        Revert.If(!Merkle.Verify(root, index, proof, leaf), "InvalidClaimProof", "the proof does not lead to the root");
    }
}
