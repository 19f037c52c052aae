namespace Commissioning.Brokerage.Matching;

/// <summary>
/// The Placements Data Standard v2 <c>Risks</c> fields whose options are "No known risk" / "Risk Present": a flag is
/// set when the field is "Risk Present". The free-text fields (<c>riskOther</c>, <c>riskToOthersOther</c>) are not
/// matched on; the person deciding reads them.
/// </summary>
[Flags]
internal enum Risks
{
    None = 0,
    SelfHarm = 1 << 0,
    SexualExploitation = 1 << 1,
    CriminalExploitation = 1 << 2,
    DrugAlcohol = 1 << 3,
    EatingDisorder = 1 << 4,
    Missing = 1 << 5,
    ToOthersPhysical = 1 << 6,
    ToOthersSexual = 1 << 7,
    ToOthersFire = 1 << 8,
    ToOthersAnimals = 1 << 9,
    ToOthersCriminal = 1 << 10,
}

/// <summary>One risk field of the standard.</summary>
/// <param name="FieldName">The standard's field name, verbatim (<c>riskToOthersSexual</c>).</param>
/// <param name="Phrase">How a sentence says that a child has it ("poses a risk of sexual harm to others").</param>
internal sealed record RiskField(Risks Risk, string FieldName, string Phrase)
{
    /// <summary>The Statement of Purpose limit that excludes it: <c>no-</c> and the field name in kebab case.</summary>
    public string LimitCode { get; } = "no-" + string.Concat(FieldName.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Why a home whose Statement of Purpose has <see cref="LimitCode"/> cannot take a child with this risk.</summary>
    public ExclusionReason LimitReason => field ??= new("statement-of-purpose",
        $"The home's Statement of Purpose takes no child who {Phrase} ({LimitCode}), and the child's {FieldName} is \"{RiskFields.RiskPresent}\".");
}

internal static class RiskFields
{
    /// <summary>The standard's option meaning the risk applies.</summary>
    public const string RiskPresent = "Risk Present";

    public static IReadOnlyList<RiskField> All { get; } =
    [
        new(Risks.SelfHarm, "riskSelfHarm", "is at risk of self-harm"),
        new(Risks.SexualExploitation, "riskSexualExploitation", "is at risk of sexual exploitation"),
        new(Risks.CriminalExploitation, "riskCriminalExploitation", "is at risk of criminal exploitation"),
        new(Risks.DrugAlcohol, "riskDrugAlcohol", "is at risk from drug and alcohol use"),
        new(Risks.EatingDisorder, "riskEatingDisorder", "is at risk from an eating disorder"),
        new(Risks.Missing, "riskMissing", "is at risk of going missing"),
        new(Risks.ToOthersPhysical, "riskToOthersPhysical", "poses a risk of physical harm to others"),
        new(Risks.ToOthersSexual, "riskToOthersSexual", "poses a risk of sexual harm to others"),
        new(Risks.ToOthersFire, "riskToOthersFire", "poses a risk of fire-setting"),
        new(Risks.ToOthersAnimals, "riskToOthersAnimals", "poses a risk of harm to animals"),
        new(Risks.ToOthersCriminal, "riskToOthersCriminal", "poses a risk of criminally exploiting others"),
    ];

    private static readonly RiskField[] ByBit = [.. All.OrderBy(f => (int)f.Risk)];

    /// <summary>The field of one risk flag.</summary>
    public static RiskField Of(Risks single) => ByBit[System.Numerics.BitOperations.Log2((uint)single)];

    /// <summary>The risk field a Statement of Purpose limit code names (<c>no-risk-missing</c>), or null when it names none.</summary>
    public static RiskField? ForLimitCode(string code)
    {
        var tidy = code.AsSpan().Trim();
        foreach (var field in All)
        {
            if (tidy.Equals(field.LimitCode, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The flags for the standard's Risks fields given as field name to option value.</summary>
    public static Risks FromStandard(IReadOnlyDictionary<string, string?> fields) =>
        All.Where(f => fields.TryGetValue(f.FieldName, out var value) && value == RiskPresent)
           .Aggregate(Risks.None, (risks, f) => risks | f.Risk);

    public static IEnumerable<RiskField> In(Risks risks) => All.Where(f => (risks & f.Risk) != 0);
}
