using Commissioning.BuildingBlocks.Integration;
using Commissioning.Messages.Contracts;
using Commissioning.TestKit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Tests.Beds;

/// <summary>Plays the Contracts module: publishes its integration events into the Brokerage module under test.</summary>
internal sealed class ContractsFeed(ModuleTestHost host)
{
    public static HomeProfile Profile(string provider = "PRV-A", string district = "RM7", double latitude = 51.5690, double longitude = 0.1690) => new(
        provider, "SC123456", "Oak House", district, latitude, longitude, 4, 8, 17, ["female", "male"], ["low", "medium", "high"], ["trauma-informed care"], [], 2);

    /// <summary>Publishes <paramref name="message"/> with a new event id (or the one given, to simulate a redelivery); answers the id.</summary>
    public async Task<Guid> PublishAsync(IntegrationEvent message, Guid? eventId = null)
    {
        var id = eventId ?? Guid.NewGuid();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(message with { EventId = id, OccurredAt = host.Clock.GetUtcNow() });
        return id;
    }

    public Task<Guid> HomeAsync(string homeCode, HomeProfile? profile = null) => PublishAsync(new HomeRegistered(homeCode, profile ?? Profile()));

    public async Task<Guid> ContractAsync(string reference, string provider, DateOnly starts, params (string BedId, string HomeCode, string Band)[] beds)
    {
        var contractId = Guid.NewGuid();
        await PublishAsync(new ContractedBedsAgreed(contractId, reference, provider, starts, starts.AddYears(3).AddDays(-1),
            [.. beds.Select(b => new ContractedBedInfo(b.BedId, b.HomeCode, b.Band))]));
        return contractId;
    }

    public Task<Guid> AvailableAsync(string bedId, string homeCode, DateOnly from) =>
        PublishAsync(new BedVacancyConfirmed(bedId, homeCode, "available", from, null, host.Clock.GetUtcNow()));

    public Task<Guid> UnavailableAsync(string bedId, string homeCode, string reason) =>
        PublishAsync(new BedVacancyConfirmed(bedId, homeCode, "unavailable", null, reason, host.Clock.GetUtcNow()));
}
