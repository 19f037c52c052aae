namespace Commissioning.Brokerage.Referrals;

/// <summary>One page of the referral question flow: a topic and the fields it asks (as the API names them).</summary>
internal sealed record QuestionPage(string Slug, string Title, IReadOnlyList<string> Fields);

/// <summary>The question flow's pages, in order, one topic each; the completeness check lists what is missing in the same order.</summary>
internal static class ReferralQuestions
{
    public static IReadOnlyList<QuestionPage> Pages { get; } =
    [
        new("child", "About the child", ["childId", "dateOfBirth", "sex", "siblingCount", "siblingHomeCodes"]),
        new("urgency", "Urgency and dates", ["neededBy", "requiredByDate"]),
        new("where", "Where the child should live", ["homePostcodeDistrict", "schoolPostcodeDistrict", "locationsToAvoid", "preferredLocation"]),
        new("needs", "Needs and requirements",
            ["communicationNeeds", "specificCommunicationRequirements", "homeAdaptation", "culturalNeeds", "livingCompanions", "pets", "additionalSupport",
             "deprivationOfLiberty", "specialismsWanted"]),
        new("risks", "Risks",
            ["riskSelfHarm", "riskSexualExploitation", "riskCriminalExploitation", "riskDrugAlcohol", "riskEatingDisorder", "riskMissing", "riskOther",
             "riskToOthersPhysical", "riskToOthersSexual", "riskToOthersFire", "riskToOthersAnimals", "riskToOthersCriminal", "riskToOthersOther"]),
        new("recommendation", "Placement recommendation", ["fosterCareSuitability", "residentialCareSuitability", "supportedAccommodationSuitability"]),
        new("views", "The child's views", ["childsViews"]),
        new("band", "Need band", ["needBand", "needBandRationale"]),
    ];

    public static IReadOnlyList<string> FieldOrder { get; } = [.. Pages.SelectMany(p => p.Fields)];

    public static QuestionPage? Find(string? slug) => Pages.FirstOrDefault(p => p.Slug == slug);

    public static QuestionPage? After(QuestionPage page)
    {
        var index = Pages.ToList().IndexOf(page);
        return index + 1 < Pages.Count ? Pages[index + 1] : null;
    }

    public static QuestionPage? Before(QuestionPage page)
    {
        var index = Pages.ToList().IndexOf(page);
        return index > 0 ? Pages[index - 1] : null;
    }

    public static QuestionPage PageOf(string field) => Pages.FirstOrDefault(p => p.Fields.Contains(field)) ?? Pages[0];
}
