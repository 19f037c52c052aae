namespace Commissioning.Brokerage.Matching;

/// <summary>The child's sex as the referral API spells it: <c>female</c>, <c>male</c>, <c>other</c>.</summary>
internal enum Sex
{
    Female,
    Male,
    Other,
}

/// <summary>The Placements Data Standard v2 <c>neededBy</c>: "Today", "in less than 5 days", "in more than 5 days".</summary>
internal enum NeededBy
{
    Today,
    InLessThan5Days,
    InMoreThan5Days,
}

/// <summary>Ofsted's overall grades. A home not yet inspected has none.</summary>
internal enum OfstedGrade
{
    Outstanding,
    Good,
    RequiresImprovementToBeGood,
    Inadequate,
}

/// <summary>A brother or sister already placed, whom the child should live with or near.</summary>
/// <param name="HomeCode">The home the sibling lives in.</param>
/// <param name="Location">That home's district centroid.</param>
internal sealed record Sibling(string HomeCode, GeoPoint Location);

/// <summary>What a referral needs, as matching reads it.</summary>
/// <param name="ReferralId">The referral's reference, used in explanations and to break ties.</param>
/// <param name="HomeLocation">The centroid of the child's home postcode district.</param>
/// <param name="SchoolLocation">The centroid of the child's school postcode district, when given.</param>
/// <param name="AreasToAvoid">Postcode districts the child must not be placed in (gang violence, exploitation).</param>
/// <param name="SoloPlacementNeeded">The standard's <c>livingCompanions</c> is "Solo placement recommended".</param>
/// <param name="Risks">The standard's Risks fields that are "Risk Present".</param>
/// <param name="WaitingSince">When the referral was submitted: the order of "first come, first served".</param>
internal sealed record MatchingReferral(
    string ReferralId,
    NeedBand Band,
    DateOnly DateOfBirth,
    Sex Sex,
    DateOnly RequiredBy,
    NeededBy NeededBy,
    GeoPoint HomeLocation,
    GeoPoint? SchoolLocation,
    IReadOnlyCollection<string> AreasToAvoid,
    bool SoloPlacementNeeded,
    Risks Risks,
    IReadOnlyList<Sibling> Siblings,
    IReadOnlyCollection<string> WantedSpecialisms,
    DateTimeOffset WaitingSince)
{
    /// <summary>The child's age in whole years on the date the placement is needed.</summary>
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - DateOfBirth.Year;
        return DateOfBirth.AddYears(age) > date ? age - 1 : age;
    }
}

/// <summary>A child living in a home now, as far as matching needs to know.</summary>
internal sealed record CurrentResident(NeedBand Band, Risks Risks);

/// <summary>A home, from Brokerage's own copy of what Contracts published about it.</summary>
/// <param name="Bands">The need bands the home can meet.</param>
/// <param name="Sexes">The sexes it cares for.</param>
/// <param name="Registered">Registered with Ofsted as a children's home.</param>
/// <param name="Suspended">New placements are suspended (for example after an Inadequate grade).</param>
/// <param name="StatementOfPurposeLimits">Coded limits: <c>solo-placements-only</c>, or <c>no-</c> and a risk field in kebab case.</param>
/// <param name="HomeMixLimit">The most children of high or specialist need it takes at once.</param>
/// <param name="Grade">The latest Ofsted grade, or null when not yet inspected.</param>
internal sealed record MatchingHome(
    string HomeCode,
    string ProviderCode,
    string PostcodeDistrict,
    GeoPoint Location,
    IReadOnlyCollection<NeedBand> Bands,
    int MinimumAge,
    int MaximumAge,
    IReadOnlyCollection<Sex> Sexes,
    bool Registered,
    bool Suspended,
    IReadOnlyCollection<string> StatementOfPurposeLimits,
    int HomeMixLimit,
    IReadOnlyList<CurrentResident> Residents,
    OfstedGrade? Grade,
    IReadOnlyCollection<string> Specialisms);

/// <summary>When a bed is free: from a date, and whether the provider has confirmed it (unconfirmed beds do not count).</summary>
/// <param name="ProviderSaysUnavailable">The provider's reason when its latest confirmation says the bed is unavailable (then not confirmed).</param>
internal sealed record BedAvailability(DateOnly AvailableFrom, bool Confirmed, string? ProviderSaysUnavailable = null);

/// <summary>A contracted bed.</summary>
/// <param name="ContractedBand">The band the block contract buys the bed at.</param>
/// <param name="Availability">When it is free, or null when it is occupied or held.</param>
internal sealed record MatchingBed(string BedId, MatchingHome Home, NeedBand ContractedBand, BedAvailability? Availability);
