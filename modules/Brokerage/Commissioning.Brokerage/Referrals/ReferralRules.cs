using System.Text.RegularExpressions;

namespace Commissioning.Brokerage.Referrals;

/// <summary>
/// One field of the Placements Data Standard v2 as a referral carries it: the entity, the standard's name, type,
/// cardinality and option values verbatim, and the words the question flow and the error messages use. A test
/// reads the standard's JSON and checks this table against it.
/// </summary>
/// <param name="Label">What the field is, as a phrase for messages: "the child's communication needs".</param>
/// <param name="Hint">A line of help on the question page, or null.</param>
internal sealed record StandardField(
    string Entity, string Name, string Type, string Cardinality, IReadOnlyList<string>? Options, string Label, string? Hint,
    Func<ReferralDetails, object?> Value)
{
    public bool Required => Cardinality.StartsWith('1');

    public bool Many => Cardinality.EndsWith('*');
}

/// <summary>
/// The rules a referral's details keep to be submitted, and the completeness check (the same rules, listed before
/// submission). Messages name the field as the API does (camelCase) and say how to put it right.
/// </summary>
/// <remarks>
/// Age: the partnership's residential homes care for children aged 11 to 17, so the child must be 11 to 17 on the
/// required-by date. There is no rationale override: a younger child's need is met by fostering and a young person
/// past 18 stays put under their placement (a placement matter, not a new referral); a referral outside the range is
/// refused with a message saying so, and brokerage can be asked directly in an exceptional case.
/// </remarks>
internal static partial class ReferralRules
{
    private static readonly string[] RiskOptions = ["No known risk", "Risk Present"];
    private static readonly string[] SuitabilityOptions = ["Preferred", "Suitable but not preferred", "Unsuitable", "Not specified"];

    public const int MinimumAge = 11;
    public const int MaximumAge = 17;

    /// <summary>Every Placements Data Standard v2 field of PlacementAvailability, PlacementRequirements, PlacementRecommendation and Risks.</summary>
    public static IReadOnlyList<StandardField> StandardFields { get; } =
    [
        // childId is an Integer in the standard; api.md makes it the borough's own reference, a string.
        new("PlacementAvailability", "childId", "String", "1..1", null, "the child's ID (your borough's own reference for the child)", "Your case management system's reference. It is never shown to providers.", d => d.ChildId),
        new("PlacementAvailability", "neededBy", "Categorical", "0..1", ["Today", "in less than 5 days", "in more than 5 days"], "when the placement is needed by", "\"Today\" is an emergency: brokerage decides within 24 hours.", d => d.NeededBy),
        new("PlacementAvailability", "siblingCount", "Integer", "0..1", null, "the number of brothers and sisters to be placed with the child", null, d => d.SiblingCount),
        new("PlacementAvailability", "preferredLocation", "String", "0..1", null, "the preferred location for the home search", null, d => d.PreferredLocation),

        new("PlacementRequirements", "communicationNeeds", "Categorical", "1..1", ["Y", "N", "Not Specified"], "whether the child has communication, language or learning needs", null, d => d.CommunicationNeeds),
        new("PlacementRequirements", "specificCommunicationRequirements", "Categorical", "1..*", ["ESOL", "BSL", "Makaton", "Other", "None"], "the child's specific communication and language requirements", "Select all that apply, or None.", d => d.SpecificCommunicationRequirements),
        new("PlacementRequirements", "homeAdaptation", "Boolean", "1..1", null, "whether the home needs adapting for the child", null, d => d.HomeAdaptation),
        new("PlacementRequirements", "culturalNeeds", "Categorical", "1..1", ["Required", "Not required", "Not Known", "Other"], "the child's cultural needs (for example a place of worship)", null, d => d.CulturalNeeds),
        new("PlacementRequirements", "livingCompanions", "Categorical", "1..1", ["Solo placement recommended", "With other children recommended", "Only with other older children", "Only with other younger children", "No preference"], "who the child can be cared for alongside", null, d => d.LivingCompanions),
        new("PlacementRequirements", "pets", "Categorical", "1..1", ["Yes - must", "Yes - can", "No", "Not Known"], "whether the child can live with pets or animals", null, d => d.Pets),
        new("PlacementRequirements", "additionalSupport", "Categorical", "0..1", ["additional supervision", "therapeutic support", "a worker for respite", "taxis to school", "NA", "other (please specify)"], "the additional support the child needs", null, d => d.AdditionalSupport),
        new("PlacementRequirements", "deprivationOfLiberty", "Boolean", "0..1", null, "whether a deprivation of liberty order applies", null, d => d.DeprivationOfLiberty),

        new("PlacementRecommendation", "fosterCareSuitability", "Categorical", "1..1", SuitabilityOptions, "how suitable foster care is", null, d => d.FosterCareSuitability),
        new("PlacementRecommendation", "residentialCareSuitability", "Categorical", "1..1", SuitabilityOptions, "how suitable residential care is", null, d => d.ResidentialCareSuitability),
        new("PlacementRecommendation", "supportedAccommodationSuitability", "Categorical", "1..1", SuitabilityOptions, "how suitable supported accommodation is", null, d => d.SupportedAccommodationSuitability),

        new("Risks", "riskSelfHarm", "Categorical", "1..1", RiskOptions, "the risk of self-harm", null, d => d.RiskSelfHarm),
        new("Risks", "riskSexualExploitation", "Categorical", "1..1", RiskOptions, "the risk of sexual exploitation", null, d => d.RiskSexualExploitation),
        new("Risks", "riskCriminalExploitation", "Categorical", "1..1", RiskOptions, "the risk of criminal exploitation", null, d => d.RiskCriminalExploitation),
        new("Risks", "riskDrugAlcohol", "Categorical", "1..1", RiskOptions, "the risk from drug or alcohol use", null, d => d.RiskDrugAlcohol),
        new("Risks", "riskEatingDisorder", "Categorical", "1..1", RiskOptions, "the risk of an eating disorder", null, d => d.RiskEatingDisorder),
        new("Risks", "riskMissing", "Categorical", "1..1", RiskOptions, "the risk of going missing", null, d => d.RiskMissing),
        new("Risks", "riskOther", "String", "0..1", null, "any other risk to the child", null, d => d.RiskOther),
        new("Risks", "riskToOthersPhysical", "Categorical", "1..1", RiskOptions, "the risk of physical harm to others", null, d => d.RiskToOthersPhysical),
        new("Risks", "riskToOthersSexual", "Categorical", "1..1", RiskOptions, "the risk of sexual harm to others", null, d => d.RiskToOthersSexual),
        new("Risks", "riskToOthersFire", "Categorical", "1..1", RiskOptions, "the risk of fire-setting", null, d => d.RiskToOthersFire),
        new("Risks", "riskToOthersAnimals", "Categorical", "1..1", RiskOptions, "the risk of harm to animals", null, d => d.RiskToOthersAnimals),
        new("Risks", "riskToOthersCriminal", "Categorical", "1..1", RiskOptions, "the risk of criminal behaviour towards others", null, d => d.RiskToOthersCriminal),
        new("Risks", "riskToOthersOther", "String", "0..1", null, "any other risk to others", null, d => d.RiskToOthersOther),
    ];

    public static IReadOnlyList<string> SexOptions { get; } = ["female", "male", "other"];

    public static IReadOnlyList<string> NeedBandOptions { get; } = ["low", "medium", "high", "specialist"];

    public static StandardField Field(string name) => StandardFields.Single(f => f.Name == name);

    /// <summary>
    /// Every reason the details cannot be submitted on <paramref name="today"/> (London), by field; empty when they can.
    /// The completeness check lists the same.
    /// </summary>
    /// <param name="draft">Checks a draft: what is given must be right, but nothing is yet required.</param>
    public static IReadOnlyDictionary<string, string[]> Check(ReferralDetails d, DateOnly today, bool draft = false)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        void Missing(string field, string message)
        {
            if (!draft)
            {
                Add(field, message);
            }
        }

        foreach (var field in StandardFields)
        {
            CheckStandardField(field, field.Value(d), draft, Add);
        }

        if (d.SiblingCount is < 0 or > 20)
        {
            Add("siblingCount", "The number of brothers and sisters to be placed with the child must be from 0 to 20");
        }

        CheckLength("childId", d.ChildId, 50, Add);
        CheckLength("preferredLocation", d.PreferredLocation, 200, Add);
        CheckLength("riskOther", d.RiskOther, 2000, Add);
        CheckLength("riskToOthersOther", d.RiskToOthersOther, 2000, Add);

        if (d.DateOfBirth is not { } born)
        {
            Missing("dateOfBirth", "Enter the child's date of birth, for example 2012-03-27");
        }
        else if (born > today)
        {
            Add("dateOfBirth", "The child's date of birth must be in the past");
        }
        else
        {
            var on = d.RequiredByDate is { } r && r >= today ? r : today;
            var age = AgeOn(born, on);
            if (age is < MinimumAge or > MaximumAge)
            {
                Add("dateOfBirth", $"The child must be aged {MinimumAge} to {MaximumAge} on the date the placement is required (they would be {age}): the partnership's homes care for children of those ages");
            }
        }

        if (string.IsNullOrWhiteSpace(d.Sex))
        {
            Missing("sex", "Select the child's sex: female, male or other");
        }
        else if (!SexOptions.Contains(d.Sex))
        {
            Add("sex", "The child's sex must be female, male or other");
        }

        if (string.IsNullOrWhiteSpace(d.NeedBand))
        {
            Missing("needBand", "Select the child's need band: low, medium, high or specialist");
        }
        else if (!NeedBandOptions.Contains(d.NeedBand))
        {
            Add("needBand", "The need band must be low, medium, high or specialist");
        }

        if (string.IsNullOrWhiteSpace(d.NeedBandRationale))
        {
            Missing("needBandRationale", "Explain why the child's needs are in this band");
        }
        else
        {
            CheckLength("needBandRationale", d.NeedBandRationale, 4000, Add);
        }

        if (d.RequiredByDate is not { } required)
        {
            Missing("requiredByDate", "Enter the date the placement is required by, for example 2026-04-01");
        }
        else if (required < today)
        {
            Add("requiredByDate", "The date the placement is required by must be today or later");
        }

        if (string.IsNullOrWhiteSpace(d.HomePostcodeDistrict))
        {
            Missing("homePostcodeDistrict", "Enter the postcode district of the child's home, for example RM7 (the first half of the postcode only)");
        }
        else if (!IsDistrict(d.HomePostcodeDistrict))
        {
            Add("homePostcodeDistrict", "Enter the postcode district of the child's home as the first half of a postcode, for example RM7, E1 or EC1A");
        }

        if (!string.IsNullOrWhiteSpace(d.SchoolPostcodeDistrict) && !IsDistrict(d.SchoolPostcodeDistrict))
        {
            Add("schoolPostcodeDistrict", "Enter the postcode district of the child's school as the first half of a postcode, for example IG11, or leave it empty");
        }

        if (d.LocationsToAvoid is { } avoid)
        {
            if (avoid.Count > 20)
            {
                Add("locationsToAvoid", "List at most 20 postcode districts to avoid");
            }

            var wrong = avoid.Where(a => !IsDistrict(a)).ToList();
            if (wrong.Count > 0)
            {
                Add("locationsToAvoid", $"Give each area to avoid as a postcode district, for example E17 or N16 ({string.Join(", ", wrong.Select(w => $"\"{w}\""))} is not one)");
            }
        }

        if (d.SiblingHomeCodes is { } homes && (homes.Count > 10 || homes.Any(h => h is null || !HomeCode().IsMatch(h.Trim().ToUpperInvariant()))))
        {
            Add("siblingHomeCodes", "Give at most 10 home codes where the child's brothers or sisters live, each like HOME-10");
        }

        if (d.SpecialismsWanted is { } specialisms && (specialisms.Count > 20 || specialisms.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 100)))
        {
            Add("specialismsWanted", "List at most 20 specialisms wanted, each 1 to 100 characters");
        }

        CheckLength("childsViews", d.ChildsViews, 4000, Add);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>Tidies what was typed (trims, upper-cases postcode districts and home codes, drops empty list items) without changing meaning.</summary>
    public static ReferralDetails Normalise(ReferralDetails d) => d with
    {
        ChildId = Trim(d.ChildId),
        PreferredLocation = Trim(d.PreferredLocation),
        SpecificCommunicationRequirements = d.SpecificCommunicationRequirements?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList(),
        RiskOther = Trim(d.RiskOther),
        RiskToOthersOther = Trim(d.RiskToOthersOther),
        Sex = Trim(d.Sex)?.ToLowerInvariant(),
        NeedBand = Trim(d.NeedBand)?.ToLowerInvariant(),
        NeedBandRationale = Trim(d.NeedBandRationale),
        HomePostcodeDistrict = Trim(d.HomePostcodeDistrict)?.ToUpperInvariant(),
        SchoolPostcodeDistrict = Trim(d.SchoolPostcodeDistrict)?.ToUpperInvariant(),
        LocationsToAvoid = d.LocationsToAvoid?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList(),
        SiblingHomeCodes = d.SiblingHomeCodes?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList(),
        SpecialismsWanted = d.SpecialismsWanted?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList(),
        ChildsViews = Trim(d.ChildsViews),
    };

    public static bool IsDistrict(string? value) => value is not null && District().IsMatch(value.Trim().ToUpperInvariant());

    public static int AgeOn(DateOnly born, DateOnly on) =>
        on.Year - born.Year - (on.Month < born.Month || (on.Month == born.Month && on.Day < born.Day) ? 1 : 0);

    private static void CheckStandardField(StandardField field, object? value, bool draft, Action<string, string> add)
    {
        switch (value)
        {
            case null:
            case string s when string.IsNullOrWhiteSpace(s):
                if (field.Required && !draft)
                {
                    add(field.Name, field.Type switch
                    {
                        "Categorical" => $"Select {field.Label}: {Choices(field.Options!)}",
                        "Boolean" => $"Answer yes or no: {field.Label}",
                        _ => $"Enter {field.Label}",
                    });
                }

                break;
            case string s when field.Options is { } options && !options.Contains(s, StringComparer.Ordinal):
                add(field.Name, $"{Capital(field.Label)} must be one of {Choices(options)}, written exactly so");
                break;
            case IReadOnlyList<string> list:
                if (list.Count == 0 && field.Required && !draft)
                {
                    add(field.Name, $"Select at least one of {field.Label}: {Choices(field.Options!)} (choose \"None\" if there are none)");
                }
                else if (field.Options is { } many && list.Any(x => !many.Contains(x, StringComparer.Ordinal)))
                {
                    add(field.Name, $"Each of {field.Label} must be one of {Choices(many)}, written exactly so");
                }
                else if (list.Contains("None") && list.Count > 1)
                {
                    add(field.Name, $"\"None\" cannot be selected together with other {field.Label}");
                }

                break;
        }
    }

    private static void CheckLength(string field, string? value, int max, Action<string, string> add)
    {
        if (value is { Length: var n } && n > max)
        {
            var what = StandardFields.FirstOrDefault(f => f.Name == field)?.Label ?? field switch
            {
                "needBandRationale" => "the reason for the need band",
                "childsViews" => "the child's views",
                _ => field,
            };
            add(field, FormattableString.Invariant($"{Capital(what)} must be {max:N0} characters or fewer (it has {n:N0}): shorten it"));
        }
    }

    private static string Choices(IReadOnlyList<string> options) =>
        string.Join(", ", options.Take(options.Count - 1).Select(o => $"\"{o}\"")) + $" or \"{options[^1]}\"";

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // An outward code: one or two letters, a digit, then an optional letter or digit (RM7, E1, N16, EC1A, SW1A).
    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?$")]
    private static partial Regex District();

    [GeneratedRegex("^[A-Z][A-Z0-9-]{1,19}$")]
    private static partial Regex HomeCode();
}
