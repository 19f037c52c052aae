using System.Globalization;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>
/// What every form page does with its command: send it, and on a refusal show each field's message in the form
/// (error summary and field), and a conflict or a stale change as a message at the top. Also reads the text boxes
/// that do not bind to a type by themselves (dates, amounts, ids), naming the field when they are wrong.
/// </summary>
public abstract class FormPage(IMediator mediator) : PageModel
{
    /// <summary>The pipeline the page sends its commands and queries through.</summary>
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
    /// Returns Done = false when the form must be shown again.
    /// </summary>
    protected async Task<(bool Done, T Result)> TrySendAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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

    /// <summary>Pounds typed in a form (a £ sign and commas allowed); null when blank; a model error when it is not an amount.</summary>
    protected decimal? ReadMoney(string field, string? value, string what) =>
        ReadNumber(field, value, what, $"{what} must be an amount in pounds, for example 5200.00");

    /// <summary>A number typed in a form (a £ sign and commas allowed); null when blank; a model error when it is not a number.</summary>
    protected decimal? ReadNumber(string field, string? value, string what) =>
        ReadNumber(field, value, what, $"{what} must be a number, for example 4600.00");

    private decimal? ReadNumber(string field, string? value, string what, string error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (decimal.TryParse(value.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        ModelState.AddModelError(field, error);
        return null;
    }

    /// <summary>A whole number typed in a form; null when blank; a model error otherwise.</summary>
    protected int? ReadWhole(string field, string? value, string what)
    {
        var number = ReadNumber(field, value, what);
        if (number is { } n && decimal.Truncate(n) != n)
        {
            ModelState.AddModelError(field, $"{what} must be a whole number");
            return null;
        }

        return number is null ? null : (int)number.Value;
    }

    /// <summary>A record's id pasted into a form; null when blank; a model error when it is not an id.</summary>
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

        ModelState.AddModelError(field, $"{what} must be an id as the record's page shows it, for example 0193a4b2-7c1d-7e00-8000-000000000000");
        return null;
    }

    /// <summary>"true" or "false" from a pair of radios; null when neither was chosen.</summary>
    protected static bool? ReadYesNo(string? value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>Items of a list typed one a line or separated by commas.</summary>
    protected static IReadOnlyList<string> Items(string? value) =>
        (value ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
