using Commissioning.BuildingBlocks.Messaging;
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

    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public NotificationList Inbox { get; private set; } = new([], 1, PageSize, 0, 0);

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "unread")]
    public bool UnreadOnly { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Inbox = await mediator.Send(new ListNotifications(Math.Max(PageNumber, 1), PageSize, UnreadOnly), cancellationToken);

    /// <summary>Marks the notification read and goes to what it is about.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var opened = await mediator.Send(new MarkNotificationRead(id), cancellationToken);
            return LocalRedirect(opened.Link);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new MarkNotificationRead(id), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

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
        var local = TimeZoneInfo.ConvertTime(instant, UkTime);
        var time = local.Minute == 0 && local.Hour == 12 ? "midday" : local.ToString("h:mmtt", System.Globalization.CultureInfo.InvariantCulture).ToLowerInvariant();
        return $"{local.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} at {time}";
    }

    private RedirectToPageResult Back() =>
        RedirectToPage(new { page = PageNumber > 1 ? PageNumber : (int?)null, unread = UnreadOnly ? true : (bool?)null });
}
