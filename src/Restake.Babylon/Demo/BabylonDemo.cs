using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Babylon.Chain;
using Restake.Protocol;

namespace Restake.Babylon.Demo;

/// <summary>A Bitcoin transaction the story shows: what it is and its raw hex.</summary>
public sealed record DemoTransaction(string Label, string Txid, string Hex);

public sealed record DemoChapter(string Title, IReadOnlyList<string> Lines, IReadOnlyList<DemoTransaction> Transactions);

public sealed record FpView(string Name, string BtcPk, long VotingPower, bool Slashed);

public sealed record DelegationView(string Staker, string FinalityProvider, string StakingTxid, long Satoshis, string Status);

public sealed record CheckpointView(ulong Epoch, string Status, int? Depth);

/// <summary>The chain's view at the end: providers, delegations, finality, checkpoints, and the Bitcoin tip.</summary>
public sealed record ChainView(ulong BabylonHeight, ulong LastFinalizedHeight, int BitcoinHeight, IReadOnlyList<FpView> FinalityProviders,
    IReadOnlyList<DelegationView> Delegations, IReadOnlyList<CheckpointView> Checkpoints);

public sealed record DemoReport(IReadOnlyList<DemoChapter> Chapters, ChainView View, ProtocolError? Failure);

/// <summary>
/// The Babylon story, run on the simulation with the upstream default (devnet) parameters: stake, vote, equivocate, slash,
/// unbond and withdraw, with every Bitcoin transaction in hex and checked by the script interpreter before it is broadcast.
/// </summary>
public static class BabylonDemo
{
    public static DemoReport Run()
    {
        var sim = new BabylonSimulation();
        var p = sim.Params;
        var chapters = new List<DemoChapter>();
        var owners = new Dictionary<string, string>();
        DemoReport Fail(ProtocolError e) => new(chapters, View(sim, owners), e);

        // 1. The network.
        foreach (var fp in new[] { "alpha", "beta" })
        {
            if (sim.AddFinalityProvider(fp) is { } e)
            {
                return Fail(e);
            }
        }
        sim.Bootstrap();
        chapters.Add(new DemoChapter("Babylon starts: two finality providers, a 3-of-5 covenant committee, Bitcoin timestamping", [
            $"parameters: upstream defaults (devnet) — k = {p.BtcConfirmationDepth}, w = {p.CheckpointFinalizationTimeout}, epochs of {p.EpochInterval} blocks, slashing rate {p.SlashingRateBasisPoints / 100.0:0.##} %, unbonding {p.UnbondingTimeBlocks} blocks",
            "alpha and beta committed EOTS public randomness; epoch 1's checkpoint went to Bitcoin and is "
                + sim.Chain.Checkpoints[1].Status.ToString().ToUpperInvariant() + $" at depth {sim.Chain.Checkpoints[1].Depth}, so their randomness is BTC-timestamped",
        ], []));

        // 2. Stakes.
        var lines = new List<string>();
        var txs = new List<DemoTransaction>();
        var stakes = new (string Staker, string Fp, long Sats)[] { ("alice", "alpha", 50_000_000), ("carol", "alpha", 20_000_000), ("bob", "beta", 30_000_000) };
        foreach (var (staker, fp, sats) in stakes)
        {
            var d = sim.Stake(staker, fp, sats, 1000);
            if (!d.IsOk)
            {
                return Fail(d.Error!);
            }
            owners[d.Value.StakingTxHash] = staker;
            var s = d.Value.Stake;
            lines.Add($"{staker} locks {sats} sat for 1000 blocks to {fp}: staking output {s.StakingOutput.Address(Network.RegTest)}; covenant quorum collected → {d.Value.Status.ToString().ToUpperInvariant()}");
            txs.Add(Tx($"{staker}: staking tx", s.StakingTx));
            if (staker == "alice")
            {
                txs.Add(Tx("alice: unbonding tx (unsigned, registered with the stake)", s.UnbondingTx));
                txs.Add(Tx("alice: slashing tx (unsigned; staker pre-signed, covenants adaptor-signed)", s.SlashingTx));
                txs.Add(Tx("alice: unbonding slashing tx (unsigned)", s.UnbondingSlashingTx));
                var marker = StakingTransactions.StakingMarker(p.Tag, s.Scripts.StakerKey, s.FinalityProviderKey, s.Scripts.StakingTime).Value;
                lines.Add($"alice's phase-1 OP_RETURN staking marker: {marker.ToHex()}");
            }
        }
        sim.Btc.Mine(p.BtcConfirmationDepth + 1);
        var block = sim.Chain.ProduceBlock();
        lines.Add($"Bitcoin mines {p.BtcConfirmationDepth + 1} blocks: the staking txs are {p.BtcConfirmationDepth} deep, the delegations are "
            + string.Join(", ", sim.Chain.Delegations.Values.Select(x => x.Status).Distinct()).ToUpperInvariant());
        lines.Add("voting power at height " + block.Height + ": " + string.Join(", ", sim.Chain.VotingPowerAt(block.Height).Select(kv => $"{Name(sim, kv.Key)} {kv.Value} sat")));
        chapters.Add(new DemoChapter("Stakers lock BTC in self-custodial Taproot scripts", lines, txs));

        // 3. Votes and finality.
        foreach (var fp in new[] { "alpha", "beta" })
        {
            sim.Vote(fp, block.Height);
        }
        sim.Advance(5);
        chapters.Add(new DemoChapter("Finality providers vote with EOTS signatures", [
            $"every block with more than 2/3 of the voting power behind it is final, in order: last finalized height {sim.Chain.LastFinalizedHeight} of {sim.Chain.Height}",
        ], []));

        // 4. Equivocation and slashing.
        var h = sim.Chain.Height;
        var eq = sim.Equivocate("alpha", h);
        if (!eq.IsOk)
        {
            return Fail(eq.Error!);
        }
        var evidence = sim.Chain.FinalityProviders[sim.FpKey("alpha")].Evidence!;
        var secret = evidence.ExtractSecretKey();
        lines = [
            $"alpha signs a conflicting block at height {h} with the same one-time randomness: two EOTS signatures on one nonce",
            $"anyone can now extract alpha's key: {(secret.IsOk && Keys.Hex(Keys.XOnly(new Key(secret.Value))) == sim.FpKey("alpha") ? "extracted, and it matches alpha's BTC key" : "extraction failed")}",
        ];
        txs = [];
        foreach (var d in sim.Chain.Delegations.Values.Where(x => x.FpKey == sim.FpKey("alpha")).ToList())
        {
            var slash = sim.Slash(d.StakingTxHash);
            if (!slash.IsOk)
            {
                return Fail(slash.Error!);
            }
            lines.Add($"{owners[d.StakingTxHash]}'s slashing tx completed with alpha's key (covenant pre-signatures decrypted) and verified: {slash.Value.Outputs[0].Value.Satoshi} sat burnt of {d.Value}, {slash.Value.Outputs[1].Value.Satoshi} sat back to the staker after {p.UnbondingTimeBlocks} blocks");
            txs.Add(Tx($"{owners[d.StakingTxHash]}: signed slashing tx", slash.Value));
        }
        sim.Btc.Mine();
        sim.Advance(2);
        lines.Add($"alpha is slashed and leaves the voting power table; finality continues with beta: last finalized height {sim.Chain.LastFinalizedHeight}");
        chapters.Add(new DemoChapter("alpha equivocates: its key leaks and its stakers' BTC is slashed on Bitcoin", lines, txs));

        // 5. Unbonding and withdrawal.
        var bob = sim.Chain.Delegations.Values.Single(x => owners[x.StakingTxHash] == "bob");
        var unbond = sim.Unbond(bob.StakingTxHash);
        if (!unbond.IsOk)
        {
            return Fail(unbond.Error!);
        }
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        lines = [$"bob signs the unbonding tx the covenants co-signed; once on Bitcoin the delegation is {bob.Status.ToString().ToUpperInvariant()} and its power is gone"];
        var early = sim.Withdraw(bob.StakingTxHash);
        lines.Add($"withdrawing at once is refused by Bitcoin: {early.Error}");
        sim.Btc.Mine(p.UnbondingTimeBlocks);
        var withdrawal = sim.Withdraw(bob.StakingTxHash);
        if (!withdrawal.IsOk)
        {
            return Fail(withdrawal.Error!);
        }
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        lines.Add($"after {p.UnbondingTimeBlocks} blocks bob takes {withdrawal.Value.Outputs[0].Value.Satoshi} sat back ({bob.Value} less the {p.UnbondingFeeSat} sat unbonding fee and a 1000 sat fee)");
        var alice = sim.Chain.Delegations.Values.Single(x => owners[x.StakingTxHash] == "alice");
        var change = sim.Withdraw(alice.StakingTxHash);
        if (!change.IsOk)
        {
            return Fail(change.Error!);
        }
        sim.Btc.Mine();
        lines.Add($"alice, slashed, takes her slashing change back the same way: {change.Value.Outputs[0].Value.Satoshi} sat");
        chapters.Add(new DemoChapter("bob unbonds early and withdraws after the unbonding time; alice recovers what slashing left", lines,
            [Tx("bob: signed unbonding tx", unbond.Value), Tx("bob: withdrawal from the unbonding output", withdrawal.Value), Tx("alice: withdrawal of the slashing change", change.Value)]));

        // 6. Checkpoints and a consumer chain.
        sim.Chain.RecordConsumerHeader("consumer-1", 7, System.Security.Cryptography.SHA256.HashData("consumer-1/7"u8));
        var epoch = sim.Chain.Timestamp("consumer-1", 7).Value.Epoch;
        while (!sim.Chain.Checkpoints.ContainsKey(epoch))
        {
            sim.Advance(1);
        }
        sim.Btc.Mine(p.CheckpointFinalizationTimeout);
        sim.Advance(1);
        var ts = sim.Chain.Timestamp("consumer-1", 7).Value;
        chapters.Add(new DemoChapter("Bitcoin timestamps Babylon, and Babylon timestamps consumer chains", [
            .. sim.Chain.Checkpoints.Values.OrderBy(c => c.Epoch).Select(c => $"epoch {c.Epoch}: {c.Status.ToString().ToUpperInvariant()}" + (c.Depth is { } d ? $" (depth {d})" : "")),
            $"consumer-1's header 7 sits in epoch {ts.Epoch}, whose checkpoint is {ts.Status.ToString().ToUpperInvariant()} on Bitcoin (block {ts.BtcHeight})",
        ], []));
        return new DemoReport(chapters, View(sim, owners), null);
    }

    private static DemoTransaction Tx(string label, Transaction tx) => new(label, tx.GetHash().ToString(), tx.ToHex());

    private static string Name(BabylonSimulation sim, string fpKey) => sim.Chain.FinalityProviders[fpKey].Name;

    private static ChainView View(BabylonSimulation sim, Dictionary<string, string> owners) => new(
        sim.Chain.Height,
        sim.Chain.LastFinalizedHeight,
        sim.Btc.Height,
        sim.Chain.FinalityProviders.Values.Select(f => new FpView(f.Name, f.Key, sim.Chain.PowerOf(f.Key), f.Slashed)).ToList(),
        sim.Chain.Delegations.Values.Select(d => new DelegationView(owners.GetValueOrDefault(d.StakingTxHash, "?"), Name(sim, d.FpKey), d.StakingTxHash, d.Value, d.Status.ToString().ToUpperInvariant())).ToList(),
        sim.Chain.Checkpoints.Values.OrderBy(c => c.Epoch).Select(c => new CheckpointView(c.Epoch, c.Status.ToString().ToUpperInvariant(), c.Depth)).ToList());
}
