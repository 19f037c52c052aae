using Commissioning.BuildingBlocks.Web;
using MediatR;

namespace Commissioning.Host.Notifications;

/// <summary>The caller's notifications over the API: the same as the /notifications page.</summary>
internal static class NotificationsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/notifications").WithTags("Notifications");

        api.MapGet("", async (IMediator m, PageRequest page, bool? unread, CancellationToken ct) =>
                (await m.Send(new ListNotifications(page, unread ?? false), ct)).Page)
            .RequireSignedIn()
            .WithSummary("The caller's notifications, newest first (?unread=true for the unread ones only). An API key sees what its organisation is told for its role.");
        api.MapGet("/unread-count", (IMediator m, CancellationToken ct) => m.Send(new CountUnreadNotifications(), ct))
            .RequireSignedIn().WithSummary("How many of the caller's notifications are unread: { unread }.");
        api.MapPost("/{id:guid}/read", async (IMediator m, Guid id, CancellationToken ct) =>
            {
                await m.Send(new MarkNotificationRead(id), ct);
                return Results.NoContent();
            })
            .RequireSignedIn().WithSummary("Marks one of the caller's notifications read (404 if it is not theirs).");
        api.MapPost("/read-all", (IMediator m, CancellationToken ct) => m.Send(new MarkAllNotificationsRead(), ct))
            .RequireSignedIn().WithSummary("Marks all the caller's notifications read; answers how many were unread.");
    }
}
