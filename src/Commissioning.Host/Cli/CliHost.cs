using Commissioning.BuildingBlocks.Identity;
using Commissioning.Host.Composition;
using Microsoft.Extensions.Logging.Console;

namespace Commissioning.Host.Cli;

/// <summary>
/// The services of a command-line verb: the same composition as the web host, without the web server or the
/// async daemon. Logs go to standard error so a verb's standard output stays its answer (create-api-key prints
/// only the key).
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DatabaseLocation _database;

    private CliHost(IHost host, DatabaseLocation database)
    {
        _host = host;
        _database = database;
    }

    public IServiceProvider Services => _host.Services;

    public static async Task<CliHost> StartAsync(string[] args, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        LogLinesToStandardError(builder.Logging);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        using var bootstrapLogs = LoggerFactory.Create(LogLinesToStandardError);
        var database = await DatabaseLocation.ResolveAsync(builder.Configuration, bootstrapLogs.CreateLogger("Commissioning.Database"), cancellationToken);
        builder.Services.AddCommissioning(builder.Configuration, database);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await Migrations.RunAsync(host.Services, cancellationToken);
        return new CliHost(host, database);
    }

    private static void LogLinesToStandardError(ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>A scope acting as the system through the command line.</summary>
    public AsyncServiceScope SystemScope()
    {
        var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().ActAsSystem(AccessChannel.Cli);
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        if (_database.StartedCluster is { } cluster)
        {
            await cluster.StopAsync();
        }
    }
}
