using Commissioning.BuildingBlocks.Web;
using MediatR;

namespace Commissioning.Host.Notifications;

/// <summary>The caller's notifications over the API: the same as the /notifications page.</summary>
internal static class NotificationsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/notifications").WithTags("Notifications");

        api.MapGet("", (IMediator m, int? page, int? pageSize, bool? unread, CancellationToken ct) =>
                m.Send(new ListNotifications(page ?? 1, pageSize ?? 20, unread ?? false), ct))
            .RequireSignedIn()
            .WithSummary("The caller's notifications, newest first, with the unread count. An API key sees what its organisation is told for its role.");
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
