using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.BedLedger;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Contracts.Pages.Beds;

/// <summary>A provider confirms its homes' beds: one form per home, each bed available (from a date) or unavailable (with a reason).</summary>
[Authorize(Roles = Roles.Provider)]
internal sealed class ConfirmModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "confirmed")]
    public string? Confirmed { get; set; }

    public IReadOnlyList<IGrouping<string, BedView>> Homes { get; private set; } = [];

    /// <summary>The home whose form was posted and refused: only its form shows the errors and the values sent.</summary>
    public string? PostedHome { get; private set; }

    public IReadOnlyList<VacancyConfirmationLine> PostedLines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var home = Request.Form["homeCode"].ToString();
        var lines = new List<VacancyConfirmationLine>();
        for (var i = 0; Request.Form.ContainsKey($"beds[{i}].bedId"); i++)
        {
            lines.Add(new VacancyConfirmationLine(Field($"beds[{i}].bedId"), Field($"beds[{i}].status"), Field($"beds[{i}].availableFrom"), Field($"beds[{i}].reason")));
        }

        // Beds left blank are left as they are; the rest are sent, and refusals are put back on the form's own rows.
        var sent = lines.Select((line, index) => (line, index))
            .Where(l => !string.IsNullOrEmpty(l.line.Status) || !string.IsNullOrWhiteSpace(l.line.AvailableFrom) || !string.IsNullOrWhiteSpace(l.line.Reason))
            .ToList();
        try
        {
            await mediator.Send(new ConfirmVacancies(home, sent.Select(l => l.line).ToList()), cancellationToken);
            return Redirect($"/beds/confirm?confirmed={Uri.EscapeDataString(home)}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (RequestValidationException e)
        {
            GovUk.AddErrors(ModelState, e.Errors.ToDictionary(
                error => RowOf(error.Key, sent.Select(l => l.index).ToList()),
                error => error.Key == "beds" ? ["Choose available or unavailable for at least one bed"] : error.Value));
            (PostedHome, PostedLines) = (home, lines);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public (string? Status, string? AvailableFrom, string? Reason) ValuesFor(string home, int index, BedView bed)
    {
        if (home == PostedHome && index < PostedLines.Count)
        {
            var posted = PostedLines[index];
            return (posted.Status, posted.AvailableFrom, posted.Reason);
        }

        return bed.Confirmation is { Lapsed: false } c
            ? (c.Status, c.AvailableFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.Reason)
            : (null, null, null);
    }

    public string? ErrorFor(string home, string field) =>
        home == PostedHome && ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>Element ids: the refused form's fields keep their API names, so the error summary's links reach them.</summary>
    public string IdFor(string home, string field) => home == PostedHome ? field : $"{home}-{field}";

    private static string RowOf(string field, List<int> formRows)
    {
        var match = System.Text.RegularExpressions.Regex.Match(field, @"^beds\[(\d+)\]\.(.+)$");
        return match.Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var k && k < formRows.Count
            ? $"beds[{formRows[k]}].{match.Groups[2].Value}"
            : field;
    }

    private string? Field(string name) => Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var beds = await mediator.Send(new ListBeds(null, null, null, new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
        Homes = beds.Items.GroupBy(b => b.HomeCode).ToList();
    }
}
