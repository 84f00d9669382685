using System.Numerics;
using Restake.Primitives;

namespace Restake.Rewards;

/// <summary>
/// Walks the ledger forward in time, holding the snapshot of one day at a time: each staker's
/// operator and share sums, and each operator's delegators (kept in lists for O(1) moves).
/// </summary>
public sealed class LedgerReplay
{
    private static readonly UInt256 WadUnit = Wad.Unit;
    private readonly StakeLedger _ledger;
    private readonly int _strategies;
    private int _next;
    private int[] _operatorOf = [];
    private int[] _slot = [];
    private Int128[] _shares = [];
    private List<int>?[] _delegators = [];

    public LedgerReplay(StakeLedger ledger)
    {
        _ledger = ledger;
        _strategies = Math.Max(1, ledger.StrategyNames.Count);
        Grow(ledger.NameCount);
    }

    public int StrategyCount => _strategies;

    private void Grow(int names)
    {
        if (names <= _operatorOf.Length)
        {
            return;
        }
        var size = Math.Max(names, _operatorOf.Length * 2);
        var old = _operatorOf.Length;
        Array.Resize(ref _operatorOf, size);
        Array.Resize(ref _slot, size);
        Array.Resize(ref _shares, size * _strategies);
        Array.Resize(ref _delegators, size);
        Array.Fill(_operatorOf, -1, old, size - old);
    }

    /// <summary>Applies every change before <paramref name="time"/> (the snapshot of a day is the state at its midnight).</summary>
    public void AdvanceTo(long time)
    {
        var changes = _ledger.Changes;
        Grow(_ledger.NameCount);
        while (_next < changes.Count && changes[_next].Time < time)
        {
            Apply(changes[_next++]);
        }
    }

    private void Apply(StakeLedger.Change c)
    {
        switch (c.What)
        {
            case StakeLedger.Kind.Shares:
                _shares[(c.Staker * _strategies) + c.Strategy] += c.Amount;
                break;
            case StakeLedger.Kind.Delegate:
                Leave(c.Staker);
                var list = _delegators[c.Operator] ??= [];
                _operatorOf[c.Staker] = c.Operator;
                _slot[c.Staker] = list.Count;
                list.Add(c.Staker);
                break;
            case StakeLedger.Kind.Undelegate:
                Leave(c.Staker);
                break;
            case StakeLedger.Kind.Slash:
                if (_delegators[c.Operator] is { } stakers)
                {
                    foreach (var staker in stakers)
                    {
                        Deduct(staker, c.Strategy, c.Amount);
                    }
                }
                break;
            case StakeLedger.Kind.BeaconSlash:
                Deduct(c.Staker, c.Strategy, c.Amount);
                break;
        }
    }

    private void Leave(int staker)
    {
        var op = _operatorOf[staker];
        if (op < 0)
        {
            return;
        }
        var list = _delegators[op]!;
        var slot = _slot[staker];
        var last = list[^1];
        list[slot] = last;
        _slot[last] = slot;
        list.RemoveAt(list.Count - 1);
        _operatorOf[staker] = -1;
    }

    /// <summary>s − ⌊s·wad/1e18⌋ for a positive share sum (the calculator's per-staker slash).</summary>
    private void Deduct(int staker, int strategy, Int128 wad)
    {
        ref var s = ref _shares[(staker * _strategies) + strategy];
        if (s <= 0)
        {
            return;
        }
        var cut = UInt256.MulDiv((UInt128)s, (UInt128)wad, WadUnit);
        s -= (Int128)(UInt128)cut;
    }

    public int OperatorOf(int staker) => staker < _operatorOf.Length ? _operatorOf[staker] : -1;

    public ReadOnlySpan<int> DelegatorsOf(int op) =>
        op < _delegators.Length && _delegators[op] is { } list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : [];

    /// <summary>The staker's share sum in a strategy (may be ≤ 0 in the calculator's own accounting).</summary>
    public Int128 Shares(int staker, int strategy) =>
        strategy < _strategies && staker < _operatorOf.Length ? _shares[(staker * _strategies) + strategy] : 0;

    public BigInteger SharesBig(int staker, int strategy) => (BigInteger)Shares(staker, strategy);
}
