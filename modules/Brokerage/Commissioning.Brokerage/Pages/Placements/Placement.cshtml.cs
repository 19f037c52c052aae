using Commissioning.Brokerage.Placements;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Placements;

/// <summary>
/// One placement and what each role may do with it: start and end (brokerage, the provider), ask for a re-banding (the
/// provider), decide it, plan the step-down, agree staying put and move the child (brokerage).
/// </summary>
[Authorize(Roles = Roles.Brokerage + "," + Roles.Provider + "," + Roles.BoroughReferrer + "," + Roles.BoroughManager)]
internal sealed class PlacementModel(IMediator mediator) : PlacementsFormPage(mediator)
{
    public PlacementView Placement { get; private set; } = null!;

    [BindProperty(Name = "startDate")] public string? StartDate { get; set; }
    [BindProperty(Name = "endDate")] public string? EndDate { get; set; }
    [BindProperty(Name = "reasonEpisodeCeased")] public string? ReasonEpisodeCeased { get; set; }
    [BindProperty(Name = "reasonPlaceChange")] public string? ReasonPlaceChange { get; set; }
    [BindProperty(Name = "planned")] public string? Planned { get; set; }
    [BindProperty(Name = "band")] public string? Band { get; set; }
    [BindProperty(Name = "rationale")] public string? Rationale { get; set; }
    [BindProperty(Name = "requestId")] public Guid? RequestId { get; set; }
    [BindProperty(Name = "decision")] public string? Decision { get; set; }
    [BindProperty(Name = "effectiveFrom")] public string? EffectiveFrom { get; set; }
    [BindProperty(Name = "reason")] public string? Reason { get; set; }
    [BindProperty(Name = "stepDownDate")] public string? StepDownDate { get; set; }
    [BindProperty(Name = "until")] public string? Until { get; set; }
    [BindProperty(Name = "note")] public string? Note { get; set; }
    [BindProperty(Name = "bedId")] public string? BedId { get; set; }
    [BindProperty(Name = "moveDate")] public string? MoveDate { get; set; }

    public bool IsBrokerage => User.IsInRole(Roles.Brokerage);

    public bool IsProvider => User.IsInRole(Roles.Provider);

    public RebandingRequestView? Pending => Placement.RebandingRequests.LastOrDefault(r => r.Status == "requested");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => await PageAsync(id, cancellationToken);

    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new StartPlacement(id, ReadDate("startDate", StartDate, "The start date")), cancellationToken);

    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new EndPlacement(id, ReadDate("endDate", EndDate, "The end date"), ReasonEpisodeCeased, ReasonPlaceChange, ReadYesNo(Planned)), cancellationToken);

    public async Task<IActionResult> OnPostRebandAsync(Guid id, CancellationToken cancellationToken)
    {
        var (done, _) = await TrySendAsync(new RequestRebanding(id, Band, Rationale), cancellationToken);
        return done ? Redirect($"/placements/{id}") : await PageAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new DecideRebanding(id, RequestId ?? Guid.Empty, Decision switch { "approve" => true, "reject" => false, _ => null },
            ReadDate("effectiveFrom", EffectiveFrom, "The date the new band takes effect"), Reason), cancellationToken);

    public Task<IActionResult> OnPostCallOffAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new CallOffPlacement(id, Reason), cancellationToken);

    public Task<IActionResult> OnPostStepDownAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new SetStepDownDate(id, ReadDate("stepDownDate", StepDownDate, "The step-down date"), Reason), cancellationToken);

    public Task<IActionResult> OnPostStayingPutAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new AgreeStayingPut(id, ReadDate("until", Until, "The date to stay until"), Note), cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var (done, newId) = await TrySendAsync(new MovePlacement(id, BedId, ReadDate("moveDate", MoveDate, "The move date"), ReasonPlaceChange, ReadYesNo(Planned)),
            cancellationToken);
        return done ? Redirect($"/placements/{newId}") : await PageAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Guid id, IRequest<Unit> command, CancellationToken cancellationToken)
    {
        var (done, _) = await TrySendAsync(command, cancellationToken);
        return done ? Redirect($"/placements/{id}") : await PageAsync(id, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(Guid id, CancellationToken cancellationToken)
    {
        var placement = await FindAsync(new GetPlacement(id), cancellationToken);
        if (placement is null)
        {
            return NotFound();
        }

        Placement = placement;
        return Page();
    }
}
