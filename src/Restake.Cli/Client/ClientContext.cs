using System.CommandLine;
using System.Text.Json.Nodes;
using Restake.Node.Client;

namespace Restake.Cli.Client;

/// <summary>
/// What one client command runs with: its parsed line, where the node is, how to print, and who
/// signs. The node and the signer are resolved on first use, so an operator.yaml can fill in what
/// the flags left out (<see cref="UseFallbacks"/>) before either is needed.
/// </summary>
internal sealed class ClientContext(ParseResult parsed) : IDisposable
{
    private NodeClient? _client;
    private Signer? _signer;
    private string? _fallbackNode;
    private string? _fallbackKeyFile;

    public ParseResult Parsed { get; } = parsed;

    public Output Out { get; } = new(parsed.GetValue(ClientOptions.Format) switch
    {
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        _ => OutputFormat.Pretty,
    });

    public bool Broadcast => Parsed.GetValue(ClientOptions.Broadcast);

    /// <summary>--node, else RESTAKE_NODE_URL, else a config file's eth_rpc_url, else the local default.</summary>
    public string NodeUrl => (ClientOptions.OrEnvironment(Parsed.GetValue(ClientOptions.Node), ClientOptions.NodeVariable) ?? _fallbackNode ?? ClientOptions.DefaultNode).TrimEnd('/');

    public T Value<T>(Option<T> option) => Parsed.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parsed.GetValue(argument)!;

    /// <summary>Values from a config file, used only where no flag or environment variable gave one.</summary>
    public void UseFallbacks(string? nodeUrl, string? keyFile)
    {
        _fallbackNode = nodeUrl;
        _fallbackKeyFile = keyFile;
    }

    public NodeClient Client => _client ??= new NodeClient(new HttpClient
    {
        BaseAddress = Uri.TryCreate(NodeUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw ClientFailure.BadInput($"--node '{NodeUrl}' is not an http:// or https:// URL"),
        Timeout = TimeSpan.FromMinutes(5),
    });

    /// <summary>The signer the options name; a transaction command without one stops with the ways to give one.</summary>
    public async Task<Signer> SignerAsync() =>
        _signer ??= await Signers.ResolveAsync(this, _fallbackKeyFile).ConfigureAwait(false)
            ?? throw ClientFailure.BadInput("this command signs a transaction: give --dev-account N, --key-file PATH (with --password) or --ecdsa-private-key 0x...");

    /// <summary>The signer's address when the options name one, else null (a read command then asks for an address).</summary>
    public async Task<string?> SignerAddressAsync() =>
        (_signer ??= await Signers.ResolveAsync(this, _fallbackKeyFile).ConfigureAwait(false))?.Address;

    /// <summary>GET a node path; a refusal stops the command with the node's error on one line.</summary>
    public async Task<JsonNode> GetAsync(string path, string? hint = null)
    {
        var answer = await Client.GetAsync(path).ConfigureAwait(false);
        return answer.Ok ? answer.Json ?? new JsonObject() : throw NodeProblems.Failure(answer, NodeUrl, null, hint);
    }

    public async Task<JsonNode> PostAsync(string path, JsonNode? body, string? hint = null)
    {
        var answer = await Client.PostAsync(path, body).ConfigureAwait(false);
        return answer.Ok ? answer.Json ?? new JsonObject() : throw NodeProblems.Failure(answer, NodeUrl, null, hint);
    }

    public void Dispose() => _client?.Http.Dispose();
}
