using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Babylon.Chain;
using Restake.Babylon.Crypto;
using Restake.Protocol;

namespace Restake.Babylon.Tests;

public class EncodingTests
{
    [Fact]
    public void Checkpoint_parts_match_an_independent_encoding()
    {
        // Known answer computed with Python hashlib from the btctxformatter layout (reference babylon-picasso.md A.8).
        var raw = new RawCheckpoint(7, Enumerable.Repeat((byte)0xaa, 32).ToArray(), [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            Enumerable.Repeat((byte)0x11, 48).ToArray(), Enumerable.Repeat((byte)0x22, 20).ToArray());
        var (p0, p1) = CheckpointEncoding.Encode([1, 2, 3, 4], raw).Value;
        Assert.Equal("01020304000000000000000007" + string.Concat(Enumerable.Repeat("aa", 32)) + "80" + string.Concat(Enumerable.Repeat("00", 12)) + string.Concat(Enumerable.Repeat("22", 20)), Convert.ToHexStringLower(p0));
        Assert.Equal("0102030410" + string.Concat(Enumerable.Repeat("11", 48)) + "bfb198f9ee153fa61706", Convert.ToHexStringLower(p1));
        var back = CheckpointEncoding.Decode([1, 2, 3, 4], p0, p1)!;
        Assert.Equal(7UL, back.Epoch);
        Assert.Equal(raw.BlsSig, back.BlsSig);
        p0[20] ^= 1;
        Assert.Null(CheckpointEncoding.Decode([1, 2, 3, 4], p0, p1));
    }

    [Theory]
    // Known answers from Python hashlib: items i×32 bytes of value i.
    [InlineData(3, "df896896c799531f1fd1e556cea26a6989ab06853bcbfdd3e4f5097a611f658f")]
    [InlineData(5, "c51042bb8b9d81dfc115ef99d0e2cecf1954cfc078d70032d187b46615f01b90")]
    public void Rfc6962_root_matches_an_independent_computation(int n, string root)
    {
        var items = Enumerable.Range(1, n).Select(i => Enumerable.Repeat((byte)i, 32).ToArray()).ToList();
        Assert.Equal(root, Convert.ToHexStringLower(Rfc6962Merkle.Root(items)));
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_a_wrong_index_does_not()
    {
        for (var n = 1; n <= 9; n++)
        {
            var items = Enumerable.Range(0, n).Select(i => System.Security.Cryptography.SHA256.HashData([(byte)i])).ToList();
            var root = Rfc6962Merkle.Root(items);
            for (var i = 0; i < n; i++)
            {
                var proof = Rfc6962Merkle.Proof(items, i);
                Assert.True(Rfc6962Merkle.Verify(root, items[i], i, n, proof));
                if (n > 1)
                {
                    Assert.False(Rfc6962Merkle.Verify(root, items[i], (i + 1) % n, n, proof));
                }
            }
        }
    }
}

public class BitcoinChainTests
{
    private static readonly Key Alice = Keys.FromName("alice");
    private static readonly Script AliceScript = Alice.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86);

    private static Transaction Pay(Coin coin, Key key, Script to, long fee = 1000)
    {
        var tx = Transaction.Create(Network.Main);
        tx.Version = 2;
        tx.Inputs.Add(new TxIn(coin.Outpoint));
        tx.Outputs.Add(coin.Amount - Money.Satoshis(fee), to);
        var hash = tx.GetSignatureHashTaproot(tx.PrecomputeTransactionData([coin.TxOut]), new TaprootExecutionData(0) { SigHash = TaprootSigHash.Default });
        tx.Inputs[0].WitScript = new WitScript(Op.GetPushOp(key.SignTaprootKeySpend(hash, TaprootSigHash.Default).ToBytes()));
        return tx;
    }

    [Fact]
    public void Confirmations_count_from_the_including_block()
    {
        var btc = new BitcoinChain();
        var coin = btc.Fund(AliceScript, 50_000);
        Assert.Equal(0, btc.Confirmations(coin.Outpoint.Hash));
        btc.Mine();
        Assert.Equal(1, btc.Confirmations(coin.Outpoint.Hash));
        btc.Mine(5);
        Assert.Equal(6, btc.Confirmations(coin.Outpoint.Hash));
    }

    [Fact]
    public void A_double_spend_and_a_bad_signature_are_refused()
    {
        var btc = new BitcoinChain();
        var coin = btc.Fund(AliceScript, 50_000);
        btc.Mine();
        Assert.Null(btc.Submit(Pay(coin, Alice, AliceScript)));
        Assert.Equal("ErrMissingOrSpentInputs", btc.Submit(Pay(coin, Alice, AliceScript, 2000))!.Name);
        var other = btc.Fund(AliceScript, 10_000);
        Assert.Equal("ErrScriptVerification", btc.Submit(Pay(other, Keys.FromName("mallory"), AliceScript))!.Name);
    }

    [Fact]
    public void A_reorg_drops_transactions_back_to_the_mempool()
    {
        var btc = new BitcoinChain();
        var coin = btc.Fund(AliceScript, 50_000);
        btc.Mine(3);
        var pay = Pay(coin, Alice, AliceScript);
        btc.Submit(pay);
        btc.Mine(2);
        Assert.Equal(2, btc.Confirmations(pay.GetHash()));
        var tipBefore = btc.Tip.Hash;
        Assert.True(btc.Reorg(2, 3).IsOk);
        Assert.NotEqual(tipBefore, btc.Tip.Hash);
        Assert.Equal(6, btc.Height);
        Assert.Equal(0, btc.Confirmations(pay.GetHash()));
        Assert.Contains(btc.Mempool, t => t.GetHash() == pay.GetHash());
        Assert.Equal("ErrInvalidReorg", btc.Reorg(2, 2).Error!.Name);
    }
}

public class BabylonChainTests
{
    private static BabylonSimulation Ready(params string[] fps)
    {
        var sim = new BabylonSimulation();
        foreach (var fp in fps)
        {
            Assert.Null(sim.AddFinalityProvider(fp));
        }
        sim.Bootstrap();
        return sim;
    }

    [Fact]
    public void Bootstrap_finalizes_the_first_checkpoint_at_depth_w()
    {
        var sim = Ready("a");
        Assert.Equal(CheckpointStatus.Finalized, sim.Chain.Checkpoints[1].Status);
        Assert.Equal(1UL, sim.Chain.LastFinalizedEpoch);
    }

    [Fact]
    public void A_delegation_activates_when_its_staking_tx_is_k_deep_and_not_before()
    {
        var sim = Ready("a");
        var d = sim.Stake("alice", "a", 100_000, 1000).Value;
        Assert.Equal(DelegationStatus.Verified, d.Status);
        sim.Btc.Mine();
        var included = sim.Btc.BlockHeightOf(d.Stake.StakingTx.GetHash())!.Value;
        sim.Btc.Mine(sim.Params.BtcConfirmationDepth - 1);
        sim.Chain.ProduceBlock();
        Assert.Equal(sim.Params.BtcConfirmationDepth - 1, sim.Btc.Height - included);
        Assert.Equal(DelegationStatus.Verified, d.Status);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(DelegationStatus.Active, d.Status);
        Assert.Equal(included + 1000, d.EndHeight);
        Assert.Equal(100_000, sim.Chain.PowerOf(sim.FpKey("a")));
    }

    [Fact]
    public void A_shallow_reorg_that_drops_the_staking_tx_keeps_the_delegation_inactive()
    {
        var sim = Ready("a");
        var d = sim.Stake("alice", "a", 100_000, 1000).Value;
        sim.Btc.Mine(3);
        Assert.Equal(3, sim.Btc.Confirmations(d.Stake.StakingTx.GetHash()));
        Assert.True(sim.Btc.Reorg(3, 4).IsOk);
        sim.Chain.ProduceBlock();
        Assert.Equal(0, sim.Btc.Confirmations(d.Stake.StakingTx.GetHash()));
        Assert.Equal(DelegationStatus.Verified, d.Status);
        // Back in the mempool, it is mined again; activation counts from the new inclusion.
        sim.Btc.Mine();
        var included = sim.Btc.BlockHeightOf(d.Stake.StakingTx.GetHash())!.Value;
        sim.Btc.Mine(sim.Params.BtcConfirmationDepth - 1);
        sim.Chain.ProduceBlock();
        Assert.Equal(DelegationStatus.Verified, d.Status);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(DelegationStatus.Active, d.Status);
        Assert.Equal(included, d.StartHeight);
    }

    [Fact]
    public void Voting_power_counts_only_the_top_n_providers()
    {
        var sim = new BabylonSimulation(BabylonParams.Default with { MaxActiveFinalityProviders = 2 });
        foreach (var fp in new[] { "a", "b", "c" })
        {
            sim.AddFinalityProvider(fp);
        }
        sim.Bootstrap();
        sim.Stake("s1", "a", 300_000, 1000);
        sim.Stake("s2", "b", 200_000, 1000);
        sim.Stake("s3", "c", 100_000, 1000);
        sim.Stake("s4", "c", 50_000, 1000);
        sim.Btc.Mine(sim.Params.BtcConfirmationDepth + 1);
        var block = sim.Chain.ProduceBlock();
        var table = sim.Chain.VotingPowerAt(block.Height);
        Assert.Equal(2, table.Count);
        Assert.Equal(300_000, table[sim.FpKey("a")]);
        Assert.Equal(200_000, table[sim.FpKey("b")]);
        Assert.False(table.ContainsKey(sim.FpKey("c")));
    }

    private static BabylonSimulation TwoProviders(out ulong height)
    {
        // a holds exactly 2/3 of the power, b 1/3.
        var sim = Ready("a", "b");
        sim.Stake("s1", "a", 200_000, 1000);
        sim.Stake("s2", "b", 100_000, 1000);
        sim.Btc.Mine(sim.Params.BtcConfirmationDepth + 1);
        height = sim.Chain.ProduceBlock().Height;
        sim.Chain.ProduceBlock();
        return sim;
    }

    [Fact]
    public void A_block_is_final_only_above_two_thirds_of_the_power()
    {
        var sim = TwoProviders(out var h);
        Assert.True(sim.Vote("a", h).IsOk);
        Assert.False(sim.Chain.Blocks[(int)h - 1].Finalized); // 200 000 × 3 = 600 000, not > 300 000 × 2
        Assert.True(sim.Vote("b", h).IsOk);
        Assert.True(sim.Chain.Blocks[(int)h - 1].Finalized);
    }

    [Fact]
    public void Blocks_are_finalized_in_order()
    {
        var sim = TwoProviders(out var h);
        sim.Vote("a", h + 1);
        sim.Vote("b", h + 1);
        Assert.False(sim.Chain.Blocks[(int)h].Finalized); // h + 1 has its votes but h does not
        sim.Vote("a", h);
        sim.Vote("b", h);
        Assert.True(sim.Chain.Blocks[(int)h - 1].Finalized);
        Assert.True(sim.Chain.Blocks[(int)h].Finalized);
        Assert.Equal(h + 1, sim.Chain.LastFinalizedHeight);
    }

    [Fact]
    public void Blocks_without_a_provider_set_are_skipped_not_blocking()
    {
        var sim = TwoProviders(out var h);
        // Blocks before any delegation was active have no voting power table: nothing to tally there.
        Assert.Empty(sim.Chain.VotingPowerAt(1));
        sim.Vote("a", h);
        sim.Vote("b", h);
        Assert.True(sim.Chain.Blocks[(int)h - 1].Finalized);
        Assert.False(sim.Chain.Blocks[0].Finalized);
    }

    [Fact]
    public void Vote_refusals_are_named_and_change_nothing()
    {
        var sim = TwoProviders(out var h);
        Assert.True(sim.Vote("a", h).IsOk);
        Assert.Equal("ErrDuplicatedFinalitySig", sim.Vote("a", h).Error!.Name);
        Assert.Equal("ErrBlockNotFound", sim.Vote("a", h + 50).Error!.Name);
        Assert.Equal("ErrInvalidFinalitySig", sim.Vote("a", 1).Error!.Name); // no voting power at height 1
        var fp = sim.Chain.FinalityProviders[sim.FpKey("a")];
        var appHash = sim.Chain.Blocks[(int)h].AppHash;
        var (r, proof, sig) = sim.Signer("a").Vote(h + 1, appHash);
        Assert.Equal("ErrInvalidPubRand", sim.Chain.AddFinalitySig(fp.BtcPk, h + 1, new byte[32], proof, appHash, sig).Error!.Name);
        var badSig = (byte[])sig.Clone();
        badSig[31] ^= 1;
        Assert.Equal("ErrInvalidFinalitySig", sim.Chain.AddFinalitySig(fp.BtcPk, h + 1, r, proof, appHash, badSig).Error!.Name);
        Assert.Equal("ErrHeightTooHigh", sim.Chain.AddFinalitySig(fp.BtcPk, h + 5, r, proof, appHash, sig).Error!.Name);
        Assert.False(sim.Chain.Blocks[(int)h].Finalized);
        Assert.Null(fp.Evidence);
    }

    [Fact]
    public void Randomness_not_yet_timestamped_gives_no_power()
    {
        var sim = Ready("a");
        // b commits in an epoch that is not BTC-finalized yet.
        Assert.Null(sim.AddFinalityProvider("b"));
        sim.Stake("s1", "b", 100_000, 1000);
        sim.Btc.Mine(sim.Params.BtcConfirmationDepth + 1);
        var block = sim.Chain.ProduceBlock();
        Assert.False(sim.Chain.VotingPowerAt(block.Height).ContainsKey(sim.FpKey("b")));
    }

    [Fact]
    public void Randomness_commit_refusals_are_named()
    {
        var sim = new BabylonSimulation();
        var signer = new FinalityProviderSigner("x", Keys.FromName("x"), sim.Chain.ChainId);
        sim.Chain.RegisterFinalityProvider("x", signer.BtcPk);
        var few = signer.CommitPubRand(1, 10);
        Assert.Equal("ErrTooFewPubRand", sim.Chain.CommitPubRandList(signer.BtcPk, few.Start, few.Count, few.Commitment, few.Sig)!.Name);
        var ok = signer.CommitPubRand(1, 100);
        Assert.Equal("ErrInvalidPubRandCommit", sim.Chain.CommitPubRandList(signer.BtcPk, ok.Start, ok.Count, ok.Commitment, few.Sig)!.Name);
        Assert.Null(sim.Chain.CommitPubRandList(signer.BtcPk, ok.Start, ok.Count, ok.Commitment, ok.Sig));
        var overlap = signer.CommitPubRand(100, 100);
        Assert.Equal("ErrInvalidPubRandCommit", sim.Chain.CommitPubRandList(signer.BtcPk, overlap.Start, overlap.Count, overlap.Commitment, overlap.Sig)!.Name);
        Assert.Equal("ErrFpRegistered", sim.Chain.RegisterFinalityProvider("x", signer.BtcPk)!.Name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Equivocation_slashes_the_provider_and_its_stake_on_bitcoin(bool forkFirst)
    {
        var sim = TwoProviders(out var h);
        var d = sim.Chain.Delegations.Values.Single(x => x.FpKey == sim.FpKey("a"));
        if (forkFirst)
        {
            Assert.Null(sim.Equivocate("a", h).Value.Slashed);
            Assert.NotNull(sim.Vote("a", h).Value.Slashed);
        }
        else
        {
            Assert.Null(sim.Vote("a", h).Value.Slashed);
            Assert.NotNull(sim.Equivocate("a", h).Value.Slashed);
        }
        var fp = sim.Chain.FinalityProviders[sim.FpKey("a")];
        Assert.True(fp.Slashed);
        Assert.Equal(DelegationStatus.Slashed, d.Status);
        var secret = fp.Evidence!.ExtractSecretKey().Value;
        Assert.Equal(Keys.Hex(fp.BtcPk), Keys.Hex(Secp.X(Secp.MulG(Secp.ScalarOf(secret)!.Value))));

        var slashing = sim.Slash(d.StakingTxHash).Value;
        Assert.Null(Spends.Verify(slashing, [d.Stake.StakingTxOut]));
        Assert.Equal(20_000, slashing.Outputs[0].Value.Satoshi); // 0.1 × 200 000
        sim.Btc.Mine();
        Assert.Equal(slashing.GetHash(), sim.Btc.SpentBy(new OutPoint(d.Stake.StakingTx, 0)));
        sim.Chain.ProduceBlock();
        Assert.False(sim.Chain.VotingPowerAt(sim.Chain.Height).ContainsKey(sim.FpKey("a")));
        Assert.Equal("ErrFpAlreadySlashed", sim.Vote("a", h + 1).Error!.Name);

        // The staker's change comes back after the unbonding time, not before.
        Assert.Equal("ErrNonBip68Final", sim.Withdraw(d.StakingTxHash).Error!.Name);
        sim.Btc.Mine(sim.Params.UnbondingTimeBlocks - 1);
        var change = sim.Withdraw(d.StakingTxHash);
        Assert.True(change.IsOk, change.Error?.ToString());
        Assert.Equal(new OutPoint(slashing, 1), change.Value.Inputs[0].PrevOut);
    }

    [Fact]
    public void A_single_vote_reveals_nothing_and_cannot_slash()
    {
        var sim = TwoProviders(out var h);
        var d = sim.Chain.Delegations.Values.Single(x => x.FpKey == sim.FpKey("a"));
        Assert.True(sim.Vote("a", h).IsOk);
        Assert.Equal("ErrNoSlashableEvidence", sim.Slash(d.StakingTxHash).Error!.Name);
        Assert.True(sim.Btc.IsUnspent(new OutPoint(d.Stake.StakingTx, 0)));
    }

    [Fact]
    public void Unbonding_removes_power_and_the_btc_comes_back_after_the_unbonding_time()
    {
        var sim = TwoProviders(out _);
        var d = sim.Chain.Delegations.Values.Single(x => x.FpKey == sim.FpKey("b"));
        Assert.True(sim.Unbond(d.StakingTxHash).IsOk);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(DelegationStatus.Unbonded, d.Status);
        Assert.False(sim.Chain.VotingPowerAt(sim.Chain.Height).ContainsKey(sim.FpKey("b")));
        Assert.Equal("ErrNonBip68Final", sim.Withdraw(d.StakingTxHash).Error!.Name);
        sim.Btc.Mine(sim.Params.UnbondingTimeBlocks - 1);
        var withdrawal = sim.Withdraw(d.StakingTxHash);
        Assert.True(withdrawal.IsOk, withdrawal.Error?.ToString());
        sim.Btc.Mine();
        Assert.Equal(1, sim.Btc.Confirmations(withdrawal.Value.GetHash()));
        Assert.Equal(100_000 - sim.Params.UnbondingFeeSat - 1000, withdrawal.Value.Outputs[0].Value.Satoshi);
    }

    [Fact]
    public void A_stake_slashed_while_unbonding_is_slashed_from_the_unbonding_output()
    {
        var sim = TwoProviders(out var h);
        var d = sim.Chain.Delegations.Values.Single(x => x.FpKey == sim.FpKey("a"));
        sim.Unbond(d.StakingTxHash);
        sim.Btc.Mine();
        sim.Vote("a", h);
        sim.Equivocate("a", h);
        var slashing = sim.Slash(d.StakingTxHash).Value;
        Assert.Equal(new OutPoint(d.Stake.UnbondingTx, 0), slashing.Inputs[0].PrevOut);
        Assert.Equal(19_900, slashing.Outputs[0].Value.Satoshi); // 0.1 × (200 000 − 1000)
    }

    [Fact]
    public void The_timelock_withdrawal_waits_for_the_staking_time()
    {
        var sim = TwoProviders(out _);
        var d = sim.Chain.Delegations.Values.Single(x => x.FpKey == sim.FpKey("b"));
        Assert.Equal("ErrNonBip68Final", sim.Withdraw(d.StakingTxHash).Error!.Name);
        var included = sim.Btc.BlockHeightOf(d.Stake.StakingTx.GetHash())!.Value;
        sim.Btc.Mine(included + 1000 - 1 - sim.Btc.Height);
        Assert.True(sim.Withdraw(d.StakingTxHash).IsOk);
    }

    [Fact]
    public void A_delegation_expires_when_its_timelock_ends_within_the_unbonding_time()
    {
        var sim = TwoProviders(out _);
        var d = sim.Chain.Delegations.Values.Single(x => x.FpKey == sim.FpKey("b"));
        sim.Btc.Mine(d.EndHeight!.Value - sim.Params.UnbondingTimeBlocks - 1 - sim.Btc.Height);
        sim.Chain.ProduceBlock();
        Assert.Equal(DelegationStatus.Active, d.Status);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(DelegationStatus.Expired, d.Status);
    }

    [Fact]
    public void Checkpoints_are_confirmed_at_depth_k_and_finalized_at_depth_w()
    {
        var sim = Ready("a");
        while ((sim.Chain.Height + 1) % (ulong)sim.Params.EpochInterval != 0)
        {
            sim.Chain.ProduceBlock();
        }
        var sealedBlock = sim.Chain.ProduceBlock();
        var epoch = sealedBlock.Height / (ulong)sim.Params.EpochInterval;
        Assert.Equal(CheckpointStatus.Sealed, sim.Chain.Checkpoints[epoch].Status);
        Assert.Equal([epoch], sim.SubmitCheckpoints());
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        var cp = sim.Chain.Checkpoints[epoch];
        Assert.Equal(CheckpointStatus.Submitted, cp.Status);
        Assert.Equal(0, cp.Depth);
        sim.Btc.Mine(sim.Params.BtcConfirmationDepth - 1);
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Submitted, cp.Status);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Confirmed, cp.Status);
        sim.Btc.Mine(sim.Params.CheckpointFinalizationTimeout - sim.Params.BtcConfirmationDepth - 1);
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Confirmed, cp.Status);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Finalized, cp.Status);
        Assert.Equal(sim.Params.CheckpointFinalizationTimeout, cp.Depth);
    }

    [Fact]
    public void A_checkpoint_needs_the_previous_epochs_submission_first()
    {
        var sim = new BabylonSimulation();
        // Seal epochs 1 and 2 without submitting; then submit only epoch 2.
        for (var i = 0; i < 2 * sim.Params.EpochInterval; i++)
        {
            sim.Chain.ProduceBlock();
        }
        var submitter = Keys.FromName("sub");
        Assert.True(sim.Chain.SubmitCheckpoint(2, submitter).IsOk);
        sim.Btc.Mine(sim.Params.BtcConfirmationDepth + 1);
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Sealed, sim.Chain.Checkpoints[2].Status);
        Assert.True(sim.Chain.SubmitCheckpoint(1, submitter).IsOk);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Submitted, sim.Chain.Checkpoints[1].Status);
        // Epoch 2's parts lie before epoch 1's best submission: they do not count; a resubmission does.
        Assert.Equal(CheckpointStatus.Sealed, sim.Chain.Checkpoints[2].Status);
        Assert.True(sim.Chain.SubmitCheckpoint(2, submitter).IsOk);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Submitted, sim.Chain.Checkpoints[2].Status);
        Assert.Equal("ErrCheckpointNotSealed", sim.Chain.SubmitCheckpoint(9, submitter).Error!.Name);
    }

    [Fact]
    public void A_reorg_shallower_than_k_changes_neither_finality_nor_confirmed_checkpoints()
    {
        var sim = TwoProviders(out var h);
        foreach (var fp in new[] { "a", "b" })
        {
            sim.Vote(fp, h);
            sim.Vote(fp, h + 1);
        }
        sim.Advance(25, 1);
        var finalized = sim.Chain.Blocks.Where(b => b.Finalized).Select(b => b.Height).ToList();
        Assert.Contains(h, finalized);
        var statuses = sim.Chain.Checkpoints.ToDictionary(kv => kv.Key, kv => kv.Value.Status);
        Assert.Contains(statuses.Values, s => s is CheckpointStatus.Confirmed or CheckpointStatus.Finalized);
        var active = sim.Chain.Delegations.Values.Count(d => d.Status == DelegationStatus.Active);

        var depth = sim.Params.BtcConfirmationDepth - 1;
        Assert.True(sim.Btc.Reorg(depth, depth + 1).IsOk);
        sim.Chain.ProduceBlock();

        Assert.All(finalized, f => Assert.True(sim.Chain.Blocks[(int)f - 1].Finalized));
        foreach (var (epoch, before) in statuses.Where(kv => kv.Value is CheckpointStatus.Confirmed or CheckpointStatus.Finalized))
        {
            Assert.True(sim.Chain.Checkpoints[epoch].Status >= before, $"epoch {epoch}: {before} → {sim.Chain.Checkpoints[epoch].Status}");
        }
        Assert.Equal(active, sim.Chain.Delegations.Values.Count(d => d.Status == DelegationStatus.Active));
    }

    [Fact]
    public void A_reorg_that_removes_a_submitted_checkpoint_returns_it_to_sealed()
    {
        var sim = Ready("a");
        while ((sim.Chain.Height + 1) % (ulong)sim.Params.EpochInterval != 0)
        {
            sim.Chain.ProduceBlock();
        }
        var epoch = sim.Chain.ProduceBlock().Height / (ulong)sim.Params.EpochInterval;
        Assert.Equal(CheckpointStatus.Sealed, sim.Chain.Checkpoints[epoch].Status);
        sim.SubmitCheckpoints();
        sim.Btc.Mine(2);
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Submitted, sim.Chain.Checkpoints[epoch].Status);
        sim.Btc.Reorg(2, 3);
        // The dropped parts wait in the mempool again; until mined they do not count.
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Sealed, sim.Chain.Checkpoints[epoch].Status);
        sim.Btc.Mine();
        sim.Chain.ProduceBlock();
        Assert.Equal(CheckpointStatus.Submitted, sim.Chain.Checkpoints[epoch].Status);
    }

    [Fact]
    public void Consumer_chains_read_timestamps_that_follow_the_checkpoint()
    {
        var sim = Ready("a");
        var header = System.Security.Cryptography.SHA256.HashData("consumer-block-42"u8);
        Assert.Null(sim.Chain.RecordConsumerHeader("osmo", 42, header));
        Assert.Equal("ErrDuplicatedHeader", sim.Chain.RecordConsumerHeader("osmo", 42, header)!.Name);
        var epoch = sim.Chain.CurrentEpoch;
        Assert.Equal(CheckpointStatus.Accumulating, sim.Chain.Timestamp("osmo", 42).Value.Status);
        while (!sim.Chain.Checkpoints.ContainsKey(epoch))
        {
            sim.Advance(1, 1, vote: false);
        }
        sim.Btc.Mine(sim.Params.CheckpointFinalizationTimeout);
        sim.Chain.ProduceBlock();
        var ts = sim.Chain.Timestamp("osmo", 42).Value;
        Assert.Equal(epoch, ts.Epoch);
        Assert.True(ts.BtcFinalized);
        Assert.NotNull(ts.BtcHeight);
        Assert.Equal("ErrHeaderNotFound", sim.Chain.Timestamp("osmo", 43).Error!.Name);
    }

    [Fact]
    public void Delegation_refusals_are_named()
    {
        var sim = Ready("a");
        var d = sim.Stake("alice", "a", 100_000, 1000).Value;
        Assert.Equal("ErrReusedStakingTx", sim.Chain.CreateDelegation(d.Stake)!.Name);
        Assert.Equal("ErrFpNotFound", sim.Stake("bob", "nobody", 100_000, 1000).Error!.Name);
        Assert.Equal("ErrInvalidStakingValue", sim.Stake("bob", "a", 1, 1000).Error!.Name);
        var cov = Keys.Hex(Keys.XOnly(BabylonParams.DefaultCovenantSecrets[0]));
        Assert.Equal("ErrDuplicatedCovenantSig", sim.Chain.AddCovenantSigs(d.StakingTxHash, cov)!.Name);
        Assert.Equal("ErrInvalidCovenantSig", sim.Chain.AddCovenantSigs(d.StakingTxHash, Keys.Hex(Keys.XOnly(BabylonParams.DefaultCovenantSecrets[4])))!.Name);
        Assert.Equal("ErrInvalidCovenantPK", sim.Chain.AddCovenantSigs(d.StakingTxHash, new string('0', 64))!.Name);
        Assert.Equal("ErrBTCDelegationNotFound", sim.Chain.AddCovenantSigs("00", cov)!.Name);
    }
}
