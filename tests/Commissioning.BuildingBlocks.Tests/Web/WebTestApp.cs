using System.Security.Claims;
using System.Text.Encodings.Web;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Tests.EventStore;
using Commissioning.BuildingBlocks.Web;
using Commissioning.TestKit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commissioning.BuildingBlocks.Tests.Web;

/// <summary>The database of the web tests: the api schema's migrations and a table that records each handler run.</summary>
internal static class WebTestDatabase
{
    public static Task<TestDatabase> CreateAsync() => TestDatabase.CreateAsync("web-tests", dataSource => SchemaMigrator.MigrateAsync(dataSource,
    [
        ApiSchema.Migrations,
        new MigrationSet("web_test", "tests",
        [
            new Migration(1, "runs", """
                -- Every time a handler starts, whatever happens next.
                CREATE TABLE web_test.runs (endpoint text NOT NULL, user_id text NOT NULL, organisation text NOT NULL);
                """),
        ]),
    ], NullLogger.Instance));

    public static async Task<long> ScalarAsync(this TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(this TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Holds the slow endpoint's handlers until the test lets them go.</summary>
public sealed class SlowGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(CancellationToken cancellationToken) => _open.Task.WaitAsync(cancellationToken);

    public void Open() => _open.TrySetResult();
}

/// <summary>Makes the failing endpoint throw this many times, then succeed.</summary>
public sealed class Failures(int times)
{
    private int _remaining = times;

    public bool Take() => Interlocked.Decrement(ref _remaining) >= 0;
}

/// <summary>
/// One in-process host of a tiny API on Kestrel at 127.0.0.1, any free port, laid out like the real host:
/// exception handling, routing, a fake authentication, authorisation, then the idempotency handling.
/// </summary>
internal sealed class WebTestApp : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";
    public const string OrganisationHeader = "X-Test-Organisation";

    private readonly WebApplication _app;

    private WebTestApp(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public LogCollector Logs => _app.Services.GetRequiredService<LogCollector>();

    public static async Task<WebTestApp> StartAsync(
        TestDatabase database, SlowGate? gate = null, Failures? failures = null, Action<IdempotencyOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogCollector();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton(database.DataSource);
        builder.Services.AddSingleton(gate ?? new SlowGate());
        builder.Services.AddSingleton(failures ?? new Failures(0));
        builder.Services.AddAuthentication(HeaderAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddExceptionHandler<TestExceptionHandler>();
        builder.Services.AddIdempotency(configure);
        builder.Services.AddOpenApi("v1", o => o.AddApiConventions());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotency();
        app.MapOpenApi();
        MapEndpoints(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WebTestApp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app)
    {
        // Creates a thing: 201 with Location and a body that differs on every run, so a replay is told from a re-run.
        app.MapPost("/api/things", async (ThingInput input, HttpContext http, NpgsqlDataSource db) =>
        {
            await RecordRunAsync(db, http, "things");
            var id = Guid.NewGuid();
            return Results.Created($"/api/things/{id}", new { id, name = input.Name });
        }).RequireAuthorization();

        app.MapPost("/api/nothing", async (HttpContext http, NpgsqlDataSource db) =>
        {
            await RecordRunAsync(db, http, "nothing");
            return Results.NoContent();
        }).RequireAuthorization();

        app.MapPost("/api/slow", async (HttpContext http, NpgsqlDataSource db, SlowGate gate) =>
        {
            await RecordRunAsync(db, http, "slow");
            await gate.WaitAsync(http.RequestAborted);
            return Results.Created($"/api/slow/{Guid.NewGuid()}", new { finished = true });
        }).RequireAuthorization();

        app.MapPost("/api/flaky", async (HttpContext http, NpgsqlDataSource db, Failures failures) =>
        {
            await RecordRunAsync(db, http, "flaky");
            if (failures.Take())
            {
                throw new InvalidOperationException("The database went away mid-request.");
            }

            return Results.Ok(new { run = Guid.NewGuid() });
        }).RequireAuthorization();

        app.MapPost("/api/invalid", async (HttpContext http, NpgsqlDataSource db) =>
        {
            await RecordRunAsync(db, http, "invalid");
            throw RequestValidationException.For("name", "Enter the name.");
        }).RequireAuthorization();

        app.MapPost("/api/conflict", async (HttpContext http, NpgsqlDataSource db) =>
        {
            await RecordRunAsync(db, http, "conflict");
            throw new ConflictException("The bed is no longer free.");
        }).RequireAuthorization();

        // 1 to 123, paged by the caller's PageRequest.
        app.MapGet("/api/numbers", (PageRequest page, NpgsqlDataSource db, CancellationToken cancellationToken) =>
            PagedQuery.ReadAsync(db, page,
                "SELECT count(*) FROM generate_series(1, $1)",
                "SELECT n FROM generate_series(1, $1) AS n ORDER BY n",
                [123], reader => reader.GetInt32(0), cancellationToken));
    }

    private static async Task RecordRunAsync(NpgsqlDataSource db, HttpContext http, string endpoint)
    {
        await using var command = db.CreateCommand("INSERT INTO web_test.runs (endpoint, user_id, organisation) VALUES ($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = endpoint });
        command.Parameters.Add(new NpgsqlParameter { Value = http.User.FindFirst(CommissioningClaims.UserId)!.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = http.User.FindFirst(CommissioningClaims.Organisation)!.Value });
        await command.ExecuteNonQueryAsync();
    }
}

public sealed record ThingInput(string Name);

/// <summary>Signs in whoever <see cref="WebTestApp.UserHeader"/> names, in <see cref="WebTestApp.OrganisationHeader"/>; anonymous without it.</summary>
internal sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "test-headers";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[WebTestApp.UserHeader].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var organisation = Request.Headers[WebTestApp.OrganisationHeader].ToString();
        var identity = new ClaimsIdentity(
        [
            new Claim(CommissioningClaims.UserId, user),
            new Claim(CommissioningClaims.Organisation, organisation.Length == 0 ? "E09000016" : organisation),
            new Claim(CommissioningClaims.Role, Roles.Brokerage),
        ], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

/// <summary>The host's mapping of the pipeline's refusals, as far as these tests need it.</summary>
internal sealed class TestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            RequestValidationException invalid => new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some of the information given is not valid",
            },
            ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Message },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
