namespace Restake.AvsFramework.Examples;

/// <summary>The AVS kinds a node ships: what <c>avs_deploy</c> and <c>restake avs run</c> accept by name.</summary>
public static class BuiltIn
{
    public static IReadOnlyList<AvsDefinition> All { get; } = [new Squaring(), new PriceOracle()];

    public static AvsDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
