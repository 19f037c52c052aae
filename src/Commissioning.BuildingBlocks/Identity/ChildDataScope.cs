namespace Commissioning.BuildingBlocks.Identity;

/// <summary>How far a caller can see child-level records.</summary>
public enum ChildDataReach
{
    /// <summary>No child-level record at all (board members, finance, contract managers, ...): aggregates only.</summary>
    None,

    /// <summary>Every child (the brokerage team and the system itself).</summary>
    All,

    /// <summary>Only the children of the caller's own borough.</summary>
    OwnBorough,

    /// <summary>Only referrals offered to the caller's provider, and only the minimum fields, under a pseudonymous reference.</summary>
    OfferedToProvider,
}

/// <summary>
/// The one place that decides which children's records a caller may see (domain rule: a referral belongs to the
/// referring borough; only that borough, brokerage and a provider it was offered to may see it). Read models of
/// child-level data filter with <see cref="SqlFilter"/>, and the child-data behaviour checks every record a request
/// returns with <see cref="Allows"/> before anything leaves the pipeline.
/// </summary>
/// <param name="Reach">How far the caller sees.</param>
/// <param name="Organisation">The caller's borough or provider code, for the reaches that need one.</param>
public sealed record ChildDataScope(ChildDataReach Reach, string? Organisation)
{
    /// <summary>The scope of whoever is acting.</summary>
    public static ChildDataScope For(RequestContext context) => context.Role switch
    {
        Roles.System or Roles.Brokerage => new(ChildDataReach.All, null),
        Roles.BoroughReferrer or Roles.BoroughManager when context.Organisation is not null => new(ChildDataReach.OwnBorough, context.Organisation),
        Roles.Provider when context.Organisation is not null => new(ChildDataReach.OfferedToProvider, context.Organisation),
        _ => new(ChildDataReach.None, null),
    };

    /// <summary>Whether the caller may see this record.</summary>
    public bool Allows(ChildRecordKey record) => Reach switch
    {
        ChildDataReach.All => true,
        ChildDataReach.OwnBorough => record.OwningBorough == Organisation,
        ChildDataReach.OfferedToProvider => record.OfferedTo.Contains(Organisation!),
        _ => false,
    };

    /// <summary>
    /// A SQL condition restricting a child-level read model to this scope, with its one parameter (pass it as
    /// <c>$<paramref name="parameterNumber"/></c>). <paramref name="boroughColumn"/> holds the owning borough's code;
    /// <paramref name="offeredToColumn"/> a text[] of the providers the record was offered to.
    /// </summary>
    public (string Condition, object? Parameter) SqlFilter(string boroughColumn, string offeredToColumn, int parameterNumber) => Reach switch
    {
        ChildDataReach.All => ("true", null),
        ChildDataReach.OwnBorough => ($"{boroughColumn} = ${parameterNumber}", Organisation),
        ChildDataReach.OfferedToProvider => ($"${parameterNumber} = ANY({offeredToColumn})", Organisation),
        _ => ("false", null),
    };
}

/// <summary>Who owns a child-level record and who else it was shared with: what the scope check needs.</summary>
/// <param name="Type">The kind of record, e.g. "referral" (for the audit log).</param>
/// <param name="Id">Its id.</param>
/// <param name="OwningBorough">The referring borough's code.</param>
/// <param name="OfferedTo">The providers it was offered to.</param>
public sealed record ChildRecordKey(string Type, string Id, string OwningBorough, IReadOnlyCollection<string> OfferedTo);

/// <summary>
/// Marks a result as child-level data. Every request whose result holds these (alone, in a list or in a page) must
/// carry <see cref="Audit.ChildDataAttribute"/> (an architecture test checks it); the pipeline then refuses
/// out-of-scope records and writes an audit record for each one returned.
/// </summary>
public interface IChildRecord
{
    /// <summary>The record's ownership. Implementations hide it from serialisation ([JsonIgnore]).</summary>
    ChildRecordKey ChildRecord { get; }
}
