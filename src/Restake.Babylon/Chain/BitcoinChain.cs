using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Protocol;

namespace Restake.Babylon.Chain;

/// <summary>A block of the simulated Bitcoin chain: a real NBitcoin block (header, merkle root) without proof of work.</summary>
public sealed record BtcBlock(int Height, Block Block)
{
    public uint256 Hash => Block.GetHash();

    public uint256 PrevHash => Block.Header.HashPrevBlock;
}

/// <summary>
/// An in-process Bitcoin chain: blocks, a mempool, the UTXO set of the best chain, confirmations and reorganisations.
/// Transactions are checked as a node would: inputs unspent, scripts verified by NBitcoin's interpreter (Taproot included),
/// BIP-68 relative timelocks against the spent coin's height. No proof of work, no coinbase maturity: blocks come when mined.
/// </summary>
public sealed class BitcoinChain
{
    private readonly Dictionary<uint256, BtcBlock> _blocks = [];
    private readonly List<Transaction> _mempool = [];
    private List<BtcBlock> _main = [];
    private Dictionary<OutPoint, (TxOut Out, int Height)> _utxo = [];
    private Dictionary<uint256, int> _txHeight = [];
    private Dictionary<OutPoint, uint256> _spentBy = [];
    private readonly HashSet<uint256> _scriptsVerified = [];
    private uint _salt;

    public BitcoinChain(int genesisHeight = 0)
    {
        GenesisHeight = genesisHeight;
        var genesis = NewBlock(uint256.Zero, genesisHeight, []);
        _blocks[genesis.Hash] = genesis;
        _main = [genesis];
    }

    public int GenesisHeight { get; }

    public BtcBlock Tip => _main[^1];

    public int Height => Tip.Height;

    public IReadOnlyList<BtcBlock> MainChain => _main;

    public IReadOnlyList<Transaction> Mempool => _mempool;

    /// <summary>Creates a coin out of nothing (a coinbase-style transaction in the next block): the faucet of the simulation.</summary>
    public Coin Fund(Script to, long satoshis)
    {
        var tx = Transaction.Create(Network.Main);
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), new Script(Op.GetPushOp(++_salt))));
        tx.Outputs.Add(Money.Satoshis(satoshis), to);
        _mempool.Add(tx);
        return new Coin(tx, 0u);
    }

    /// <summary>Adds a transaction to the mempool after the checks a node makes for the next block; refusals are named.</summary>
    public ProtocolError? Submit(Transaction tx)
    {
        var error = Check(tx, Height + 1, MempoolView(), _scriptsVerified);
        if (error is null)
        {
            _mempool.Add(tx);
        }
        return error;
    }

    /// <summary>Mines <paramref name="count"/> blocks on the tip; the first takes every mempool transaction valid at its height.</summary>
    public IReadOnlyList<BtcBlock> Mine(int count = 1)
    {
        var mined = new List<BtcBlock>();
        for (var i = 0; i < count; i++)
        {
            var height = Height + 1;
            var view = new Dictionary<OutPoint, (TxOut Out, int Height)>(_utxo);
            var included = new List<Transaction>();
            foreach (var tx in _mempool.ToList())
            {
                if (Check(tx, height, view, _scriptsVerified) is null)
                {
                    Apply(tx, height, view);
                    included.Add(tx);
                    _mempool.Remove(tx);
                }
            }
            var block = NewBlock(Tip.Hash, height, included);
            _blocks[block.Hash] = block;
            _main.Add(block);
            Connect(block);
            mined.Add(block);
        }
        return mined;
    }

    /// <summary>
    /// A reorganisation: <paramref name="depth"/> blocks are replaced by <paramref name="newBlocks"/> (≥ depth + 1, so the new branch
    /// has more work) carrying the given transactions; transactions of the dropped blocks go back to the mempool.
    /// </summary>
    public Result<IReadOnlyList<BtcBlock>> Reorg(int depth, int newBlocks, IReadOnlyList<Transaction>? include = null)
    {
        if (depth < 1 || depth >= _main.Count)
        {
            return Result<IReadOnlyList<BtcBlock>>.Fail("ErrInvalidReorg", $"cannot replace {depth} blocks of a chain of {_main.Count}");
        }
        if (newBlocks <= depth)
        {
            return Result<IReadOnlyList<BtcBlock>>.Fail("ErrInvalidReorg", "the new branch must be longer than the blocks it replaces");
        }
        var dropped = _main.Skip(_main.Count - depth).SelectMany(b => b.Block.Transactions).ToList();
        _main = _main.Take(_main.Count - depth).ToList();
        Rebuild();
        var pool = _mempool.ToList();
        _mempool.Clear();
        foreach (var tx in include ?? [])
        {
            _mempool.Add(tx);
        }
        var mined = Mine(newBlocks);
        // What the new branch did not confirm waits in the mempool again, as Bitcoin Core resubmits disconnected transactions.
        foreach (var tx in dropped.Concat(pool).Where(t => !_txHeight.ContainsKey(t.GetHash())))
        {
            if (!_mempool.Any(m => m.GetHash() == tx.GetHash()))
            {
                _mempool.Add(tx);
            }
        }
        return Result<IReadOnlyList<BtcBlock>>.Success(mined);
    }

    /// <summary>Confirmations of a transaction on the best chain: 1 in the tip, 0 when not in the best chain.</summary>
    public int Confirmations(uint256 txid) => _txHeight.TryGetValue(txid, out var h) ? Height - h + 1 : 0;

    public int? BlockHeightOf(uint256 txid) => _txHeight.TryGetValue(txid, out var h) ? h : null;

    public BtcBlock? BlockAt(int height) => height >= GenesisHeight && height <= Height ? _main[height - GenesisHeight] : null;

    /// <summary>The best-chain transaction that spent an outpoint, if any.</summary>
    public uint256? SpentBy(OutPoint outpoint) => _spentBy.TryGetValue(outpoint, out var txid) ? txid : null;

    public bool IsUnspent(OutPoint outpoint) => _utxo.ContainsKey(outpoint);

    public Transaction? Find(uint256 txid) =>
        _txHeight.TryGetValue(txid, out var h) ? _main[h - GenesisHeight].Block.Transactions.First(t => t.GetHash() == txid) : null;

    private Dictionary<OutPoint, (TxOut Out, int Height)> MempoolView()
    {
        var view = new Dictionary<OutPoint, (TxOut, int)>(_utxo);
        foreach (var tx in _mempool)
        {
            Apply(tx, Height + 1, view);
        }
        return view;
    }

    /// <summary>Inputs and relative timelocks at a height; scripts once per transaction (their verdict does not depend on the height).</summary>
    private static ProtocolError? Check(Transaction tx, int height, Dictionary<OutPoint, (TxOut Out, int Height)> view, HashSet<uint256> verified)
    {
        if (tx.IsCoinBase)
        {
            return null;
        }
        var spent = new List<TxOut>();
        foreach (var input in tx.Inputs)
        {
            if (!view.TryGetValue(input.PrevOut, out var coin))
            {
                return new ProtocolError("ErrMissingOrSpentInputs", $"{input.PrevOut} is not an unspent output of the best chain");
            }
            // BIP-68: a relative lock of N blocks lets the input into a block N blocks after the coin's.
            if (tx.Version >= 2 && input.Sequence.IsRelativeLock && input.Sequence.LockType == SequenceLockType.Height
                && height - coin.Height < input.Sequence.LockHeight)
            {
                return new ProtocolError("ErrNonBip68Final", $"{input.PrevOut} has {height - coin.Height} of the {input.Sequence.LockHeight} blocks its relative timelock needs");
            }
            spent.Add(coin.Out);
        }
        if (spent.Sum(o => o.Value.Satoshi) < tx.Outputs.Sum(o => o.Value.Satoshi))
        {
            return new ProtocolError("ErrOutputsExceedInputs", "the outputs spend more than the inputs hold");
        }
        var txid = tx.GetHash();
        if (verified.Contains(txid))
        {
            return null;
        }
        var error = Spends.Verify(tx, spent);
        if (error is null)
        {
            verified.Add(txid);
        }
        return error;
    }

    private static void Apply(Transaction tx, int height, Dictionary<OutPoint, (TxOut Out, int Height)> view)
    {
        if (!tx.IsCoinBase)
        {
            foreach (var input in tx.Inputs)
            {
                view.Remove(input.PrevOut);
            }
        }
        for (var i = 0; i < tx.Outputs.Count; i++)
        {
            if (!tx.Outputs[i].ScriptPubKey.IsUnspendable)
            {
                view[new OutPoint(tx, i)] = (tx.Outputs[i], height);
            }
        }
    }

    /// <summary>Recomputes the UTXO set and indexes from the best chain (a simulation's chains are small).</summary>
    private void Rebuild()
    {
        _utxo = [];
        _txHeight = [];
        _spentBy = [];
        foreach (var block in _main)
        {
            Connect(block);
        }
    }

    private void Connect(BtcBlock block)
    {
        foreach (var tx in block.Block.Transactions)
        {
            var txid = tx.GetHash();
            if (!tx.IsCoinBase)
            {
                foreach (var input in tx.Inputs)
                {
                    _spentBy[input.PrevOut] = txid;
                }
            }
            Apply(tx, block.Height, _utxo);
            _txHeight[txid] = block.Height;
        }
    }

    private BtcBlock NewBlock(uint256 prev, int height, List<Transaction> txs)
    {
        var block = Network.Main.Consensus.ConsensusFactory.CreateBlock();
        block.Header.HashPrevBlock = prev;
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000L + (600L * height));
        // The nonce tells sibling blocks apart (two branches at one height with the same transactions).
        block.Header.Nonce = ++_salt;
        block.Transactions.AddRange(txs);
        block.UpdateMerkleRoot();
        return new BtcBlock(height, block);
    }
}
