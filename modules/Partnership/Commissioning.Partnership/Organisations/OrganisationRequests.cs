using System.Globalization;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Partnership.Organisations;

internal sealed record OrganisationSummary(
    string Code, string Name, string Kind, string? GssCode, string? LaNumber, bool IsLead, DateOnly? JoinedOn, string? DataSharingAgreement);

internal sealed record PooledBudgetContribution(string BoroughCode, string BoroughName, string FinancialYear, decimal Amount, decimal SharePercent);

internal sealed record PartnershipOverview(
    string LeadBoroughCode, string LeadershipAgreement, DateOnly AgreedOn,
    IReadOnlyList<OrganisationSummary> Organisations, IReadOnlyList<PooledBudgetContribution> Contributions);

/// <summary>Every organisation: any signed-in person may see who is in the partnership (no child data here).</summary>
[AllowedRoles(Roles.PartnershipAdmin, Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager, Roles.Provider, Roles.ContractManager,
    Roles.Finance, Roles.TrainingCoordinator, Roles.BoardMember)]
internal sealed record ListOrganisations(string? Kind) : IQuery<IReadOnlyList<OrganisationSummary>>;

[AllowedRoles(Roles.PartnershipAdmin, Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager, Roles.Provider, Roles.ContractManager,
    Roles.Finance, Roles.TrainingCoordinator, Roles.BoardMember)]
internal sealed record GetPartnershipOverview : IQuery<PartnershipOverview>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record RegisterOrganisation(string Code, string Name, string Kind) : ICommand<OrganisationSummary>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record SignPartnershipAgreement(string BoroughCode, DateOnly? JoinedOn, string DataSharingAgreement) : ICommand<Unit>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record DesignateLeadBorough(string BoroughCode, string LeadershipAgreement, DateOnly? AgreedOn) : ICommand<Unit>;

[AllowedRoles(Roles.PartnershipAdmin, Roles.Finance)]
internal sealed record SetPooledBudgetContribution(string BoroughCode, string FinancialYear, decimal? Amount) : ICommand<Unit>;

internal sealed partial class RegisterOrganisationValidator : AbstractValidator<RegisterOrganisation>
{
    public RegisterOrganisationValidator()
    {
        RuleFor(r => r.Code).NotEmpty().WithMessage("Enter the organisation's short code, for example PRV-A")
            .Must(c => c is null || CodePattern().IsMatch(c)).WithMessage("The code must be 2 to 20 capital letters, digits or hyphens, for example PRV-A");
        RuleFor(r => r.Name).NotEmpty().WithMessage("Enter the organisation's name").MaximumLength(200).WithMessage("The name must be 200 characters or fewer");
        RuleFor(r => r.Kind).Must(k => k is OrganisationKinds.Provider or OrganisationKinds.Private)
            .WithMessage("Choose whether the organisation is a provider or a private organisation (boroughs are already in the partnership)");
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,19}$")]
    private static partial Regex CodePattern();
}

internal sealed class SignPartnershipAgreementValidator : AbstractValidator<SignPartnershipAgreement>
{
    public SignPartnershipAgreementValidator()
    {
        RuleFor(r => r.BoroughCode).NotEmpty().WithMessage("Choose the borough");
        RuleFor(r => r.JoinedOn).NotNull().WithMessage("Enter the date the borough signed up");
        RuleFor(r => r.DataSharingAgreement).NotEmpty().WithMessage("Enter the data-sharing agreement's reference")
            .MaximumLength(100).WithMessage("The reference must be 100 characters or fewer");
    }
}

internal sealed class DesignateLeadBoroughValidator : AbstractValidator<DesignateLeadBorough>
{
    public DesignateLeadBoroughValidator()
    {
        RuleFor(r => r.BoroughCode).NotEmpty().WithMessage("Choose the lead borough");
        RuleFor(r => r.LeadershipAgreement).NotEmpty().WithMessage("Enter the leadership agreement's reference");
        RuleFor(r => r.AgreedOn).NotNull().WithMessage("Enter the date the leadership agreement was made");
    }
}

internal sealed partial class SetPooledBudgetContributionValidator : AbstractValidator<SetPooledBudgetContribution>
{
    public SetPooledBudgetContributionValidator()
    {
        RuleFor(r => r.BoroughCode).NotEmpty().WithMessage("Choose the borough");
        RuleFor(r => r.FinancialYear).Must(FinancialYears.IsValid).WithMessage("Enter the financial year as two years, for example 2026-27");
        RuleFor(r => r.Amount).NotNull().WithMessage("Enter the contribution in pounds")
            .GreaterThanOrEqualTo(0).WithMessage("The contribution cannot be negative")
            .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("Give the contribution in pounds and pence, at most two decimal places");
    }
}

/// <summary>UK public-sector financial years, April to March, written "2026-27".</summary>
internal static partial class FinancialYears
{
    public static bool IsValid(string? year)
    {
        if (year is null || !Pattern().IsMatch(year))
        {
            return false;
        }

        var start = int.Parse(year.AsSpan(0, 4), CultureInfo.InvariantCulture);
        return (start + 1) % 100 == int.Parse(year.AsSpan(5, 2), CultureInfo.InvariantCulture);
    }

    public static string Containing(DateOnly date)
    {
        var start = date.Month >= 4 ? date.Year : date.Year - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{start}-{(start + 1) % 100:00}");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex Pattern();
}

internal sealed class OrganisationHandlers(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, NpgsqlDataSource dataSource) :
    IRequestHandler<ListOrganisations, IReadOnlyList<OrganisationSummary>>,
    IRequestHandler<GetPartnershipOverview, PartnershipOverview>,
    IRequestHandler<RegisterOrganisation, OrganisationSummary>,
    IRequestHandler<SignPartnershipAgreement, Unit>,
    IRequestHandler<DesignateLeadBorough, Unit>,
    IRequestHandler<SetPooledBudgetContribution, Unit>
{
    public Task<IReadOnlyList<OrganisationSummary>> Handle(ListOrganisations request, CancellationToken cancellationToken) =>
        OrganisationDirectory.ListAsync(dataSource, request.Kind, cancellationToken);

    public async Task<PartnershipOverview> Handle(GetPartnershipOverview request, CancellationToken cancellationToken)
    {
        var organisations = await OrganisationDirectory.ListAsync(dataSource, null, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var lead = new NpgsqlCommand("SELECT borough_code, leadership_agreement, agreed_on FROM partnership.lead_borough", connection);
        string leadCode = DefaultPartnership.LeadBorough, agreement = "Not yet recorded";
        var agreedOn = DateOnly.MinValue;
        await using (var reader = await lead.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (leadCode, agreement, agreedOn) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2));
            }
        }

        await using var contributions = new NpgsqlCommand("""
            SELECT c.borough_code, o.name, c.financial_year, c.amount,
                   round(100 * c.amount / nullif(sum(c.amount) OVER (PARTITION BY c.financial_year), 0), 2)
            FROM partnership.pooled_budget_contributions c JOIN partnership.organisations o ON o.code = c.borough_code
            ORDER BY c.financial_year DESC, o.name
            """, connection);
        var list = new List<PooledBudgetContribution>();
        await using (var reader = await contributions.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new PooledBudgetContribution(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3),
                    reader.IsDBNull(4) ? 0 : reader.GetDecimal(4)));
            }
        }

        return new PartnershipOverview(leadCode, agreement, agreedOn,
            organisations.Select(o => o with { IsLead = o.Code == leadCode }).ToList(), list);
    }

    public async Task<OrganisationSummary> Handle(RegisterOrganisation request, CancellationToken cancellationToken)
    {
        if (await OrganisationDirectory.FindAsync(dataSource, request.Code, cancellationToken) is not null)
        {
            throw RequestValidationException.For("code", $"An organisation with the code {request.Code} is already registered");
        }

        unitOfWork.For(store).Append(OrganisationStreams.For(request.Code), OrganisationStreams.StreamType, ExpectedVersion.NoStream,
            [new OrganisationRegistered(request.Code, request.Name.Trim(), request.Kind, null, null)]);
        return new OrganisationSummary(request.Code, request.Name.Trim(), request.Kind, null, null, false, null, null);
    }

    public async Task<Unit> Handle(SignPartnershipAgreement request, CancellationToken cancellationToken)
    {
        await RequireBoroughAsync(request.BoroughCode, "boroughCode", cancellationToken);
        unitOfWork.For(store).Append(OrganisationStreams.For(request.BoroughCode), OrganisationStreams.StreamType, ExpectedVersion.Any,
            [new PartnershipAgreementSigned(request.BoroughCode, request.JoinedOn!.Value, request.DataSharingAgreement.Trim())]);
        return Unit.Value;
    }

    public async Task<Unit> Handle(DesignateLeadBorough request, CancellationToken cancellationToken)
    {
        await RequireBoroughAsync(request.BoroughCode, "boroughCode", cancellationToken);
        unitOfWork.For(store).Append(OrganisationStreams.LeadBoroughStream, OrganisationStreams.StreamType, ExpectedVersion.Any,
            [new LeadBoroughDesignated(request.BoroughCode, request.LeadershipAgreement.Trim(), request.AgreedOn!.Value)]);
        return Unit.Value;
    }

    public async Task<Unit> Handle(SetPooledBudgetContribution request, CancellationToken cancellationToken)
    {
        await RequireBoroughAsync(request.BoroughCode, "boroughCode", cancellationToken);
        unitOfWork.For(store).Append(OrganisationStreams.For(request.BoroughCode), OrganisationStreams.StreamType, ExpectedVersion.Any,
            [new PooledBudgetContributionSet(request.BoroughCode, request.FinancialYear, request.Amount!.Value)]);
        return Unit.Value;
    }

    private async Task RequireBoroughAsync(string code, string field, CancellationToken cancellationToken)
    {
        if (await OrganisationDirectory.FindAsync(dataSource, code, cancellationToken) is not { Kind: OrganisationKinds.Borough })
        {
            throw RequestValidationException.For(field, $"{code} is not a borough of the partnership: give its GSS code, for example E09000016");
        }
    }
}

/// <summary>Reads of the organisations table, shared by the module's handlers and sign-in.</summary>
internal static class OrganisationDirectory
{
    private const string Columns = "code, name, kind, gss_code, la_number, joined_on, data_sharing_agreement";

    public static async Task<IReadOnlyList<OrganisationSummary>> ListAsync(NpgsqlDataSource dataSource, string? kind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, code = (SELECT borough_code FROM partnership.lead_borough)
            FROM partnership.organisations WHERE $1::text IS NULL OR kind = $1 ORDER BY kind, name
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<OrganisationSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public static async Task<OrganisationSummary?> FindAsync(NpgsqlDataSource dataSource, string code, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, code = (SELECT borough_code FROM partnership.lead_borough) FROM partnership.organisations WHERE code = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static OrganisationSummary Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        !r.IsDBNull(7) && r.GetBoolean(7), r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), r.IsDBNull(6) ? null : r.GetString(6));
}
