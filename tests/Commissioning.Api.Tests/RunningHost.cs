using Commissioning.TestKit;

namespace Commissioning.Api.Tests;

/// <summary>A base for test fixtures that drive one running host over a fresh database: its API keys and signed-in people.</summary>
public abstract class RunningHost
{
    protected TestDatabase Database { get; private set; } = null!;

    protected HostProcess Host { get; private set; } = null!;

    protected ApiKeys Keys { get; private set; } = null!;

    /// <summary>Extra settings for the host (environment variables, e.g. Commissioning__SignIn__MaxFailedAttempts).</summary>
    protected virtual IDictionary<string, string>? Environment => null;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        Database = await HostDatabase.CreateAsync();
        Host = await HostProcess.StartAsync(Database.ConnectionString, environment: Environment);
        Keys = new ApiKeys(Host, Database.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
