using System.Text.Json;
using Commissioning.BuildingBlocks.Database;

namespace Commissioning.Brokerage.Referrals;

/// <summary>The Referrals part's read models, schema-qualified, for the projection and the queries.</summary>
internal static class ReferralTables
{
    public const string Referrals = BrokerageModule.SchemaName + ".referrals";
    public const string History = BrokerageModule.SchemaName + ".referral_history";

    /// <summary>A <c>referrals</c> row still waiting for a decision after its due time, the time being <c>$1</c>.</summary>
    public const string OverdueForDecision = "status = 'submitted' AND decided_at IS NULL AND decision_due_at < $1";
}

/// <summary>
/// The Referrals part's migrations (versions 1 to 99 of the module's one sequence). <c>referrals</c> is one row per
/// referral (drafts included) with the columns the worklist sorts and filters on, and the whole
/// <see cref="ReferralDetails"/> as jsonb; <c>referral_history</c> is one line per status change.
/// </summary>
internal static class ReferralsSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "referrals", """
            CREATE TABLE {schema}.referrals (
                referral_id uuid PRIMARY KEY,
                reference text NULL UNIQUE,
                borough_code text NOT NULL,
                child_id text NULL,
                status text NOT NULL,
                need_band text NULL,
                needed_by text NULL,
                required_by date NULL,
                home_postcode_district text NULL,
                submitted_at timestamptz NULL,
                clock_started_at timestamptz NULL,
                decision_due_at timestamptz NULL,
                decided_at timestamptz NULL,
                decided_how text NULL,
                escalated_at timestamptz NULL,
                assignee_person_id text NULL,
                assignee_name text NULL,
                returned_question text NULL,
                offered_to text[] NOT NULL DEFAULT '{}',
                closed_reason text NULL,
                details jsonb NOT NULL,
                version bigint NOT NULL,
                created_at timestamptz NOT NULL,
                created_by text NULL,
                updated_at timestamptz NOT NULL);
            CREATE INDEX referrals_by_borough_status ON {schema}.referrals (borough_code, status);
            CREATE INDEX referrals_open_by_due ON {schema}.referrals (decision_due_at) WHERE decided_at IS NULL;
            CREATE TABLE {schema}.referral_history (
                referral_id uuid NOT NULL,
                version bigint NOT NULL,
                at timestamptz NOT NULL,
                status text NOT NULL,
                what text NOT NULL,
                by text NULL,
                PRIMARY KEY (referral_id, version));
            """),
    ];
}

/// <summary>The kebab-case codes of <see cref="ReferralStatus"/> (<c>placement-agreed</c>), as JSON and URLs spell them.</summary>
internal static class ReferralStatuses
{
    public static IReadOnlyList<ReferralStatus> All { get; } = Enum.GetValues<ReferralStatus>();

    /// <summary>The statuses of a referral still waiting for a child to be placed: the worklist shows these.</summary>
    public static IReadOnlyList<ReferralStatus> Open { get; } =
        [ReferralStatus.Submitted, ReferralStatus.Returned, ReferralStatus.Offered, ReferralStatus.PlacementAgreed, ReferralStatus.SpotPurchase];

    public static string Code(ReferralStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    public static ReferralStatus? TryParse(string? code) =>
        All.Cast<ReferralStatus?>().FirstOrDefault(s => Code(s!.Value) == code?.Trim().ToLowerInvariant());

    public static ReferralStatus Parse(string code) => TryParse(code) ?? throw new FormatException($"'{code}' is not a referral status code.");

    public static string Describe(ReferralStatus status) => status switch
    {
        ReferralStatus.Draft => "Draft",
        ReferralStatus.Submitted => "Submitted",
        ReferralStatus.Returned => "Returned for more information",
        ReferralStatus.Offered => "Bed offered",
        ReferralStatus.PlacementAgreed => "Placement agreed",
        ReferralStatus.Placed => "Placed",
        ReferralStatus.SpotPurchase => "Spot purchase",
        ReferralStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public const string Choices = "draft, submitted, returned, offered, placement-agreed, placed, spot-purchase or closed";
}
