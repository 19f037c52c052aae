using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Partnership.People;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Admin;

[Authorize(Roles = Roles.PartnershipAdmin)]
internal sealed class PersonModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public PersonView Person { get; private set; } = null!;

    public string? TemporaryPassword { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken cancellationToken)
    {
        TemporaryPassword = (await mediator.Send(new ResetPassword(Id), cancellationToken)).TemporaryPassword;
        return await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) => ActAsync(new UnlockAccount(Id), "The account is unlocked.", cancellationToken);

    public Task<IActionResult> OnPostResetSecondFactorAsync(CancellationToken cancellationToken) =>
        ActAsync(new ResetSecondFactor(Id), "The authenticator app is reset: they set up a new one when they next sign in.", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) => ActAsync(new EnableAccount(Id), "The account is enabled.", cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        ActAsync(new DisableAccount(Id, Reason ?? ""), "The account is disabled.", cancellationToken);

    private async Task<IActionResult> ActAsync(IRequest<PersonView> command, string done, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(command, cancellationToken);
            Done = done;
        }
        catch (RequestValidationException invalid)
        {
            GovUk.AddErrors(ModelState, invalid.Errors);
        }

        return await LoadAsync(cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Person = await mediator.Send(new GetPerson(Id), cancellationToken);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
