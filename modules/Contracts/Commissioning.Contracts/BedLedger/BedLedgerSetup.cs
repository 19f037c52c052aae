using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Jobs;
using Commissioning.Contracts.Money;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.BedLedger;

/// <summary>
/// The bed ledger's and the money's part of the Contracts module. Module migrations share one version sequence, so
/// the ledger keeps to versions 100 to 199 (contracts core uses 1 to 99); its tables are named "ledger_…". Beds,
/// homes and contracts themselves are contracts core's tables (docs/contracts-model.md), read in the same schema.
/// </summary>
internal static class BedLedgerSetup
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(100, "ledger-tables", """
            CREATE TABLE {schema}.ledger_occupancy (
                bed_id text PRIMARY KEY,
                hold_offer_id uuid NULL,
                hold_referral_reference text NULL,
                hold_borough text NULL,
                held_from timestamptz NULL,
                respond_by timestamptz NULL,
                placement_id uuid NULL,
                placement_borough text NULL,
                placement_band text NULL,
                placement_start date NULL,
                placement_end date NULL);
            CREATE TABLE {schema}.ledger_placements (
                placement_id uuid PRIMARY KEY,
                bed_id text NULL,
                spot_contract_id uuid NULL,
                borough_code text NOT NULL,
                start_date date NOT NULL,
                end_date date NULL);
            CREATE INDEX ledger_placements_by_dates ON {schema}.ledger_placements (start_date, end_date);
            CREATE TABLE {schema}.ledger_placement_bands (
                placement_id uuid NOT NULL,
                effective_from date NOT NULL,
                band text NOT NULL,
                PRIMARY KEY (placement_id, effective_from));
            CREATE TABLE {schema}.ledger_confirmations (
                bed_id text PRIMARY KEY,
                home_code text NOT NULL,
                status text NOT NULL,
                available_from date NULL,
                reason text NULL,
                confirmed_at timestamptz NOT NULL,
                confirmed_by text NOT NULL,
                lapsed_at timestamptz NULL);
            CREATE INDEX ledger_confirmations_not_lapsed ON {schema}.ledger_confirmations (confirmed_at) WHERE lapsed_at IS NULL;
            CREATE TABLE {schema}.ledger_inconsistencies (
                id bigserial PRIMARY KEY,
                bed_id text NULL,
                placement_id uuid NULL,
                offer_id uuid NULL,
                message text NOT NULL,
                flagged_at timestamptz NOT NULL);
            CREATE INDEX ledger_inconsistencies_by_bed ON {schema}.ledger_inconsistencies (bed_id, flagged_at);
            CREATE TABLE {schema}.ledger_pooled_budget (
                borough_code text NOT NULL,
                financial_year text NOT NULL,
                amount numeric(14, 2) NOT NULL,
                set_at timestamptz NOT NULL,
                PRIMARY KEY (borough_code, financial_year));
            """),
    ];

    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new BedLedgerProjection());
        services.AddScoped<MoneyReader>();
        services.AddSingleton<IVoidSharingRule, PooledBudgetShareRule>();
        services.AddSingleton<IVoidSharingRule, UseShareRule>();
        services.AddJobs(jobs => jobs.Every<FlagLapsedVacancyConfirmations>("contracts.vacancy-confirmation-lapse", TimeSpan.FromMinutes(15)));
    }

    public static void RegisterOptions(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<BedLedgerOptions>(configuration.GetSection("Commissioning:Contracts"));
}
