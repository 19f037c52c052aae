using System.Diagnostics;
using System.Reflection;
using Commissioning.BuildingBlocks.Identity;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Commissioning.BuildingBlocks.Messaging;

/// <summary>Logs every request with its outcome and duration (structured, no payload: payloads can hold children's data).</summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger, RequestContext context)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await next();
            logger.LogInformation("{Request} by {User} ({Role}, {Organisation}) succeeded in {ElapsedMs} ms [{CorrelationId}]",
                name, context.UserId, context.Role, context.Organisation, watch.ElapsedMilliseconds, context.CorrelationId);
            return response;
        }
        catch (Exception e) when (e is RequestValidationException or ForbiddenException or NotFoundException or ConflictException
                                      or EventStore.StreamVersionConflictException)
        {
            logger.LogInformation("{Request} by {User} was refused: {Reason} [{CorrelationId}]", name, context.UserId, e.GetType().Name, context.CorrelationId);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Request} by {User} failed after {ElapsedMs} ms [{CorrelationId}]", name, context.UserId, watch.ElapsedMilliseconds, context.CorrelationId);
            throw;
        }
    }
}

/// <summary>Refuses a request unless the actor's role is one it declares (the system may send anything).</summary>
internal sealed class AuthorisationBehaviour<TRequest, TResponse>(RequestContext context) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AllowedRolesAttribute? Allowed = typeof(TRequest).GetCustomAttribute<AllowedRolesAttribute>();
    private static readonly bool SystemOnly = typeof(TRequest).GetCustomAttribute<SystemOnlyAttribute>() is not null;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (Allowed is null && !SystemOnly)
        {
            throw new InvalidOperationException(
                $"{typeof(TRequest).Name} declares no policy. Mark it [AllowedRoles(...)] or [SystemOnly].");
        }

        if (context.IsSystem)
        {
            return next();
        }

        if (!context.IsAuthenticated)
        {
            throw new ForbiddenException("Sign in first.");
        }

        if (SystemOnly || !Allowed!.Roles.Contains(context.Role))
        {
            throw new ForbiddenException($"The {context.Role} role may not do this.");
        }

        return next();
    }
}

/// <summary>Runs the request's FluentValidation validators and refuses it with every wrong field named.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            failures.AddRange((await validator.ValidateAsync(request, cancellationToken)).Errors);
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures
                .GroupBy(f => CamelCase(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
        }

        return await next();
    }

    private static string CamelCase(string path) => string.Join('.', path.Split('.').Select(part =>
        part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

/// <summary>After a command's handler succeeds, saves the sessions it opened (see <see cref="UnitOfWork"/>).</summary>
internal sealed class UnitOfWorkBehaviour<TRequest, TResponse>(UnitOfWork unitOfWork) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = typeof(TRequest).GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next();
        if (IsCommand)
        {
            await unitOfWork.CommitAsync(cancellationToken);
        }

        return response;
    }
}
