using Commissioning.Contracts.Core;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Pages.Providers;
using Commissioning.Contracts.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Contracts.Pages.Homes;

[Authorize(Roles = ContractsAccess.HomeReaders)]
internal sealed class HomeModel(IMediator mediator) : ContractsFormPage(mediator)
{
    public HomeView Home { get; private set; } = null!;

    [BindProperty(Name = "grade")] public string? Grade { get; set; }
    [BindProperty(Name = "inspectedOn")] public string? InspectedOn { get; set; }
    [BindProperty(Name = "reason")] public string? Reason { get; set; }
    [BindProperty(Name = "version")] public long? Version { get; set; }

    public bool MayChange => PageRoles.MayWrite(User);

    public Task<IActionResult> OnGetAsync(string homeCode, CancellationToken cancellationToken) => ShowAsync(homeCode, cancellationToken);

    public async Task<IActionResult> OnPostInspectionAsync(string homeCode, CancellationToken cancellationToken)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var date = ReadDate("inspectedOn", InspectedOn, "The date of the inspection");
        var (done, _) = await TrySendAsync(new RecordOfstedInspection(homeCode, OfstedGrades.TryParse(Grade), date), cancellationToken);
        return done ? Redirect($"/homes/{homeCode}") : await ShowAsync(homeCode, cancellationToken);
    }

    public async Task<IActionResult> OnPostLiftAsync(string homeCode, CancellationToken cancellationToken)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var (done, _) = await TrySendAsync(new LiftHomeSuspension(homeCode, Reason ?? "", Version), cancellationToken);
        return done ? Redirect($"/homes/{homeCode}") : await ShowAsync(homeCode, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string homeCode, CancellationToken cancellationToken)
    {
        Home = (await FindAsync(new GetHome(homeCode), cancellationToken))!;
        return Home is null ? NotFound() : Page();
    }
}
