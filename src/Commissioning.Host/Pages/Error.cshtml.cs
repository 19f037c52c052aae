using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Host.Pages;

[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, there is a problem with the service";

    public string Message { get; private set; } = "Try again later.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        if (status == StatusCodes.Status404NotFound)
        {
            Title = "Page not found";
            Message = "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.";
        }
        else if (status == StatusCodes.Status403Forbidden)
        {
            Title = "You do not have access to this page";
            Message = "Ask your partnership administrator if you think you should.";
        }

        Response.StatusCode = status ?? StatusCodes.Status500InternalServerError;
    }
}
