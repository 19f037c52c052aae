using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Partnership.Organisations;

/// <summary>The kinds of organisation in the partnership.</summary>
internal static class OrganisationKinds
{
    public const string Borough = "borough";
    public const string Provider = "provider";

    /// <summary>A private organisation sitting in the partnership, such as the training body or the participation organisation.</summary>
    public const string Private = "private";

    public static readonly IReadOnlyList<string> All = [Borough, Provider, Private];
}

[EventType("partnership.organisation-registered.v1")]
internal sealed record OrganisationRegistered(string Code, string Name, string Kind, string? GssCode, string? LaNumber);

/// <summary>A borough signed the partnership agreement and its data-sharing agreement.</summary>
[EventType("partnership.partnership-agreement-signed.v1")]
internal sealed record PartnershipAgreementSigned(string BoroughCode, DateOnly JoinedOn, string DataSharingAgreement);

/// <summary>The leadership agreement lets the lead borough contract for the whole partnership.</summary>
[EventType("partnership.lead-borough-designated.v1")]
internal sealed record LeadBoroughDesignated(string BoroughCode, string LeadershipAgreement, DateOnly AgreedOn);

[EventType("partnership.pooled-budget-contribution-set.v1")]
internal sealed record PooledBudgetContributionSet(string BoroughCode, string FinancialYear, decimal Amount);

internal static class OrganisationStreams
{
    public const string StreamType = "organisation";

    /// <summary>The default partnership is reference data, not business activity: seed-demo ignores it when it checks for an empty database.</summary>
    public const string ReferenceDataStreamType = "reference-data";

    public const string LeadBoroughStream = "partnership-lead-borough";

    public static string For(string code) => $"organisation-{code}";
}

/// <summary>Keeps the organisations, the lead borough and the pooled budget tables.</summary>
internal sealed class OrganisationsProjection : Projection
{
    public override string Name => "organisations";

    public override IReadOnlyList<string> OwnedTables { get; } =
        ["partnership.organisations", "partnership.lead_borough", "partnership.pooled_budget_contributions"];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case OrganisationRegistered e:
                commands.Execute("""
                    INSERT INTO partnership.organisations (code, name, kind, gss_code, la_number, registered_at)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    """, e.Code, e.Name, e.Kind, e.GssCode, e.LaNumber, storedEvent.RecordedAt);
                break;
            case PartnershipAgreementSigned e:
                commands.Execute("UPDATE partnership.organisations SET joined_on = $2, data_sharing_agreement = $3 WHERE code = $1",
                    e.BoroughCode, e.JoinedOn, e.DataSharingAgreement);
                break;
            case LeadBoroughDesignated e:
                commands.Execute("""
                    INSERT INTO partnership.lead_borough (borough_code, leadership_agreement, agreed_on) VALUES ($1, $2, $3)
                    ON CONFLICT (only_row) DO UPDATE SET borough_code = $1, leadership_agreement = $2, agreed_on = $3
                    """, e.BoroughCode, e.LeadershipAgreement, e.AgreedOn);
                break;
            case PooledBudgetContributionSet e:
                commands.Execute("""
                    INSERT INTO partnership.pooled_budget_contributions (borough_code, financial_year, amount) VALUES ($1, $2, $3)
                    ON CONFLICT (borough_code, financial_year) DO UPDATE SET amount = $3
                    """, e.BoroughCode, e.FinancialYear, e.Amount);
                break;
        }
    }
}
