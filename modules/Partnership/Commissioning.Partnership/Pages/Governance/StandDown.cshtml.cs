using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Governance.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using static Commissioning.Partnership.Governance.Web.GovernanceForms;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class StandDownModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid MemberId { get; set; }

    /// <summary>The member's version when the form was shown: a change since then is refused as stale.</summary>
    [BindProperty(Name = "version")]
    public long? Version { get; set; }

    [BindProperty(Name = "stoodDownOn-day")]
    public string? StoodDownOnDay { get; set; }

    [BindProperty(Name = "stoodDownOn-month")]
    public string? StoodDownOnMonth { get; set; }

    [BindProperty(Name = "stoodDownOn-year")]
    public string? StoodDownOnYear { get; set; }

    public DateParts StoodDownOn => new(StoodDownOnDay, StoodDownOnMonth, StoodDownOnYear);

    public BoardMemberView Member { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Version = Member.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var stoodDownOn = GovernanceForms.ReadDate(ModelState, "stoodDownOn", StoodDownOn, "The date the member stood down");
        var (done, _) = await TrySendAsync(new StandDownBoardMember(MemberId, stoodDownOn, Version), cancellationToken);
        if (done)
        {
            return Redirect("/governance/board");
        }

        if (Stale && await LoadAsync(cancellationToken))
        {
            Version = Member.Version;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Member = (await FindAsync(new GetBoardMember(MemberId), cancellationToken))!;
        return Member is not null;
    }
}
