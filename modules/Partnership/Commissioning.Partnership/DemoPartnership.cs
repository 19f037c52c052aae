namespace Commissioning.Partnership;

/// <summary>The Partnership module's part of the demo partnership (issue 9's codes).</summary>
internal static class DemoPartnership
{
    public static Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
