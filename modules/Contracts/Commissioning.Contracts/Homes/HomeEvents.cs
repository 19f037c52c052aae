using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Contracts.Homes;

/// <summary>Ofsted's overall grades. Stored in events by name: never rename a member.</summary>
internal enum OfstedGrade
{
    Outstanding,
    Good,
    RequiresImprovementToBeGood,
    Inadequate,
}

/// <summary>
/// What a home is and what it can care for, as registered with Ofsted and set out in its Statement of Purpose.
/// </summary>
/// <param name="Sexes">The sexes it cares for: <c>female</c>, <c>male</c>.</param>
/// <param name="StatementOfPurposeLimits">Coded limits (<see cref="HomeLimits"/>): <c>solo-placements-only</c>, or a risk it cannot take.</param>
/// <param name="HomeMixLimit">The most children of high or specialist need it takes at once.</param>
internal sealed record HomeDetails(
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
    IReadOnlyList<NeedBand> Bands,
    IReadOnlyList<string> Specialisms,
    IReadOnlyList<string> StatementOfPurposeLimits,
    int HomeMixLimit);

/// <summary>A provider's home was registered with the partnership under its code (HOME-01). One stream per home.</summary>
[EventType("contracts.home-registered.v1")]
internal sealed record HomeRegistered(string HomeCode, string ProviderCode, HomeDetails Details);

/// <summary>A home's details changed (a new Statement of Purpose, more places): the whole set as it now stands.</summary>
[EventType("contracts.home-details-changed.v1")]
internal sealed record HomeDetailsChanged(string HomeCode, string ProviderCode, HomeDetails Details);

/// <summary>Ofsted inspected the home and gave it an overall grade.</summary>
[EventType("contracts.ofsted-inspection-recorded.v1")]
internal sealed record OfstedInspectionRecorded(string HomeCode, OfstedGrade Grade, DateOnly InspectedOn);

/// <summary>New placements at the home stopped (automatically on an Inadequate grade).</summary>
[EventType("contracts.home-suspended.v1")]
internal sealed record HomeSuspended(string HomeCode, string Reason, DateOnly SuspendedOn);

/// <summary>The contract manager let new placements at the home start again.</summary>
[EventType("contracts.home-suspension-lifted.v1")]
internal sealed record HomeSuspensionLifted(string HomeCode, string Reason, DateOnly LiftedOn, string LiftedBy);

internal static class HomeStreams
{
    public const string StreamType = "home";

    public static string For(string homeCode) => $"home-{homeCode}";
}

/// <summary>The codes and words for Ofsted grades.</summary>
internal static class OfstedGrades
{
    public static IReadOnlyList<OfstedGrade> All { get; } = Enum.GetValues<OfstedGrade>();

    public static string Code(OfstedGrade grade) => grade switch
    {
        OfstedGrade.Outstanding => "outstanding",
        OfstedGrade.Good => "good",
        OfstedGrade.RequiresImprovementToBeGood => "requires-improvement-to-be-good",
        OfstedGrade.Inadequate => "inadequate",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "Unknown grade."),
    };

    public static OfstedGrade? TryParse(string? code) => All.Cast<OfstedGrade?>().FirstOrDefault(g => Code(g!.Value) == code?.Trim().ToLowerInvariant());

    public static OfstedGrade Parse(string code) => TryParse(code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown grade code.");

    public static string Describe(OfstedGrade grade) => grade switch
    {
        OfstedGrade.Outstanding => "Outstanding",
        OfstedGrade.Good => "Good",
        OfstedGrade.RequiresImprovementToBeGood => "Requires improvement to be good",
        OfstedGrade.Inadequate => "Inadequate",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "Unknown grade."),
    };

    public const string Choices = "outstanding, good, requires-improvement-to-be-good or inadequate";
}

/// <summary>
/// The Statement of Purpose limits a home can record: <c>solo-placements-only</c>, or <c>no-</c> followed by a
/// Placements Data Standard v2 risk field in kebab case (<c>no-risk-to-others-fire</c> is riskToOthersFire): the
/// home cannot take a child for whom that risk is "Risk Present". Brokerage matches on these codes.
/// </summary>
internal static class HomeLimits
{
    public const string SoloPlacementsOnly = "solo-placements-only";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        [SoloPlacementsOnly] = "Solo placements only",
        ["no-risk-self-harm"] = "No child with a risk of self-harm",
        ["no-risk-sexual-exploitation"] = "No child at risk of sexual exploitation",
        ["no-risk-criminal-exploitation"] = "No child at risk of criminal exploitation",
        ["no-risk-drug-alcohol"] = "No child with drug or alcohol use",
        ["no-risk-eating-disorder"] = "No child with an eating disorder",
        ["no-risk-missing"] = "No child at risk of going missing",
        ["no-risk-to-others-physical"] = "No child with a risk of physical harm to others",
        ["no-risk-to-others-sexual"] = "No child with a risk of sexual harm to others",
        ["no-risk-to-others-fire"] = "No child with a risk of fire-setting",
        ["no-risk-to-others-animals"] = "No child with a risk of harm to animals",
        ["no-risk-to-others-criminal"] = "No child with a risk of criminal behaviour towards others",
    };

    public static string Describe(string code) => All.TryGetValue(code, out var text) ? text : code;
}

/// <summary>The sexes a home cares for, as the referral API spells them.</summary>
internal static class Sexes
{
    public static IReadOnlyList<string> All { get; } = ["female", "male"];
}
