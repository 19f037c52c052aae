namespace Commissioning.Contracts;

/// <summary>The demo partnership's providers, homes and contracts.</summary>
internal static class DemoContracts
{
    public static Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        _ = services;
        _ = cancellationToken;
        return Task.CompletedTask;
    }
}
