using MediatR;

namespace Commissioning.BuildingBlocks.Messaging;

/// <summary>A request that changes state. The unit-of-work behaviour saves its sessions when the handler returns.</summary>
/// <typeparam name="TResult">What the handler answers.</typeparam>
public interface ICommand<out TResult> : IRequest<TResult>;

/// <summary>A request that only reads.</summary>
/// <typeparam name="TResult">What the handler answers.</typeparam>
public interface IQuery<out TResult> : IRequest<TResult>;

/// <summary>
/// The roles that may send a request. Every request declares who may send it (this, or
/// <see cref="SystemOnlyAttribute"/>): the authorisation behaviour refuses a request that declares nothing, so a
/// forgotten policy fails loudly instead of leaving a door open.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute(params string[] roles) : Attribute
{
    /// <summary>The roles allowed.</summary>
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Only the system itself (jobs, subscriptions, CLI verbs) may send this request.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SystemOnlyAttribute : Attribute;
