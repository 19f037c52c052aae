using Commissioning.TestKit;

namespace Commissioning.Api.Tests;

/// <summary>Test databases migrated by the host's own <c>migrate</c> verb, as an operator would.</summary>
internal static class HostDatabase
{
    public static Task<TestDatabase> CreateAsync() => TestDatabase.CreateAsync("host", async dataSource =>
    {
        var result = await HostProcess.RunCliAsync(["migrate"], dataSource.ConnectionString);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"migrate failed ({result.ExitCode}): {result.Error}");
        }
    });
}
