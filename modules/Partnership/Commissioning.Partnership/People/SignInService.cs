using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commissioning.Partnership.People;

internal enum SignInStep
{
    /// <summary>Wrong e-mail, password or code (the message never says which).</summary>
    Failed,
    LockedOut,
    NeedsSecondFactor,
    NeedsSecondFactorSetUp,
    MustChangePassword,
    SignedIn,
}

internal sealed record SignInOutcome(SignInStep Step, PersonRecord? Person = null, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Password and second-factor sign-in with lockout. Each stage appends to the person's stream (so two hosts count
/// the same failures: the optimistic version serialises them) and writes a security line to the audit log.
/// </summary>
internal sealed class SignInService(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store,
    NpgsqlDataSource dataSource,
    IDataProtectionProvider protection,
    IAuditLog audit,
    RequestContext context,
    TimeProvider clock,
    IOptions<SignInOptions> options)
{
    private readonly IDataProtector _secrets = protection.CreateProtector("Commissioning.Partnership.SecondFactor.v1");

    public async Task<SignInOutcome> PasswordAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var person = string.IsNullOrWhiteSpace(email) ? null : await PersonDirectory.FindByEmailAsync(dataSource, email, cancellationToken);
        if (person is null || person.Disabled)
        {
            // Hash anyway so that an unknown address takes as long as a known one.
            Passwords.Verify(UnknownHash, password ?? "");
            return new SignInOutcome(SignInStep.Failed);
        }

        var now = clock.GetUtcNow();
        if (person.IsLockedOut(now))
        {
            await AuditAsync(person, "sign-in-refused-locked-out", cancellationToken);
            return new SignInOutcome(SignInStep.LockedOut, person, person.LockedUntil);
        }

        if (!Passwords.Verify(person.PasswordHash, password ?? ""))
        {
            return await FailAsync(person, "password", cancellationToken);
        }

        return await NextStepAfterPasswordAsync(person, cancellationToken);
    }

    public async Task<SignInOutcome> SecondFactorAsync(Guid personId, string? code, CancellationToken cancellationToken)
    {
        var person = await PersonDirectory.FindAsync(dataSource, personId, cancellationToken);
        if (person is null || person.Disabled || person.SecondFactorSecret is null)
        {
            return new SignInOutcome(SignInStep.Failed);
        }

        if (person.IsLockedOut(clock.GetUtcNow()))
        {
            return new SignInOutcome(SignInStep.LockedOut, person, person.LockedUntil);
        }

        var step = Totp.Verify(_secrets.Unprotect(person.SecondFactorSecret), code, clock.GetUtcNow(), person.LastCodeStep);
        if (step is null)
        {
            return await FailAsync(person, "second-factor", cancellationToken);
        }

        return await CompleteAsync(person, [new SignedIn(true, step.Value)], cancellationToken);
    }

    /// <summary>Checks a code from a newly added authenticator against the secret it was shown, and keeps the secret.</summary>
    public async Task<SignInOutcome> SetUpSecondFactorAsync(Guid personId, string secret, string? code, CancellationToken cancellationToken)
    {
        var person = await PersonDirectory.FindAsync(dataSource, personId, cancellationToken);
        if (person is null || person.Disabled || person.IsLockedOut(clock.GetUtcNow()))
        {
            return new SignInOutcome(person is null || person.Disabled ? SignInStep.Failed : SignInStep.LockedOut, person, person?.LockedUntil);
        }

        var step = Totp.Verify(secret, code, clock.GetUtcNow(), 0);
        if (step is null)
        {
            return await FailAsync(person, "second-factor-set-up", cancellationToken);
        }

        return await CompleteAsync(person,
            [new SecondFactorEnrolled(_secrets.Protect(secret), step.Value, PersonStreams.NewStamp()), new SignedIn(true, step.Value)], cancellationToken);
    }

    /// <summary>The person chose their own password (after a reset, or from their account page).</summary>
    public async Task<PersonRecord> ChangePasswordAsync(Guid personId, string newPassword, CancellationToken cancellationToken)
    {
        var person = await PersonDirectory.FindAsync(dataSource, personId, cancellationToken) ?? throw new InvalidOperationException("No such person.");
        await store.OpenSession(Metadata(person))
            .Append(person.Stream, PersonStreams.StreamType, person.Version, [new PasswordChanged(Passwords.Hash(newPassword), PersonStreams.NewStamp())])
            .SaveChangesAsync(cancellationToken);
        await AuditAsync(person, "password-changed", cancellationToken);
        return (await PersonDirectory.FindAsync(dataSource, personId, cancellationToken))!;
    }

    public bool RequiresSecondFactor(PersonRecord person) => options.Value.RolesRequiringSecondFactor.Contains(person.Role);

    public Task AuditAsync(PersonRecord person, string operation, CancellationToken cancellationToken) =>
        audit.RecordAsync([new AuditEntry(clock.GetUtcNow(), person.Id.ToString(), person.OrganisationCode, person.Role, AccessChannel.Web,
            AuditActions.Security, "account", person.Id.ToString(), operation, context.CorrelationId)], cancellationToken);

    private async Task<SignInOutcome> NextStepAfterPasswordAsync(PersonRecord person, CancellationToken cancellationToken)
    {
        if (person.HasSecondFactor)
        {
            return new SignInOutcome(SignInStep.NeedsSecondFactor, person);
        }

        if (RequiresSecondFactor(person))
        {
            return new SignInOutcome(SignInStep.NeedsSecondFactorSetUp, person);
        }

        return await CompleteAsync(person, [new SignedIn(false, 0)], cancellationToken);
    }

    private async Task<SignInOutcome> CompleteAsync(PersonRecord person, object[] events, CancellationToken cancellationToken)
    {
        await store.OpenSession(Metadata(person)).Append(person.Stream, PersonStreams.StreamType, person.Version, events).SaveChangesAsync(cancellationToken);
        await AuditAsync(person, "signed-in", cancellationToken);
        var current = (await PersonDirectory.FindAsync(dataSource, person.Id, cancellationToken))!;
        return new SignInOutcome(current.MustChangePassword ? SignInStep.MustChangePassword : SignInStep.SignedIn, current);
    }

    private async Task<SignInOutcome> FailAsync(PersonRecord person, string stage, CancellationToken cancellationToken)
    {
        var attempts = person.FailedAttempts + 1;
        var lockOut = attempts >= options.Value.MaxFailedAttempts;
        var until = clock.GetUtcNow() + options.Value.LockoutDuration;
        object[] events = lockOut ? [new SignInFailed(stage, attempts), new AccountLockedOut(until)] : [new SignInFailed(stage, attempts)];
        try
        {
            await store.OpenSession(Metadata(person)).Append(person.Stream, PersonStreams.StreamType, person.Version, events).SaveChangesAsync(cancellationToken);
        }
        catch (StreamVersionConflictException)
        {
            // A simultaneous attempt was counted first; count this one against the fresh state.
            var fresh = await PersonDirectory.FindAsync(dataSource, person.Id, cancellationToken);
            return fresh is null ? new SignInOutcome(SignInStep.Failed) : await FailAsync(fresh, stage, cancellationToken);
        }

        await AuditAsync(person, lockOut ? "locked-out" : $"sign-in-failed-{stage}", cancellationToken);
        return lockOut ? new SignInOutcome(SignInStep.LockedOut, person, until) : new SignInOutcome(SignInStep.Failed, person);
    }

    private EventMetadata Metadata(PersonRecord person) => new(person.Id.ToString(), person.OrganisationCode, context.CorrelationId, null);

    private static readonly string UnknownHash = Passwords.Hash(Guid.NewGuid().ToString());
}
