using Commissioning.Brokerage.Matching;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Geography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Brokerage.Beds;

/// <summary>
/// A referral as the shortlist and allocation need it: who owns it, and what matching reads (or, when the referral
/// cannot be matched yet, why not).
/// </summary>
/// <param name="Matching">The engine's input, keyed by the referral's reference; null when <paramref name="NotMatchable"/> says why.</param>
internal sealed record ReferralToMatch(
    Guid ReferralId, string Reference, string BoroughCode, string Status, IReadOnlyList<string> OfferedTo, MatchingReferral? Matching, string? NotMatchable);

/// <summary>
/// Reads what matching needs from the module's own tables (never another module's): referrals through the Referrals
/// part's <see cref="ReferralReader"/>, every contracted bed with its home from <c>brokerage.beds</c> and <c>brokerage.homes</c>
/// (the Beds part's copy of Contracts), holders from <c>brokerage.bed_holds</c> and current residents (confirmed and
/// started placements, with their referral's risks) from <c>brokerage.placements</c>.
/// </summary>
internal sealed class MatchingReader([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, ReferralReader referrals, TimeProvider clock)
{
    // The referral's details are read once per resident (jsonb_to_record), and its "Risk Present" fields become the
    // engine's flags in SQL: one integer a row instead of eleven strings.
    private static readonly string RiskRecord = string.Join(", ", RiskFields.All.Select(f => $"\"{f.FieldName}\" text"));

    private static readonly string RiskFlags = "(" + string.Join(" + ",
        RiskFields.All.Select(f => $"CASE WHEN x.\"{f.FieldName}\" = '{RiskFields.RiskPresent}' THEN {(int)f.Risk} ELSE 0 END")) + ")";

    /// <summary>One referral, or null when there is none with that id.</summary>
    public async Task<ReferralToMatch?> ReferralAsync(Guid referralId, CancellationToken cancellationToken) =>
        await referrals.GetAsync(referralId, cancellationToken) is { } record ? (await ToMatchAsync([record], cancellationToken))[0] : null;

    /// <summary>Every referral waiting for a bed (status <c>submitted</c>), longest waiting first.</summary>
    public async Task<IReadOnlyList<ReferralToMatch>> WaitingReferralsAsync(CancellationToken cancellationToken) =>
        await ToMatchAsync(await referrals.InStatusAsync([ReferralStatus.Submitted], cancellationToken), cancellationToken);

    /// <summary>
    /// Every contracted bed (in contract today or from a later date, not yet ended) with its home, current residents
    /// and availability. A bed is free when nobody holds it and its provider's latest confirmation, not lapsed, says
    /// it is available; a bed nobody holds but that is unconfirmed, lapsed or unavailable is given as unconfirmed.
    /// </summary>
    public async Task<IReadOnlyList<MatchingBed>> ContractedBedsAsync(CancellationToken cancellationToken)
    {
        // Three narrow queries rather than one wide join: a home's arrays are read once per home, not once per bed.
        var today = PartnershipCalendar.Today(clock);
        var residents = await ResidentsAsync(cancellationToken);
        var homes = (await ReadModels.QueryAsync(store,
            $"""
            SELECT home_code, provider_code, ofsted_urn, postcode_district, latitude, longitude, bands, minimum_age, maximum_age,
                   sexes, suspended, statement_of_purpose_limits, home_mix_limit, ofsted_grade, specialisms
            FROM {BedTables.Homes}
            """,
            r => new MatchingHome(
                r.GetString(0),
                r.GetString(1),
                r.GetString(3),
                new GeoPoint(r.GetDouble(4), r.GetDouble(5)),
                [.. r.Strings(6).Select(NeedBands.TryParse).OfType<NeedBand>()],
                r.GetInt32(7),
                r.GetInt32(8),
                [.. r.Strings(9).Select(SexOf).OfType<Sex>()],
                Registered: !string.IsNullOrWhiteSpace(r.GetString(2)),
                Suspended: r.GetBoolean(10),
                r.Strings(11),
                r.GetInt32(12),
                residents.TryGetValue(r.GetString(0), out var living) ? living : [],
                GradeOf(r.NullableString(13)),
                r.Strings(14)),
            cancellationToken)).ToDictionary(h => h.HomeCode, StringComparer.Ordinal);

        var beds = await ReadModels.QueryAsync(store,
            $"""
            SELECT b.bed_id, b.home_code, b.contracted_band, b.in_contract_from, b.vacancy_status, b.available_from, b.vacancy_reason,
                   b.confirmation_lapsed, x.bed_id IS NOT NULL AS held
            FROM {BedTables.Beds} b LEFT JOIN {BrokerageModule.SchemaName}.bed_holds x ON x.bed_id = b.bed_id
            WHERE b.in_contract_to IS NULL OR b.in_contract_to >= $1
            """,
            r =>
            {
                // A bed whose home was never copied cannot be matched (Contracts publishes the home first, so this is not expected).
                if (!homes.TryGetValue(r.GetString(1), out var home))
                {
                    return null;
                }

                var inContractFrom = r.GetFieldValue<DateOnly>(3);
                var earliest = inContractFrom > today ? inContractFrom : today;
                var availability = Availability(
                    held: r.GetBoolean(8), status: r.NullableString(4), from: r.NullableDate(5), reason: r.NullableString(6), lapsed: r.GetBoolean(7), earliest);
                return new MatchingBed(r.GetString(0), home, BandOf(r.GetString(2)), availability);
            },
            cancellationToken, today);
        return [.. beds.OfType<MatchingBed>()];
    }

    /// <summary>What the availability rule sees of one bed (see <see cref="ContractedBedsAsync"/>). Never free before it is in contract.</summary>
    public static BedAvailability? Availability(bool held, string? status, DateOnly? from, string? reason, bool lapsed, DateOnly earliest)
    {
        if (held)
        {
            return null;
        }

        var date = from is { } f && f > earliest ? f : earliest;
        return status switch
        {
            "available" when !lapsed => new BedAvailability(date, true),
            "unavailable" when !lapsed => new BedAvailability(date, false, string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim()),
            _ => new BedAvailability(date, false),
        };
    }

    private async Task<IReadOnlyList<ReferralToMatch>> ToMatchAsync(IReadOnlyList<ReferralRecord> records, CancellationToken cancellationToken)
    {
        // Siblings' homes give their centroids (the Beds part's copy of homes).
        var siblingHomes = records.SelectMany(r => r.Details.SiblingHomeCodes ?? []).Select(h => h.Trim().ToUpperInvariant()).Distinct().ToArray();
        var locations = siblingHomes.Length == 0
            ? new Dictionary<string, GeoPoint>(StringComparer.OrdinalIgnoreCase)
            : (await ReadModels.QueryAsync(store, $"SELECT home_code, latitude, longitude FROM {BedTables.Homes} WHERE upper(home_code) = ANY($1)",
                r => (Code: r.GetString(0), Location: new GeoPoint(r.GetDouble(1), r.GetDouble(2))), cancellationToken, [siblingHomes]))
                .ToDictionary(h => h.Code, h => h.Location, StringComparer.OrdinalIgnoreCase);

        return [.. records.Select(r =>
        {
            var reference = r.Reference ?? r.Id.ToString();
            var (matching, why) = MatchingReferrals.From(reference, r.Details, r.SubmittedAt, locations);
            return new ReferralToMatch(r.Id, reference, r.BoroughCode, ReferralStatuses.Code(r.Status), r.OfferedTo, matching, why);
        })];
    }

    /// <summary>Current residents of each home: confirmed and started placements, with their band and their referral's risks.</summary>
    private async Task<Dictionary<string, IReadOnlyList<CurrentResident>>> ResidentsAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadModels.QueryAsync(store,
            $"""
            SELECT p.home_code, p.band, {RiskFlags}
            FROM {BrokerageModule.SchemaName}.placements p
            LEFT JOIN {BrokerageModule.SchemaName}.referrals r ON r.referral_id = p.referral_id
            LEFT JOIN LATERAL jsonb_to_record(r.details) AS x({RiskRecord}) ON true
            WHERE p.status IN ('confirmed', 'started')
            """,
            r => (Home: r.GetString(0), Resident: new CurrentResident(BandOf(r.GetString(1)), (Risks)r.GetInt32(2))),
            cancellationToken);
        return rows.GroupBy(r => r.Home, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CurrentResident>)[.. g.Select(r => r.Resident)], StringComparer.Ordinal);
    }

    private static NeedBand BandOf(string code) => code switch
    {
        "low" => NeedBand.Low,
        "medium" => NeedBand.Medium,
        "high" => NeedBand.High,
        "specialist" => NeedBand.Specialist,
        _ => NeedBands.TryParse(code) ?? NeedBand.Low,
    };

    private static Sex? SexOf(string code) => code.Trim().ToLowerInvariant() switch
    {
        "female" => Sex.Female,
        "male" => Sex.Male,
        "other" => Sex.Other,
        _ => null,
    };

    private static OfstedGrade? GradeOf(string? code) => code switch
    {
        "outstanding" => OfstedGrade.Outstanding,
        "good" => OfstedGrade.Good,
        "requires-improvement-to-be-good" => OfstedGrade.RequiresImprovementToBeGood,
        "inadequate" => OfstedGrade.Inadequate,
        _ => null,
    };

    internal static Sex? ParseSex(string? code) => code is null ? null : SexOf(code);
}

/// <summary>Turns a referral's details into the matching engine's input (pure), or says what is missing.</summary>
internal static class MatchingReferrals
{
    public const string SoloPlacementRecommended = "Solo placement recommended";

    public static (MatchingReferral? Referral, string? Missing) From(
        string reference, ReferralDetails details, DateTimeOffset? submittedAt, IReadOnlyDictionary<string, GeoPoint> homeLocations)
    {
        var missing = new List<string>();
        var band = NeedBands.TryParse(details.NeedBand);
        var sex = MatchingReader.ParseSex(details.Sex);
        var requiredBy = details.RequiredByDate;
        var home = details.HomePostcodeDistrict is { } district ? Locate(district) : null;
        if (band is null) { missing.Add("the need band"); }
        if (details.DateOfBirth is null) { missing.Add("the date of birth"); }
        if (sex is null) { missing.Add("the child's sex"); }
        if (requiredBy is null) { missing.Add("the required-by date"); }
        if (submittedAt is null) { missing.Add("a submission (it is still a draft)"); }
        if (home is null)
        {
            missing.Add(details.HomePostcodeDistrict is null
                ? "the home postcode district"
                : $"a home postcode district we know where to find ({details.HomePostcodeDistrict} is not one)");
        }

        if (missing.Count > 0)
        {
            return (null, $"Referral {reference} cannot be matched yet: it needs {string.Join(", ", missing)}.");
        }

        var risks = RiskFields.FromStandard(new Dictionary<string, string?>
        {
            ["riskSelfHarm"] = details.RiskSelfHarm,
            ["riskSexualExploitation"] = details.RiskSexualExploitation,
            ["riskCriminalExploitation"] = details.RiskCriminalExploitation,
            ["riskDrugAlcohol"] = details.RiskDrugAlcohol,
            ["riskEatingDisorder"] = details.RiskEatingDisorder,
            ["riskMissing"] = details.RiskMissing,
            ["riskToOthersPhysical"] = details.RiskToOthersPhysical,
            ["riskToOthersSexual"] = details.RiskToOthersSexual,
            ["riskToOthersFire"] = details.RiskToOthersFire,
            ["riskToOthersAnimals"] = details.RiskToOthersAnimals,
            ["riskToOthersCriminal"] = details.RiskToOthersCriminal,
        });
        var siblings = (details.SiblingHomeCodes ?? [])
            .Where(code => homeLocations.ContainsKey(code.Trim()))
            .Select(code => new Sibling(code.Trim().ToUpperInvariant(), homeLocations[code.Trim()]))
            .ToList();

        return (new MatchingReferral(
            reference,
            band!.Value,
            details.DateOfBirth!.Value,
            sex!.Value,
            requiredBy!.Value,
            NeededByOf(details.NeededBy),
            home!.Value,
            details.SchoolPostcodeDistrict is { } school ? Locate(school) : null,
            [.. (details.LocationsToAvoid ?? []).Select(a => a.Trim().ToUpperInvariant())],
            details.LivingCompanions == SoloPlacementRecommended,
            risks,
            siblings,
            [.. details.SpecialismsWanted ?? []],
            submittedAt!.Value), null);
    }

    public static NeededBy NeededByOf(string? code) => code switch
    {
        "Today" => NeededBy.Today,
        "in less than 5 days" => NeededBy.InLessThan5Days,
        _ => NeededBy.InMoreThan5Days,
    };

    private static GeoPoint? Locate(string district) =>
        PostcodeDistricts.Locate(district) is { } point ? new GeoPoint(point.Latitude, point.Longitude) : null;
}
