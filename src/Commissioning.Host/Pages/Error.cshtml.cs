using Commissioning.Host.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Host.Pages;

/// <summary>
/// The pages' error page: re-executed with ?status= for 4xx/5xx status codes and for unhandled exceptions (500).
/// The response keeps the status code; nothing about the failure itself is shown, only a reference to quote.
/// </summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
internal sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, there is a problem with the service";

    public IReadOnlyList<string> Paragraphs { get; private set; } = ["Try again later."];

    /// <summary>The request's correlation id, for 5xx errors only: it finds the logged failure.</summary>
    public string? Reference { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        if (status == StatusCodes.Status404NotFound)
        {
            Title = "Page not found";
            Paragraphs =
            [
                "If you typed the web address, check it is correct.",
                "If you pasted the web address, check you copied the entire address.",
            ];
        }
        else if (status == StatusCodes.Status403Forbidden)
        {
            Title = "You do not have access to this page";
            Paragraphs = ["Ask your partnership administrator if you think you should."];
        }
        else if (status == StatusCodes.Status409Conflict)
        {
            Title = "Someone else changed this at the same time";
            Paragraphs = ["Nothing you sent was saved. Go back, reload the page to see the latest, and try again."];
        }

        Response.StatusCode = status ?? StatusCodes.Status500InternalServerError;
        if (Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            var reference = Response.Headers[RequestContextMiddleware.CorrelationHeader].ToString();
            Reference = reference.Length > 0 ? reference : null;
        }
    }
}
