using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>A borough's referrals (brokerage sees every borough's), with their status.</summary>
[Authorize(Roles = $"{Roles.Brokerage},{Roles.BoroughReferrer},{Roles.BoroughManager}")]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public Paged<ReferralSummary> Referrals { get; private set; } = null!;

    public ReferralStatus? Status { get; private set; }

    public string StatusFilter => Status is { } s ? ReferralStatuses.Code(s) : "";

    public bool SeesAll => User.IsInRole(Roles.Brokerage);

    public async Task OnGetAsync(string? status, CancellationToken cancellationToken)
    {
        Status = ReferralStatuses.TryParse(status);
        var page = int.TryParse(Request.Query["page"], out var n) && n > 0 ? n : 1;
        Referrals = (await mediator.Send(new ListReferrals(new PageRequest(page), Status), cancellationToken)).Page;
    }
}
