using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Messages.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Partnership.Organisations;

/// <summary>
/// A provider registered under a contract becomes an organisation of the partnership. Delivery is at least once:
/// the inbox mark and the new organisation are saved together, and a provider already known (added by the admin
/// before its contract, or a redelivery) is left as it is.
/// </summary>
internal sealed class ProviderRegisteredConsumer([FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, NpgsqlDataSource dataSource)
    : INotificationHandler<ProviderRegistered>
{
    public async Task Handle(ProviderRegistered notification, CancellationToken cancellationToken)
    {
        var session = store.OpenSession(EventMetadata.System()).MarkProcessed(nameof(ProviderRegisteredConsumer), notification.EventId);
        if (await OrganisationDirectory.FindAsync(dataSource, notification.ProviderCode, cancellationToken) is null)
        {
            session.Append(OrganisationStreams.For(notification.ProviderCode), OrganisationStreams.StreamType, ExpectedVersion.NoStream,
                [new OrganisationRegistered(notification.ProviderCode, notification.Name, OrganisationKinds.Provider, null, null)]);
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (StreamVersionConflictException)
        {
            // Registered meanwhile by another delivery or by the admin: nothing left to do.
        }
    }
}
