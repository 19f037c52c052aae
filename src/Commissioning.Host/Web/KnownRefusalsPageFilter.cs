using Commissioning.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Commissioning.Host.Web;

/// <summary>
/// Pages answer the pipeline's refusals as the API does: a record that does not exist or lies outside the
/// caller's scope is 404 and a forbidden action 403 (shown by the error page), never a 500.
/// </summary>
internal sealed class KnownRefusalsPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is NotFoundException or ForbiddenException && !executed.ExceptionHandled)
        {
            executed.Result = new StatusCodeResult(executed.Exception is NotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden);
            executed.ExceptionHandled = true;
        }
    }
}
