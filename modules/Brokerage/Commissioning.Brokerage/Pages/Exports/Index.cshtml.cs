using System.Text;
using System.Text.Json;
using Commissioning.Brokerage.Exports;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Commissioning.Brokerage.Pages.Exports;

/// <summary>The two standard exports for a borough's own systems: the same files as the API, downloaded from a form.</summary>
[Authorize(Roles = Roles.Brokerage + "," + Roles.BoroughReferrer + "," + Roles.BoroughManager)]
internal sealed class IndexModel(IMediator mediator, IOptions<HttpJsonOptions> json) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public Task<IActionResult> OnGetStandardAsync(CancellationToken cancellationToken) => DownloadAsync(async period =>
    {
        var records = await mediator.Send(new ExportPlacementsStandard(period), cancellationToken);
        return File(JsonSerializer.SerializeToUtf8Bytes(records, json.Value.SerializerOptions), "application/json", $"placements-standard-{Name(period)}.json");
    });

    public Task<IActionResult> OnGetEpisodesAsync(CancellationToken cancellationToken) => DownloadAsync(async period =>
    {
        var episodes = await mediator.Send(new ExportSsda903Episodes(period, null), cancellationToken);
        return File(Encoding.UTF8.GetBytes(Ssda903Csv.Write(episodes)), "text/csv; charset=utf-8", $"ssda903-episodes-{Name(period)}.csv");
    });

    private async Task<IActionResult> DownloadAsync(Func<ExportPeriod, Task<IActionResult>> download)
    {
        try
        {
            return await download(ExportPeriod.Parse(From, To));
        }
        catch (RequestValidationException e)
        {
            GovUk.AddErrors(ModelState, e.Errors);
            return Page();
        }
    }

    private static string Name(ExportPeriod period) => $"{period.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "start"}-to-" +
        $"{period.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "today"}";
}
