using Commissioning.Contracts.Core;
using Commissioning.Contracts.Providers;
using Commissioning.Contracts.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Contracts.Pages.Providers;

internal static class AccreditationChecksOptions
{
    public static IEnumerable<(string, string)> All => AccreditationChecks.All.Select(c => (AccreditationChecks.Code(c), AccreditationChecks.Describe(c)));
}

[Authorize(Roles = ContractsAccess.ProviderReaders)]
internal sealed class ProviderModel(IMediator mediator) : ContractsFormPage(mediator)
{
    public ProviderView Provider { get; private set; } = null!;

    [BindProperty(Name = "check")] public string? Check { get; set; }
    [BindProperty(Name = "passedOn")] public string? PassedOn { get; set; }
    [BindProperty(Name = "expiresOn")] public string? ExpiresOn { get; set; }

    public bool MayChange => PageRoles.MayWrite(User);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Provider = (await FindAsync(new GetProvider(code), cancellationToken))!;
        return Provider is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var passed = ReadDate("passedOn", PassedOn, "The date passed");
        var expires = ReadDate("expiresOn", ExpiresOn, "The expiry date");
        var (done, _) = await TrySendAsync(new RecordProviderCheck(code, AccreditationChecks.TryParse(Check), passed, expires), cancellationToken);
        if (done)
        {
            return Redirect($"/providers/{code}");
        }

        Provider = (await FindAsync(new GetProvider(code), cancellationToken))!;
        return Provider is null ? NotFound() : Page();
    }
}

/// <summary>The signed-in person's role, from their claims.</summary>
internal static class PageRoles
{
    public static bool MayWrite(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Commissioning.BuildingBlocks.Identity.Roles.ContractManager) || user.IsInRole(Commissioning.BuildingBlocks.Identity.Roles.PartnershipAdmin);
}
