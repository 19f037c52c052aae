using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.Messages.Partnership;
using Commissioning.Partnership.Organisations;
using Commissioning.Partnership.People;
using PooledBudgetContributionSet = Commissioning.Partnership.Organisations.PooledBudgetContributionSet;
using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Partnership;

/// <summary>
/// The Partnership module's part of the demo partnership: the agreements and pooled budget of the eight boroughs,
/// the providers PRV-A to PRV-C, the training body and the young people's participation organisation, and one
/// sign-in account for each role with a published password and (where the role needs one) authenticator key.
/// </summary>
internal static class DemoPartnership
{
    public const string Password = "demo-password-2026";

    /// <summary>Published in the README: a demo account's authenticator key. Never used outside demo databases.</summary>
    public const string SecondFactorKey = "DEMOKEYSFORTHENELCPDEMOONLY23456";

    private static readonly (string Code, string Name, string Kind)[] Organisations =
    [
        ("PRV-A", "Ashgrove Children's Homes", OrganisationKinds.Provider),
        ("PRV-B", "Brightwater Care Partnership", OrganisationKinds.Provider),
        ("PRV-C", "Cedar House Therapeutic Care", OrganisationKinds.Provider),
        ("TRAINING", "North-East London Care Academy", OrganisationKinds.Private),
        ("VOICE", "Young Voices East London", OrganisationKinds.Private),
    ];

    /// <summary>Contributions in 2026-27, in pounds; the year before is 4% less.</summary>
    private static readonly (string Borough, decimal Amount)[] Contributions =
    [
        ("E09000016", 1_450_000m), ("E09000002", 1_380_000m), ("E09000030", 1_520_000m), ("E09000025", 1_610_000m),
        ("E09000031", 1_290_000m), ("E09000026", 1_180_000m), ("E09000012", 1_470_000m), ("E09000001", 150_000m),
    ];

    private static readonly (string Email, string Name, string Organisation, string Role)[] Accounts =
    [
        ("admin@havering.nelcp.example", "Priya Shah", "E09000016", Roles.PartnershipAdmin),
        ("brokerage@havering.nelcp.example", "Tom Okafor", "E09000016", Roles.Brokerage),
        ("contracts@havering.nelcp.example", "Helen Marsh", "E09000016", Roles.ContractManager),
        ("finance@havering.nelcp.example", "Gareth Lewis", "E09000016", Roles.Finance),
        ("referrer@newham.nelcp.example", "Amina Begum", "E09000025", Roles.BoroughReferrer),
        ("manager@newham.nelcp.example", "David Chen", "E09000025", Roles.BoroughManager),
        ("referrer@hackney.nelcp.example", "Sarah Mensah", "E09000012", Roles.BoroughReferrer),
        ("provider@prv-a.nelcp.example", "Joanne Price", "PRV-A", Roles.Provider),
        ("training@academy.nelcp.example", "Marcus Reid", "TRAINING", Roles.TrainingCoordinator),
        ("board@redbridge.nelcp.example", "Cllr Anne Walsh", "E09000026", Roles.BoardMember),
        ("board@voice.nelcp.example", "Jordan (young people's representative)", "VOICE", Roles.BoardMember),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredKeyedService<EventStore>(PartnershipModule.SchemaName);
        var secrets = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SignInService.SecondFactorPurpose);
        var requiresSecondFactor = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignInOptions>>().Value.RolesRequiringSecondFactor;
        foreach (var (code, name, kind) in Organisations)
        {
            await store.OpenSession(EventMetadata.System())
                .Append(OrganisationStreams.For(code), OrganisationStreams.StreamType, ExpectedVersion.NoStream, [new OrganisationRegistered(code, name, kind, null, null)])
                .SaveChangesAsync(cancellationToken);
        }

        foreach (var (borough, amount) in Contributions)
        {
            await store.OpenSession(EventMetadata.System()).Append(OrganisationStreams.For(borough), OrganisationStreams.StreamType, ExpectedVersion.Any,
            [
                new PartnershipAgreementSigned(borough, new DateOnly(2025, 4, 1), $"NELCP-DSA-2025-{borough[^2..]}"),
                new PooledBudgetContributionSet(borough, "2025-26", decimal.Round(amount * 0.96m, 2)),
                new PooledBudgetContributionSet(borough, "2026-27", amount),
            ]).SaveChangesAsync(cancellationToken);
        }

        await store.OpenSession(EventMetadata.System()).Append(OrganisationStreams.LeadBoroughStream, OrganisationStreams.StreamType, ExpectedVersion.Any,
            [new LeadBoroughDesignated(DefaultPartnership.LeadBorough, "NELCP Leadership Agreement 2025", new DateOnly(2025, 3, 14))]).SaveChangesAsync(cancellationToken);

        var hash = Passwords.Hash(Password);
        foreach (var (email, name, organisation, role) in Accounts)
        {
            var id = Guid.CreateVersion7();
            object[] events = requiresSecondFactor.Contains(role)
                ? [new PersonRegistered(id, email, name, organisation, role, hash, PersonStreams.NewStamp()), new PasswordChanged(hash, PersonStreams.NewStamp()),
                    new SecondFactorEnrolled(secrets.Protect(SecondFactorKey), 0, PersonStreams.NewStamp()), new DemoAccountMarked()]
                : [new PersonRegistered(id, email, name, organisation, role, hash, PersonStreams.NewStamp()), new PasswordChanged(hash, PersonStreams.NewStamp()), new DemoAccountMarked()];
            await store.OpenSession(EventMetadata.System()).Append(PersonStreams.For(id), PersonStreams.StreamType, ExpectedVersion.NoStream, events)
                .SaveChangesAsync(cancellationToken);
        }

        await Governance.DemoGovernance.SeedAsync(services, cancellationToken);
    }

    /// <summary>Answers the run command's question: which demo accounts are there (none outside a demo database).</summary>
    internal sealed class ListDemoAccountsHandler(NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<SignInOptions> options)
        : IRequestHandler<ListDemoAccounts, IReadOnlyList<DemoAccount>>
    {
        public async Task<IReadOnlyList<DemoAccount>> Handle(ListDemoAccounts request, CancellationToken cancellationToken)
        {
            await using var command = dataSource.CreateCommand("""
                SELECT p.email, p.role, coalesce(o.name, p.organisation_code) FROM partnership.people p
                LEFT JOIN partnership.organisations o ON o.code = p.organisation_code WHERE p.is_demo ORDER BY p.registered_at, p.email
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var accounts = new List<DemoAccount>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var role = reader.GetString(1);
                accounts.Add(new DemoAccount(reader.GetString(0), Password, role, reader.GetString(2),
                    options.Value.RolesRequiringSecondFactor.Contains(role) ? SecondFactorKey : null));
            }

            return accounts;
        }
    }
}
