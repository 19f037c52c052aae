using Commissioning.BuildingBlocks.Identity;
using Commissioning.Partnership.People;
using Commissioning.Partnership.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Commissioning.Partnership.Pages.Account;

[Authorize]
internal sealed class AccountModel(NpgsqlDataSource dataSource, SignInService signIn, RequestContext context) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public PersonRecord? Person { get; private set; }

    public bool Changed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Person = Guid.TryParse(context.UserId, out var id) ? await PersonDirectory.FindAsync(dataSource, id, cancellationToken) : null;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        if (Person is null)
        {
            return Forbid();
        }

        if (!Passwords.Verify(Person.PasswordHash, CurrentPassword ?? ""))
        {
            ModelState.AddModelError("currentPassword", "Enter your current password correctly");
        }
        else if (Passwords.Problem(NewPassword, Person.Email) is { } problem)
        {
            ModelState.AddModelError("newPassword", problem);
        }
        else if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError("confirmPassword", "The passwords do not match: enter the same password twice");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // A new security stamp ends every other session; this one is renewed with it.
        Person = await signIn.ChangePasswordAsync(Person.Id, NewPassword!, cancellationToken);
        await HttpContext.SignInAsync(Authentication.Session, Authentication.SessionPrincipal(Person));
        Changed = true;
        return Page();
    }
}
