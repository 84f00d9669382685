using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>
/// The guest chain's policies (upstream <c>guestchain/src/config.rs</c>), set at <c>initialise</c>. The
/// repository publishes no production values; <see cref="Demo"/> is ours, chosen for short scenarios.
/// </summary>
public sealed record ChainConfig(
    ushort MinValidators,
    ushort MaxValidators,
    UInt128 MinValidatorStake,
    UInt128 MinTotalStake,
    UInt128 MinQuorumStake,
    ulong MinBlockLength,
    ulong MaxBlockAgeNs,
    ulong MinEpochLength)
{
    /// <summary>1 SOL minimum per validator, 4 slots between blocks, an epoch at most every 20 slots.</summary>
    public static ChainConfig Demo { get; } = new(
        MinValidators: 1, MaxValidators: 10,
        MinValidatorStake: 1_000_000_000, MinTotalStake: 1_000_000_000, MinQuorumStake: 1,
        MinBlockLength: 4, MaxBlockAgeNs: 60_000_000_000, MinEpochLength: 20);
}

/// <summary>A validator candidate: a key and its stake as the restaking program last set it.</summary>
public sealed record Candidate(PubKey PubKey, UInt128 Stake);

/// <summary>
/// The candidate list (upstream <c>guestchain/src/candidates.rs</c>): ordered by stake descending, then key
/// ascending; the top <c>max_validators</c> form the next epoch. A change that touches that head marks a
/// new epoch as due. Reductions may not take the head's stake below <c>min_total_stake</c> nor the
/// list below <c>min_validators</c>.
/// </summary>
public sealed class Candidates
{
    private readonly List<Candidate> _list;

    public Candidates(ushort maxValidators, IEnumerable<Validator> validators)
    {
        MaxValidators = maxValidators;
        _list = [.. validators.Select(v => new Candidate(v.PubKey, v.Stake))];
        _list.Sort(Order);
        // A genesis set above the maximum is trimmed at the next epoch change, as upstream does.
        Changed = _list.Count > maxValidators;
    }

    public ushort MaxValidators { get; }
    public bool Changed { get; private set; }
    public IReadOnlyList<Candidate> All => _list;

    public UInt128 HeadStake => Sum(Head());

    public UInt128 StakeOf(PubKey key) => _list.FirstOrDefault(c => c.PubKey == key)?.Stake ?? 0;

    private static int Order(Candidate a, Candidate b)
    {
        var c = b.Stake.CompareTo(a.Stake);
        return c != 0 ? c : a.PubKey.CompareTo(b.PubKey);
    }

    private List<Candidate> Head() => [.. _list.Take(MaxValidators)];

    private static UInt128 Sum(IEnumerable<Candidate> cs)
    {
        UInt128 s = 0;
        foreach (var c in cs)
        {
            s += c.Stake;
        }
        return s;
    }

    /// <summary>The next epoch's validators when the head changed since the last epoch, else null.</summary>
    public IReadOnlyList<Validator>? MaybeHead() => Changed ? [.. Head().Select(c => new Validator(c.PubKey, c.Stake))] : null;

    public void ClearChanged() => Changed = false;

    /// <summary>
    /// Upstream <c>set_stake</c>: a new absolute stake, 0 removes. <paramref name="forced"/> is our slashing
    /// path: a slash is never refused, a stake pushed below the validator minimum drops the candidate.
    /// </summary>
    public Result<UInt128> Update(ChainConfig cfg, PubKey key, UInt128 stake, bool forced = false)
    {
        var pos = _list.FindIndex(c => c.PubKey == key);
        if (forced && stake != 0 && stake < cfg.MinValidatorStake)
        {
            stake = 0;
        }
        if (stake != 0 && stake < cfg.MinValidatorStake)
        {
            return PicassoErrors.NotEnoughValidatorStake(stake, cfg.MinValidatorStake);
        }
        if (stake == 0 && pos < 0)
        {
            return stake;
        }
        if (!forced && stake == 0 && _list.Count <= cfg.MinValidators)
        {
            return PicassoErrors.NotEnoughValidators(_list.Count, cfg.MinValidators);
        }
        var next = new List<Candidate>(_list);
        if (pos >= 0)
        {
            next.RemoveAt(pos);
        }
        if (stake != 0)
        {
            next.Add(new Candidate(key, stake));
        }
        next.Sort(Order);
        var before = Head();
        var after = next.Take(MaxValidators).ToList();
        var afterStake = Sum(after);
        if (!forced && afterStake < Sum(before) && afterStake < cfg.MinTotalStake)
        {
            return PicassoErrors.NotEnoughTotalStake(afterStake, cfg.MinTotalStake);
        }
        _list.Clear();
        _list.AddRange(next);
        if (!before.SequenceEqual(after))
        {
            Changed = true;
        }
        return stake;
    }
}
