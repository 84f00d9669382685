using System.Numerics;
using Restake.EigenDA.Chain;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Network;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.EigenDA.Tests.Network;

/// <summary>EigenDA on the engine: the operator set and stakes come from the engine's sets; fees become restakers' rewards.</summary>
public class ChainTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly BlobEncoder Encoder = new(KzgTests.Srs);
    private static readonly DaParams P = AssignmentTests.Small;

    [Fact]
    public void stakes_per_quorum_are_the_slashable_stake_of_each_set()
    {
        var chain = DevnetChain.Create(4);
        var state = chain.Avs.OperatorState().ToDictionary(o => o.Name);
        Assert.Equal(4, state.Count);
        // op_i's staker restaked 10·i stETH (set 0) and 1000·i EIGEN (set 1), all allocated.
        for (int i = 1; i <= 4; i++)
        {
            Assert.Equal(10 * i * Ether, state["op" + i].StakeIn(0));
            Assert.Equal(1000 * i * Ether, state["op" + i].StakeIn(1));
            Assert.Equal(OperatorId.Of(Devnet.KeyOf("op" + i).PublicKeyG1), state["op" + i].Id);
        }

        // A 50 % slash of op2 in set 0 halves its quorum-0 stake (20 → 10 stETH) and leaves quorum 1 alone.
        chain.Avs.Must(new Slash("eigenda", 0, "op2", [new SlashStrategy("stETH", Wad.Unit / 2UL)]));
        // op3 leaves quorum 1: it is out of that quorum at once.
        chain.Avs.Must(new DeregisterFromSets("op3", "eigenda", [1]));
        state = chain.Avs.OperatorState().ToDictionary(o => o.Name);
        Assert.Equal(10 * Ether, state["op2"].StakeIn(0));
        Assert.Equal(2000 * Ether, state["op2"].StakeIn(1));
        Assert.Equal(30 * Ether, state["op3"].StakeIn(0));
        Assert.Equal(BigInteger.Zero, state["op3"].StakeIn(1));
        Assert.DoesNotContain(Assignment.ForQuorum(state.Values, 1, P).Keys, id => id == state["op3"].Id);
    }

    [Fact]
    public void the_key_registry_refuses_a_reused_key()
    {
        var chain = DevnetChain.Create(4);
        chain.Avs.Must(new RegisterOperator("op5"));
        var taken = Devnet.KeyOf("op1");
        Assert.Equal(DaError.BadOperatorSet, Assert.Throws<DaException>(() => chain.Avs.Keys.Register("op5", taken.PublicKeyG1, taken.PublicKeyG2)).Error);
        Assert.Equal(4, chain.Avs.Keys.Count);
    }

    [Fact]
    public void the_revenue_split_is_proportional_and_exact()
    {
        // Weights 10, 20, 30 and 100 wei: 100·10/60 = 16, 100·20/60 = 33, 100·30/60 = 50; the 1 wei left goes to the heaviest.
        var weights = new Dictionary<string, BigInteger> { ["op2"] = 20, ["op1"] = 10, ["op3"] = 30, ["op4"] = 0 };
        Assert.Equal([("op1", (BigInteger)16), ("op2", (BigInteger)33), ("op3", (BigInteger)51)], EigenDaAvs.Split(100, weights));
        Assert.Empty(EigenDaAvs.Split(0, weights));
        Assert.Empty(EigenDaAvs.Split(100, new Dictionary<string, BigInteger> { ["op1"] = 0 }));
        // Equal heaviest weights: the remainder goes to the first by name.
        Assert.Equal([("a", (BigInteger)2), ("b", (BigInteger)1)], EigenDaAvs.Split(3, new Dictionary<string, BigInteger> { ["b"] = 5, ["a"] = 5 }));
    }

    [Fact]
    public void on_demand_fees_reach_the_restakers_of_the_signing_operators_as_claimable_rewards()
    {
        var chain = DevnetChain.Create(4);
        var registry = chain.Avs.OperatorState();
        var nodes = registry.Select(r => new DaOperator(r.Name, Devnet.KeyOf(r.Name), r.Stakes, r.Name == "op4" ? OperatorFault.Withhold : OperatorFault.Honest)).ToList();
        chain.WarpTo(DevnetChain.Genesis + DevnetChain.Day + 3600);
        chain.Avs.DepositOnDemand(DevnetChain.Rollup, Ether);
        var payload = new byte[600];
        new Random(3).NextBytes(payload);
        // 600 bytes → 21 symbols → a 32-symbol blob: 32 gwei.
        var charge = chain.Avs.Authorize(new PaymentHeader(DevnetChain.Rollup, chain.Engine.State.Time, 1), PayloadCodec.ToBlob(payload).Length, 0);
        Assert.Equal(32 * (BigInteger)1_000_000_000, charge.Fee);
        var cert = new Disperser(Encoder, P, nodes).Disperse(payload);
        Assert.Equal(CertificateStatus.Valid, cert.Verify(registry, P)); // op4 (40 %) withheld: 60 % signed
        chain.Avs.RecordCertificate(cert, registry);

        var settled = chain.SettleDay()!;
        Assert.Equal(charge.Fee, settled.Amounts.Aggregate(BigInteger.Zero, (a, x) => a + x.Amount));
        Assert.DoesNotContain(settled.Amounts, a => a.Operator == "op4");
        foreach (var (op, amount) in settled.Amounts)
        {
            // The operator keeps its 10 % default split (floored); its one restaker earns the rest.
            var opShare = amount * 1000 / 10_000;
            Assert.Equal(opShare, (BigInteger)settled.Distribution.EarnedBy(op, "WETH"));
            Assert.Equal(amount - opShare, (BigInteger)settled.Distribution.EarnedBy(DevnetChain.StakerOf(op), "WETH"));
        }
        Assert.True(settled.Distribution.EarnedBy(DevnetChain.StakerOf("op4"), "WETH").IsZero);
        // op1..op3 signed with 10, 20, 30 stETH: 32 gwei · 10/60 = 5333333333 wei (floored), and so on.
        Assert.Equal(5_333_333_333, settled.Amounts.Single(a => a.Operator == "op1").Amount);
        // Claimable: a claim with the Merkle proof against the posted root moves the tokens.
        var staker = DevnetChain.StakerOf("op2");
        Assert.Equal((BigInteger)settled.Distribution.EarnedBy(staker, "WETH"), chain.Claim(settled, staker));
        Assert.Equal(BigInteger.Zero, chain.Avs.UnsettledRevenue);
    }

    [Fact]
    public void reservations_are_paid_up_front_and_that_revenue_is_paid_out_too()
    {
        var chain = DevnetChain.Create(4);
        var registry = chain.Avs.OperatorState();
        var nodes = registry.Select(r => new DaOperator(r.Name, Devnet.KeyOf(r.Name), r.Stakes)).ToList();
        chain.WarpTo(DevnetChain.Genesis + DevnetChain.Day + 3600);
        var now = chain.Engine.State.Time;
        var before = (BigInteger)chain.Engine.State.BalanceOf(DevnetChain.Rollup, "WETH");
        chain.Avs.Reserve(DevnetChain.Rollup, 4, now, now + 3600, [0]);
        // 4 symbols/s for an hour at 0.5 gwei a symbol.
        var cost = 4 * 3600 * (BigInteger)500_000_000;
        Assert.Equal(before - cost, (BigInteger)chain.Engine.State.BalanceOf(DevnetChain.Rollup, "WETH"));
        Assert.Equal(cost, (BigInteger)chain.Engine.State.BalanceOf("eigenda", "WETH"));
        var payload = new byte[100];
        var charge = chain.Avs.Authorize(new PaymentHeader(DevnetChain.Rollup, now, 0), PayloadCodec.ToBlob(payload).Length, 0);
        Assert.False(charge.OnDemand);
        var cert = new Disperser(Encoder, P, nodes).Disperse(payload);
        chain.Avs.RecordCertificate(cert, registry);
        var settled = chain.SettleDay()!;
        Assert.Equal(cost, settled.Amounts.Aggregate(BigInteger.Zero, (a, x) => a + x.Amount));
        // A second reservation for the same account is refused and costs nothing.
        var held = chain.Engine.State.BalanceOf(DevnetChain.Rollup, "WETH");
        Assert.Throws<DaException>(() => chain.Avs.Reserve(DevnetChain.Rollup, 1, now, now + 10, [0]));
        Assert.Equal(held, chain.Engine.State.BalanceOf(DevnetChain.Rollup, "WETH"));
    }
}
