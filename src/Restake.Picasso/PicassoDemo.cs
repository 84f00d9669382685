using System.Globalization;
using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>A table of the demo: column names and rows of text.</summary>
public sealed record DemoTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>One chapter of the demo: a title, what happened in lines, and tables.</summary>
public sealed record DemoChapter(string Title, IReadOnlyList<string> Lines, IReadOnlyList<DemoTable> Tables);

/// <summary>The demo's outcome, for the command and the tests.</summary>
public sealed record DemoTranscript(IReadOnlyList<DemoChapter> Chapters, bool ClientFrozen, IReadOnlyList<SlashReport> Slashes, IReadOnlyList<string> Failures);

/// <summary>
/// `restake picasso demo`: a guest chain secured by restaked SOL and LSTs, packets relayed both ways across an
/// epoch change, then three validators sign a forged block, the counterparty's client freezes, and the one who
/// signed both blocks loses restaked SOL that its depositors feel. Deterministic: same output every run.
/// </summary>
public static class PicassoDemo
{
    private const ulong Sol = 1_000_000_000;

    public static string Tokens(ulong baseUnits) => (baseUnits / (decimal)Sol).ToString("0.#########", CultureInfo.InvariantCulture);
    public static string Tokens(UInt128 baseUnits) => ((decimal)baseUnits / Sol).ToString("0.#########", CultureInfo.InvariantCulture);

    public static DemoTranscript Run()
    {
        var chapters = new List<DemoChapter>();
        var failures = new List<string>();
        T Must<T>(Result<T> r, string what)
        {
            if (!r.IsOk)
            {
                failures.Add($"{what}: {r.Error}");
                throw new OperationCanceledException(what);
            }
            return r.Value;
        }

        var n = new PicassoNetwork(new NetworkOptions { SlashRateWad = RestakingVault.Wad / 5 });
        try
        {
            // 1. Deposits before launch.
            foreach (var v in new[] { "atlas", "borealis", "cygnus", "draco" })
            {
                n.AddValidator(v);
            }
            (string Who, string Token, ulong Amount, string Validator)[] deposits =
            [
                ("alice", "SOL", 100 * Sol, "atlas"), ("bob", "mSOL", 60 * Sol, "borealis"), ("erin", "SOL", 30 * Sol, "borealis"),
                ("carol", "jitoSOL", 80 * Sol, "cygnus"), ("dave", "bSOL", 50 * Sol, "draco"),
            ];
            var receipts = new List<IReadOnlyList<string>>();
            foreach (var d in deposits)
            {
                var r = Must(n.Deposit(d.Who, d.Token, d.Amount, d.Validator), $"deposit {d.Who}");
                receipts.Add([$"#{r.Id}", d.Who, d.Token, Tokens(d.Amount), d.Validator]);
            }
            var weighting = n.Vault.WeightingReport().OrderBy(w => n.NameOf(w.Validator), StringComparer.Ordinal).Select(w => (IReadOnlyList<string>)[n.NameOf(w.Validator), Tokens(w.OneForOne), Tokens(w.PriceAware), (w.Difference >= 0 ? "+" : "") + ((decimal)w.Difference / Sol).ToString("0.#########", CultureInfo.InvariantCulture)]).ToList();
            chapters.Add(new DemoChapter("1. Restaking vault: deposits with receipts, stake to a chosen validator",
                [$"Whitelisted: {string.Join(", ", n.Vault.Tokens.Values.Select(t => $"{t.Symbol} ({Tokens(t.LamportsPerToken)} SOL)"))}; unbonding {RestakingVault.UnbondingPeriodSec / 86400} days.",
                 "Upstream counts every token one for one; at the LSTs' exchange rates the stake would be larger:"],
                [new(["receipt", "owner", "token", "amount", "validator"], receipts),
                 new(["validator", "stake one-for-one (upstream)", "stake price-aware (SOL)", "difference (SOL)"], weighting)]));

            // 2. Launch.
            var chain = Must(n.Launch("cosmoshub"), "launch");
            chapters.Add(new DemoChapter("2. Guest chain launched from the vault's stakes",
                [$"Genesis {chain.GenesisHash.Short} at Solana slot {chain.Head.HostHeight}; epoch {chain.Epoch.Commitment.Short}: {chain.Epoch.Validators.Count} validators, {Tokens(chain.Epoch.TotalStake)} staked, quorum {Tokens(chain.Epoch.QuorumStake)} (more than half).",
                 "The counterparty (cosmoshub) runs the cf-guest light client from the genesis header."],
                [EpochTable(n, chain.Epoch)]));

            // 3. Packets both ways.
            var blocks = new List<IReadOnlyList<string>>();
            var relays = new List<IReadOnlyList<string>>();
            n.SendToCounterparty("transfer 5 SOL alice -> cosmos1alice");
            n.SendToGuest("transfer 20 ATOM cosmos1bob -> bob");
            blocks.Add(BlockRow(n, Must(Produce(n, n.Options.Chain.MinBlockLength), "block")));
            relays.Add(RelayRow("relay 1", Must(n.Relay(), "relay 1")));

            // 4. A new validator changes the set: the next epoch.
            n.AddValidator("eridanus");
            Must(n.Deposit("frank", "SOL", 100 * Sol, "eridanus"), "deposit frank");
            n.SendToCounterparty("transfer 1 SOL erin -> cosmos1erin");
            var end = Must(Produce(n, n.Options.Chain.MinEpochLength), "epoch-ending block");
            blocks.Add(BlockRow(n, end));
            n.SendToCounterparty("transfer 2 SOL carol -> cosmos1carol");
            n.SendToGuest("transfer 7 ATOM cosmos1dave -> dave");
            var first = Must(Produce(n, n.Options.Chain.MinBlockLength), "first block of epoch 1");
            blocks.Add(BlockRow(n, first));
            relays.Add(RelayRow("relay 2", Must(n.Relay(), "relay 2")));
            var last = Must(Produce(n, n.Options.Chain.MinBlockLength), "block");
            blocks.Add(BlockRow(n, last));
            relays.Add(RelayRow("relay 3", Must(n.Relay(), "relay 3")));
            chapters.Add(new DemoChapter("3. Blocks, signatures and packets relayed both ways across an epoch change",
                [$"eridanus joins with 100 SOL (frank's); after min_epoch_length ({n.Options.Chain.MinEpochLength} slots) block {end.Header.BlockHeight} carries the next epoch {end.Block.NextEpoch?.Commitment.Short}; the relayer submits that block so the client can follow.",
                 $"Counterparty received: {string.Join("; ", n.Counterparty!.Ibc.Received.Select(p => p.Text))}.",
                 $"Guest received: {string.Join("; ", n.GuestIbc.Received.Select(p => p.Text))}.",
                 $"Client: latest height {n.Counterparty.Client.LatestHeight}, epoch {n.Counterparty.Client.EpochCommitment.Short}, previous {n.Counterparty.Client.PrevEpochCommitment.Short}."],
                [new(["height", "hash", "epoch id", "next epoch", "signed by", "stake signed / quorum"], blocks),
                 new(["pass", "guest headers", "to counterparty", "to guest", "acks on guest", "acks on counterparty"], relays),
                 EpochTable(n, chain.Epoch)]));

            // 5. Equivocation.
            var target = last;
            var forged = Must(n.Equivocate(["borealis", "cygnus", "draco"], target.Header.BlockHeight, "transfer 1000000 SOL -> attacker"), "equivocate");
            var outcome = Must(n.UpdateCounterpartyClient(forged), "forged update");
            n.SendToCounterparty("transfer 3 SOL alice -> cosmos1alice");
            var after = Must(Produce(n, n.Options.Chain.MinBlockLength), "block after");
            var refused = n.UpdateCounterpartyClient(n.HeaderAt(after.Header.BlockHeight));
            var evidence = new Misbehaviour(n.HeaderAt(target.Header.BlockHeight), forged);
            var stakesBefore = chain.Candidates.All.ToDictionary(c => c.PubKey, c => c.Stake);
            var punished = Must(n.ReportMisbehaviour(evidence), "report misbehaviour");
            var signedReal = target.Signatures.Select(s => n.NameOf(target.SigningEpoch.Validators[s.Index].PubKey));
            var slashRows = punished.Slashes.SelectMany(s => s.Tokens.Select(t => (IReadOnlyList<string>)[n.NameOf(s.Validator), t.Key, Tokens(t.Value.Before), Tokens(t.Value.Slashed)])).ToList();
            var lossRows = punished.Slashes.SelectMany(s => s.Losses).Select(l => (IReadOnlyList<string>)[$"#{l.Receipt}", l.Owner, l.Token, Tokens(l.Before), Tokens(l.Lost), Tokens(l.Before - l.Lost)]).ToList();
            var stakeRows = punished.Slashes.Select(s => (IReadOnlyList<string>)[n.NameOf(s.Validator), Tokens(stakesBefore[s.Validator]), Tokens(chain.Candidates.StakeOf(s.Validator))]).ToList();
            chapters.Add(new DemoChapter("4. Equivocation: the client freezes, the stake is slashed",
                [$"Block {target.Header.BlockHeight} ({target.Header.Hash.Short}) was signed by {string.Join(", ", signedReal)}.",
                 $"borealis, cygnus and draco sign a forged block {target.Header.BlockHeight} ({CryptoHash.Digest(forged.BlockHeaderBorsh).Short}) committing a forged transfer; it reaches quorum.",
                 $"The relayer hands it to the counterparty's client: {outcome}; client status {n.Counterparty.Client.Status(n.TimeNs)}.",
                 $"The next honest header is refused: {refused.Error}.",
                 $"The evidence (both headers) goes to the vault. Signed both: {string.Join(", ", punished.Equivocators)}; {PercentOf(n.Options.SlashRateWad)} of the tokens restaked with them is slashed. The others signed only one block and keep theirs."],
                [new(["validator", "token", "restaked before", "slashed"], slashRows),
                 new(["receipt", "depositor", "token", "before", "lost", "withdrawable"], lossRows),
                 new(["validator", "guest-chain stake before", "after (next epoch)"], stakeRows)]));

            // 6. Withdrawal after the slash.
            var bob = n.Vault.Receipts.Single(r => r.Owner == "bob");
            Must(n.RequestWithdrawal("bob", bob.Id), "request withdrawal");
            var early = n.Withdraw(bob.Id);
            n.AdvanceSeconds((ulong)RestakingVault.UnbondingPeriodSec);
            var paid = Must(n.Withdraw(bob.Id), "withdraw");
            var ledger = n.Vault.Ledger.Select(kv => (IReadOnlyList<string>)[kv.Key, Tokens(kv.Value.Deposited), Tokens(kv.Value.Slashed), Tokens(kv.Value.Withdrawn),
                Tokens(n.Vault.Receipts.Where(r => r.Token == kv.Key).Aggregate(UInt128.Zero, (s, r) => s + r.Amount))]).ToList();
            chapters.Add(new DemoChapter("5. Withdrawal after unbonding",
                [$"bob asks for receipt #{bob.Id} back; at once: {early.Error}.",
                 $"Seven days later bob is paid {Tokens(paid)} mSOL of the 60 he deposited.",
                 "Deposited − slashed − withdrawn = still held, to the lamport:"],
                [new(["token", "deposited", "slashed", "withdrawn", "held for depositors"], ledger)]));
        }
        catch (OperationCanceledException)
        {
            // A step failed; the failure is in the transcript.
        }
        return new DemoTranscript(chapters, n.Counterparty?.Client.IsFrozen ?? false, n.Slashes, failures);
    }

    private static string PercentOf(ulong wad) => ((decimal)wad / RestakingVault.Wad).ToString("0.##%", CultureInfo.InvariantCulture);

    private static Result<FinalisedBlock> Produce(PicassoNetwork n, ulong slots)
    {
        n.AdvanceSlots(slots);
        return n.ProduceAndFinalise();
    }

    private static DemoTable EpochTable(PicassoNetwork n, Epoch e) =>
        new(["validator", "key", "stake (epoch " + e.Commitment.Short + ")"], [.. e.Validators.Select(v => (IReadOnlyList<string>)[n.NameOf(v.PubKey), v.PubKey.Short, Tokens(v.Stake)])]);

    private static IReadOnlyList<string> BlockRow(PicassoNetwork n, FinalisedBlock b)
    {
        var signed = b.Signatures.Aggregate(UInt128.Zero, (s, x) => s + b.SigningEpoch.Validators[x.Index].Stake);
        return [b.Header.BlockHeight.ToString(CultureInfo.InvariantCulture), b.Header.Hash.Short, b.Header.EpochId.Short, b.Header.NextEpochCommitment?.Short ?? "-",
            string.Join(" ", b.Signatures.Select(s => n.NameOf(b.SigningEpoch.Validators[s.Index].PubKey))), $"{Tokens(signed)} / {Tokens(b.SigningEpoch.QuorumStake)}"];
    }

    private static IReadOnlyList<string> RelayRow(string name, RelayReport r)
    {
        static string Seq(IReadOnlyList<Packet> ps) => ps.Count == 0 ? "-" : string.Join(" ", ps.Select(p => "#" + p.Sequence.ToString(CultureInfo.InvariantCulture)));
        return [name, string.Join(" ", r.GuestHeadersRelayed), Seq(r.DeliveredToCounterparty), Seq(r.DeliveredToGuest), Seq(r.AcknowledgedOnGuest), Seq(r.AcknowledgedOnCounterparty)];
    }
}
