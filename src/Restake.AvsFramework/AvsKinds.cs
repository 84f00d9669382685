using System.Reflection;
using Restake.AvsFramework.Examples;

namespace Restake.AvsFramework;

/// <summary>
/// The AVS kinds a process knows by name: the built-in examples, plus the definitions of any assembly loaded with
/// <see cref="LoadAssembly"/> (<c>restake node --avs-assembly PATH</c>). A node replays its log with the kinds it knows,
/// so a chain that deployed a user's AVS must be started with the same assembly.
/// </summary>
public static class AvsKinds
{
    private static readonly Lock Gate = new();
    private static readonly SortedDictionary<string, AvsDefinition> Known = new(StringComparer.Ordinal);

    static AvsKinds()
    {
        foreach (var d in BuiltIn.All)
        {
            Known[d.Name] = d;
        }
    }

    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate)
            {
                return [.. Known.Keys];
            }
        }
    }

    public static AvsDefinition? Find(string name)
    {
        lock (Gate)
        {
            return Known.GetValueOrDefault(name);
        }
    }

    /// <summary>Adds a definition; a name already taken by another kind is refused.</summary>
    public static void Register(AvsDefinition definition)
    {
        lock (Gate)
        {
            if (Known.TryGetValue(definition.Name, out var existing) && existing.GetType() != definition.GetType())
            {
                throw new InvalidOperationException($"an AVS kind named '{definition.Name}' is already known ({existing.GetType().FullName})");
            }
            Known[definition.Name] = definition;
        }
    }

    /// <summary>Loads every public, non-abstract <see cref="AvsDefinition"/> with a parameterless constructor from an assembly file.</summary>
    public static IReadOnlyList<string> LoadAssembly(string path)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot load the AVS assembly '{path}': {e.Message}");
        }
        var names = new List<string>();
        foreach (var type in assembly.GetExportedTypes().Where(t => !t.IsAbstract && typeof(AvsDefinition).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            var definition = (AvsDefinition)Activator.CreateInstance(type)!;
            Register(definition);
            names.Add(definition.Name);
        }
        if (names.Count == 0)
        {
            throw new InvalidDataException($"'{path}' holds no public AvsDefinition with a parameterless constructor");
        }
        return names;
    }
}
