using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Contracts;

/// <summary>What a home is and what it can care for, as Brokerage needs it for matching.</summary>
/// <param name="ProviderCode">The provider that runs the home, e.g. PRV-A.</param>
/// <param name="OfstedUrn">Ofsted's unique reference number for the home.</param>
/// <param name="Name">The home's name.</param>
/// <param name="PostcodeDistrict">The postcode district, e.g. RM7.</param>
/// <param name="Latitude">The district's centroid, for distances.</param>
/// <param name="Longitude">The district's centroid, for distances.</param>
/// <param name="RegisteredPlaces">The places Ofsted registered the home for.</param>
/// <param name="MinimumAge">The youngest age it cares for.</param>
/// <param name="MaximumAge">The oldest age it cares for.</param>
/// <param name="Sexes">The sexes it cares for: <c>female</c>, <c>male</c>.</param>
/// <param name="Bands">The need bands it can meet: <c>low</c>, <c>medium</c>, <c>high</c>, <c>specialist</c>.</param>
/// <param name="Specialisms">What it specialises in, as free text.</param>
/// <param name="StatementOfPurposeLimits">
/// Coded limits: <c>solo-placements-only</c>, or <c>no-</c> and a Placements Data Standard v2 risk field in kebab
/// case (<c>no-risk-to-others-fire</c>: no child for whom riskToOthersFire is "Risk Present").
/// </param>
/// <param name="HomeMixLimit">The most children of high or specialist need it takes at once.</param>
public sealed record HomeProfile(
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

/// <summary>A provider's home joined the partnership's list of homes.</summary>
/// <param name="HomeCode">The home's code, e.g. HOME-01.</param>
/// <param name="Profile">What it is and can care for.</param>
public sealed record HomeRegistered(string HomeCode, HomeProfile Profile) : IntegrationEvent;

/// <summary>A home's details changed: <paramref name="Profile"/> replaces the earlier one whole.</summary>
/// <param name="HomeCode">The home's code.</param>
/// <param name="Profile">What it is and can care for, now.</param>
public sealed record HomeDetailsChanged(string HomeCode, HomeProfile Profile) : IntegrationEvent;

/// <summary>Ofsted graded a home.</summary>
/// <param name="HomeCode">The home's code.</param>
/// <param name="Grade"><c>outstanding</c>, <c>good</c>, <c>requires-improvement-to-be-good</c> or <c>inadequate</c>.</param>
/// <param name="InspectedOn">The date of the inspection.</param>
public sealed record HomeOfstedGradeRecorded(string HomeCode, string Grade, DateOnly InspectedOn) : IntegrationEvent;

/// <summary>New placements at a home are suspended (automatically after an Inadequate grade): match no child to it.</summary>
/// <param name="HomeCode">The home's code.</param>
/// <param name="Reason">Why, in plain English.</param>
/// <param name="SuspendedOn">From when.</param>
public sealed record HomeSuspended(string HomeCode, string Reason, DateOnly SuspendedOn) : IntegrationEvent;

/// <summary>The contract manager lifted a home's suspension: it can take new placements again.</summary>
/// <param name="HomeCode">The home's code.</param>
/// <param name="Reason">Why, in plain English.</param>
/// <param name="LiftedOn">From when.</param>
public sealed record HomeSuspensionLifted(string HomeCode, string Reason, DateOnly LiftedOn) : IntegrationEvent;
