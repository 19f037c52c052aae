using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.BuildingBlocks.Audit;

/// <summary>What kind of access an audit record is about.</summary>
public static class AuditActions
{
    /// <summary>A child-level record was read.</summary>
    public const string Read = "read";

    /// <summary>A child-level record was changed.</summary>
    public const string Change = "change";

    /// <summary>A sign-in, sign-out, lockout or other security event.</summary>
    public const string Security = "security";
}

/// <summary>One line of the audit log: who, for which organisation and role, when, what, which record, through which interface.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="UserId">The person or key.</param>
/// <param name="Organisation">The acting organisation.</param>
/// <param name="Role">The acting role.</param>
/// <param name="Channel">The interface used.</param>
/// <param name="Action">See <see cref="AuditActions"/>.</param>
/// <param name="RecordType">The kind of record, e.g. "referral", or "account".</param>
/// <param name="RecordId">Which record.</param>
/// <param name="Operation">The request or event that caused it, e.g. "GetReferral" or "sign-in-failed".</param>
/// <param name="CorrelationId">Ties the line to logs and events.</param>
public sealed record AuditEntry(
    DateTimeOffset OccurredAt,
    string? UserId,
    string? Organisation,
    string? Role,
    AccessChannel Channel,
    string Action,
    string RecordType,
    string RecordId,
    string Operation,
    string CorrelationId)
{
    /// <summary>A line about what the current actor did, at <paramref name="occurredAt"/>.</summary>
    public static AuditEntry By(RequestContext actor, DateTimeOffset occurredAt, string action, string recordType, string recordId, string operation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry(occurredAt, actor.UserId, actor.Organisation, actor.Role, actor.Channel, action, recordType, recordId, operation, actor.CorrelationId);
    }
}

/// <summary>
/// The append-only audit log (kept by the Partnership module). Writes are synchronous: a read of child-level data
/// that cannot be audited fails instead of returning the data.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends the entries, all or none.</summary>
    Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);
}

/// <summary>
/// Marks a request that reads or changes child-level data (its result holds <see cref="IChildRecord"/>s). The
/// pipeline answers "not found" for an out-of-scope record and audits every record returned.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ChildDataAttribute : Attribute;
