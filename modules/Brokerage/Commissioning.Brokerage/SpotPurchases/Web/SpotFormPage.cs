using System.Globalization;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.SpotPurchases.Web;

/// <summary>
/// What every spot-purchase form page does with its command: send it, and on a refusal show the fields' messages in
/// the form (error summary and field), a conflict or a stale change as a message at the top.
/// </summary>
internal abstract class SpotFormPage(IMediator mediator) : PageModel
{
    protected IMediator Mediator => mediator;

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

    protected async Task<(bool Done, T Result)> TrySendAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return (false, default!);
        }

        try
        {
            return (true, await mediator.Send(request, cancellationToken));
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
            ModelState.AddModelError("", "Someone else changed this record after you opened this page. Check what it says now and try again.");
        }

        return (false, default!);
    }

    /// <summary>A date typed as yyyy-mm-dd; null when blank (the command asks for it); a model error when it is not a date.</summary>
    protected DateOnly? ReadDate(string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(field, $"{what} must be a real date written as year-month-day, for example 2026-04-01");
        return null;
    }

    /// <summary>Pounds typed in a form (a £ sign and commas allowed); null when blank; a model error when it is not a number.</summary>
    protected decimal? ReadMoney(string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (decimal.TryParse(value.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        ModelState.AddModelError(field, $"{what} must be an amount in pounds, for example 5200.00");
        return null;
    }

    protected Guid? ReadId(string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Guid.TryParse(value.Trim(), out var id))
        {
            return id;
        }

        ModelState.AddModelError(field, $"{what} must be an id as the referral's page shows it, for example 0193a4b2-7c1d-7e00-8000-000000000000");
        return null;
    }
}
