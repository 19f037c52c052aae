using System.Globalization;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using static Commissioning.BuildingBlocks.Web.EntityVersions;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Providers;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Commissioning.Contracts.Web;

/// <summary>
/// Providers, homes, block and spot contracts in the integration API: the same actions as the pages. A provider's
/// key sees only its own provider, homes and contracts; anything else answers 404. Single records carry an ETag
/// (their version) and changes to them take it back as If-Match, refusing a stale one with 409.
/// </summary>
internal static class ContractsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Contracts");
        var writers = ContractsAccess.Split(ContractsAccess.Writers);

        api.MapGet("/providers", (IMediator m, PageRequest page, CancellationToken ct) => m.Send(new ListProviders(page), ct))
            .RequireRoles(ContractsAccess.Split(ContractsAccess.ProviderReaders)).Produces<Paged<ProviderSummary>>()
            .WithSummary("Providers by code, with whether each is accredited (every pre-qualification check current). A provider sees only itself.");
        api.MapGet("/providers/{code}", async (IMediator m, string code, HttpContext http, CancellationToken ct) =>
                Tagged(http, await m.Send(new GetProvider(code), ct), v => v.Version))
            .RequireRoles(ContractsAccess.Split(ContractsAccess.ProviderReaders)).Produces<ProviderView>()
            .WithSummary("A provider with its contacts and its checks (health-and-safety, safeguarding, equal-opportunities, human-resources, required-training).");
        api.MapPost("/providers", async (IMediator m, ProviderBody body, CancellationToken ct) =>
            {
                var code = await m.Send(new RegisterProvider(body.Code ?? "", body.Name ?? "", body.OfstedProviderReference,
                    [.. (body.Contacts ?? []).Select(c => new ProviderContact(c.Name ?? "", c.Email ?? "", c.Phone))]), ct);
                return Results.Created($"/api/v1/providers/{code}", await m.Send(new GetProvider(code), ct));
            })
            .RequireRoles(writers).Produces<ProviderView>(StatusCodes.Status201Created)
            .WithSummary("Registers a provider under its short code (e.g. PRV-D); the Partnership module then makes it an organisation.");
        api.MapPost("/providers/{code}/checks", async (IMediator m, string code, CheckBody body, CancellationToken ct) =>
            {
                await m.Send(new RecordProviderCheck(code, AccreditationChecks.TryParse(body.Check), body.PassedOn, body.ExpiresOn), ct);
                return Results.Ok(await m.Send(new GetProvider(code), ct));
            })
            .RequireRoles(writers).Produces<ProviderView>().WithSummary("Records that the provider passed a check, with the date passed and its expiry.");

        var homeReaders = ContractsAccess.Split(ContractsAccess.HomeReaders);
        api.MapGet("/homes", (IMediator m, PageRequest page, CancellationToken ct) => m.Send(new ListHomes(page), ct))
            .RequireRoles(homeReaders).Produces<Paged<HomeView>>()
            .WithSummary("Homes by code, with their Ofsted grade and whether new placements are suspended. A provider sees only its own.");
        api.MapGet("/homes/{homeCode}", async (IMediator m, string homeCode, HttpContext http, CancellationToken ct) =>
                Tagged(http, await m.Send(new GetHome(homeCode), ct), v => v.Version))
            .RequireRoles(homeReaders).Produces<HomeView>();
        api.MapPost("/homes", async (IMediator m, HomeBody body, CancellationToken ct) =>
            {
                var code = await m.Send(new RegisterHome(body.Code ?? "", body.ProviderCode ?? "", body.Details()), ct);
                return Results.Created($"/api/v1/homes/{code}", await m.Send(new GetHome(code), ct));
            })
            .RequireRoles(writers).Produces<HomeView>(StatusCodes.Status201Created)
            .WithSummary("Registers a provider's home. The postcode's district must be one the partnership knows (north-east London and its edges).");
        api.MapPost("/homes/{homeCode}/details", async (IMediator m, string homeCode, HomeBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new ChangeHomeDetails(homeCode, body.Details(), IfMatch(http)), ct);
                return Tagged(http, await m.Send(new GetHome(homeCode), ct), v => v.Version);
            })
            .RequireRoles(writers).Produces<HomeView>().WithSummary("Replaces the home's details (code and provider stay). If-Match takes the home's ETag.");
        api.MapPost("/homes/{homeCode}/ofsted-inspections", async (IMediator m, string homeCode, InspectionBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new RecordOfstedInspection(homeCode, OfstedGrades.TryParse(body.Grade), body.InspectedOn), ct);
                return Tagged(http, await m.Send(new GetHome(homeCode), ct), v => v.Version);
            })
            .RequireRoles(writers).Produces<HomeView>()
            .WithSummary("Records the latest Ofsted grade (outstanding, good, requires-improvement-to-be-good, inadequate). Inadequate suspends new placements.");
        api.MapPost("/homes/{homeCode}/suspension/lift", async (IMediator m, string homeCode, ReasonBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new LiftHomeSuspension(homeCode, body.Reason ?? "", IfMatch(http)), ct);
                return Tagged(http, await m.Send(new GetHome(homeCode), ct), v => v.Version);
            })
            .RequireRoles(writers).Produces<HomeView>().WithSummary("Lifts the suspension of new placements at the home, with the reason. 409 when it is not suspended.");

        var contractReaders = ContractsAccess.Split(ContractsAccess.ContractReaders);
        api.MapGet("/contracts", (IMediator m, PageRequest page, CancellationToken ct) => m.Send(new ListBlockContracts(page), ct))
            .RequireRoles(contractReaders).Produces<Paged<BlockContractSummary>>()
            .WithSummary("Block contracts, oldest first, with their beds contracted now. A provider sees those it leads or is a consortium member of.");
        api.MapGet("/contracts/{id:guid}", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
                Tagged(http, await m.Send(new GetBlockContract(id), ct), v => v.Version))
            .RequireRoles(contractReaders).Produces<BlockContractView>()
            .WithSummary("A block contract: terms, beds (with the dates contracted), variations, today's prices and its history in plain English.");
        api.MapPost("/contracts", async (IMediator m, ContractBody body, CancellationToken ct) =>
            {
                var id = await m.Send(new AgreeBlockContract(body.ProviderCode ?? "", body.ConsortiumMembers, body.StartsOn, body.EndsOn, body.BreakOn,
                    body.ReviewDates, body.WeeklyPrices, body.AnnualUpliftPercent, body.InnovationCapPercent, body.OutcomeFrameworkReference, body.Beds), ct);
                return Results.Created($"/api/v1/contracts/{id}", await m.Send(new GetBlockContract(id), ct));
            })
            .RequireRoles(writers).Produces<BlockContractView>(StatusCodes.Status201Created)
            .WithSummary("Agrees a block contract: beds as [{ homeCode, band, count }], weeklyPrices by band. Eight years and a 7% innovation cap unless given.");
        api.MapPost("/contracts/{id:guid}/variations", async (IMediator m, Guid id, VariationBody body, HttpContext http, CancellationToken ct) =>
            {
                var variationId = await m.Send(new ProposeContractVariation(id, body.EffectiveFrom, body.Reason, body.BedsAdded, body.BedsRemoved, body.NewWeeklyPrices, IfMatch(http)), ct);
                var contract = await m.Send(new GetBlockContract(id), ct);
                http.Response.Headers.ETag = ETag(contract.Version);
                return Results.Created($"/api/v1/contracts/{id}/variations/{variationId}", contract.Variations.Single(v => v.Id == variationId));
            })
            .RequireRoles(writers).Produces<VariationView>(StatusCodes.Status201Created)
            .WithSummary("Proposes a variation from an effective date: bedsAdded, bedsRemoved (bed ids), newWeeklyPrices (only the bands that change).");
        api.MapGet("/contracts/{id:guid}/variations/{variationId:guid}", async (IMediator m, Guid id, Guid variationId, CancellationToken ct) =>
                Results.Ok(VariationOf(await m.Send(new GetBlockContract(id), ct), variationId)))
            .RequireRoles(contractReaders).Produces<VariationView>();
        api.MapPost("/contracts/{id:guid}/variations/{variationId:guid}/approve", async (IMediator m, Guid id, Guid variationId, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new ApproveContractVariation(id, variationId, IfMatch(http)), ct);
                var contract = await m.Send(new GetBlockContract(id), ct);
                http.Response.Headers.ETag = ETag(contract.Version);
                return Results.Ok(VariationOf(contract, variationId));
            })
            .RequireRoles(writers).Produces<VariationView>()
            .WithSummary("Approves a proposed variation (recorded with today's date and who). If-Match takes the contract's ETag: a stale one is 409.");
        api.MapPost("/contracts/{id:guid}/variations/{variationId:guid}/reject", async (IMediator m, Guid id, Guid variationId, ReasonBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new RejectContractVariation(id, variationId, body.Reason, IfMatch(http)), ct);
                var contract = await m.Send(new GetBlockContract(id), ct);
                http.Response.Headers.ETag = ETag(contract.Version);
                return Results.Ok(VariationOf(contract, variationId));
            })
            .RequireRoles(writers).Produces<VariationView>().WithSummary("Rejects a proposed variation with the reason. If-Match takes the contract's ETag.");

        var spotReaders = ContractsAccess.Split(ContractsAccess.SpotContractReaders);
        api.MapGet("/spot-contracts", (IMediator m, PageRequest page, CancellationToken ct) => m.Send(new ListSpotContracts(page), ct))
            .RequireRoles(spotReaders).Produces<Paged<SpotContractView>>().WithSummary("Spot contracts, latest first. A provider sees only its own.");
        api.MapGet("/spot-contracts/{id:guid}", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
                Tagged(http, await m.Send(new GetSpotContract(id), ct), v => v.Version))
            .RequireRoles(spotReaders).Produces<SpotContractView>();
        api.MapPost("/spot-contracts", async (IMediator m, SpotBody body, CancellationToken ct) =>
            {
                var id = await m.Send(new AgreeSpotContract(body.ProviderCode, body.HomeCode, body.BoroughCode, body.Band, body.WeeklyPrice, body.StartsOn, body.EndsOn), ct);
                return Results.Created($"/api/v1/spot-contracts/{id}", await m.Send(new GetSpotContract(id), ct));
            })
            .RequireRoles(writers).Produces<SpotContractView>(StatusCodes.Status201Created)
            .WithSummary("Buys a single placement outside the block: provider, home, borough (GSS code), band, weekly price, dates.");
        api.MapPost("/spot-contracts/{id:guid}/end", async (IMediator m, Guid id, EndBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new EndSpotContract(id, body.EndedOn, IfMatch(http)), ct);
                return Tagged(http, await m.Send(new GetSpotContract(id), ct), v => v.Version);
            })
            .RequireRoles(writers).Produces<SpotContractView>().WithSummary("Ends a spot contract on a date.");
    }

    private static VariationView VariationOf(BlockContractView contract, Guid variationId) =>
        contract.Variations.FirstOrDefault(v => v.Id == variationId) ?? throw new NotFoundException("This contract has no variation with that id.");

    internal sealed record ContactBody(string? Name, string? Email, string? Phone);

    internal sealed record ProviderBody(string? Code, string? Name, string? OfstedProviderReference, IReadOnlyList<ContactBody>? Contacts);

    internal sealed record CheckBody(string? Check, DateOnly? PassedOn, DateOnly? ExpiresOn);

    internal sealed record HomeBody(
        string? Code, string? ProviderCode, string? OfstedUrn, string? Name, string? Postcode, int? RegisteredPlaces, int? MinimumAge, int? MaximumAge,
        IReadOnlyList<string>? Sexes, IReadOnlyList<string>? Bands, IReadOnlyList<string>? Specialisms, IReadOnlyList<string>? StatementOfPurposeLimits, int? HomeMixLimit)
    {
        public HomeInput Details() => new(OfstedUrn, Name, Postcode, RegisteredPlaces, MinimumAge, MaximumAge, Sexes, Bands, Specialisms, StatementOfPurposeLimits, HomeMixLimit);
    }

    internal sealed record InspectionBody(string? Grade, DateOnly? InspectedOn);

    internal sealed record ReasonBody(string? Reason);

    internal sealed record ContractBody(
        string? ProviderCode, IReadOnlyList<string>? ConsortiumMembers, DateOnly? StartsOn, DateOnly? EndsOn, DateOnly? BreakOn, IReadOnlyList<DateOnly>? ReviewDates,
        Dictionary<string, decimal>? WeeklyPrices, decimal? AnnualUpliftPercent, decimal? InnovationCapPercent, string? OutcomeFrameworkReference, IReadOnlyList<BedRequest>? Beds);

    internal sealed record VariationBody(
        DateOnly? EffectiveFrom, string? Reason, IReadOnlyList<BedRequest>? BedsAdded, IReadOnlyList<string>? BedsRemoved, Dictionary<string, decimal>? NewWeeklyPrices);

    internal sealed record SpotBody(string? ProviderCode, string? HomeCode, string? BoroughCode, string? Band, decimal? WeeklyPrice, DateOnly? StartsOn, DateOnly? EndsOn);

    internal sealed record EndBody(DateOnly? EndedOn);
}
