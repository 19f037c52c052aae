using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Web;

/// <summary>
/// What every governance form page does with its command: send it, and on a refusal show the fields' messages in
/// the form (error summary and field), a stale or conflicting change as a message at the top.
/// </summary>
internal abstract class GovernanceFormPage(IMediator mediator) : PageModel
{
    protected IMediator Mediator => mediator;

    /// <summary>The last send was refused because the record changed after the form was shown: show it as it is now.</summary>
    protected bool Stale { get; private set; }

    /// <summary>The record a form is about, or null when there is none (the page then answers 404).</summary>
    protected async Task<T?> FindAsync<T>(IRequest<T> query, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await mediator.Send(query, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> unless the page has already found a wrong field (a date that is not a real
    /// date), in which case only the validators run, so every wrong field is named and nothing is stored.
    /// Returns false when the form must be shown again.
    /// </summary>
    protected async Task<(bool Done, T Result)> TrySendAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await ValidateOnlyAsync(request, cancellationToken);
            return (false, default!);
        }

        try
        {
            return (true, await mediator.Send(request, cancellationToken));
        }
        catch (RequestValidationException e)
        {
            AddErrors(e.Errors);
        }
        catch (ConflictException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (StreamVersionConflictException)
        {
            Stale = true;
            ModelState.AddModelError("", "Someone else changed this record after you opened this page. Check what it says now and try again.");
        }

        return (false, default!);
    }

    private async Task ValidateOnlyAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        var validatorType = typeof(IValidator<>).MakeGenericType(request.GetType());
        foreach (var validator in HttpContext.RequestServices.GetServices(validatorType).OfType<IValidator>())
        {
            var result = await validator.ValidateAsync(new ValidationContext<object>(request), cancellationToken);
            AddErrors(result.Errors.GroupBy(f => char.ToLowerInvariant(f.PropertyName[0]) + f.PropertyName[1..])
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray()));
        }
    }

    // A field the page already marked (a date that is not real) keeps its own message rather than "Enter the date".
    private void AddErrors(IReadOnlyDictionary<string, string[]> errors) =>
        GovUk.AddErrors(ModelState, errors.Where(e => !ModelState.TryGetValue(e.Key, out var entry) || entry.Errors.Count == 0)
            .ToDictionary(e => e.Key, e => e.Value));
}
