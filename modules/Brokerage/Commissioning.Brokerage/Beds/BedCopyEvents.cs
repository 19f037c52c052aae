using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Beds;

// Brokerage's own copy of what Contracts published about homes, contracted beds and vacancies (docs/brokerage.md).
// Each copy names the integration event it came from (SourceEventId); the inbox mark in the same transaction is what
// makes a redelivery store nothing. Bands, grades and statuses are kept as the codes Contracts published.

/// <summary>What a home is and can care for, as Contracts last described it.</summary>
internal sealed record HomeProfileCopy(
    string ProviderCode,
    string OfstedUrn,
    string Name,
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
    int HomeMixLimit);

/// <summary>A home was registered (<see cref="IsNew"/>) or its details changed: the profile replaces the earlier one whole.</summary>
[EventType("brokerage.home-profile-copied.v1")]
internal sealed record HomeProfileCopied(string HomeCode, HomeProfileCopy Profile, bool IsNew, Guid SourceEventId);

/// <summary>Ofsted graded the home (grade code as published: <c>outstanding</c>, <c>good</c>, …).</summary>
[EventType("brokerage.home-ofsted-grade-copied.v1")]
internal sealed record HomeOfstedGradeCopied(string HomeCode, string Grade, DateOnly InspectedOn, Guid SourceEventId);

/// <summary>New placements at the home were suspended.</summary>
[EventType("brokerage.home-suspension-copied.v1")]
internal sealed record HomeSuspensionCopied(string HomeCode, string Reason, DateOnly SuspendedOn, Guid SourceEventId);

/// <summary>The home's suspension was lifted.</summary>
[EventType("brokerage.home-suspension-lifted-copied.v1")]
internal sealed record HomeSuspensionLiftedCopied(string HomeCode, string Reason, DateOnly LiftedOn, Guid SourceEventId);

/// <summary>One contracted bed: its id, home and the band code it is contracted at.</summary>
internal sealed record ContractedBedCopy(string BedId, string HomeCode, string Band);

/// <summary>A block contract was agreed: its beds are contracted from <see cref="StartsOn"/> to <see cref="EndsOn"/> inclusive.</summary>
[EventType("brokerage.contract-beds-copied.v1")]
internal sealed record ContractBedsCopied(
    Guid ContractId, string Reference, string ProviderCode, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<ContractedBedCopy> Beds, Guid SourceEventId);

/// <summary>
/// An approved variation added and removed beds from <see cref="EffectiveFrom"/>. Added beds run to
/// <see cref="ContractEndsOn"/>, the agreement's end as this stream copied it (null if the agreement never arrived).
/// </summary>
[EventType("brokerage.contract-beds-variation-copied.v1")]
internal sealed record ContractBedsVariationCopied(
    Guid ContractId,
    Guid VariationId,
    string Reference,
    string ProviderCode,
    DateOnly EffectiveFrom,
    IReadOnlyList<ContractedBedCopy> BedsAdded,
    IReadOnlyList<string> BedsRemoved,
    DateOnly? ContractEndsOn,
    Guid SourceEventId);

/// <summary>The provider confirmed the bed <c>available</c> (from a date) or <c>unavailable</c> (with a reason).</summary>
[EventType("brokerage.bed-vacancy-confirmation-copied.v1")]
internal sealed record BedVacancyConfirmationCopied(
    string BedId, string HomeCode, string Status, DateOnly? AvailableFrom, string? Reason, DateTimeOffset ConfirmedAt, Guid SourceEventId);

/// <summary>The bed's confirmation lapsed: it is unconfirmed until the provider confirms it again.</summary>
[EventType("brokerage.bed-vacancy-confirmation-lapse-copied.v1")]
internal sealed record BedVacancyConfirmationLapseCopied(string BedId, string HomeCode, DateTimeOffset ConfirmedAt, DateTimeOffset LapsedAt, Guid SourceEventId);

/// <summary>The Beds part's streams (docs/brokerage.md).</summary>
internal static class BedCopyStreams
{
    public const string HomeType = "brokerage-home";
    public const string ContractBedsType = "brokerage-contract-beds";
    public const string BedVacancyType = "brokerage-bed-vacancy";

    public static string Home(string homeCode) => $"brokerage-home-{homeCode}";

    public static string ContractBeds(Guid contractId) => $"brokerage-contract-beds-{contractId:N}";

    public static string BedVacancy(string bedId) => $"brokerage-bed-vacancy-{bedId}";
}

/// <summary>The Beds part's read models, schema-qualified.</summary>
internal static class BedTables
{
    public const string Homes = BrokerageModule.SchemaName + ".homes";
    public const string Beds = BrokerageModule.SchemaName + ".beds";
}
