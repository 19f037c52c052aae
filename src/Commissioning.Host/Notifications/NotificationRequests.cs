using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.BuildingBlocks.Web;
using MediatR;

namespace Commissioning.Host.Notifications;

// The caller's own notifications, for the page and the API. Every role has an inbox: a person's holds what they were
// told; an API key's holds what its organisation was told for its role (NotificationInbox says why).

/// <summary>One notification as the page and the API show it.</summary>
internal sealed record NotificationView(
    Guid Id, DateTimeOffset CreatedAt, string Category, string Subject, string Body, string Link, string? Reference, bool Read, DateTimeOffset? ReadAt)
{
    public static NotificationView From(InboxItem item) =>
        new(item.Id, item.CreatedAt, item.Category, item.Subject, item.Body, item.Link, item.Reference, item.IsRead, item.ReadAt);
}

/// <summary>A page of the caller's notifications, newest first, and how many of all of them are unread.</summary>
internal sealed record NotificationList(Paged<NotificationView> Page, int Unread)
{
    public int PageCount => (int)Math.Max(1, (Page.Total + Page.PageSize - 1) / Page.PageSize);
}

/// <summary>How many of the caller's notifications are unread.</summary>
internal sealed record UnreadCount(int Unread);

/// <summary>How many notifications were marked read.</summary>
internal sealed record NotificationsMarkedRead(int Marked);

[AllowedRoles(Roles.PartnershipAdmin, Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager, Roles.Provider, Roles.ContractManager,
    Roles.Finance, Roles.TrainingCoordinator, Roles.BoardMember)]
internal sealed record ListNotifications(PageRequest Page, bool UnreadOnly = false) : IQuery<NotificationList>;

[AllowedRoles(Roles.PartnershipAdmin, Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager, Roles.Provider, Roles.ContractManager,
    Roles.Finance, Roles.TrainingCoordinator, Roles.BoardMember)]
internal sealed record CountUnreadNotifications : IQuery<UnreadCount>;

[AllowedRoles(Roles.PartnershipAdmin, Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager, Roles.Provider, Roles.ContractManager,
    Roles.Finance, Roles.TrainingCoordinator, Roles.BoardMember)]
internal sealed record MarkNotificationRead(Guid Id) : ICommand<NotificationView>;

[AllowedRoles(Roles.PartnershipAdmin, Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager, Roles.Provider, Roles.ContractManager,
    Roles.Finance, Roles.TrainingCoordinator, Roles.BoardMember)]
internal sealed record MarkAllNotificationsRead : ICommand<NotificationsMarkedRead>;

internal sealed class NotificationRequestHandlers(NotificationInbox inbox, RequestContext context) :
    IRequestHandler<ListNotifications, NotificationList>,
    IRequestHandler<CountUnreadNotifications, UnreadCount>,
    IRequestHandler<MarkNotificationRead, NotificationView>,
    IRequestHandler<MarkAllNotificationsRead, NotificationsMarkedRead>
{
    public async Task<NotificationList> Handle(ListNotifications request, CancellationToken cancellationToken)
    {
        var page = await inbox.ListAsync(Owner(), request.Page.Page, request.Page.PageSize, request.UnreadOnly, cancellationToken);
        return new NotificationList(new Paged<NotificationView>(request.Page, page.Items.Select(NotificationView.From).ToList(), page.Total), page.Unread);
    }

    public async Task<UnreadCount> Handle(CountUnreadNotifications request, CancellationToken cancellationToken) =>
        new(await inbox.UnreadCountAsync(Owner(), cancellationToken));

    public async Task<NotificationView> Handle(MarkNotificationRead request, CancellationToken cancellationToken)
    {
        var owner = Owner();
        if (!await inbox.MarkReadAsync(owner, request.Id, cancellationToken) ||
            await inbox.GetAsync(owner, request.Id, cancellationToken) is not { } item)
        {
            throw new NotFoundException("You have no notification with that id.");
        }

        return NotificationView.From(item);
    }

    public async Task<NotificationsMarkedRead> Handle(MarkAllNotificationsRead request, CancellationToken cancellationToken) =>
        new(await inbox.MarkAllReadAsync(Owner(), cancellationToken));

    private InboxOwner Owner() =>
        InboxOwner.For(context) ?? throw new ForbiddenException("Sign in, or call with an API key, to see notifications.");
}
