using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>Registers and applies the API's <c>Idempotency-Key</c> handling for POST.</summary>
public static class IdempotencyExtensions
{
    /// <summary>
    /// Registers the key store (it needs an <see cref="Npgsql.NpgsqlDataSource"/> in the container and the
    /// <see cref="ApiSchema"/> migrations applied) and problem details.
    /// </summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, Action<IdempotencyOptions>? configure = null)
    {
        services.AddOptions<IdempotencyOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddProblemDetails();
        services.AddDataProtection();
        services.AddSingleton<IdempotencyStore>();
        return services;
    }

    /// <summary>
    /// Applies the <c>Idempotency-Key</c> handling to every POST under <see cref="IdempotencyOptions.PathPrefix"/>.
    /// Call it after <c>UseAuthentication</c> (keys belong to the signed-in caller; an anonymous request is left
    /// alone) and after <c>UseAuthorization</c> (a refused request never holds a key).
    /// </summary>
    /// <remarks>
    /// Inside itself it handles exceptions from the endpoint the way <c>UseExceptionHandler()</c> does, with the
    /// application's registered <see cref="Microsoft.AspNetCore.Diagnostics.IExceptionHandler"/>s, so that an
    /// exception the application maps to, say, a 400 is stored as that 400 rather than seen as a failure. An
    /// exception no handler takes becomes a 500, which releases the key.
    /// </remarks>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prefix = app.ApplicationServices.GetRequiredService<IOptions<IdempotencyOptions>>().Value.PathPrefix;
        return app.UseWhen(
            context => HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(prefix),
            branch =>
            {
                branch.UseMiddleware<IdempotencyMiddleware>();
                branch.UseExceptionHandler();
            });
    }
}
