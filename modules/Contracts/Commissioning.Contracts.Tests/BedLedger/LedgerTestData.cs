using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.Contracts.BlockContracts;
using Commissioning.TestKit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.Tests.BedLedger;

/// <summary>Contracts written straight to the store (their commands belong to contracts core) and integration events delivered as the daemon would.</summary>
internal static class LedgerTestData
{
    public static readonly Dictionary<NeedBand, decimal> Prices = new()
    {
        [NeedBand.Low] = 3500m, [NeedBand.Medium] = 4200.50m, [NeedBand.High] = 5600m, [NeedBand.Specialist] = 7000.99m,
    };

    public static async Task<Guid> AgreeContractAsync(ModuleTestHost host, string providerCode, DateOnly startsOn, params ContractedBed[] beds)
    {
        var id = Guid.NewGuid();
        await host.Store.OpenSession(EventMetadata.System())
            .Append(BlockContractStreams.For(id), BlockContractStreams.StreamType, ExpectedVersion.NoStream,
            [
                new BlockContractAgreed(id, $"BC-{providerCode}", providerCode, [], startsOn, startsOn.AddYears(8).AddDays(-1), null, [], Prices, 2.5m, 7m,
                    "OF-1", beds),
            ])
            .SaveChangesAsync();
        return id;
    }

    public static async Task VaryAsync(ModuleTestHost host, Guid contractId, DateOnly effectiveFrom, ContractedBed[] added, string[] removed,
        IReadOnlyDictionary<NeedBand, decimal>? prices)
    {
        var variation = Guid.NewGuid();
        await host.Store.OpenSession(EventMetadata.System())
            .Append(BlockContractStreams.For(contractId), BlockContractStreams.StreamType, ExpectedVersion.Any,
            [
                new ContractVariationProposed(contractId, variation, effectiveFrom, "Test", added, removed, prices),
                new ContractVariationApproved(contractId, variation, effectiveFrom.AddDays(-14), "contract manager"),
            ])
            .SaveChangesAsync();
    }

    public static async Task PublishAsync(ModuleTestHost host, IntegrationEvent message)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().ActAsSystem(AccessChannel.Background);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(message);
    }

    public static Action<RequestContext> As(string organisation, string role) =>
        context => context.SignIn($"key:{organisation}-{role}", organisation, role, AccessChannel.Api);
}
