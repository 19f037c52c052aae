using System.Text.Json;
using System.Text.Json.Serialization;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Brokerage.Placements;

/// <summary>
/// One page of child records, exactly as <see cref="Paged{T}"/> serialises (<c>{ items, page, pageSize, total }</c>),
/// which the child-data gate can look into to audit each record.
/// </summary>
internal sealed record ChildRecordPage<T>(
    [property: JsonPropertyName("items")] IReadOnlyList<T> Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("total")] long Total) : IChildRecordContainer
    where T : IChildRecord
{
    public static ChildRecordPage<T> Of(Paged<T> page) => new(page.Items, page.Page, page.PageSize, page.Total);

    [JsonIgnore]
    public IEnumerable<IChildRecord> ChildRecords => Items.Cast<IChildRecord>();
}

/// <summary>
/// An offer as its reader may see it. A provider sees the minimum needed to decide, under the referral's
/// pseudonymous reference: band and rationale, age (never the date of birth), sex, needs, risks, the child's views
/// and the date needed by; never the borough's child id (which the offer does not hold) nor the referral's own id.
/// </summary>
internal sealed record OfferView(
    Guid OfferId,
    Guid? ReferralId,
    string ReferralReference,
    string BedId,
    string HomeCode,
    string ProviderCode,
    string BoroughCode,
    string Status,
    string Band,
    string? BandRationale,
    int? Age,
    string? Sex,
    string? NeededBy,
    DateOnly? RequiredByDate,
    IReadOnlyDictionary<string, string> Needs,
    IReadOnlyList<string> RisksPresent,
    string? ChildsViews,
    DateTimeOffset MadeAt,
    DateTimeOffset RespondBy,
    DateTimeOffset? AnsweredAt,
    string? DeclineReasonCode,
    string? DeclineComment,
    DateOnly? PlannedStartDate,
    DateOnly? PrePlacementVisitDate,
    Guid? PlacementId,
    long Version) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => new("offer", OfferId.ToString(), BoroughCode, [ProviderCode]);
}

internal sealed record PlacementBandView(DateOnly EffectiveFrom, string Band, DateTimeOffset DecidedAt, string DecidedBy);

internal sealed record RebandingRequestView(
    Guid RequestId, string Band, string Rationale, string Status, DateTimeOffset RequestedAt, string RequestedBy, DateOnly? EffectiveFrom,
    string? RejectionReason, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>A placement as its reader may see it (a provider: no referral id, an age rather than birthdays).</summary>
internal sealed record PlacementView(
    Guid PlacementId,
    Guid? ReferralId,
    string ReferralReference,
    Guid? OfferId,
    string? BedId,
    string HomeCode,
    string ProviderCode,
    string BoroughCode,
    string Band,
    string Status,
    int? Age,
    DateOnly? EighteenthBirthday,
    DateOnly? TwentyFirstBirthday,
    DateTimeOffset AgreedAt,
    DateOnly? PlannedStartDate,
    DateOnly? PrePlacementVisitDate,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? ReasonEpisodeCeased,
    string? ReasonPlaceChange,
    bool? Planned,
    DateOnly? StepDownDate,
    string? StepDownReason,
    DateOnly? StayingPutUntil,
    string? StayingPutNote,
    Guid? MovedFromPlacementId,
    Guid? MovedToPlacementId,
    IReadOnlyList<PlacementBandView> Bands,
    IReadOnlyList<RebandingRequestView> RebandingRequests,
    long Version) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => new("placement", PlacementId.ToString(), BoroughCode, [ProviderCode]);
}

internal static class PlacementsAccess
{
    public static readonly string[] ChildReaders = [Roles.Brokerage, Roles.Provider, Roles.BoroughReferrer, Roles.BoroughManager];

    public static int AgeOn(DateOnly born, DateOnly day) => day.Year - born.Year - (day < born.AddYears(day.Year - born.Year) ? 1 : 0);
}

/// <summary>Offers, latest first. A provider sees the offers made to it; a borough its own children's; brokerage all.</summary>
[ChildData]
[AllowedRoles(Roles.Brokerage, Roles.Provider, Roles.BoroughReferrer, Roles.BoroughManager)]
internal sealed record ListOffers(string? Status, PageRequest Page) : IQuery<ChildRecordPage<OfferView>>;

/// <summary>One offer (404 outside the caller's scope).</summary>
[ChildData]
[AllowedRoles(Roles.Brokerage, Roles.Provider, Roles.BoroughReferrer, Roles.BoroughManager)]
internal sealed record GetOffer(Guid OfferId) : IQuery<OfferView>;

/// <summary>Placements, latest first, by borough and status. A provider sees those in its homes; a borough its own.</summary>
[ChildData]
[AllowedRoles(Roles.Brokerage, Roles.Provider, Roles.BoroughReferrer, Roles.BoroughManager)]
internal sealed record ListPlacements(string? Borough, string? Status, PageRequest Page) : IQuery<ChildRecordPage<PlacementView>>;

/// <summary>One placement with its bands and re-banding requests (404 outside the caller's scope).</summary>
[ChildData]
[AllowedRoles(Roles.Brokerage, Roles.Provider, Roles.BoroughReferrer, Roles.BoroughManager)]
internal sealed record GetPlacement(Guid PlacementId) : IQuery<PlacementView>;

internal sealed class PlacementsQueryHandlers(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store,
    RequestContext context,
    TimeProvider clock) :
    IRequestHandler<ListOffers, ChildRecordPage<OfferView>>,
    IRequestHandler<GetOffer, OfferView>,
    IRequestHandler<ListPlacements, ChildRecordPage<PlacementView>>,
    IRequestHandler<GetPlacement, PlacementView>
{
    private const string OfferColumns = """
        offer_id, referral_id, referral_reference, bed_id, home_code, provider_code, borough_code, status, band, summary::text, date_of_birth,
        made_at, respond_by, answered_at, decline_reason_code, decline_comment, planned_start_date, pre_placement_visit_date, placement_id, version
        """;

    private const string PlacementColumns = """
        placement_id, referral_id, referral_reference, offer_id, bed_id, home_code, provider_code, borough_code, band, status, date_of_birth,
        agreed_at, planned_start_date, pre_placement_visit_date, start_date, end_date, reason_episode_ceased, reason_place_change, planned_ending,
        step_down_date, step_down_reason, staying_put_until, staying_put_note, moved_from_placement_id, moved_to_placement_id, version
        """;

    private bool IsProvider => context.Role == Roles.Provider;

    public async Task<ChildRecordPage<OfferView>> Handle(ListOffers request, CancellationToken cancellationToken)
    {
        var status = string.IsNullOrWhiteSpace(request.Status) ? null : request.Status.Trim().ToLowerInvariant();
        if (status is not null && !OfferStatuses.All.Contains(status))
        {
            throw RequestValidationException.For("status", $"Give the status as one of {string.Join(", ", OfferStatuses.All)}, or leave it out for every offer");
        }

        var (scope, scopeValue) = ChildDataScope.For(context).SqlFilter("borough_code", "offered_to", 1);
        var where = $"WHERE {Scoped(scope)} AND ($2::text IS NULL OR status = $2)";
        var today = PartnershipCalendar.Today(clock);
        var page = await PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {PlacementsSchema.Offers} {where}",
            $"SELECT {OfferColumns} FROM {PlacementsSchema.Offers} {where} ORDER BY made_at DESC, offer_id",
            [Text(scopeValue), Text(status)], r => ReadOffer(r, today), cancellationToken);
        return ChildRecordPage<OfferView>.Of(page);
    }

    public async Task<OfferView> Handle(GetOffer request, CancellationToken cancellationToken)
    {
        var today = PartnershipCalendar.Today(clock);
        var rows = await ReadModels.QueryAsync(store, $"SELECT {OfferColumns} FROM {PlacementsSchema.Offers} WHERE offer_id = $1",
            r => ReadOffer(r, today), cancellationToken, request.OfferId);
        return rows.Count == 1 ? rows[0] : throw new NotFoundException("There is no offer with that id.");
    }

    public async Task<ChildRecordPage<PlacementView>> Handle(ListPlacements request, CancellationToken cancellationToken)
    {
        var status = string.IsNullOrWhiteSpace(request.Status) ? null : request.Status.Trim().ToLowerInvariant();
        if (status is not null && !PlacementStatuses.All.Contains(status))
        {
            throw RequestValidationException.For("status", $"Give the status as one of {string.Join(", ", PlacementStatuses.All)}, or leave it out for every placement");
        }

        var borough = string.IsNullOrWhiteSpace(request.Borough) ? null : request.Borough.Trim().ToUpperInvariant();
        var (scope, scopeValue) = ChildDataScope.For(context).SqlFilter("borough_code", "offered_to", 1);
        var where = $"WHERE {Scoped(scope)} AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR borough_code = $3)";
        var today = PartnershipCalendar.Today(clock);
        var page = await PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {PlacementsSchema.Placements} {where}",
            $"SELECT {PlacementColumns} FROM {PlacementsSchema.Placements} {where} ORDER BY agreed_at DESC, placement_id",
            [Text(scopeValue), Text(status), Text(borough)], r => ReadPlacement(r, today, [], []), cancellationToken);
        return ChildRecordPage<PlacementView>.Of(page);
    }

    public async Task<PlacementView> Handle(GetPlacement request, CancellationToken cancellationToken)
    {
        var bands = await ReadModels.QueryAsync(store,
            $"SELECT effective_from, band, decided_at, decided_by FROM {PlacementsSchema.PlacementBands} WHERE placement_id = $1 ORDER BY effective_from",
            r => new PlacementBandView(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3)),
            cancellationToken, request.PlacementId);
        var requests = await ReadModels.QueryAsync(store,
            $"""
            SELECT request_id, band, rationale, status, requested_at, requested_by, effective_from, rejection_reason, decided_at, decided_by
            FROM {PlacementsSchema.RebandingRequests} WHERE placement_id = $1 ORDER BY requested_at
            """,
            r => new RebandingRequestView(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5),
                r.NullableDate(6), r.NullableString(7), r.NullableInstant(8), r.NullableString(9)),
            cancellationToken, request.PlacementId);
        var today = PartnershipCalendar.Today(clock);
        var rows = await ReadModels.QueryAsync(store, $"SELECT {PlacementColumns} FROM {PlacementsSchema.Placements} WHERE placement_id = $1",
            r => ReadPlacement(r, today, bands, requests), cancellationToken, request.PlacementId);
        return rows.Count == 1 ? rows[0] : throw new NotFoundException("There is no placement with that id.");
    }

    private OfferView ReadOffer(NpgsqlDataReader r, DateOnly today)
    {
        var summary = JsonSerializer.Deserialize<OfferSummary>(r.GetString(9), EventTypeRegistry.SerializerOptions)!;
        var born = r.NullableDate(10);
        return new OfferView(
            r.GetGuid(0), IsProvider ? null : r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            r.GetString(7), r.GetString(8), summary.BandRationale, born is { } b ? PlacementsAccess.AgeOn(b, today) : null, summary.Sex,
            summary.NeededBy, summary.RequiredByDate, summary.Needs, summary.RisksPresent, summary.ChildsViews,
            r.GetFieldValue<DateTimeOffset>(11), r.GetFieldValue<DateTimeOffset>(12), r.NullableInstant(13), r.NullableString(14), r.NullableString(15),
            r.NullableDate(16), r.NullableDate(17), r.IsDBNull(18) ? null : r.GetGuid(18), r.GetInt64(19));
    }

    private PlacementView ReadPlacement(NpgsqlDataReader r, DateOnly today, IReadOnlyList<PlacementBandView> bands, IReadOnlyList<RebandingRequestView> requests)
    {
        var born = r.NullableDate(10);
        var hideBirthdays = IsProvider || born is null;
        return new PlacementView(
            r.GetGuid(0), IsProvider ? null : r.GetGuid(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetGuid(3), r.NullableString(4), r.GetString(5),
            r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), born is { } b ? PlacementsAccess.AgeOn(b, today) : null,
            hideBirthdays ? null : born!.Value.AddYears(18), hideBirthdays ? null : born!.Value.AddYears(21),
            r.GetFieldValue<DateTimeOffset>(11), r.NullableDate(12), r.NullableDate(13), r.NullableDate(14), r.NullableDate(15), r.NullableString(16),
            r.NullableString(17), r.IsDBNull(18) ? null : r.GetBoolean(18), r.NullableDate(19), r.NullableString(20), r.NullableDate(21),
            r.NullableString(22), r.IsDBNull(23) ? null : r.GetGuid(23), r.IsDBNull(24) ? null : r.GetGuid(24), bands, requests, r.GetInt64(25));
    }

    private static object Text(object? value) => value ?? DBNull.Value;

    // The scope's parameter is always sent, so it is always named, typed, in the SQL (an unused one has no type).
    private static string Scoped(string condition) => $"({condition}) AND ($1::text IS NULL OR $1::text IS NOT NULL)";
}
