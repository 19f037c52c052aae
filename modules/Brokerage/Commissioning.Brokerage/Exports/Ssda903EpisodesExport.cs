using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Commissioning.Brokerage.Beds;
using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.Referrals;
using Commissioning.Brokerage.SpotPurchases;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Exports;

/// <summary>
/// One SSDA903 episode (a row of the statutory return's Episodes table), as far as the partnership knows it. Legal
/// status (LS), category of need (CIN) and the child's home postcode (HOME_POST) live in the borough's own case
/// record, so they are left blank for the borough to complete; RNE is <c>P</c> (change of placement and carers) for an
/// episode that follows a move brokerage recorded, and blank otherwise.
/// </summary>
internal sealed record Ssda903Episode(
    string Child, DateOnly Decom, string? Rne, string? Place, string? PlaceProvider, DateOnly? Dec, string? Rec, string? ReasonPlaceChange,
    string? Urn, [property: JsonIgnore] string Kind, [property: JsonIgnore] string Id, [property: JsonIgnore] string BoroughCode) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => new(Kind, Id, BoroughCode, []);
}

/// <summary>
/// The episodes of the caller's borough (brokerage: every borough, or the one named) that were open at any time between
/// two dates (inclusive, both optional): an episode that ceased after <c>to</c> is written as still open, as the return
/// writes an episode open at 31 March.
/// </summary>
[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record ExportSsda903Episodes(ExportPeriod Period, string? Borough) : IQuery<IReadOnlyList<Ssda903Episode>>;

internal sealed class ExportSsda903EpisodesHandler([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, RequestContext context)
    : IRequestHandler<ExportSsda903Episodes, IReadOnlyList<Ssda903Episode>>
{
    /// <summary>SSDA903 PLACE for a children's home subject to the Children's Homes Regulations: every block and spot bed is one.</summary>
    private const string ChildrensHome = "K2";

    /// <summary>SSDA903 PLACE_PROVIDER for private provision: the partnership buys its beds from independent providers.</summary>
    private const string PrivateProvision = "PR4";

    public async Task<IReadOnlyList<Ssda903Episode>> Handle(ExportSsda903Episodes request, CancellationToken cancellationToken)
    {
        var (scope, scopeParameter) = ChildDataScope.For(context).SqlFilter("borough_code", "ARRAY[]::text[]", 1);
        object?[] parameters = [scopeParameter ?? "", request.Period.From, request.Period.To, request.Borough?.Trim().ToUpperInvariant()];
        const string Overlaps = "($2::date IS NULL OR end_date IS NULL OR end_date >= $2) AND ($3::date IS NULL OR start_date <= $3) AND ($4::text IS NULL OR borough_code = $4)";

        var episodes = new List<Ssda903Episode>();
        episodes.AddRange(await ReadModels.QueryAsync(store,
            $"""
            SELECT p.placement_id, p.borough_code, r.details->>'childId', p.start_date, p.end_date, p.reason_episode_ceased, p.reason_place_change,
                   p.moved_from_placement_id IS NOT NULL, h.ofsted_urn
            FROM (SELECT * FROM {PlacementsSchema.Placements} WHERE start_date IS NOT NULL AND status IN ('started', 'ended') AND {scope} AND {Overlaps}) p
            JOIN {ReferralTables.Referrals} r ON r.referral_id = p.referral_id
            LEFT JOIN {BedTables.Homes} h ON h.home_code = p.home_code
            """,
            r => Episode("placement", r.GetGuid(0).ToString(), r.GetString(1), r.NullableString(2) ?? "", r.GetFieldValue<DateOnly>(3), r.NullableDate(4),
                r.NullableString(5), r.NullableString(6), r.GetBoolean(7) ? "P" : null, ChildrensHome, PrivateProvision, r.NullableString(8), request.Period),
            cancellationToken, parameters));
        episodes.AddRange(await ReadModels.QueryAsync(store,
            $"""
            SELECT s.spot_request_id, s.borough_code, r.details->>'childId', s.start_date, s.end_date, s.reason_episode_ceased, s.reason_place_change, h.ofsted_urn
            FROM (SELECT * FROM {SpotTables.SpotRequests} WHERE start_date IS NOT NULL AND status IN ('placed', 'ended') AND {scope} AND {Overlaps}) s
            JOIN {ReferralTables.Referrals} r ON r.referral_id = s.referral_id
            LEFT JOIN {BedTables.Homes} h ON h.home_code = s.awarded_home_code
            """,
            r => Episode("spot-request", r.GetGuid(0).ToString(), r.GetString(1), r.NullableString(2) ?? "", r.GetFieldValue<DateOnly>(3), r.NullableDate(4),
                r.NullableString(5), r.NullableString(6), null, ChildrensHome, PrivateProvision, r.NullableString(7), request.Period),
            cancellationToken, parameters));
        episodes.AddRange(await ReadModels.QueryAsync(store,
            $"""
            SELECT outside_placement_id, borough_code, child_reference, start_date, end_date, reason_episode_ceased, reason_place_change, placement_type
            FROM {SpotTables.OutsidePlacements} WHERE {scope} AND {Overlaps}
            """,
            r => Episode("outside-placement", r.GetGuid(0).ToString(), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.NullableDate(4),
                r.NullableString(5), r.NullableString(6), null, PlaceOf(r.GetString(7)), r.GetString(7) == "Foster" ? null : PrivateProvision, null, request.Period),
            cancellationToken, parameters));
        return [.. episodes.OrderBy(e => e.Child, StringComparer.Ordinal).ThenBy(e => e.Decom)];
    }

    /// <summary>The borough's own placement type in SSDA903 terms; foster placements need the carer's type, which the record does not hold.</summary>
    private static string? PlaceOf(string placementType) => placementType switch
    {
        "Residential" => ChildrensHome,
        "Supported Accommodation" => "K3",
        _ => null,
    };

    private static Ssda903Episode Episode(
        string kind, string id, string borough, string child, DateOnly start, DateOnly? end, string? rec, string? reasonPlaceChange, string? rne,
        string? place, string? provider, string? urn, ExportPeriod period)
    {
        // Ceased after the period: the return shows it open (DEC, REC and the reason all blank together, rules 148 and 233).
        var ceased = end is { } e && (period.To is null || e <= period.To);
        return new Ssda903Episode(child, start, rne, place, provider, ceased ? end : null, ceased ? rec : null,
            ceased && rec == Ssda903.Moved ? reasonPlaceChange : null, urn, kind, id, borough);
    }
}

/// <summary>The Episodes table as CSV: the columns in the order and with the names of <c>ssda903.json</c>, dates DD/MM/YYYY.</summary>
internal static class Ssda903Csv
{
    public static IReadOnlyList<string> Columns { get; } =
        ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"];

    public static string Write(IEnumerable<Ssda903Episode> episodes)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Columns)).Append("\r\n");
        foreach (var e in episodes)
        {
            string?[] row = [e.Child, Date(e.Decom), e.Rne, null, null, e.Place, e.PlaceProvider, e.Dec is { } dec ? Date(dec) : null, e.Rec, e.ReasonPlaceChange, null, null, e.Urn];
            csv.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    // RFC 4180: quote a field holding a comma, quote or line break; a leading formula character is defused for spreadsheets.
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
