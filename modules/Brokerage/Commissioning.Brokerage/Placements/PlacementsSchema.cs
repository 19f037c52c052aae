using Commissioning.BuildingBlocks.Database;

namespace Commissioning.Brokerage.Placements;

/// <summary>The Placements part's read models (migrations 200 to 299), kept by <see cref="PlacementsProjection"/>.</summary>
internal static class PlacementsSchema
{
    public const string BedHolds = "brokerage.bed_holds";
    public const string Offers = "brokerage.offers";
    public const string Placements = "brokerage.placements";
    public const string PlacementBands = "brokerage.placement_bands";
    public const string RebandingRequests = "brokerage.placement_rebanding_requests";

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(200, "bed-holds-offers-placements", """
            -- The current holder of each bed: one row per held or occupied bed, none for a free one. The primary key is
            -- the second guard behind the bed stream's expected version: two holders of one bed cannot both be stored.
            CREATE TABLE {schema}.bed_holds (
                bed_id text PRIMARY KEY,
                holder text NOT NULL CHECK (holder IN ('offer', 'placement')),
                offer_id uuid NULL,
                placement_id uuid NULL,
                referral_id uuid NOT NULL,
                referral_reference text NOT NULL,
                borough_code text NOT NULL,
                provider_code text NOT NULL,
                home_code text NOT NULL,
                held_from timestamptz NOT NULL,
                respond_by timestamptz NULL,
                occupied_from date NULL,
                CHECK ((holder = 'offer' AND offer_id IS NOT NULL) OR (holder = 'placement' AND placement_id IS NOT NULL)));
            CREATE UNIQUE INDEX bed_holds_one_per_offer ON {schema}.bed_holds (offer_id) WHERE offer_id IS NOT NULL AND holder = 'offer';
            CREATE UNIQUE INDEX bed_holds_one_per_placement ON {schema}.bed_holds (placement_id) WHERE placement_id IS NOT NULL;

            CREATE TABLE {schema}.offers (
                offer_id uuid PRIMARY KEY,
                referral_id uuid NOT NULL,
                referral_reference text NOT NULL,
                bed_id text NOT NULL,
                home_code text NOT NULL,
                provider_code text NOT NULL,
                borough_code text NOT NULL,
                offered_to text[] NOT NULL,
                band text NOT NULL,
                summary jsonb NOT NULL,
                date_of_birth date NULL,
                status text NOT NULL,
                made_at timestamptz NOT NULL,
                made_by text NOT NULL,
                respond_by timestamptz NOT NULL,
                answered_at timestamptz NULL,
                answered_by text NULL,
                decline_reason_code text NULL,
                decline_comment text NULL,
                withdraw_reason text NULL,
                planned_start_date date NULL,
                pre_placement_visit_date date NULL,
                placement_id uuid NULL,
                version bigint NOT NULL);
            -- A referral has at most one open offer (the referral stream's version is the first guard).
            CREATE UNIQUE INDEX offers_one_open_per_referral ON {schema}.offers (referral_id) WHERE status = 'open';
            CREATE INDEX offers_open_by_deadline ON {schema}.offers (respond_by) WHERE status = 'open';
            CREATE INDEX offers_by_provider ON {schema}.offers (provider_code, status);
            CREATE INDEX offers_by_borough ON {schema}.offers (borough_code, status);

            CREATE TABLE {schema}.placements (
                placement_id uuid PRIMARY KEY,
                referral_id uuid NOT NULL,
                referral_reference text NOT NULL,
                offer_id uuid NULL,
                bed_id text NULL,
                spot_contract_id uuid NULL,
                home_code text NOT NULL,
                provider_code text NOT NULL,
                borough_code text NOT NULL,
                offered_to text[] NOT NULL,
                band text NOT NULL,
                status text NOT NULL CHECK (status IN ('confirmed', 'started', 'ended', 'called-off')),
                date_of_birth date NULL,
                agreed_at timestamptz NOT NULL,
                planned_start_date date NULL,
                pre_placement_visit_date date NULL,
                start_date date NULL,
                end_date date NULL,
                reason_episode_ceased text NULL,
                reason_place_change text NULL,
                planned_ending boolean NULL,
                step_down_date date NULL,
                step_down_reason text NULL,
                step_down_reminded_for date NULL,
                staying_put_until date NULL,
                staying_put_note text NULL,
                brokerage_org text NULL,
                moved_from_placement_id uuid NULL,
                moved_to_placement_id uuid NULL,
                call_off_reason text NULL,
                version bigint NOT NULL,
                updated_at timestamptz NOT NULL);
            CREATE INDEX placements_by_home ON {schema}.placements (home_code, status);
            CREATE INDEX placements_by_borough ON {schema}.placements (borough_code, status);
            CREATE INDEX placements_by_referral ON {schema}.placements (referral_id);
            CREATE INDEX placements_step_down_due ON {schema}.placements (step_down_date) WHERE status = 'started';

            -- The band each placement is charged at from each date (the start, then each approved re-banding).
            CREATE TABLE {schema}.placement_bands (
                placement_id uuid NOT NULL,
                effective_from date NOT NULL,
                band text NOT NULL,
                decided_at timestamptz NOT NULL,
                decided_by text NOT NULL,
                PRIMARY KEY (placement_id, effective_from));

            CREATE TABLE {schema}.placement_rebanding_requests (
                request_id uuid PRIMARY KEY,
                placement_id uuid NOT NULL,
                band text NOT NULL,
                rationale text NOT NULL,
                status text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
                requested_at timestamptz NOT NULL,
                requested_by text NOT NULL,
                effective_from date NULL,
                rejection_reason text NULL,
                decided_at timestamptz NULL,
                decided_by text NULL);
            CREATE INDEX placement_rebanding_requests_by_placement ON {schema}.placement_rebanding_requests (placement_id, requested_at);
            """),
    ];
}
