using YamlDotNet.RepresentationModel;

namespace Restake.Scenarios;

/// <summary>Reads the fields of one YAML mapping, naming the owner and line in every error, and rejects fields nobody asked for.</summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly string _owner;
    private readonly HashSet<string> _read = [];

    public YamlFields(YamlNode node, string owner)
    {
        if (node is not YamlMappingNode map)
        {
            throw new ScenarioFileException($"{owner} needs a mapping of fields, e.g. {{ key: value }}", LineOf(node));
        }
        _node = map;
        _owner = owner;
    }

    public int Line => LineOf(_node);

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }
        return null;
    }

    public bool Has(string key) => _node.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == key);

    public string Required(string key) =>
        Optional(key) ?? throw new ScenarioFileException($"{_owner} is missing the field '{key}'", Line);

    public string? Optional(string key)
    {
        var node = Node(key);
        return node switch
        {
            null => null,
            YamlScalarNode s => s.Value ?? "",
            _ => throw new ScenarioFileException($"{_owner}: '{key}' must be a single value", LineOf(node)),
        };
    }

    public long RequiredInteger(string key) => OptionalInteger(key) ?? throw new ScenarioFileException($"{_owner} is missing the field '{key}'", Line);

    public long? OptionalInteger(string key)
    {
        var text = Optional(key);
        if (text is null)
        {
            return null;
        }
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ScenarioFileException($"{_owner}: '{key}' must be a whole number, not '{text}'", LineOf(Node(key)!));
    }

    public bool? OptionalBool(string key)
    {
        var text = Optional(key);
        return text switch
        {
            null => null,
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            _ => throw new ScenarioFileException($"{_owner}: '{key}' must be true or false, not '{text}'", LineOf(Node(key)!)),
        };
    }

    /// <summary>A list of scalars; a single scalar counts as a list of one.</summary>
    public List<string>? OptionalList(string key)
    {
        var node = Node(key);
        return node switch
        {
            null => null,
            YamlScalarNode s => [s.Value ?? ""],
            YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode cs ? cs.Value ?? "" : throw new ScenarioFileException($"{_owner}: '{key}' must be a list of values", LineOf(c))).ToList(),
            _ => throw new ScenarioFileException($"{_owner}: '{key}' must be a list", LineOf(node)),
        };
    }

    public List<string> RequiredList(string key) =>
        OptionalList(key) ?? throw new ScenarioFileException($"{_owner} is missing the field '{key}'", Line);

    public void RejectUnknown(params string[] alsoAllowed)
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_read.Contains(name) && !alsoAllowed.Contains(name))
            {
                throw new ScenarioFileException($"{_owner} has an unknown field '{name}'", LineOf(key));
            }
        }
    }
}
