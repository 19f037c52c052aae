using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Beds;

/// <summary>Brokerage's own copy of homes and contracted beds (from Contracts' integration events), the shortlist and the allocation proposal. Migrations 100 to 199.</summary>
internal static class BedsSetup
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(100, "beds-homes-and-beds", """
            CREATE TABLE {schema}.homes (
                home_code text PRIMARY KEY,
                version bigint NOT NULL,
                provider_code text NOT NULL,
                ofsted_urn text NOT NULL,
                name text NOT NULL,
                postcode_district text NOT NULL,
                latitude double precision NOT NULL,
                longitude double precision NOT NULL,
                registered_places int NOT NULL,
                minimum_age int NOT NULL,
                maximum_age int NOT NULL,
                sexes text[] NOT NULL,
                bands text[] NOT NULL,
                specialisms text[] NOT NULL,
                statement_of_purpose_limits text[] NOT NULL,
                home_mix_limit int NOT NULL,
                ofsted_grade text NULL,
                ofsted_inspected_on date NULL,
                suspended boolean NOT NULL DEFAULT false,
                suspension_reason text NULL,
                suspended_on date NULL,
                updated_at timestamptz NOT NULL);
            CREATE TABLE {schema}.beds (
                bed_id text PRIMARY KEY,
                home_code text NOT NULL,
                provider_code text NOT NULL,
                contract_id uuid NOT NULL,
                contract_reference text NOT NULL,
                contracted_band text NOT NULL,
                in_contract_from date NOT NULL,
                in_contract_to date NULL,
                vacancy_status text NULL,
                available_from date NULL,
                vacancy_reason text NULL,
                confirmed_at timestamptz NULL,
                confirmation_lapsed boolean NOT NULL DEFAULT false,
                updated_at timestamptz NOT NULL);
            CREATE INDEX beds_by_home ON {schema}.beds (home_code);
            """),
    ];

    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new BedCopyProjection());
    }

    public static void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<MatchingReader>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Brokerage");
        api.MapGet("/referrals/{id:guid}/shortlist", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetShortlist(id), ct))
            .RequireRoles(Roles.Brokerage).Produces<ShortlistView>()
            .WithSummary("Every contracted bed for one referral: candidates best first (score, its parts, distance, availability) and excluded beds with every reason.");
        api.MapGet("/allocation/proposal", (IMediator m, CancellationToken ct) => m.Send(new GetAllocationProposal(), ct))
            .RequireRoles(Roles.Brokerage).Produces<AllocationProposalView>()
            .WithSummary("All waiting referrals against all free beds: the exact allocation next to first come, first served, with the difference explained. Nothing is allocated.");
    }

    /// <summary>What this part publishes to the other modules for one stored event (the store is the outbox).</summary>
    public static IEnumerable<IntegrationEvent> Publish(StoredEvent stored) => [];
}
