using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Contracts.Pages.Contracts;

[Authorize(Roles = ContractsAccess.Writers)]
internal sealed class NewModel(IMediator mediator) : ContractsFormPage(mediator)
{
    [BindProperty(Name = "providerCode")] public string? ProviderCode { get; set; }
    [BindProperty(Name = "consortiumMembers")] public string? ConsortiumMembers { get; set; }
    [BindProperty(Name = "startsOn")] public string? StartsOn { get; set; }
    [BindProperty(Name = "endsOn")] public string? EndsOn { get; set; }
    [BindProperty(Name = "breakOn")] public string? BreakOn { get; set; }
    [BindProperty(Name = "reviewDates")] public string? ReviewDates { get; set; }
    [BindProperty(Name = "annualUpliftPercent")] public string? AnnualUpliftPercent { get; set; }
    [BindProperty(Name = "innovationCapPercent")] public string? InnovationCapPercent { get; set; }
    [BindProperty(Name = "outcomeFrameworkReference")] public string? OutcomeFrameworkReference { get; set; }
    [BindProperty(Name = "beds")] public string? Beds { get; set; }

    public Dictionary<string, string?> Prices { get; } = [];

    /// <summary>Messages about single bed lines (beds[1].band), shown above the form.</summary>
    public IReadOnlyList<string> BedErrors { get; private set; } = [];

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var prices = new Dictionary<string, decimal>();
        foreach (var band in NeedBands.All.Select(NeedBands.Code))
        {
            Prices[band] = Request.Form[$"weeklyPrices.{band}"].ToString();
            if (ReadNumber($"weeklyPrices.{band}", Prices[band], $"The {band} weekly price") is { } price)
            {
                prices[band] = price;
            }
        }

        var beds = new List<BedRequest>();
        foreach (var (line, i) in (Beds ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((l, i) => (l, i)))
        {
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !int.TryParse(parts[2], out var count))
            {
                ModelState.AddModelError("beds", $"Line {i + 1} of the beds must be a home code, a band and a number, for example HOME-01, high, 2");
                continue;
            }

            beds.Add(new BedRequest(parts[0], parts[1], count));
        }

        var reviewDates = Items(ReviewDates).Select(d => ReadDate("reviewDates", d, "Each review date")).OfType<DateOnly>().ToList();
        var (done, id) = await TrySendAsync(new AgreeBlockContract(
            ProviderCode ?? "", Items(ConsortiumMembers), ReadDate("startsOn", StartsOn, "The start date"), ReadDate("endsOn", EndsOn, "The end date"),
            ReadDate("breakOn", BreakOn, "The break date"), reviewDates, prices, ReadNumber("annualUpliftPercent", AnnualUpliftPercent, "The annual uplift"),
            ReadNumber("innovationCapPercent", InnovationCapPercent, "The innovation cap"), OutcomeFrameworkReference, beds), cancellationToken);
        if (done)
        {
            return Redirect($"/contracts/{id}");
        }

        BedErrors = [.. ModelState.Where(e => e.Key.StartsWith("beds[", StringComparison.Ordinal)).SelectMany(e => e.Value!.Errors.Select(x => $"Beds line {BedLine(e.Key)}: {x.ErrorMessage}"))];
        return Page();
    }

    private static int BedLine(string key) => int.TryParse(key.AsSpan(5, key.IndexOf(']', StringComparison.Ordinal) - 5), out var i) ? i + 1 : 0;
}
