using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Partnership.People;

// A person's stream is their account's security history. Secrets never appear in clear: passwords as ASP.NET Core
// Identity hashes, the second-factor key protected by ASP.NET Core Data Protection. Every change that should end
// existing sessions carries a new security stamp.

[EventType("partnership.person-registered.v1")]
internal sealed record PersonRegistered(Guid PersonId, string Email, string Name, string OrganisationCode, string Role, string PasswordHash, string SecurityStamp);

[EventType("partnership.password-changed.v1")]
internal sealed record PasswordChanged(string PasswordHash, string SecurityStamp);

/// <summary>An admin set a temporary password; the person must choose a new one at their next sign-in.</summary>
[EventType("partnership.password-reset.v1")]
internal sealed record PasswordReset(string PasswordHash, string SecurityStamp);

[EventType("partnership.sign-in-failed.v1")]
internal sealed record SignInFailed(string Stage, int FailedAttempts);

[EventType("partnership.account-locked-out.v1")]
internal sealed record AccountLockedOut(DateTimeOffset Until);

[EventType("partnership.account-unlocked.v1")]
internal sealed record AccountUnlocked;

[EventType("partnership.signed-in.v1")]
internal sealed record SignedIn(bool WithSecondFactor, long CodeStep);

[EventType("partnership.second-factor-enrolled.v1")]
internal sealed record SecondFactorEnrolled(string ProtectedSecret, long CodeStep, string SecurityStamp);

[EventType("partnership.second-factor-reset.v1")]
internal sealed record SecondFactorReset(string SecurityStamp);

[EventType("partnership.account-disabled.v1")]
internal sealed record AccountDisabled(string Reason, string SecurityStamp);

[EventType("partnership.account-enabled.v1")]
internal sealed record AccountEnabled(string SecurityStamp);

internal static class PersonStreams
{
    public const string StreamType = "person";

    public static string For(Guid personId) => $"person-{personId:N}";

    public static string NewStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>The people table: the accounts and everything sign-in decides from (with the stream version, for optimistic appends).</summary>
internal sealed class PeopleProjection : Projection
{
    public override string Name => "people";

    public override IReadOnlyList<string> OwnedTables { get; } = ["partnership.people"];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        if (storedEvent.Data is PersonRegistered registered)
        {
            commands.Execute("""
                INSERT INTO partnership.people (id, version, email, name, organisation_code, role, password_hash, must_change_password, security_stamp, registered_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $9)
                """, registered.PersonId, storedEvent.Version, registered.Email, registered.Name, registered.OrganisationCode, registered.Role,
                registered.PasswordHash, registered.SecurityStamp, storedEvent.RecordedAt);
            return;
        }

        void Update(string set, params object?[] values) =>
            commands.Execute($"UPDATE partnership.people SET version = $2, {set} WHERE id = $1",
                [Guid.Parse(storedEvent.StreamId.AsSpan("person-".Length)), storedEvent.Version, .. values]);

        switch (storedEvent.Data)
        {
            case PasswordChanged e:
                Update("password_hash = $3, must_change_password = false, security_stamp = $4", e.PasswordHash, e.SecurityStamp);
                break;
            case PasswordReset e:
                Update("password_hash = $3, must_change_password = true, security_stamp = $4, failed_attempts = 0, locked_until = NULL", e.PasswordHash, e.SecurityStamp);
                break;
            case SignInFailed e:
                Update("failed_attempts = $3", e.FailedAttempts);
                break;
            case AccountLockedOut e:
                Update("locked_until = $3, failed_attempts = 0", e.Until);
                break;
            case AccountUnlocked:
                Update("locked_until = NULL, failed_attempts = 0");
                break;
            case SignedIn e:
                Update("failed_attempts = 0, last_signed_in_at = $3, last_code_step = greatest(last_code_step, $4)", storedEvent.RecordedAt, e.CodeStep);
                break;
            case SecondFactorEnrolled e:
                Update("second_factor_secret = $3, last_code_step = $4, security_stamp = $5", e.ProtectedSecret, e.CodeStep, e.SecurityStamp);
                break;
            case SecondFactorReset e:
                Update("second_factor_secret = NULL, last_code_step = 0, security_stamp = $3", e.SecurityStamp);
                break;
            case AccountDisabled e:
                Update("disabled = true, security_stamp = $3", e.SecurityStamp);
                break;
            case AccountEnabled e:
                Update("disabled = false, failed_attempts = 0, locked_until = NULL, security_stamp = $3", e.SecurityStamp);
                break;
        }
    }
}
