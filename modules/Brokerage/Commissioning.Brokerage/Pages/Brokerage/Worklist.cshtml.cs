using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages.Brokerage;

/// <summary>The brokerage team's worklist: every open referral with its clock, most urgent first, filtered by status, borough and assignee.</summary>
[Authorize(Roles = Roles.Brokerage)]
internal sealed class WorklistModel(IMediator mediator) : PageModel
{
    /// <summary>The partnership's boroughs by GSS code (api.md), for the filter and the list.</summary>
    public static IReadOnlyDictionary<string, string> Boroughs { get; } = new Dictionary<string, string>
    {
        ["E09000016"] = "Havering",
        ["E09000002"] = "Barking and Dagenham",
        ["E09000030"] = "Tower Hamlets",
        ["E09000025"] = "Newham",
        ["E09000031"] = "Waltham Forest",
        ["E09000026"] = "Redbridge",
        ["E09000012"] = "Hackney",
        ["E09000001"] = "City of London",
    };

    public Paged<WorklistItem> Items { get; private set; } = null!;

    public string? Status { get; private set; }

    public string? Borough { get; private set; }

    public string? Assignee { get; private set; }

    public async Task OnGetAsync(string? status, string? borough, string? assignee, CancellationToken cancellationToken)
    {
        var parsed = ReferralStatuses.TryParse(status);
        Status = parsed is { } s && ReferralStatuses.Open.Contains(s) ? ReferralStatuses.Code(s) : null;
        Borough = Boroughs.ContainsKey(borough ?? "") ? borough : null;
        Assignee = assignee is "me" or "unassigned" ? assignee : null;
        var page = int.TryParse(Request.Query["page"], out var n) && n > 0 ? n : 1;
        Items = (await mediator.Send(new GetWorklist(new PageRequest(page), Status is null ? null : ReferralStatuses.Parse(Status), Borough, Assignee), cancellationToken)).Page;
    }
}
