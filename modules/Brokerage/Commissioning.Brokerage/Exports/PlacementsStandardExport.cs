using System.Text.Json;
using System.Text.Json.Serialization;
using Commissioning.Brokerage.Beds;
using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.Referrals;
using Commissioning.Brokerage.SpotPurchases;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Geo = Commissioning.BuildingBlocks.Geography.PostcodeDistricts;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Messages.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Exports;

/// <summary>
/// One referral as the Placements Data Standard v2 describes it: a property per entity, named as the entity, holding
/// that entity's fields with the standard's names and option values. <see cref="ActualPlacement"/> (and the placement
/// fields of <see cref="QualityAssurance"/>) stay null until a placement is agreed. Child data: the referring borough
/// and brokerage only, and every record exported is audited.
/// </summary>
internal sealed record PlacementsStandardRecord(
    [property: JsonPropertyName("PlacementAvailability")] IReadOnlyDictionary<string, object?> PlacementAvailability,
    [property: JsonPropertyName("PlacementRequirements")] IReadOnlyDictionary<string, object?> PlacementRequirements,
    [property: JsonPropertyName("PlacementRecommendation")] IReadOnlyDictionary<string, object?> PlacementRecommendation,
    [property: JsonPropertyName("Risks")] IReadOnlyDictionary<string, object?> Risks,
    [property: JsonPropertyName("ActualPlacement")] IReadOnlyDictionary<string, object?>? ActualPlacement,
    [property: JsonPropertyName("QualityAssurance")] IReadOnlyDictionary<string, object?> QualityAssurance,
    [property: JsonIgnore] Guid ReferralId,
    [property: JsonIgnore] string BoroughCode) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => new("referral", ReferralId.ToString(), BoroughCode, []);
}

/// <summary>The referrals submitted between two dates (London dates, inclusive, both optional), in the standard's shape.</summary>
[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record ExportPlacementsStandard(ExportPeriod Period) : IQuery<IReadOnlyList<PlacementsStandardRecord>>;

internal sealed class ExportPlacementsStandardHandler(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, RequestContext context, IMediator mediator)
    : IRequestHandler<ExportPlacementsStandard, IReadOnlyList<PlacementsStandardRecord>>
{
    /// <summary>A placement is "out of borough" beyond 20 miles (domain.md): the same line decides whether the location was preferable.</summary>
    private const double LocalMiles = 20;

    public async Task<IReadOnlyList<PlacementsStandardRecord>> Handle(ExportPlacementsStandard request, CancellationToken cancellationToken)
    {
        var (scope, scopeParameter) = ChildDataScope.For(context).SqlFilter("r.borough_code", "ARRAY[]::text[]", 1);
        var referrals = await ReadModels.QueryAsync(store,
            $"""
            SELECT r.referral_id, r.borough_code, r.details::text, r.submitted_at, r.created_by
            FROM {ReferralTables.Referrals} r
            WHERE r.reference IS NOT NULL AND r.submitted_at IS NOT NULL AND {scope}
              AND ($2::date IS NULL OR (r.submitted_at AT TIME ZONE 'Europe/London')::date >= $2)
              AND ($3::date IS NULL OR (r.submitted_at AT TIME ZONE 'Europe/London')::date <= $3)
            ORDER BY r.submitted_at, r.referral_id
            """,
            r => (Id: r.GetGuid(0), Borough: r.GetString(1),
                Details: JsonSerializer.Deserialize<ReferralDetails>(r.GetString(2), EventTypeRegistry.SerializerOptions) ?? new ReferralDetails(),
                SubmittedAt: r.GetFieldValue<DateTimeOffset>(3), CreatedBy: r.NullableString(4)),
            cancellationToken, scopeParameter ?? "", request.Period.From, request.Period.To);

        var placed = await AgreedPlacementsAsync([.. referrals.Select(r => r.Id)], cancellationToken);
        return [.. referrals.Select(r => new PlacementsStandardRecord(
            Entity("PlacementAvailability", r.Details),
            Entity("PlacementRequirements", r.Details),
            Entity("PlacementRecommendation", r.Details),
            Entity("Risks", r.Details),
            placed.TryGetValue(r.Id, out var placement) ? ActualPlacement(r.Details, placement) : null,
            QualityAssurance(r.CreatedBy, PartnershipCalendar.DateOf(r.SubmittedAt), placed.GetValueOrDefault(r.Id)),
            r.Id, r.Borough))];
    }

    /// <summary>The four entities the referral itself carries, field by field as the intake stored them (ReferralRules.StandardFields).</summary>
    private static Dictionary<string, object?> Entity(string entity, ReferralDetails details) =>
        ReferralRules.StandardFields.Where(f => f.Entity == entity).ToDictionary(f => f.Name, f => f.Value(details));

    private static Dictionary<string, object?> ActualPlacement(ReferralDetails details, AgreedPlacement placement)
    {
        var where = Geo.Locate(placement.District);
        bool Within(string? district) =>
            where is { } w && district is not null && Geo.Locate(district) is { } d && Geo.DistanceMiles(d, w) <= LocalMiles;

        return new Dictionary<string, object?>
        {
            // The standard counts whole pounds; the penny-exact price stays in Contracts' fee schedules.
            ["totalWeeklyCost"] = placement.WeeklyCost is { } cost ? (int)decimal.Round(cost, 0, MidpointRounding.AwayFromZero) : null,
            ["placementLocation"] = placement.District,
            ["preferabilityLocation"] = Within(details.HomePostcodeDistrict) && !(details.LocationsToAvoid ?? []).Contains(placement.District, StringComparer.OrdinalIgnoreCase),
            ["educationContinuity"] = Within(details.SchoolPostcodeDistrict),
            ["providerURN"] = placement.ProviderUrn ?? "",
            ["siblingsPlacedTogether"] = placement.HomeCode is { } home ? (details.SiblingHomeCodes ?? []).Count(h => string.Equals(h, home, StringComparison.OrdinalIgnoreCase)) : 0,
            ["placementType"] = placement.PlacementType,
        };
    }

    private static Dictionary<string, object?> QualityAssurance(string? referralOfficer, DateOnly referralDate, AgreedPlacement? placement) => new()
    {
        ["referralOfficerName"] = referralOfficer,
        ["referralDate"] = referralDate,
        ["placementOfficerName"] = placement?.RecordedBy,
        ["placementDate"] = placement?.RecordedOn,
        ["costOfficerName"] = placement?.RecordedBy,
        ["costDate"] = placement?.RecordedOn,
    };

    /// <summary>What a referral's first agreed placement was: a block bed, a spot purchase, or a placement the borough made outside brokerage.</summary>
    private sealed record AgreedPlacement(
        DateTimeOffset AgreedAt, string District, string? HomeCode, string? ProviderUrn, string PlacementType, decimal? WeeklyCost, string? RecordedBy, DateOnly RecordedOn);

    private async Task<Dictionary<Guid, AgreedPlacement>> AgreedPlacementsAsync(Guid[] referralIds, CancellationToken cancellationToken)
    {
        if (referralIds.Length == 0)
        {
            return [];
        }

        // Block placements: the first agreed (a move makes a later one for the same referral); the officer is whoever made the offer.
        var block = await ReadModels.QueryAsync(store,
            $"""
            SELECT DISTINCT ON (p.referral_id) p.referral_id, p.agreed_at, h.postcode_district, p.home_code, h.ofsted_urn, b.contract_id,
                   coalesce(p.start_date, p.planned_start_date, (p.agreed_at AT TIME ZONE 'Europe/London')::date), pb.band,
                   (SELECT e.user_id FROM {BrokerageModule.SchemaName}.events e WHERE e.stream_id = 'offer-' || replace(p.offer_id::text, '-', '') ORDER BY e.version LIMIT 1)
            FROM {PlacementsSchema.Placements} p
            JOIN {BedTables.Homes} h ON h.home_code = p.home_code
            LEFT JOIN {BedTables.Beds} b ON b.bed_id = p.bed_id
            LEFT JOIN LATERAL (SELECT band FROM {PlacementsSchema.PlacementBands} x WHERE x.placement_id = p.placement_id ORDER BY x.effective_from LIMIT 1) pb ON true
            WHERE p.referral_id = ANY($1) AND p.status <> 'called-off' AND p.bed_id IS NOT NULL
            ORDER BY p.referral_id, p.agreed_at
            """,
            r => (Referral: r.GetGuid(0), AgreedAt: r.GetFieldValue<DateTimeOffset>(1), District: r.GetString(2), Home: r.GetString(3), Urn: r.NullableString(4),
                Contract: r.IsDBNull(5) ? (Guid?)null : r.GetGuid(5), PriceDay: r.GetFieldValue<DateOnly>(6), Band: r.NullableString(7), By: r.NullableString(8)),
            cancellationToken, referralIds);
        var questions = block.Where(b => b.Contract is not null && b.Band is not null)
            .Select(b => new BlockPriceQuestion(b.Contract!.Value, b.Band!, b.PriceDay)).Distinct().ToList();
        var prices = questions.Count == 0 ? [] : (await mediator.Send(new GetBlockWeeklyPrices(questions), cancellationToken))
            .ToDictionary(a => a.Question, a => a.WeeklyPrice);

        var placed = new Dictionary<Guid, AgreedPlacement>();
        void Keep(Guid referral, AgreedPlacement placement)
        {
            if (!placed.TryGetValue(referral, out var earlier) || placement.AgreedAt < earlier.AgreedAt)
            {
                placed[referral] = placement;
            }
        }

        foreach (var b in block)
        {
            var price = b.Contract is { } c && b.Band is { } band ? prices.GetValueOrDefault(new BlockPriceQuestion(c, band, b.PriceDay)) : null;
            Keep(b.Referral, new AgreedPlacement(b.AgreedAt, b.District, b.Home, b.Urn, "Residential", price, b.By, PartnershipCalendar.DateOf(b.AgreedAt)));
        }

        var spot = await ReadModels.QueryAsync(store,
            $"""
            SELECT s.referral_id, s.awarded_at, h.postcode_district, s.awarded_home_code, h.ofsted_urn, s.awarded_weekly_price, s.started_by
            FROM {SpotTables.SpotRequests} s JOIN {BedTables.Homes} h ON h.home_code = s.awarded_home_code
            WHERE s.referral_id = ANY($1) AND s.awarded_at IS NOT NULL
            """,
            r => (Referral: r.GetGuid(0), Placement: new AgreedPlacement(r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.NullableString(4), "Residential",
                r.GetDecimal(5), r.NullableString(6), PartnershipCalendar.DateOf(r.GetFieldValue<DateTimeOffset>(1)))),
            cancellationToken, referralIds);
        foreach (var s in spot)
        {
            Keep(s.Referral, s.Placement);
        }

        // A borough's own placement answers the referral it closed; the standard's providerURN is left empty (the borough did not record it).
        var outside = await ReadModels.QueryAsync(store,
            $"""
            SELECT referral_id, recorded_at, postcode_district, placement_type, weekly_cost, recorded_by
            FROM {SpotTables.OutsidePlacements} WHERE referral_id = ANY($1)
            """,
            r => (Referral: r.GetGuid(0), Placement: new AgreedPlacement(r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), null, null, r.GetString(3),
                r.GetDecimal(4), r.NullableString(5), PartnershipCalendar.DateOf(r.GetFieldValue<DateTimeOffset>(1)))),
            cancellationToken, referralIds);
        foreach (var o in outside)
        {
            Keep(o.Referral, o.Placement);
        }

        return placed;
    }
}
