using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Contracts.BedLedger;

// The bed ledger's own events. Holds and placements are the ledger's record of what Brokerage told it (each names the
// integration event it came from), kept on one stream per bed ("bed-<bedId>"), or per spot placement
// ("spot-placement-<placementId>"), so the rule "one offer or child at a time" is decided on one stream, in order.
// Vacancy confirmations are the providers' own, on one stream per home ("home-vacancies-<homeCode>"), so a form of
// several beds is stored whole or not at all.

/// <summary>Whether a provider says a bed can take a child.</summary>
internal enum VacancyStatus
{
    Available,
    Unavailable,
}

/// <summary>An offer holds the bed (from Brokerage's BedHeld).</summary>
[EventType("contracts.bed-hold-recorded.v1")]
internal sealed record BedHoldRecorded(
    string BedId, Guid OfferId, string ReferralReference, string BoroughCode, DateTimeOffset HeldFrom, DateTimeOffset RespondBy, Guid SourceEventId);

/// <summary>The hold ended: released by Brokerage (declined, withdrawn, expired) or turned into a placement.</summary>
[EventType("contracts.bed-hold-ended.v1")]
internal sealed record BedHoldEnded(string BedId, Guid OfferId, string Reason, DateTimeOffset EndedAt, Guid SourceEventId);

/// <summary>A child moved in: a block bed (<see cref="BedId"/>) or a spot contract (<see cref="SpotContractId"/>).</summary>
[EventType("contracts.bed-occupied.v1")]
internal sealed record BedOccupied(
    Guid PlacementId, string? BedId, Guid? SpotContractId, Guid? OfferId, string BoroughCode, NeedBand Band, DateOnly StartDate, Guid SourceEventId);

/// <summary>The child's band changed from <see cref="EffectiveFrom"/>: fees follow it from that day.</summary>
[EventType("contracts.bed-occupant-rebanded.v1")]
internal sealed record BedOccupantRebanded(Guid PlacementId, string? BedId, NeedBand Band, DateOnly EffectiveFrom, Guid SourceEventId);

/// <summary>The placement ended: the bed is empty from <see cref="EndDate"/>.</summary>
[EventType("contracts.bed-vacated.v1")]
internal sealed record BedVacated(Guid PlacementId, string? BedId, DateOnly EndDate, Guid SourceEventId);

/// <summary>
/// Brokerage told the ledger something that cannot be true (a second hold, a child in a bed that is not free, an
/// ending for a placement the ledger never saw). The ledger did not apply it, and says so here, loudly.
/// </summary>
[EventType("contracts.bed-ledger-inconsistency-flagged.v1")]
internal sealed record BedLedgerInconsistencyFlagged(string? BedId, Guid? PlacementId, Guid? OfferId, string Message, DateTimeOffset FlaggedAt, Guid SourceEventId);

/// <summary>A provider confirmed one bed of one of its homes: available (from a date) or unavailable (with a reason).</summary>
[EventType("contracts.vacancy-confirmed.v1")]
internal sealed record VacancyConfirmed(
    string HomeCode, string BedId, VacancyStatus Status, DateOnly? AvailableFrom, string? Reason, DateTimeOffset ConfirmedAt, string ConfirmedBy);

/// <summary>The confirmation window passed without a new confirmation: the bed is unconfirmed and does not count as available.</summary>
[EventType("contracts.vacancy-confirmation-lapsed.v1")]
internal sealed record VacancyConfirmationLapsed(string HomeCode, string BedId, DateTimeOffset ConfirmedAt, DateTimeOffset LapsedAt);

/// <summary>The ledger's copy of a borough's pooled-budget contribution (from the Partnership module), for sharing void costs.</summary>
[EventType("contracts.pooled-budget-contribution-copied.v1")]
internal sealed record PooledBudgetContributionCopied(string BoroughCode, string FinancialYear, decimal Amount, DateTimeOffset SetAt, Guid SourceEventId);

internal static class BedLedgerStreams
{
    public const string BedStreamType = "bed";
    public const string SpotPlacementStreamType = "spot-placement";
    public const string HomeVacanciesStreamType = "home-vacancies";
    public const string PooledBudgetStreamType = "pooled-budget-copy";

    /// <summary>Events that name a placement the ledger never saw have no bed to go to: they are kept here.</summary>
    public const string Unmatched = "bed-ledger-unmatched";

    public static string Bed(string bedId) => $"bed-{bedId}";

    public static string SpotPlacement(Guid placementId) => $"spot-placement-{placementId:N}";

    public static string HomeVacancies(string homeCode) => $"home-vacancies-{homeCode}";

    public static string PooledBudget(string boroughCode) => $"pooled-budget-copy-{boroughCode}";
}
