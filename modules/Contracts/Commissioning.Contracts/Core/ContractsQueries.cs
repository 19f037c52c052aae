using System.Text.Json;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Providers;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Contracts.Core;

[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin, Roles.Finance, Roles.Brokerage, Roles.TrainingCoordinator, Roles.Provider)]
internal sealed record ListProviders(PageRequest Page) : IQuery<Paged<ProviderSummary>>;

[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin, Roles.Finance, Roles.Brokerage, Roles.TrainingCoordinator, Roles.Provider)]
internal sealed record GetProvider(string ProviderCode) : IQuery<ProviderView>;

[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin, Roles.Finance, Roles.Brokerage, Roles.TrainingCoordinator,
    Roles.BoroughReferrer, Roles.BoroughManager, Roles.BoardMember, Roles.Provider)]
internal sealed record ListHomes(PageRequest Page) : IQuery<Paged<HomeView>>;

[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin, Roles.Finance, Roles.Brokerage, Roles.TrainingCoordinator,
    Roles.BoroughReferrer, Roles.BoroughManager, Roles.BoardMember, Roles.Provider)]
internal sealed record GetHome(string HomeCode) : IQuery<HomeView>;

[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin, Roles.Finance, Roles.Brokerage, Roles.BoardMember, Roles.Provider)]
internal sealed record ListBlockContracts(PageRequest Page) : IQuery<Paged<BlockContractSummary>>;

[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin, Roles.Finance, Roles.Brokerage, Roles.BoardMember, Roles.Provider)]
internal sealed record GetBlockContract(Guid ContractId) : IQuery<BlockContractView>;

[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin, Roles.Finance, Roles.Brokerage, Roles.Provider)]
internal sealed record ListSpotContracts(PageRequest Page) : IQuery<Paged<SpotContractView>>;

[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin, Roles.Finance, Roles.Brokerage, Roles.Provider)]
internal sealed record GetSpotContract(Guid SpotContractId) : IQuery<SpotContractView>;

internal sealed record ProviderSummary(string Code, string Name, string? OfstedProviderReference, bool Accredited);

internal sealed record ProviderCheckView(string Check, string Name, DateOnly? PassedOn, DateOnly? ExpiresOn, bool Current);

internal sealed record ProviderView(
    string Code, string Name, string? OfstedProviderReference, IReadOnlyList<ProviderContact> Contacts, bool Accredited, IReadOnlyList<ProviderCheckView> Checks, long Version);

internal sealed record HomeView(
    string Code,
    string ProviderCode,
    string OfstedUrn,
    string Name,
    string Postcode,
    string PostcodeDistrict,
    double Latitude,
    double Longitude,
    int RegisteredPlaces,
    int MinimumAge,
    int MaximumAge,
    IReadOnlyList<string> Sexes,
    IReadOnlyList<string> Bands,
    IReadOnlyList<string> Specialisms,
    IReadOnlyList<string> StatementOfPurposeLimits,
    int HomeMixLimit,
    string? OfstedGrade,
    DateOnly? OfstedInspectedOn,
    bool Suspended,
    string? SuspensionReason,
    DateOnly? SuspendedOn,
    long Version);

internal sealed record BlockContractSummary(
    Guid Id, string Reference, string ProviderCode, IReadOnlyList<string> ConsortiumMembers, DateOnly StartsOn, DateOnly EndsOn, int Beds, int PendingVariations);

internal sealed record ContractBedView(string BedId, string HomeCode, string Band, DateOnly ContractedFrom, DateOnly? ContractedUntil);

internal sealed record VariationView(
    Guid Id, DateOnly EffectiveFrom, string Reason, IReadOnlyList<ContractBedView> BedsAdded, IReadOnlyList<string> BedsRemoved,
    IReadOnlyDictionary<string, decimal>? NewWeeklyPrices, string Status, string? ProposedBy, DateOnly? DecidedOn, string? DecidedBy, string? RejectionReason);

internal sealed record HistoryEntry(long Version, DateTimeOffset RecordedAt, string? By, string Text);

/// <param name="WeeklyPricesToday">The weekly price of each band today (or at the start, before it), with variations and uplift, rounded to the penny.</param>
internal sealed record BlockContractView(
    Guid Id,
    string Reference,
    string ProviderCode,
    IReadOnlyList<string> ConsortiumMembers,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateOnly? BreakOn,
    IReadOnlyList<DateOnly> ReviewDates,
    IReadOnlyDictionary<string, decimal> WeeklyPrices,
    IReadOnlyDictionary<string, decimal> WeeklyPricesToday,
    decimal AnnualUpliftPercent,
    decimal InnovationCapPercent,
    string OutcomeFrameworkReference,
    IReadOnlyList<ContractBedView> Beds,
    IReadOnlyList<VariationView> Variations,
    IReadOnlyList<HistoryEntry> History,
    long Version);

internal sealed record SpotContractView(
    Guid Id, string Reference, string ProviderCode, string HomeCode, string BoroughCode, string Band, decimal WeeklyPrice, DateOnly StartsOn, DateOnly? EndsOn, long Version);

internal sealed class ContractsQueries([FromKeyedServices(ContractsModule.SchemaName)] EventStore store, RequestContext context, TimeProvider clock)
    : IRequestHandler<ListProviders, Paged<ProviderSummary>>,
      IRequestHandler<GetProvider, ProviderView>,
      IRequestHandler<ListHomes, Paged<HomeView>>,
      IRequestHandler<GetHome, HomeView>,
      IRequestHandler<ListBlockContracts, Paged<BlockContractSummary>>,
      IRequestHandler<GetBlockContract, BlockContractView>,
      IRequestHandler<ListSpotContracts, Paged<SpotContractView>>,
      IRequestHandler<GetSpotContract, SpotContractView>
{
    private const string HomeColumns =
        "home_code, provider_code, ofsted_urn, name, postcode, postcode_district, latitude, longitude, registered_places, minimum_age, maximum_age, " +
        "sexes, bands, specialisms, statement_of_purpose_limits, home_mix_limit, ofsted_grade, ofsted_inspected_on, suspended, suspension_reason, suspended_on, version";

    private const string SpotColumns =
        "spot_contract_id, reference, provider_code, home_code, borough_code, band, weekly_price, starts_on, ends_on, version";

    // $1 is the provider the caller is limited to, or null for every provider.
    private string? Scope => ContractsAccess.ProviderScope(context);

    private string Accredited => $"""
        (SELECT count(*) FROM {CoreTables.ProviderChecks} c WHERE c.provider_code = p.provider_code AND c.expires_on >= '{PartnershipCalendar.Today(clock):yyyy-MM-dd}'::date) = {AccreditationChecks.All.Count}
        """;

    public Task<Paged<ProviderSummary>> Handle(ListProviders request, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {CoreTables.Providers} p WHERE ($1::text IS NULL OR p.provider_code = $1)",
            $"SELECT p.provider_code, p.name, p.ofsted_provider_reference, {Accredited} FROM {CoreTables.Providers} p WHERE ($1::text IS NULL OR p.provider_code = $1) ORDER BY p.provider_code",
            [Scope],
            r => new ProviderSummary(r.GetString(0), r.GetString(1), r.NullableString(2), r.GetBoolean(3)),
            cancellationToken);

    public async Task<ProviderView> Handle(GetProvider request, CancellationToken cancellationToken)
    {
        var code = request.ProviderCode.Trim().ToUpperInvariant();
        var rows = await ReadModels.QueryAsync(store,
            $"SELECT p.name, p.ofsted_provider_reference, p.contacts::text, p.version FROM {CoreTables.Providers} p WHERE p.provider_code = $1 AND ($2::text IS NULL OR p.provider_code = $2)",
            r => (Name: r.GetString(0), Reference: r.NullableString(1), Contacts: JsonSerializer.Deserialize<List<ProviderContact>>(r.GetString(2), JsonSerializerOptions.Web)!, Version: r.GetInt64(3)),
            cancellationToken, code, Scope);
        if (rows.Count == 0)
        {
            throw new NotFoundException($"There is no provider with the code {code}.");
        }

        var today = PartnershipCalendar.Today(clock);
        var passed = (await ReadModels.QueryAsync(store,
                $"SELECT check_code, passed_on, expires_on FROM {CoreTables.ProviderChecks} WHERE provider_code = $1",
                r => (Check: AccreditationChecks.Parse(r.GetString(0)), Passed: r.GetFieldValue<DateOnly>(1), Expires: r.GetFieldValue<DateOnly>(2)),
                cancellationToken, code))
            .ToDictionary(c => c.Check);
        var checks = AccreditationChecks.All.Select(c => passed.TryGetValue(c, out var p)
                ? new ProviderCheckView(AccreditationChecks.Code(c), AccreditationChecks.Describe(c), p.Passed, p.Expires, p.Expires >= today)
                : new ProviderCheckView(AccreditationChecks.Code(c), AccreditationChecks.Describe(c), null, null, false))
            .ToList();
        var (name, reference, contacts, version) = rows[0];
        return new ProviderView(code, name, reference, contacts, checks.All(c => c.Current), checks, version);
    }

    public Task<Paged<HomeView>> Handle(ListHomes request, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {CoreTables.Homes} WHERE ($1::text IS NULL OR provider_code = $1)",
            $"SELECT {HomeColumns} FROM {CoreTables.Homes} WHERE ($1::text IS NULL OR provider_code = $1) ORDER BY home_code",
            [Scope], ReadHome, cancellationToken);

    public async Task<HomeView> Handle(GetHome request, CancellationToken cancellationToken)
    {
        var code = request.HomeCode.Trim().ToUpperInvariant();
        var rows = await ReadModels.QueryAsync(store,
            $"SELECT {HomeColumns} FROM {CoreTables.Homes} WHERE home_code = $1 AND ($2::text IS NULL OR provider_code = $2)", ReadHome, cancellationToken, code, Scope);
        return rows.Count > 0 ? rows[0] : throw new NotFoundException($"There is no home with the code {code}.");
    }

    public Task<Paged<BlockContractSummary>> Handle(ListBlockContracts request, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {CoreTables.BlockContracts} c WHERE ($1::text IS NULL OR c.provider_code = $1 OR $1 = ANY(c.consortium_members))",
            $"""
            SELECT c.contract_id, c.reference, c.provider_code, c.consortium_members, c.starts_on, c.ends_on,
                   (SELECT count(*)::int FROM {CoreTables.ContractBeds} b WHERE b.contract_id = c.contract_id AND b.contracted_until IS NULL),
                   (SELECT count(*)::int FROM {CoreTables.ContractVariations} v WHERE v.contract_id = c.contract_id AND v.status = 'proposed')
            FROM {CoreTables.BlockContracts} c WHERE ($1::text IS NULL OR c.provider_code = $1 OR $1 = ANY(c.consortium_members))
            ORDER BY c.starts_on, c.reference
            """,
            [Scope],
            r => new BlockContractSummary(r.GetGuid(0), r.GetString(1), r.GetString(2), r.Strings(3), r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5), r.GetInt32(6), r.GetInt32(7)),
            cancellationToken);

    public async Task<BlockContractView> Handle(GetBlockContract request, CancellationToken cancellationToken)
    {
        var streamId = BlockContractStreams.For(request.ContractId);
        var events = await store.ReadStreamAsync(streamId, cancellationToken);
        var terms = events.Aggregate(ContractTerms.Initial, (t, e) => t.Apply(e.Data));
        if (terms.Agreement is not { } a || (Scope is { } scope && a.ProviderCode != scope && !a.ConsortiumMembers.Contains(scope)))
        {
            throw new NotFoundException("There is no block contract with that id.");
        }

        var beds = await ReadModels.QueryAsync(store,
            $"SELECT bed_id, home_code, band, contracted_from, contracted_until FROM {CoreTables.ContractBeds} WHERE contract_id = $1 ORDER BY home_code, length(bed_id), bed_id",
            r => new ContractBedView(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.NullableDate(4)),
            cancellationToken, request.ContractId);
        var variations = await ReadModels.QueryAsync(store,
            $"""
            SELECT variation_id, effective_from, reason, beds_added::text, beds_removed, new_weekly_prices::text, status, proposed_by, decided_on, decided_by, rejection_reason
            FROM {CoreTables.ContractVariations} WHERE contract_id = $1 ORDER BY proposed_at, variation_id
            """,
            r => new VariationView(
                r.GetGuid(0), r.GetFieldValue<DateOnly>(1), r.GetString(2),
                [.. JsonSerializer.Deserialize<List<JsonElement>>(r.GetString(3))!.Select(b => new ContractBedView(
                    b.GetProperty("bedId").GetString()!, b.GetProperty("homeCode").GetString()!, b.GetProperty("band").GetString()!, r.GetFieldValue<DateOnly>(1), null))],
                r.Strings(4),
                r.IsDBNull(5) ? null : JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.GetString(5)),
                r.GetString(6), r.NullableString(7), r.NullableDate(8), r.NullableString(9), r.NullableString(10)),
            cancellationToken, request.ContractId);
        var today = PartnershipCalendar.Today(clock);
        var priceDay = today < a.StartsOn ? a.StartsOn : today > a.EndsOn ? a.EndsOn : today;
        return new BlockContractView(
            a.ContractId, a.Reference, a.ProviderCode, a.ConsortiumMembers, a.StartsOn, a.EndsOn, a.BreakOn, a.ReviewDates,
            a.WeeklyPrices.OrderBy(p => p.Key).ToDictionary(p => NeedBands.Code(p.Key), p => p.Value),
            a.WeeklyPrices.Keys.Order().ToDictionary(NeedBands.Code, b => decimal.Round(terms.WeeklyPrice(b, priceDay), 2, MidpointRounding.AwayFromZero)),
            a.AnnualUpliftPercent, a.InnovationCapPercent, a.OutcomeFrameworkReference, beds, variations,
            [.. events.Select(e => new HistoryEntry(e.Version, e.RecordedAt, e.Metadata.UserId, ContractHistory.Describe(e.Data)))],
            events[^1].Version);
    }

    public Task<Paged<SpotContractView>> Handle(ListSpotContracts request, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {CoreTables.SpotContracts} WHERE ($1::text IS NULL OR provider_code = $1)",
            $"SELECT {SpotColumns} FROM {CoreTables.SpotContracts} WHERE ($1::text IS NULL OR provider_code = $1) ORDER BY starts_on DESC, reference",
            [Scope], ReadSpot, cancellationToken);

    public async Task<SpotContractView> Handle(GetSpotContract request, CancellationToken cancellationToken)
    {
        var rows = await ReadModels.QueryAsync(store,
            $"SELECT {SpotColumns} FROM {CoreTables.SpotContracts} WHERE spot_contract_id = $1 AND ($2::text IS NULL OR provider_code = $2)",
            ReadSpot, cancellationToken, request.SpotContractId, Scope);
        return rows.Count > 0 ? rows[0] : throw new NotFoundException("There is no spot contract with that id.");
    }

    private static HomeView ReadHome(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetDouble(6), r.GetDouble(7),
        r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.Strings(11), r.Strings(12), r.Strings(13), r.Strings(14), r.GetInt32(15),
        r.NullableString(16), r.NullableDate(17), r.GetBoolean(18), r.NullableString(19), r.NullableDate(20), r.GetInt64(21));

    private static SpotContractView ReadSpot(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetDecimal(6),
        r.GetFieldValue<DateOnly>(7), r.NullableDate(8), r.GetInt64(9));
}

/// <summary>A block contract's stream told in plain English, for its history page.</summary>
internal static class ContractHistory
{
    public static string Describe(object data) => data switch
    {
        BlockContractAgreed e =>
            $"Contract {e.Reference} agreed with {e.ProviderCode}{(e.ConsortiumMembers.Count > 0 ? $" leading a consortium with {string.Join(", ", e.ConsortiumMembers)}" : "")}, " +
            $"from {PartnershipCalendar.Display(e.StartsOn)} to {PartnershipCalendar.Display(e.EndsOn)}, for {e.Beds.Count} beds " +
            $"({string.Join(", ", e.Beds.GroupBy(b => b.Band).OrderBy(g => g.Key).Select(g => $"{g.Count()} {NeedBands.Code(g.Key)}"))}) " +
            $"at {Prices(e.WeeklyPrices)} a week, rising by {e.AnnualUpliftPercent}% each year; innovation cap {e.InnovationCapPercent}%.",
        ContractVariationProposed e =>
            $"Variation proposed from {PartnershipCalendar.Display(e.EffectiveFrom)}: {e.Reason}." +
            (e.BedsAdded.Count > 0 ? $" Adds {string.Join(", ", e.BedsAdded.Select(b => $"{b.BedId} ({NeedBands.Code(b.Band)})"))}." : "") +
            (e.BedsRemoved.Count > 0 ? $" Removes {string.Join(", ", e.BedsRemoved)}." : "") +
            (e.NewWeeklyPrices is { } p ? $" Weekly prices become {Prices(p)}." : ""),
        ContractVariationApproved e => $"Variation approved on {PartnershipCalendar.Display(e.ApprovedOn)} by {e.ApprovedBy}.",
        ContractBedsVaried e => $"From {PartnershipCalendar.Display(e.EffectiveFrom)}, beds added: {(e.BedsAdded.Count > 0 ? string.Join(", ", e.BedsAdded.Select(b => b.BedId)) : "none")}; beds removed: {(e.BedsRemoved.Count > 0 ? string.Join(", ", e.BedsRemoved) : "none")}.",
        ContractVariationRejected e => $"Variation rejected: {e.Reason}.",
        _ => "Something the history page does not describe yet.",
    };

    private static string Prices(IReadOnlyDictionary<NeedBand, decimal> prices) =>
        string.Join(", ", prices.OrderBy(p => p.Key).Select(p => $"{NeedBands.Code(p.Key)} {PartnershipCalendar.Money(p.Value)}"));
}
