using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Diagnostics;
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
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
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
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read", Detail = bad.Message },
            ForbiddenException forbidden => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not allowed", Detail = forbidden.Message },
            NotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = notFound.Message },
            ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Message },
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
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        problem.Extensions["correlationId"] = httpContext.Response.Headers[RequestContextMiddleware.CorrelationHeader].ToString();
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
