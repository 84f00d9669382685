using System.Text.Json.Nodes;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Scenarios.Modules;

/// <summary>
/// A part of the network beyond the engine that scenario steps drive (markets, Babylon, ...): its verbs, the state
/// sections it adds, a reader of its steps (one per file, so it can remember what earlier steps created) and a runtime
/// (one per run). The runner and the state document know modules only through this, so a new module adds a class and a
/// line in <see cref="ScenarioModules.All"/>, not a parameter everywhere.
/// </summary>
internal interface IScenarioModule
{
    string Name { get; }
    IReadOnlySet<string> Verbs { get; }
    IReadOnlyList<string> Sections { get; }
    IModuleReader NewReader(ModuleParseContext context);
    IModuleRuntime NewRuntime();
}

internal interface IModuleReader
{
    object Read(string verb, YamlFields f);
}

/// <summary>A module's state during one run.</summary>
public interface IModuleRuntime
{
    /// <summary>Performs one action; a refusal is an outcome with an error and changes nothing.</summary>
    Outcome Perform(ModuleContext context, object action);

    /// <summary>Adds the module's sections to a state document (nothing while the module holds nothing, so older documents keep their bytes).</summary>
    void AddSections(JsonObject document, NetworkState state);
}

/// <summary>What a module's action may read or move: the engine (its tokens, clock) and the LRTs.</summary>
public sealed record ModuleContext(Engine Engine, LrtBook Lrts);

/// <summary>The file reader's helpers a module uses to read amounts the way every verb does.</summary>
internal sealed record ModuleParseContext(Func<string, int> DecimalsOf, Func<string, string, int, UInt256> Amount, Func<string, int, UInt256> Fraction, Func<string, int, long> Time);

/// <summary>A step of a module: performed by that module's runtime in the run.</summary>
public sealed record ModuleStep(string Module, object Action) : StepAction;

/// <summary>The runtimes of one run, by module name.</summary>
public sealed class ModuleRuntimes
{
    private readonly SortedDictionary<string, IModuleRuntime> _runtimes = new(StringComparer.Ordinal);

    internal ModuleRuntimes(IEnumerable<IScenarioModule> modules)
    {
        foreach (var m in modules)
        {
            _runtimes[m.Name] = m.NewRuntime();
        }
    }

    public ModuleRuntimes()
        : this(ScenarioModules.All)
    {
    }

    public IModuleRuntime this[string module] => _runtimes[module];

    public T Get<T>() where T : IModuleRuntime => _runtimes.Values.OfType<T>().Single();

    public void AddSections(JsonObject document, NetworkState state)
    {
        foreach (var r in _runtimes.Values)
        {
            r.AddSections(document, state);
        }
    }
}

internal static class ScenarioModules
{
    public static readonly IReadOnlyList<IScenarioModule> All = [new MarketsModule(), new BabylonModule(), new PicassoModule(), new EigenDaModule(), new AvsModule()];

    public static IScenarioModule? ByVerb(string verb) => All.FirstOrDefault(m => m.Verbs.Contains(verb));

    public static IEnumerable<string> Sections => All.SelectMany(m => m.Sections);
}
