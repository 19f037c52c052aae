using System.Reflection;
using Commissioning.BuildingBlocks.Identity;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commissioning.BuildingBlocks.Messaging;

/// <summary>MediatR wiring. It lives here only, so moving to a newer MediatR is a change in one file (ADR 0002).</summary>
public static class MessagingServiceCollectionExtensions
{
    private static readonly Type[] HandlerInterfaces =
        [typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>)];

    /// <summary>
    /// Registers the mediator, the pipeline (logging, authorisation, the child-data scope and audit gate, validation, unit of work) and
    /// every handler and validator found in <paramref name="assemblies"/>.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.TryAddScoped<ServiceFactory>(sp => sp.GetService!);
        services.TryAddScoped<IMediator, Mediator>();
        services.TryAddScoped<RequestContext>();
        services.TryAddScoped<UnitOfWork>();

        // MediatR 5 wraps behaviours in registration order: the first registered runs outermost.
        if (!services.Any(d => d.ServiceType == typeof(IPipelineBehavior<,>)))
        {
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorisationBehaviour<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(Audit.ChildDataBehaviour<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));
        }

        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()).Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.TryAddEnumerable(ServiceDescriptor.Scoped(contract, type));
            }
        }

        return services;
    }
}
