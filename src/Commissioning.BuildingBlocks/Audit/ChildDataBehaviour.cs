using System.Collections;
using System.Reflection;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Audit;

/// <summary>
/// The single gate for child-level data leaving the pipeline. For a request marked <see cref="ChildDataAttribute"/>
/// it finds every <see cref="IChildRecord"/> in the result (the result itself, a list, or a page's items), refuses
/// the request when one lies outside the caller's <see cref="ChildDataScope"/> (404 for a single record; a list
/// that was not filtered is a bug and fails loudly), then audits each record before the result is returned.
/// Commands are audited after the unit of work has committed, as changes.
/// </summary>
internal sealed class ChildDataBehaviour<TRequest, TResponse>(RequestContext context, IServiceProvider services, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool Marked = typeof(TRequest).GetCustomAttribute<ChildDataAttribute>() is not null;

    private static readonly bool IsCommand = typeof(TRequest).GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next();
        if (!Marked)
        {
            return response;
        }

        var records = RecordsIn(response).ToList();
        var scope = ChildDataScope.For(context);
        var outOfScope = records.Where(r => !scope.Allows(r.ChildRecord)).ToList();
        if (outOfScope.Count > 0)
        {
            if (response is IChildRecord)
            {
                throw new NotFoundException($"There is no {outOfScope[0].ChildRecord.Type} with that id.");
            }

            throw new InvalidOperationException(
                $"{typeof(TRequest).Name} returned {outOfScope.Count} child record(s) outside the caller's scope: its query must filter with ChildDataScope.");
        }

        if (records.Count > 0)
        {
            var now = clock.GetUtcNow();
            var action = IsCommand ? AuditActions.Change : AuditActions.Read;
            var entries = records.Select(r => AuditEntry.By(context, now, action, r.ChildRecord.Type, r.ChildRecord.Id, typeof(TRequest).Name)).ToList();
            var log = services.GetService<IAuditLog>()
                      ?? throw new InvalidOperationException("Child-level data cannot be returned: no audit log is registered.");
            await log.RecordAsync(entries, cancellationToken);
        }

        return response;
    }

    private static IEnumerable<IChildRecord> RecordsIn(object? response) => response switch
    {
        null => [],
        IChildRecord record => [record],
        string => [],
        IEnumerable items => items.OfType<IChildRecord>(),
        IChildRecordContainer container => container.ChildRecords,
        _ => [],
    };
}

/// <summary>A result that holds child records other than as itself or a plain list (for example a page of them).</summary>
public interface IChildRecordContainer
{
    /// <summary>The child records held.</summary>
    IEnumerable<IChildRecord> ChildRecords { get; }
}
