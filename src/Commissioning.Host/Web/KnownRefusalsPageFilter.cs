using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Commissioning.Host.Web;

/// <summary>
/// Pages answer the pipeline's refusals as the API does: a record that does not exist or lies outside the
/// caller's scope is 404, a forbidden action 403, and a write that lost a race 409 (shown by the error page), never a 500.
/// </summary>
internal sealed class KnownRefusalsPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is NotFoundException or ForbiddenException or StreamVersionConflictException
                or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } && !executed.ExceptionHandled)
        {
            executed.Result = new StatusCodeResult(executed.Exception switch
            {
                NotFoundException => StatusCodes.Status404NotFound,
                ForbiddenException => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            });
            executed.ExceptionHandled = true;
        }
    }
}
