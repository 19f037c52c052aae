using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Organisations;

/// <summary>
/// The eight NELCP boroughs with their GSS codes and DfE local-authority numbers, Havering as lead. Every new
/// installation starts with them (api.md names boroughs by these GSS codes); the admin adds the rest.
/// </summary>
internal static class DefaultPartnership
{
    public const string LeadBorough = "E09000016";

    public static readonly IReadOnlyList<(string GssCode, string Name, string LaNumber)> Boroughs =
    [
        ("E09000016", "Havering", "311"),
        ("E09000002", "Barking and Dagenham", "301"),
        ("E09000030", "Tower Hamlets", "211"),
        ("E09000025", "Newham", "316"),
        ("E09000031", "Waltham Forest", "320"),
        ("E09000026", "Redbridge", "317"),
        ("E09000012", "Hackney", "204"),
        ("E09000001", "City of London", "201"),
    ];

    /// <summary>Adds the boroughs and the lead once; a second host starting at the same time loses the race harmlessly.</summary>
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredKeyedService<EventStore>(PartnershipModule.SchemaName);
        foreach (var (gss, name, la) in Boroughs)
        {
            var stream = OrganisationStreams.For(gss);
            if (await store.CurrentVersionAsync(stream, cancellationToken) is not null)
            {
                continue;
            }

            try
            {
                await store.OpenSession(EventMetadata.System())
                    .Append(stream, OrganisationStreams.ReferenceDataStreamType, ExpectedVersion.NoStream,
                        [new OrganisationRegistered(gss, name, OrganisationKinds.Borough, gss, la)])
                    .SaveChangesAsync(cancellationToken);
            }
            catch (StreamVersionConflictException)
            {
                // Another instance added it first.
            }
        }

        if (await store.CurrentVersionAsync(OrganisationStreams.LeadBoroughStream, cancellationToken) is null)
        {
            try
            {
                await store.OpenSession(EventMetadata.System())
                    .Append(OrganisationStreams.LeadBoroughStream, OrganisationStreams.ReferenceDataStreamType, ExpectedVersion.NoStream,
                        [new LeadBoroughDesignated(LeadBorough, "Not yet recorded", new DateOnly(2026, 4, 1))])
                    .SaveChangesAsync(cancellationToken);
            }
            catch (StreamVersionConflictException)
            {
            }
        }
    }
}
