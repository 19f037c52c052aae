using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Partnership.Organisations;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Partnership.People;

/// <summary>A person's account as the admin sees it: never the password hash or the second-factor key.</summary>
internal sealed record PersonView(
    Guid Id, string Email, string Name, string OrganisationCode, string Role, string Status, bool SecondFactorSetUp,
    bool MustChangePassword, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignedInAt, DateTimeOffset RegisteredAt)
{
    public static PersonView From(PersonRecord p, DateTimeOffset now) => new(
        p.Id, p.Email, p.Name, p.OrganisationCode, p.Role,
        p.Disabled ? "disabled" : p.IsLockedOut(now) ? "locked" : "active",
        p.HasSecondFactor, p.MustChangePassword, p.IsLockedOut(now) ? p.LockedUntil : null, p.LastSignedInAt, p.RegisteredAt);
}

/// <summary>A new account or a reset: the temporary password is shown once and never stored in clear.</summary>
internal sealed record TemporaryPasswordIssued(Guid PersonId, string Email, string TemporaryPassword);

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record ListPeople(string? Organisation, string? Role, string? Search, PageRequest Page) : IQuery<Paged<PersonView>>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record GetPerson(Guid PersonId) : IQuery<PersonView>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record RegisterPerson(string Email, string Name, string OrganisationCode, string Role) : ICommand<TemporaryPasswordIssued>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record ResetPassword(Guid PersonId) : ICommand<TemporaryPasswordIssued>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record DisableAccount(Guid PersonId, string Reason) : ICommand<PersonView>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record EnableAccount(Guid PersonId) : ICommand<PersonView>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record ResetSecondFactor(Guid PersonId) : ICommand<PersonView>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record UnlockAccount(Guid PersonId) : ICommand<PersonView>;

internal sealed class RegisterPersonValidator : AbstractValidator<RegisterPerson>
{
    public RegisterPersonValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithMessage("Enter the person's work e-mail address")
            .EmailAddress().WithMessage("Enter an e-mail address in the correct format, like name@example.gov.uk")
            .MaximumLength(254).WithMessage("The e-mail address must be 254 characters or fewer");
        RuleFor(r => r.Name).NotEmpty().WithMessage("Enter the person's full name").MaximumLength(200).WithMessage("The name must be 200 characters or fewer");
        RuleFor(r => r.OrganisationCode).NotEmpty().WithMessage("Choose the person's organisation");
        RuleFor(r => r.Role).Must(r => Roles.All.Contains(r)).WithMessage("Choose one of the roles: " + string.Join(", ", Roles.All));
    }
}

internal sealed class DisableAccountValidator : AbstractValidator<DisableAccount>
{
    public DisableAccountValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Say why the account is being disabled").MaximumLength(500).WithMessage("The reason must be 500 characters or fewer");
}

/// <summary>Which roles an organisation's people can hold (api.md: brokerage is the lead borough's only).</summary>
internal static class RoleRules
{
    public static string? Problem(string role, OrganisationSummary organisation) => (role, organisation.Kind) switch
    {
        (Roles.Brokerage or Roles.ContractManager or Roles.PartnershipAdmin, _) when !organisation.IsLead =>
            $"Only the lead borough's staff can hold the {role} role",
        (Roles.BoroughReferrer or Roles.BoroughManager, not OrganisationKinds.Borough) => $"The {role} role is for borough staff: choose a borough",
        (Roles.Provider, not OrganisationKinds.Provider) => "The provider role is for a provider's staff: choose a provider",
        (not Roles.Provider and not Roles.BoardMember and not Roles.TrainingCoordinator, OrganisationKinds.Provider) =>
            $"A provider's staff can hold the provider or board-member role, not {role}",
        _ => null,
    };
}

internal sealed class PeopleHandlers(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, NpgsqlDataSource dataSource,
    IAuditLog audit, RequestContext context, TimeProvider clock) :
    IRequestHandler<ListPeople, Paged<PersonView>>,
    IRequestHandler<GetPerson, PersonView>,
    IRequestHandler<RegisterPerson, TemporaryPasswordIssued>,
    IRequestHandler<ResetPassword, TemporaryPasswordIssued>,
    IRequestHandler<DisableAccount, PersonView>,
    IRequestHandler<EnableAccount, PersonView>,
    IRequestHandler<ResetSecondFactor, PersonView>,
    IRequestHandler<UnlockAccount, PersonView>
{
    public async Task<Paged<PersonView>> Handle(ListPeople request, CancellationToken cancellationToken)
    {
        var (people, total) = await PersonDirectory.ListAsync(dataSource, request.Organisation, request.Role, request.Search,
            request.Page.Offset, request.Page.PageSize, cancellationToken);
        var now = clock.GetUtcNow();
        return new Paged<PersonView>(request.Page, people.Select(p => PersonView.From(p, now)).ToList(), total);
    }

    public async Task<PersonView> Handle(GetPerson request, CancellationToken cancellationToken) =>
        PersonView.From(await FindAsync(request.PersonId, cancellationToken), clock.GetUtcNow());

    public async Task<TemporaryPasswordIssued> Handle(RegisterPerson request, CancellationToken cancellationToken)
    {
        var organisation = await OrganisationDirectory.FindAsync(dataSource, request.OrganisationCode, cancellationToken)
                           ?? throw RequestValidationException.For("organisationCode", $"There is no organisation with the code {request.OrganisationCode}");
        if (RoleRules.Problem(request.Role, organisation) is { } problem)
        {
            throw RequestValidationException.For("role", problem);
        }

        if (await PersonDirectory.FindByEmailAsync(dataSource, request.Email, cancellationToken) is not null)
        {
            throw RequestValidationException.For("email", "An account with this e-mail address already exists");
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var temporary = Passwords.NewTemporary();
        unitOfWork.For(store).Append(PersonStreams.For(id), PersonStreams.StreamType, ExpectedVersion.NoStream,
            [new PersonRegistered(id, request.Email.Trim(), request.Name.Trim(), organisation.Code, request.Role, Passwords.Hash(temporary), PersonStreams.NewStamp())]);
        await AuditAsync(id, "account-registered", cancellationToken);
        return new TemporaryPasswordIssued(id, request.Email.Trim(), temporary);
    }

    public async Task<TemporaryPasswordIssued> Handle(ResetPassword request, CancellationToken cancellationToken)
    {
        var person = await FindAsync(request.PersonId, cancellationToken);
        var temporary = Passwords.NewTemporary();
        unitOfWork.For(store).Append(person.Stream, PersonStreams.StreamType, person.Version, [new PasswordReset(Passwords.Hash(temporary), PersonStreams.NewStamp())]);
        await AuditAsync(person.Id, "password-reset", cancellationToken);
        return new TemporaryPasswordIssued(person.Id, person.Email, temporary);
    }

    public Task<PersonView> Handle(DisableAccount request, CancellationToken cancellationToken) =>
        ChangeAsync(request.PersonId, "account-disabled", p => p.Disabled ? null : new AccountDisabled(request.Reason.Trim(), PersonStreams.NewStamp()), cancellationToken);

    public Task<PersonView> Handle(EnableAccount request, CancellationToken cancellationToken) =>
        ChangeAsync(request.PersonId, "account-enabled", p => p.Disabled ? new AccountEnabled(PersonStreams.NewStamp()) : null, cancellationToken);

    public Task<PersonView> Handle(ResetSecondFactor request, CancellationToken cancellationToken) =>
        ChangeAsync(request.PersonId, "second-factor-reset", p => p.HasSecondFactor ? new SecondFactorReset(PersonStreams.NewStamp()) : null, cancellationToken);

    public Task<PersonView> Handle(UnlockAccount request, CancellationToken cancellationToken) =>
        ChangeAsync(request.PersonId, "account-unlocked", p => p.LockedUntil is not null || p.FailedAttempts > 0 ? new AccountUnlocked() : null, cancellationToken);

    /// <summary>Appends the decided event, if any (asking twice changes nothing), and answers with the account as it will be.</summary>
    private async Task<PersonView> ChangeAsync(Guid personId, string operation, Func<PersonRecord, object?> decide, CancellationToken cancellationToken)
    {
        var person = await FindAsync(personId, cancellationToken);
        if (decide(person) is { } change)
        {
            unitOfWork.For(store).Append(person.Stream, PersonStreams.StreamType, person.Version, [change]);
            await AuditAsync(person.Id, operation, cancellationToken);
            person = change switch
            {
                AccountDisabled => person with { Disabled = true },
                AccountEnabled => person with { Disabled = false, LockedUntil = null, FailedAttempts = 0 },
                SecondFactorReset => person with { SecondFactorSecret = null },
                AccountUnlocked => person with { LockedUntil = null, FailedAttempts = 0 },
                _ => person,
            };
        }

        return PersonView.From(person, clock.GetUtcNow());
    }

    private async Task<PersonRecord> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await PersonDirectory.FindAsync(dataSource, id, cancellationToken) ?? throw new NotFoundException("There is no person with that id.");

    private Task AuditAsync(Guid personId, string operation, CancellationToken cancellationToken) =>
        audit.RecordAsync([AuditEntry.By(context, clock.GetUtcNow(), AuditActions.Security, "account", personId.ToString(), operation)], cancellationToken);
}
