using Commissioning.BuildingBlocks.Database;

namespace Commissioning.Brokerage.SpotPurchases;

/// <summary>This part's read models, schema-qualified, for projections and queries.</summary>
internal static class SpotTables
{
    public const string OutsidePlacements = BrokerageModule.SchemaName + ".outside_placements";
    public const string PooledBudget = BrokerageModule.SchemaName + ".pooled_budget_contributions";
    public const string ProviderChecks = BrokerageModule.SchemaName + ".provider_checks";
    public const string SpotRequests = BrokerageModule.SchemaName + ".spot_requests";
    public const string SpotRequestProviders = BrokerageModule.SchemaName + ".spot_request_providers";
    public const string SpotBids = BrokerageModule.SchemaName + ".spot_bids";
}

/// <summary>Spot purchases' migrations: versions 300 to 399 of the module's one sequence (docs/brokerage.md).</summary>
internal static class SpotPurchasesSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(300, "outside-placements", """
            CREATE TABLE {schema}.outside_placements (
                outside_placement_id uuid PRIMARY KEY,
                version bigint NOT NULL,
                borough_code text NOT NULL,
                child_reference text NOT NULL,
                referral_id uuid NULL,
                reason_code text NOT NULL,
                reason_note text NULL,
                provider_name text NOT NULL,
                placement_type text NOT NULL,
                postcode_district text NOT NULL,
                start_date date NOT NULL,
                weekly_cost numeric(12, 2) NOT NULL,
                need_band text NOT NULL,
                end_date date NULL,
                reason_episode_ceased text NULL,
                reason_place_change text NULL,
                planned boolean NULL,
                recorded_at timestamptz NOT NULL,
                recorded_by text NOT NULL);
            CREATE INDEX outside_placements_by_borough ON {schema}.outside_placements (borough_code, start_date DESC);
            """),
        new(301, "copies-of-pooled-budget-and-provider-checks", """
            CREATE TABLE {schema}.pooled_budget_contributions (
                borough_code text NOT NULL,
                financial_year text NOT NULL,
                amount numeric(14, 2) NOT NULL,
                set_at timestamptz NOT NULL,
                PRIMARY KEY (borough_code, financial_year));
            -- A row per check accreditation needs; passed_on and expires_on are NULL for a check not yet passed.
            CREATE TABLE {schema}.provider_checks (
                provider_code text NOT NULL,
                check_code text NOT NULL,
                passed_on date NULL,
                expires_on date NULL,
                PRIMARY KEY (provider_code, check_code));
            """),
        new(302, "spot-requests-and-bids", """
            CREATE TABLE {schema}.spot_requests (
                spot_request_id uuid PRIMARY KEY,
                version bigint NOT NULL,
                reference text NOT NULL UNIQUE,
                referral_id uuid NOT NULL,
                referral_reference text NOT NULL,
                borough_code text NOT NULL,
                status text NOT NULL CHECK (status IN ('open', 'awarded', 'placed', 'ended')),
                bids_by date NOT NULL,
                need_band text NOT NULL,
                sent_to text[] NOT NULL,
                started_at timestamptz NOT NULL,
                started_by text NOT NULL,
                bids int NOT NULL DEFAULT 0,
                awarded_bid_id uuid NULL,
                awarded_provider_code text NULL,
                awarded_home_code text NULL,
                awarded_weekly_price numeric(12, 2) NULL,
                spot_contract_id uuid NULL,
                placement_id uuid NULL,
                start_date date NULL,
                awarded_at timestamptz NULL,
                end_date date NULL,
                reason_episode_ceased text NULL,
                reason_place_change text NULL,
                planned_ending boolean NULL);
            CREATE INDEX spot_requests_by_referral ON {schema}.spot_requests (referral_id);
            CREATE INDEX spot_requests_by_borough ON {schema}.spot_requests (borough_code, started_at DESC);
            CREATE TABLE {schema}.spot_bids (
                bid_id uuid PRIMARY KEY,
                spot_request_id uuid NOT NULL,
                provider_code text NOT NULL,
                home_code text NOT NULL,
                weekly_price numeric(12, 2) NOT NULL,
                available_from date NOT NULL,
                note text NULL,
                bid_at timestamptz NOT NULL,
                bid_by text NOT NULL,
                status text NOT NULL CHECK (status IN ('made', 'awarded', 'not-awarded')),
                UNIQUE (spot_request_id, home_code));
            CREATE INDEX spot_bids_by_provider ON {schema}.spot_bids (provider_code, bid_at DESC);
            """),
    ];
}
