using System.Data.Common;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;

namespace Commissioning.Host.Pages.Shared;

/// <summary>The unread count in the header, for a signed-in person; none when it cannot be read.</summary>
internal sealed class UnreadNotifications(NotificationInbox inbox, RequestContext context, ILogger<UnreadNotifications> logger)
{
    public async Task<int?> CountAsync(CancellationToken cancellationToken)
    {
        if (InboxOwner.For(context) is not { IsApiKey: false } owner)
        {
            return null;
        }

        try
        {
            return await inbox.UnreadCountAsync(owner, cancellationToken);
        }
        catch (DbException e)
        {
            // The header must not stop a page (the error page above all) from showing when the database is away.
            logger.LogWarning(e, "The unread notification count could not be read");
            return null;
        }
    }
}
