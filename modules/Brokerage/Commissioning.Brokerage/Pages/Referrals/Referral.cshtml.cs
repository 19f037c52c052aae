using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>One referral: details, status and clock, history; the returned question with the borough's answer form; brokerage's actions.</summary>
[Authorize(Roles = $"{Roles.Brokerage},{Roles.BoroughReferrer},{Roles.BoroughManager}")]
internal sealed class ReferralModel(IMediator mediator, RequestContext context, TimeProvider clock) : ReferralPage(mediator)
{
    public ReferralView Referral { get; private set; } = null!;

    public ReferralHistory History { get; private set; } = null!;

    public DateTimeOffset Now => clock.GetUtcNow();

    public string? UserId => context.UserId;

    public bool IsBrokerage => User.IsInRole(Roles.Brokerage);

    public bool MayAnswer => User.IsInRole(Roles.BoroughReferrer);

    public bool MayClose => IsBrokerage || User.IsInRole(Roles.BoroughReferrer) || User.IsInRole(Roles.BoroughManager);

    [BindProperty(Name = "answer")] public string? Answer { get; set; }
    [BindProperty(Name = "question")] public string? Question { get; set; }
    [BindProperty(Name = "reason")] public string? Reason { get; set; }
    [BindProperty(Name = "note")] public string? Note { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new AssignReferral(id, null, User.Identity?.Name), cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new ReturnReferral(id, Question), cancellationToken);

    public Task<IActionResult> OnPostResubmitAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new ResubmitReferral(id, Answer, new Dictionary<string, System.Text.Json.Nodes.JsonNode?>()), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, new CloseReferral(id, Reason, Note), cancellationToken);

    private async Task<IActionResult> ActAsync<T>(Guid id, IRequest<T> request, CancellationToken cancellationToken) =>
        await TrySendAsync(request, cancellationToken) ? Redirect($"/referrals/{id}") : await ShowAsync(id, cancellationToken);

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await FindAsync(id, cancellationToken);
        if (referral is null)
        {
            return NotFound();
        }

        Referral = referral;
        History = await Mediator.Send(new GetReferralHistory(id), cancellationToken);
        return Page();
    }
}
