namespace Commissioning.Brokerage.Matching;

/// <summary>A child who <see cref="Harm"/> is not placed with a child who <see cref="Vulnerability"/>, whichever of them arrives first.</summary>
internal sealed record RiskConflict(Risks Harm, Risks Vulnerability, string Why);

/// <summary>
/// Which risks must not live under one roof, over the Placements Data Standard v2 Risks fields. Each row is applied
/// both ways: the referred child's risk to others against each resident's vulnerability, and each resident's risk
/// to others against the child's vulnerability.
/// </summary>
/// <remarks>
/// | Risk to others (one child)            | Vulnerability (another child)          | Why |
/// |---------------------------------------|----------------------------------------|-----|
/// | riskToOthersSexual                    | riskSexualExploitation                 | domain.md's own example: a child at risk of sexual exploitation must not live with a child who may sexually harm others |
/// | riskToOthersCriminal                  | riskCriminalExploitation               | a child who may draw others into crime is the exploitation risk itself for a child already targeted by it |
/// | riskToOthersCriminal                  | riskMissing                            | children who go missing are the ones county-lines exploitation recruits; missing episodes are how it starts |
/// It is deliberately short: a starting point for practitioners to extend, not a full risk assessment. Everything
/// else about a mix of risks is for the person deciding, who sees the residents' risks on the shortlist.
/// </remarks>
internal static class RiskCompatibility
{
    public static IReadOnlyList<RiskConflict> Table { get; } =
    [
        new(Risks.ToOthersSexual, Risks.SexualExploitation,
            "a child at risk of sexual exploitation is not placed with a child who may sexually harm others"),
        new(Risks.ToOthersCriminal, Risks.CriminalExploitation,
            "a child at risk of criminal exploitation is not placed with a child who may criminally exploit others"),
        new(Risks.ToOthersCriminal, Risks.Missing,
            "a child who goes missing is not placed with a child who may criminally exploit others (missing episodes are how county-lines exploitation starts)"),
    ];

    // For each row, the reason when the child is the one who may harm, and when the child is the one at risk.
    private static readonly (ExclusionReason ChildHarms, ExclusionReason ChildAtRisk)[] Reasons = [.. Table.Select(row =>
    (
        new ExclusionReason("resident-risks", $"The child {RiskFields.Of(row.Harm).Phrase} ({RiskFields.Of(row.Harm).FieldName}) and a current resident "
            + $"{RiskFields.Of(row.Vulnerability).Phrase} ({RiskFields.Of(row.Vulnerability).FieldName}): {row.Why}."),
        new ExclusionReason("resident-risks", $"The child {RiskFields.Of(row.Vulnerability).Phrase} ({RiskFields.Of(row.Vulnerability).FieldName}) and a current resident "
            + $"{RiskFields.Of(row.Harm).Phrase} ({RiskFields.Of(row.Harm).FieldName}): {row.Why}.")))];

    /// <summary>Adds every conflict between the referred child and one resident that <paramref name="reasons"/> does not hold yet.</summary>
    public static void AddConflicts(Risks child, Risks resident, List<ExclusionReason> reasons)
    {
        for (var i = 0; i < Table.Count; i++)
        {
            var row = Table[i];
            if ((child & row.Harm) != 0 && (resident & row.Vulnerability) != 0 && !reasons.Contains(Reasons[i].ChildHarms))
            {
                reasons.Add(Reasons[i].ChildHarms);
            }

            if ((resident & row.Harm) != 0 && (child & row.Vulnerability) != 0 && !reasons.Contains(Reasons[i].ChildAtRisk))
            {
                reasons.Add(Reasons[i].ChildAtRisk);
            }
        }
    }
}
