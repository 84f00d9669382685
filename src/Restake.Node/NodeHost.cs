using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Restake.Node.Api;
using Restake.Node.Chain;
using Scalar.AspNetCore;

namespace Restake.Node;

/// <summary>Puts a <see cref="NodeService"/> on HTTP: the API, its OpenAPI document and reference page, and the dashboard.</summary>
public static class NodeHost
{
    /// <summary>Bodies above this are refused with 413 before they are read (a dump upload has its own, larger limit).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static WebApplication Build(NodeService node, string host = "127.0.0.1", int port = 8545)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(NodeHost).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{host}:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Restake node";
            doc.Info.Description = "A restaking devnet: signed transactions in, state and events out. Amounts are decimal strings of base units.";
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(node);
        // A parameter that does not bind (limit=ten) throws, so its problem says which one and why.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Bare statuses from routing (404, 405, 415) get a problem document too, with a stable error name.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Name);
        var app = builder.Build();
        app.UseStatusCodePages();
        app.Use(Errors);
        var files = new ManifestEmbeddedFileProvider(Assembly.GetExecutingAssembly(), "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("Restake node API"));
        NodeApi.Map(app, node);
        RpcApi.Map(app, node);
        DashboardApi.Map(app, node);
        AvsApi.Map(app, node);
        return app;
    }

    /// <summary>The address the node listens on (after start; the real port when 0 was asked for).</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>A problem the node did not name itself (routing's 404 and 405): the same shape as its own, error name and detail.</summary>
    private static void Name(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("error"))
        {
            return;
        }
        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (error, detail) = status switch
        {
            404 => ("NotFound", $"there is nothing at {request.Path} (the endpoints are listed at /openapi/v1.json)"),
            405 => ("MethodNotAllowed", $"{request.Path} does not take {request.Method} (the endpoints are listed at /openapi/v1.json)"),
            415 => ("UnsupportedMediaType", $"{request.Method} {request.Path} takes application/json"),
            _ => (ReasonPhrases.GetReasonPhrase(status).Replace(" ", "", StringComparison.Ordinal) is { Length: > 0 } phrase ? phrase : "Error", $"{request.Method} {request.Path} answered {status}"),
        };
        problem.Title = error;
        problem.Type = $"https://restake.dev/errors/{error}";
        problem.Detail ??= detail;
        problem.Extensions["error"] = error;
    }

    /// <summary>Every refusal becomes a problem document; nothing reaches a client as a stack trace.</summary>
    private static async Task Errors(HttpContext http, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (RejectedException e) when (!http.Response.HasStarted)
        {
            await Problems.From(e).ExecuteAsync(http);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            var (error, detail) = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ("BodyTooLarge", $"the request body is over the node's limit of {MaxBodyBytes} bytes")
                : ("BadRequest", e.Message);
            await Problems.Of(e.StatusCode, error, detail).ExecuteAsync(http);
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            await Problems.Of(500, "InternalError", $"the node failed on this request ({e.GetType().Name}: {e.Message}); please report it").ExecuteAsync(http);
        }
    }
}
