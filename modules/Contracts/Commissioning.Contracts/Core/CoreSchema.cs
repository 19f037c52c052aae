using Commissioning.BuildingBlocks.Database;

namespace Commissioning.Contracts.Core;

/// <summary>The read models of providers, homes and contracts, schema-qualified, for projections and queries.</summary>
internal static class CoreTables
{
    public const string Providers = ContractsModule.SchemaName + ".providers";
    public const string ProviderChecks = ContractsModule.SchemaName + ".provider_checks";
    public const string Homes = ContractsModule.SchemaName + ".homes";
    public const string BlockContracts = ContractsModule.SchemaName + ".block_contracts";
    public const string ContractBeds = ContractsModule.SchemaName + ".contract_beds";
    public const string ContractVariations = ContractsModule.SchemaName + ".contract_variations";
    public const string SpotContracts = ContractsModule.SchemaName + ".spot_contracts";
}

/// <summary>
/// The module's migrations for providers, homes and contracts. Every module migration shares one version
/// sequence, so these keep to versions 1 to 99 (the bed ledger and money use 100 to 199).
/// </summary>
internal static class CoreSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "providers-and-homes", """
            CREATE TABLE {schema}.providers (
                provider_code text PRIMARY KEY,
                version bigint NOT NULL,
                name text NOT NULL,
                ofsted_provider_reference text NULL,
                contacts jsonb NOT NULL,
                registered_at timestamptz NOT NULL);
            CREATE TABLE {schema}.provider_checks (
                provider_code text NOT NULL,
                check_code text NOT NULL,
                passed_on date NOT NULL,
                expires_on date NOT NULL,
                PRIMARY KEY (provider_code, check_code));
            CREATE TABLE {schema}.homes (
                home_code text PRIMARY KEY,
                version bigint NOT NULL,
                provider_code text NOT NULL,
                ofsted_urn text NOT NULL,
                name text NOT NULL,
                postcode text NOT NULL,
                postcode_district text NOT NULL,
                latitude double precision NOT NULL,
                longitude double precision NOT NULL,
                registered_places int NOT NULL,
                minimum_age int NOT NULL,
                maximum_age int NOT NULL,
                sexes text[] NOT NULL,
                bands text[] NOT NULL,
                specialisms text[] NOT NULL,
                statement_of_purpose_limits text[] NOT NULL,
                home_mix_limit int NOT NULL,
                ofsted_grade text NULL,
                ofsted_inspected_on date NULL,
                suspended boolean NOT NULL DEFAULT false,
                suspension_reason text NULL,
                suspended_on date NULL);
            CREATE INDEX homes_by_provider ON {schema}.homes (provider_code);
            """),
        new(2, "block-and-spot-contracts", """
            CREATE TABLE {schema}.block_contracts (
                contract_id uuid PRIMARY KEY,
                version bigint NOT NULL,
                reference text NOT NULL UNIQUE,
                provider_code text NOT NULL,
                consortium_members text[] NOT NULL,
                starts_on date NOT NULL,
                ends_on date NOT NULL,
                break_on date NULL,
                review_dates date[] NOT NULL,
                weekly_prices jsonb NOT NULL,
                annual_uplift_percent numeric NOT NULL,
                innovation_cap_percent numeric NOT NULL,
                outcome_framework_reference text NOT NULL,
                agreed_at timestamptz NOT NULL);
            CREATE TABLE {schema}.contract_beds (
                bed_id text PRIMARY KEY,
                contract_id uuid NOT NULL,
                home_code text NOT NULL,
                band text NOT NULL,
                contracted_from date NOT NULL,
                contracted_until date NULL);
            CREATE INDEX contract_beds_by_contract ON {schema}.contract_beds (contract_id);
            CREATE INDEX contract_beds_by_home ON {schema}.contract_beds (home_code);
            CREATE TABLE {schema}.contract_variations (
                variation_id uuid PRIMARY KEY,
                contract_id uuid NOT NULL,
                effective_from date NOT NULL,
                reason text NOT NULL,
                beds_added jsonb NOT NULL,
                beds_removed text[] NOT NULL,
                new_weekly_prices jsonb NULL,
                status text NOT NULL,
                proposed_at timestamptz NOT NULL,
                proposed_by text NULL,
                decided_on date NULL,
                decided_by text NULL,
                rejection_reason text NULL);
            CREATE INDEX contract_variations_by_contract ON {schema}.contract_variations (contract_id);
            CREATE TABLE {schema}.spot_contracts (
                spot_contract_id uuid PRIMARY KEY,
                version bigint NOT NULL,
                reference text NOT NULL UNIQUE,
                provider_code text NOT NULL,
                home_code text NOT NULL,
                borough_code text NOT NULL,
                band text NOT NULL,
                weekly_price numeric NOT NULL,
                starts_on date NOT NULL,
                ends_on date NULL,
                agreed_at timestamptz NOT NULL);
            """),
    ];
}

/// <summary>The partnership's boroughs by GSS code (api.md), for spot contracts charged to one of them.</summary>
internal static class Boroughs
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["E09000016"] = "Havering",
        ["E09000002"] = "Barking and Dagenham",
        ["E09000030"] = "Tower Hamlets",
        ["E09000025"] = "Newham",
        ["E09000031"] = "Waltham Forest",
        ["E09000026"] = "Redbridge",
        ["E09000012"] = "Hackney",
        ["E09000001"] = "City of London",
    };
}
