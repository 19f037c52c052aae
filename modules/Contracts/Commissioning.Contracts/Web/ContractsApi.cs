using Microsoft.AspNetCore.Routing;

namespace Commissioning.Contracts.Web;

/// <summary>Providers, homes and contracts in the integration API.</summary>
internal static class ContractsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        _ = endpoints;
    }
}
