using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Host.Notifications;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Host.Pages.Notifications;

/// <summary>The signed-in person's notifications: newest first, twenty a page, read and unread.</summary>
[Authorize]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public const int PageSize = 20;

    public NotificationList Inbox { get; private set; } = new(new Paged<NotificationView>([], 1, PageSize, 0), 0);

    // "page" is Razor Pages' own route value, so the page number is read from the query string by hand (a GET) or
    // from a hidden field (a POST, to come back to the same page).
    [BindProperty]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "unread")]
    public bool UnreadOnly { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = int.TryParse(Request.Query["page"], out var page) && page > 1 ? page : 1;
        Inbox = await mediator.Send(new ListNotifications(new PageRequest(PageNumber, PageSize), UnreadOnly), cancellationToken);
    }

    /// <summary>Marks the notification read and goes to what it is about (someone else's is 404, as everywhere).</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken)
    {
        var opened = await mediator.Send(new MarkNotificationRead(id), cancellationToken);
        return LocalRedirect(opened.Link);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(new MarkNotificationRead(id), cancellationToken);
        return Back();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new MarkAllNotificationsRead(), cancellationToken);
        return Back();
    }

    /// <summary>"1 April 2026 at 10:00am", in UK time, as GOV.UK writes times.</summary>
    public static string When(DateTimeOffset instant)
    {
        var local = PartnershipCalendar.WallClock(instant);
        var time = local.Minute == 0 && local.Hour == 12 ? "midday" : local.ToString("h:mmtt", System.Globalization.CultureInfo.InvariantCulture).ToLowerInvariant();
        return $"{local.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} at {time}";
    }

    /// <summary>The list as it was before the form was sent: the same page, the same filter.</summary>
    public static string ListUrl(int page, bool unreadOnly)
    {
        var query = new List<string>();
        if (page > 1)
        {
            query.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"page={page}"));
        }

        if (unreadOnly)
        {
            query.Add("unread=true");
        }

        return query.Count == 0 ? "/notifications" : "/notifications?" + string.Join('&', query);
    }

    private LocalRedirectResult Back() => LocalRedirect(ListUrl(PageNumber, UnreadOnly));
}
