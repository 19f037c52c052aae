using System.Globalization;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Placements;

/// <summary>
/// What the offer and placement pages do with a command: send it, and on a refusal show each field's message in the
/// form (error summary and field), a conflict as a message at the top.
/// </summary>
internal abstract class PlacementsFormPage(IMediator mediator) : PageModel
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

    /// <summary>"true" or "false" from a radio; null when neither was chosen.</summary>
    protected static bool? ReadYesNo(string? value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    public static string Display(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, London).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB"));

    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}
