using Commissioning.BuildingBlocks.Jobs;
using System.Text.Json;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Host.Composition;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.OpenApi;

namespace Commissioning.Host.Web;

/// <summary>The web host: pages, API, health, OpenAPI, and the async daemon (led by one instance of many).</summary>
internal static class WebHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args)
    {
        var (app, database) = await BuildAsync(args, database: null);
        await Migrations.RunAsync(app.Services, CancellationToken.None);
        var demoAccounts = await DemoAccountsAsync(app.Services);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"Commissioning is running at {string.Join(", ", addresses)} (database: {(database.Embedded ? "embedded PostgreSQL" : "configured server")}). Press Ctrl+C to stop.");
            if (demoAccounts.Count > 0)
            {
                Console.WriteLine($"This is the demo partnership. Sign in with any of these accounts (password: {demoAccounts[0].Password}):");
                foreach (var account in demoAccounts)
                {
                    Console.WriteLine($"  {account.Role,-22} {account.Email,-36} {account.Organisation}");
                }

                if (demoAccounts.FirstOrDefault(a => a.SecondFactorKey is not null) is { } withKey)
                {
                    Console.WriteLine($"Roles that see children's data also ask for a code: the sign-in page shows a demo account's code, or add the key {withKey.SecondFactorKey} to an authenticator app.");
                }
            }
        });
        if (database.StartedCluster is { } cluster)
        {
            app.Lifetime.ApplicationStopped.Register(() => cluster.StopAsync().GetAwaiter().GetResult());
        }

        await app.RunAsync();
        return 0;
    }

    /// <summary>The demo sign-in accounts, in a demo database only (seed-demo marks it; no other database has any).</summary>
    private static async Task<IReadOnlyList<Commissioning.Messages.Partnership.DemoAccount>> DemoAccountsAsync(IServiceProvider services)
    {
        if (await Cli.Verbs.InstallationFactAsync(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), "mode", CancellationToken.None) != "demo")
        {
            return [];
        }

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Commissioning.BuildingBlocks.Identity.RequestContext>().ActAsSystem(Commissioning.BuildingBlocks.Identity.AccessChannel.Cli);
        return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new Commissioning.Messages.Partnership.ListDemoAccounts());
    }

    /// <summary>
    /// The web application, configured and mapped but not started. <paramref name="database"/> is given by verbs that
    /// only inspect the app (list-endpoints) and never connect; otherwise the configured or embedded database is used.
    /// </summary>
    public static async Task<(WebApplication App, DatabaseLocation Database)> BuildAsync(string[] args, DatabaseLocation? database)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (BuildOutputWebAssetsAvailable(builder.Environment.ApplicationName))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        builder.Logging.ClearProviders();
        if (builder.Configuration["Commissioning:LogFormat"] == "text")
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        if (database is null)
        {
            using var bootstrapLogs = LoggerFactory.Create(l => l.AddJsonConsole());
            database = await DatabaseLocation.ResolveAsync(builder.Configuration, bootstrapLogs.CreateLogger("Commissioning.Database"), CancellationToken.None);
        }

        builder.Services.AddCommissioning(builder.Configuration, database);
        builder.Services.AddSingleton<AsyncDaemon>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AsyncDaemon>());

        // The scheduler runs in web hosts only (clustered: each job firing runs on one of them); CLI verbs never schedule.
        // Modules declare their recurring commands with services.AddJobs(jobs => ...) in their RegisterServices.
        builder.Services.AddJobs(database.ConnectionString);
        builder.Services.AddProblemDetails();
        // Codes, not numbers, for every enum the API sends or reads ("in-progress", "home-visit").
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        // A body that does not bind throws, so the API's exception handler can name the field (api.md's 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddIdempotency();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<AsyncDaemonCheck>("async-daemon", tags: ["live"]);
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Commissioning integration API";
            document.Info.Description = "The partnership's API for borough case systems, providers and staff tools. See api.md for the fixed contract.";
            return Task.CompletedTask;
        }));
        builder.Services.Configure<OpenApiOptions>("v1", o => o.AddApiConventions());
        var pages = builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new KnownRefusalsPageFilter()));
        builder.Services.AddScoped<Pages.Shared.UnreadNotifications>();
        foreach (var module in Modules.All)
        {
            // Each module keeps its pages (compiled Razor) in its own assembly.
            pages.AddApplicationPart(module.GetType().Assembly);
        }

        // Every endpoint and page declares who may use it; anything that forgets is still closed to anonymous callers.
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Behind a TLS-terminating proxy the app sees plain HTTP: trusting the proxy's X-Forwarded-Proto (only when
        // told to) lets it know the request was HTTPS, which the Secure cookies and anti-forgery depend on.
        var trustProxy = builder.Configuration.GetValue<bool>("Commissioning:Web:TrustForwardedHeaders");
        if (trustProxy)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
                foreach (var proxy in builder.Configuration.GetSection("Commissioning:Web:KnownProxies").Get<string[]>() ?? [])
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }
            });
        }

        var app = builder.Build();
        if (trustProxy)
        {
            app.UseForwardedHeaders();
        }


        app.UseExceptionHandler("/error");
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequestContextMiddleware>();
        // Idempotency-Key for every POST under /api: after authentication (keys belong to the signed-in caller) and
        // authorisation (refused requests never hold a key).
        app.UseIdempotency();
        app.MapHealth();
        app.MapOpenApi().RequireAuthorization();
        app.MapRazorPages();
        var api = app.MapGroup("/api/v1");
        foreach (var module in Modules.All)
        {
            module.MapEndpoints(app);
        }

        Notifications.NotificationsApi.Map(app);

        api.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no such API endpoint."))
            .RequireAuthorization();

        return (app, database);
    }

    /// <summary>
    /// True when this is the build output (bin/...) of a project whose folders are still there: then wwwroot (the
    /// pages' CSS, JavaScript, fonts and images) is served from the project through the build's static web assets
    /// manifest, from any working folder and in any environment, not only in Development. A published app has no
    /// such manifest and serves its own wwwroot; a build output copied elsewhere would fail at start-up on the
    /// missing folders, so it does not use the manifest either.
    /// </summary>
    private static bool BuildOutputWebAssetsAvailable(string applicationName)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{applicationName}.staticwebassets.runtime.json");
        if (!File.Exists(manifest))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
            return document.RootElement.GetProperty("ContentRoots").EnumerateArray().All(root => Directory.Exists(root.GetString()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
