using Commissioning.Brokerage.Beds;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages;

/// <summary>
/// One referral's shortlist, exactly what <c>GET /api/v1/referrals/{id}/shortlist</c> answers: candidates ranked with
/// every score part, excluded beds with every reason, and a link to offer each candidate bed (brokerage only).
/// </summary>
[Authorize(Roles = Roles.Brokerage)]
internal sealed class ShortlistModel(IMediator mediator) : PageModel
{
    public Guid ReferralId { get; private set; }

    public ShortlistView? Shortlist { get; private set; }

    /// <summary>Why the referral cannot be matched yet (a draft, or details missing), instead of a shortlist.</summary>
    public string? NotMatchable { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        ReferralId = id;
        try
        {
            Shortlist = await mediator.Send(new GetShortlist(id), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ConflictException e)
        {
            NotMatchable = e.Message;
        }

        return Page();
    }

    public static string Points(decimal points) => points.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    public static string PartName(string name) => name switch
    {
        "distance-from-home" => "Distance from home",
        "distance-from-school" => "Distance from school",
        "sub-region" => "Within the sub-region",
        "ofsted-grade" => "Ofsted grade",
        "specialisms" => "Specialisms",
        "siblings" => "Siblings",
        "waiting-time" => "Waiting time",
        _ => name,
    };
}
