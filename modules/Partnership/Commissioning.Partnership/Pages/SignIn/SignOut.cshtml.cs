using Commissioning.Partnership.People;
using Commissioning.Partnership.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Commissioning.Partnership.Pages.SignIn;

/// <summary>Sign-out is a POST (with the anti-forgery token), so no other site can sign a person out with a link.</summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInService signIn, NpgsqlDataSource dataSource) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Guid.TryParse(User.FindFirst(BuildingBlocks.Identity.CommissioningClaims.UserId)?.Value, out var id) &&
            await PersonDirectory.FindAsync(dataSource, id, cancellationToken) is { } person)
        {
            await signIn.AuditAsync(person, "signed-out", cancellationToken);
        }

        await HttpContext.SignOutAsync(Authentication.Session);
        await HttpContext.SignOutAsync(Authentication.PendingSignIn);
        return RedirectToPage("/SignIn/Index", new { signedOut = true });
    }
}
