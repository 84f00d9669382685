using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Protocol.Tests;

/// <summary>
/// Drives an engine with random but plausible commands (deposits, pods, delegation, withdrawals,
/// allocations, slashes, beacon balance drops, time) over a small cast, so that most commands hit
/// real state and a fair share are refused.
/// </summary>
internal sealed class RandomNetwork
{
    private static readonly string[] Stakers = ["alice", "bob", "carol", "dave"];
    private static readonly string[] Operators = ["op1", "op2"];
    private static readonly string[] Strategies = ["A", "B", ProtocolConstants.BeaconStrategy];
    private readonly Random _rng;
    private readonly List<string> _withdrawals = [];
    private long _nextValidator;
    private int _nextWithdrawal;

    public RandomNetwork(ulong seed)
    {
        _rng = new Random((int)(seed % int.MaxValue));
        Engine = new Engine(Builder.Testnet);
        Builder.Must(Engine, new AddToken("A", 18), new AddToken("B", 6), new AddStrategy("A"), new AddStrategy("B"),
            new RegisterOperator("op1"), new RegisterOperator("op2", AllocationDelay: 3),
            new RegisterAvs("avs"), new CreateOperatorSet("avs", 0, ["A", "B", ProtocolConstants.BeaconStrategy]), new CreateOperatorSet("avs", 1, ["A"]),
            new RegisterForSets("op1", "avs", [0, 1]), new RegisterForSets("op2", "avs", [0]));
        foreach (var s in Stakers)
        {
            Builder.Must(Engine, new CreatePod(s));
        }
    }

    public Engine Engine { get; }

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private UInt256 Amount() => _rng.Next(4) switch
    {
        0 => (UInt256)(ulong)_rng.Next(1, 5000),                       // dust
        1 => (UInt256)(ulong)_rng.NextInt64(1, long.MaxValue),          // up to ~9.2 tokens
        _ => (UInt256)(ulong)_rng.NextInt64(1, 100_000) * UInt256.Pow10(18), // whole tokens, up to 1e23
    };

    private UInt256 Fraction() => _rng.Next(3) switch
    {
        0 => (UInt256)(ulong)_rng.Next(1, 1000),
        1 => Wad.Unit,
        _ => (UInt256)(ulong)_rng.NextInt64(1, (long)Wad.One),
    };

    public Command Next()
    {
        var staker = Pick(Stakers);
        switch (_rng.Next(14))
        {
            case 0:
            case 1:
                return new Deposit(staker, Pick(["A", "B"]), Amount(), MintShortfall: true);
            case 2:
                return new DelegateTo(staker, Pick(Operators));
            case 3:
                return new Undelegate(staker, Ids: null);
            case 4:
            {
                var strategy = Engine.State.Strategies[Pick(Strategies)];
                var held = Engine.State.Stakers.TryGetValue(staker, out var st) ? st.DepositSharesOf(strategy) : UInt256.Zero;
                var shares = held.IsZero || _rng.Next(4) == 0 ? Amount() : Wad.MulDown(held, Fraction());
                return new QueueWithdrawal(staker, strategy.Name, shares, $"w{_nextWithdrawal++}");
            }
            case 5:
                return _withdrawals.Count == 0 || Engine.State.Withdrawals.Count == 0
                    ? new Roll(_rng.Next(0, 60))
                    : new CompleteWithdrawal(Pick(Engine.State.Withdrawals.Keys.ToList()), AsTokens: _rng.Next(2) == 0);
            case 6:
                return new Allocate(Pick(Operators), "avs", _rng.Next(2), Pick(Strategies), Fraction());
            case 7:
            case 8:
            {
                var set = _rng.Next(2);
                var strategies = set == 0 ? Strategies.Where(_ => _rng.Next(2) == 0).ToList() : ["A"];
                return new Slash("avs", set, Pick(Operators), strategies.Select(s => new SlashStrategy(s, Fraction())).ToList());
            }
            case 9:
                return new Roll(_rng.Next(0, 60));
            case 10:
                return new VerifyValidators(staker, [new ValidatorBalance(_nextValidator++, (ulong)_rng.Next(1, 64) * 1_000_000_000UL)]);
            case 11:
            {
                var pod = Engine.State.Pods[staker];
                var active = pod.Validators.Values.Where(v => v.Status == Protocol.State.ValidatorStatus.Active).ToList();
                var changes = active.Where(_ => _rng.Next(2) == 0)
                    .Select(v => new ValidatorBalance(v.Index, (ulong)_rng.NextInt64(0, (long)v.RestakedBalanceGwei + 2_000_000_000L))).ToList();
                var exited = changes.Where(c => c.BalanceGwei == 0).Sum(c => (long)Engine.State.Pods[staker].Validators[c.Index].RestakedBalanceGwei);
                UInt256? podBalance = exited > 0 ? pod.BalanceWei + ((UInt256)(ulong)exited * Amounts.WeiPerGwei) : null;
                return new Checkpoint(staker, changes, podBalance);
            }
            case 12:
                return _rng.Next(2) == 0
                    ? new DeregisterFromSets(Pick(Operators), "avs", [_rng.Next(2)])
                    : new RegisterForSets(Pick(Operators), "avs", [_rng.Next(2)]);
            default:
                return new Redelegate(staker, Pick(Operators));
        }
    }

    public void Remember(Command c)
    {
        if (c is QueueWithdrawal q && q.Id is not null)
        {
            _withdrawals.Add(q.Id);
        }
    }
}
