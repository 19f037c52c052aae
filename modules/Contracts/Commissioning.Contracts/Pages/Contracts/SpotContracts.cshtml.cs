using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Pages.Providers;
using Commissioning.Contracts.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Contracts.Pages.Contracts;

[Authorize(Roles = ContractsAccess.SpotContractReaders)]
internal sealed class SpotContractsModel(IMediator mediator) : ContractsFormPage(mediator)
{
    public Paged<SpotContractView> Spots { get; private set; } = null!;

    [BindProperty(Name = "providerCode")] public string? ProviderCode { get; set; }
    [BindProperty(Name = "homeCode")] public string? HomeCode { get; set; }
    [BindProperty(Name = "boroughCode")] public string? BoroughCode { get; set; }
    [BindProperty(Name = "band")] public string? Band { get; set; }
    [BindProperty(Name = "weeklyPrice")] public string? WeeklyPrice { get; set; }
    [BindProperty(Name = "startsOn")] public string? StartsOn { get; set; }
    [BindProperty(Name = "endsOn")] public string? EndsOn { get; set; }
    [BindProperty(Name = "spotContractId")] public Guid SpotContractId { get; set; }
    [BindProperty(Name = "endedOn")] public string? EndedOn { get; set; }
    [BindProperty(Name = "version")] public long? Version { get; set; }

    public bool MayChange => PageRoles.MayWrite(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAgreeAsync(CancellationToken cancellationToken)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var (done, _) = await TrySendAsync(new AgreeSpotContract(ProviderCode, HomeCode, BoroughCode, Band, ReadNumber("weeklyPrice", WeeklyPrice, "The weekly price"),
            ReadDate("startsOn", StartsOn, "The start date"), ReadDate("endsOn", EndsOn, "The end date")), cancellationToken);
        return done ? Redirect("/spot-contracts") : await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var (done, _) = await TrySendAsync(new EndSpotContract(SpotContractId, ReadDate("endedOn", EndedOn, "The end date"), Version), cancellationToken);
        return done ? Redirect("/spot-contracts") : await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Spots = await Mediator.Send(new ListSpotContracts(new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
}
