using System.Text;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.Partnership.Audit;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Admin;

[Authorize(Roles = Roles.PartnershipAdmin)]
internal sealed class AuditLogModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Organisation { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? RecordType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? RecordId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<AuditLine> Result { get; private set; } = new(PageRequest.First, [], 0);

    /// <summary>The current filter, for the paging and CSV links.</summary>
    public string QueryString => string.Join('&', new (string Name, string? Value)[]
        {
            ("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("action", Action), ("organisation", Organisation),
            ("recordType", RecordType), ("recordId", RecordId), ("userId", UserId),
        }.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    private AuditFilter Filter => new(From, To, UserId, Organisation, Action, RecordType, RecordId);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await mediator.Send(new SearchAuditLog(Filter, new PageRequest(Math.Max(1, PageNumber))), cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        File(Encoding.UTF8.GetBytes(await mediator.Send(new ExportAuditLog(Filter), cancellationToken)), "text/csv", "audit-log.csv");
}
