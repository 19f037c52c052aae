using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;

// A placement a partner borough's own team made outside brokerage: one stream each, "outside-placement-<id:N>",
// scoped to the borough. Recorded so the partnership's figures are whole (domain.md, lessons).

/// <summary>A borough recorded a placement its own team made, with the coded reason it went outside brokerage.</summary>
/// <param name="ChildReference">The borough's own child reference (child data: the borough and brokerage only).</param>
/// <param name="ReferralId">The brokerage referral it answered, closed in the same transaction; null when none.</param>
/// <param name="ReasonCode">One of <see cref="OutsidePlacementCodes.Reasons"/>.</param>
/// <param name="ReasonNote">Required for <c>other</c>, optional otherwise.</param>
/// <param name="PlacementType">Placements Data Standard v2 <c>placementType</c>, verbatim.</param>
/// <param name="Band">Need band code.</param>
[EventType("brokerage.outside-placement-recorded.v1")]
internal sealed record OutsidePlacementRecorded(
    Guid OutsidePlacementId,
    string BoroughCode,
    string ChildReference,
    Guid? ReferralId,
    string ReasonCode,
    string? ReasonNote,
    string ProviderName,
    string PlacementType,
    string PostcodeDistrict,
    DateOnly StartDate,
    decimal WeeklyCost,
    string Band,
    DateTimeOffset RecordedAt,
    string RecordedBy);

/// <summary>The placement ended, with SSDA903 codes so the borough can reconcile its return.</summary>
/// <param name="ReasonEpisodeCeased">SSDA903 REC code.</param>
/// <param name="ReasonPlaceChange">SSDA903 REASON_PLACE_CHANGE code, given with X1 only.</param>
[EventType("brokerage.outside-placement-ended.v1")]
internal sealed record OutsidePlacementEnded(
    Guid OutsidePlacementId, DateOnly EndDate, string ReasonEpisodeCeased, string? ReasonPlaceChange, bool Planned, DateTimeOffset RecordedAt, string RecordedBy);

internal static class OutsidePlacementStreams
{
    public const string StreamType = "outside-placement";

    public static string For(Guid id) => $"outside-placement-{id:N}";
}

/// <summary>An outside placement as its stream tells it.</summary>
internal sealed record OutsidePlacement(OutsidePlacementRecorded? Recorded, OutsidePlacementEnded? Ended) : IAggregateState<OutsidePlacement>
{
    public static OutsidePlacement Initial => new(null, null);

    public OutsidePlacement Apply(object @event) => @event switch
    {
        OutsidePlacementRecorded e => this with { Recorded = e },
        OutsidePlacementEnded e => this with { Ended = e },
        _ => this,
    };
}

/// <summary>The codes an outside placement is recorded with, and their words.</summary>
internal static class OutsidePlacementCodes
{
    public const string Other = "other";

    /// <summary>Why a borough placed a child itself. Deliberately short: the figures are only useful if the reasons are few.</summary>
    public static IReadOnlyDictionary<string, string> Reasons { get; } = new Dictionary<string, string>
    {
        ["emergency-out-of-hours"] = "An emergency out of hours, when brokerage could not be reached",
        ["court-direction"] = "A court directed the placement",
        ["no-suitable-block-bed"] = "No block bed was suitable or free in time",
        ["sibling-group"] = "To keep a sibling group together",
        ["continuity-of-existing-placement"] = "To continue a placement the child already had",
        [Other] = "Another reason (explained in the note)",
    };

    /// <summary>The Placements Data Standard v2 <c>placementType</c> options, verbatim.</summary>
    public static IReadOnlyList<string> PlacementTypes { get; } = ["Residential", "Foster", "Supported Accommodation"];

    public static string ReasonChoices => string.Join(", ", Reasons.Keys);

    public static string Describe(string reasonCode) => Reasons.TryGetValue(reasonCode, out var text) ? text : reasonCode;
}

/// <summary>SSDA903 codes for the end of an episode (standards/ssda903.json), so boroughs can reconcile their return.</summary>
internal static class Ssda903
{
    /// <summary>The episode ceased and a new one began the same day: the child moved to another placement.</summary>
    public const string Moved = "X1";

    /// <summary>REC: reason episode ceased (E43 and E44 are retired and not accepted).</summary>
    public static IReadOnlyDictionary<string, string> ReasonEpisodeCeased { get; } = new Dictionary<string, string>
    {
        ["X1"] = "Episode ceases, and new episode begins on same day, for any reason",
        ["E11"] = "Adopted - application for an adoption order unopposed",
        ["E12"] = "Adopted - consent dispensed with by the court",
        ["E2"] = "Died",
        ["E3"] = "Care taken over by another local authority in the UK",
        ["E4A"] = "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility as part of the care planning process",
        ["E4B"] = "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility which was not part of the current care planning process",
        ["E13"] = "Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility",
        ["E41"] = "Residence order (or child arrangement order setting out with whom the child is to live) granted",
        ["E45"] = "Special guardianship order made to former foster carer(s), who was/are a relative(s) or friend(s)",
        ["E46"] = "Special guardianship order made to former foster carer(s), other than relative(s) or friend(s)",
        ["E47"] = "Special guardianship order made to carer(s), other than former foster carer(s), who was/are a relative(s) or friend(s)",
        ["E48"] = "Special guardianship order made to carer(s), other than former foster carer(s), other than relative(s) or friend(s)",
        ["E5"] = "Moved into independent living arrangement with formalised advice or support, and no longer looked after",
        ["E6"] = "Moved into independent living arrangement without formalised advice or support, and no longer looked after",
        ["E7"] = "Transferred to residential care funded by adult social care services",
        ["E9"] = "Sentenced to custody",
        ["E14"] = "Accommodation on remand ended",
        ["E15"] = "Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply",
        ["E16"] = "Child moved abroad",
        ["E17"] = "Aged 18 (or over) and remained with current carers (inc under staying put arrangements)",
        ["E8"] = "Period of being looked-after ceased for any other reason (where none of the other reasons apply)",
    };

    /// <summary>REASON_PLACE_CHANGE: why the child moved, given with <see cref="Moved"/>.</summary>
    public static IReadOnlyDictionary<string, string> ReasonPlaceChange { get; } = new Dictionary<string, string>
    {
        ["CARPL"] = "Change to/Implementation of Care Plan",
        ["CLOSE"] = "Resignation/closure of provision",
        ["ALLEG"] = "Allegation (s47)",
        ["STAND"] = "Standards of care concern",
        ["APPRR"] = "Approval removed",
        ["CREQB"] = "Carer(s) requests placement end due to child's behaviour",
        ["CREQO"] = "Carer(s) requests placement end other than due to child's behaviour",
        ["CHILD"] = "Child requests placement end",
        ["LAREQ"] = "Responsible/area authority requests placement end",
        ["PLACE"] = "Change in the status of placement only",
        ["CUSTOD"] = "Custody arrangement (child admitted into custody)",
        ["OTHER"] = "Other (exceptional circumstances only)",
    };
}
