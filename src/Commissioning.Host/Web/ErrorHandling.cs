using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Host.Web;

/// <summary>
/// Turns the pipeline's typed refusals into RFC 9457 problem details for the API (400 with every wrong field,
/// 403, 404, 409). Pages fall through to the error page; anything unexpected is a 500 with no internals shown.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the middleware has pointed Request.Path at the error page; the feature keeps the path that failed.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (path is null || !path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return false;
        }

        ProblemDetails problem = exception switch
        {
            RequestValidationException invalid => new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some of the information given is not valid",
                Detail = "Correct the fields listed in 'errors' and send the request again. Nothing was stored.",
            },
            BadHttpRequestException { InnerException: JsonException json } => new ValidationProblemDetails(UnreadableJson.Errors(json))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some of the information given is not valid",
                Detail = "Correct the fields listed in 'errors' and send the request again. Nothing was stored.",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read", Detail = bad.Message },
            ForbiddenException forbidden => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not allowed", Detail = forbidden.Message },
            NotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = notFound.Message },
            ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Message },
            // A unique index refused a write made at the same moment as another (two new records given the same
            // number): nothing was stored, and trying again gives the next number.
            Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "Someone else created a matching record at the same moment. Nothing was stored: send the request again.",
            },
            StreamVersionConflictException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "Someone else changed this record at the same time. Reload it and try again.",
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side",
                Detail = "The error has been logged. Quote the correlation id if you contact support.",
            },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            // Since .NET 10 the exception handler middleware no longer logs what an IExceptionHandler handled, and
            // this one handles everything under /api: without this line an unexpected failure would leave no trace.
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, path);
        }

        // The middleware cleared the response headers; the scope's context still knows the id.
        var correlationId = httpContext.RequestServices.GetRequiredService<Commissioning.BuildingBlocks.Identity.RequestContext>().CorrelationId;
        httpContext.Response.Headers[RequestContextMiddleware.CorrelationHeader] = correlationId;
        problem.Extensions["correlationId"] = correlationId;
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

/// <summary>A body that is not the JSON an endpoint expects, named by field as api.md's 400 wants.</summary>
internal static partial class UnreadableJson
{
    public static Dictionary<string, string[]> Errors(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$"
            ? "body"
            : string.Join('.', json.Path.TrimStart('$', '.').Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
        var target = TargetType().Match(json.Message) is { Success: true } m ? m.Groups[1].Value : "";
        var message = field == "body" ? "The request body must be a JSON object" : target switch
        {
            _ when target.Contains("Decimal", StringComparison.Ordinal) || target.Contains("Int", StringComparison.Ordinal) => $"Give {field} as a number",
            _ when target.Contains("DateOnly", StringComparison.Ordinal) => $"Give {field} as a date in the form yyyy-MM-dd, like 2026-04-01",
            _ when target.Contains("DateTime", StringComparison.Ordinal) => $"Give {field} as a date and time with an offset, like 2026-04-01T09:30:00+01:00",
            _ when target.Contains("Guid", StringComparison.Ordinal) => $"Give {field} as an id like 0192f3c4-5b6a-7c8d-9e0f-112233445566",
            _ when target.Contains("Boolean", StringComparison.Ordinal) => $"Give {field} as true or false",
            _ => $"{field} is not in the right format",
        };
        return new Dictionary<string, string[]> { [field] = [message] };
    }

    [GeneratedRegex(@"converted to ([\w.`\[\]]+)")]
    private static partial Regex TargetType();
}
