using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Grpc;

/// <summary>
/// One operator as a process: Kestrel on 127.0.0.1 (HTTP/2 without TLS, localhost only) serving the DA node service for
/// one <see cref="DaOperator"/>. Port 0 picks a free port; the bound address is reported once listening.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OperatorHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Largest message: a devnet operator's chunks for the largest blob fit well within 64 MiB.</summary>
    public const int MaxMessageBytes = 64 << 20;

    public static async Task<OperatorHost> StartAsync(DaOperator node, BlobEncoder verifier, DaParams parameters, int port, Action<string>? log = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.MaxSendMessageSize = MaxMessageBytes;
        });
        builder.Services.AddSingleton(new DaNodeService(node, verifier, parameters, log));
        var app = builder.Build();
        app.MapGrpcService<DaNodeService>();
        await app.StartAsync().ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OperatorHost(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public Task WaitForShutdownAsync(CancellationToken token) => _app.WaitForShutdownAsync(token);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
