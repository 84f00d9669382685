using Microsoft.AspNetCore.Http;
using Restake.Node.Chain;

namespace Restake.Node.Api;

/// <summary>
/// Errors as RFC 9457 problem details: <c>title</c> is the stable error name (the engine's custom
/// error where the engine refused), <c>detail</c> one line for a person, and <c>error</c> repeats the
/// name for clients that read one field.
/// </summary>
public static class Problems
{
    public static IResult From(RejectedException e) => Of(e.Status, e.Error, e.Detail);

    public static IResult Of(int status, string error, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: error, type: $"https://restake.dev/errors/{error}",
            extensions: new Dictionary<string, object?> { ["error"] = error });
}
