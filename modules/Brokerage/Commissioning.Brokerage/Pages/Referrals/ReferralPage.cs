using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>What the referral pages share: sending a request and showing a refusal in the form, and finding a referral (404 when out of scope).</summary>
internal abstract class ReferralPage(IMediator mediator) : PageModel
{
    protected IMediator Mediator => mediator;

    protected async Task<ReferralView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await mediator.Send(new GetReferral(id), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    protected async Task<bool> TrySendAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return false;
        }

        try
        {
            await mediator.Send(request, cancellationToken);
            return true;
        }
        catch (RequestValidationException e)
        {
            GovUk.AddErrors(ModelState, e.Errors);
        }
        catch (ConflictException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (StreamVersionConflictException)
        {
            ModelState.AddModelError("", "Someone else changed this referral after you opened this page. Check what it says now and try again.");
        }

        return false;
    }
}

/// <summary>A question page's content for the shared partial.</summary>
internal sealed record QuestionForm(QuestionPage Page, ReferralDetails Details, IFormCollection? Posted, string? BackLink, bool Amending = false);
