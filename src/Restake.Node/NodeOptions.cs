using Restake.Node.Chain;

namespace Restake.Node;

/// <summary>How a node runs: where its log lives, which chain it starts, and how it produces blocks.</summary>
public sealed record NodeOptions
{
    public const string DefaultDb = "sqlite:.restake/node.db";

    /// <summary><c>sqlite:PATH</c> or <c>postgres://...</c> (see <see cref="Store.LogStores.Open"/>).</summary>
    public string Db { get; init; } = DefaultDb;

    /// <summary>The genesis of a new chain. Null: the stored one, or the default devnet for an empty store.</summary>
    public Genesis? Genesis { get; init; }

    /// <summary>Produce a block after every transaction, as local Ethereum nodes do by default.</summary>
    public bool Automine { get; init; } = true;

    /// <summary>Produce a block every this many seconds (interval mining); null or 0 for none.</summary>
    public double? BlockTimeSeconds { get; init; }

    /// <summary>Entries between state-hash checkpoints that a restart verifies its replay against (at least; a large state is checkpointed less often, see NodeService.Commit).</summary>
    public int CheckpointEvery { get; init; } = 1_000;
}
