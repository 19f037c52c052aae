namespace Commissioning.BuildingBlocks.Identity;

/// <summary>The roles of api.md; one per person or API key.</summary>
public static class Roles
{
    /// <summary>Runs the partnership: organisations, people, keys, the audit log.</summary>
    public const string PartnershipAdmin = "partnership-admin";

    /// <summary>The lead borough's central brokerage team.</summary>
    public const string Brokerage = "brokerage";

    /// <summary>A partner borough's referrer.</summary>
    public const string BoroughReferrer = "borough-referrer";

    /// <summary>A partner borough's manager.</summary>
    public const string BoroughManager = "borough-manager";

    /// <summary>A provider's staff.</summary>
    public const string Provider = "provider";

    /// <summary>The lead borough's contract manager.</summary>
    public const string ContractManager = "contract-manager";

    /// <summary>Finance.</summary>
    public const string Finance = "finance";

    /// <summary>The training programme's coordinator.</summary>
    public const string TrainingCoordinator = "training-coordinator";

    /// <summary>A board member: aggregates only.</summary>
    public const string BoardMember = "board-member";

    /// <summary>The system itself: jobs, subscriptions and command-line verbs.</summary>
    public const string System = "system";

    /// <summary>Every role a person or key can hold (not <see cref="System"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PartnershipAdmin, Brokerage, BoroughReferrer, BoroughManager, Provider, ContractManager, Finance, TrainingCoordinator, BoardMember,
    ];
}

/// <summary>The interface a request came through, for the audit log.</summary>
public enum AccessChannel
{
    /// <summary>A web page.</summary>
    Web,

    /// <summary>The HTTP API.</summary>
    Api,

    /// <summary>A command-line verb.</summary>
    Cli,

    /// <summary>A scheduled job or a subscription.</summary>
    Background,
}

/// <summary>
/// Who is acting in the current scope (one HTTP request, one job run, one CLI verb), and the ids that tie what they
/// cause together. Filled in once at the edge; read by the pipeline behaviours and the event metadata.
/// </summary>
public sealed class RequestContext
{
    /// <summary>The person or key, or null when nobody is signed in.</summary>
    public string? UserId { get; private set; }

    /// <summary>The acting organisation's code.</summary>
    public string? Organisation { get; private set; }

    /// <summary>The acting role.</summary>
    public string? Role { get; private set; }

    /// <summary>The interface used.</summary>
    public AccessChannel Channel { get; private set; } = AccessChannel.Background;

    /// <summary>Shared by everything this request causes.</summary>
    public string CorrelationId { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>True when someone (or the system) is acting.</summary>
    public bool IsAuthenticated => UserId is not null;

    /// <summary>True for jobs, subscriptions and CLI verbs.</summary>
    public bool IsSystem => Role == Roles.System;

    /// <summary>Sets the actor, once, at the edge.</summary>
    public void SignIn(string userId, string? organisation, string role, AccessChannel channel)
    {
        UserId = userId;
        Organisation = organisation;
        Role = role;
        Channel = channel;
    }

    /// <summary>Acts as the system itself.</summary>
    public void ActAsSystem(AccessChannel channel) => SignIn("system", null, Roles.System, channel);

    /// <summary>The metadata stored with events this scope appends.</summary>
    public EventStore.EventMetadata ToEventMetadata(string? causationId = null) =>
        new(UserId, Organisation, CorrelationId, causationId);
}
