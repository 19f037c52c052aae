using Commissioning.BuildingBlocks.Identity;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Providers;
using Commissioning.TestKit;

namespace Commissioning.Contracts.Tests.Core;

/// <summary>The people the tests act as, and a provider with homes to contract.</summary>
internal static class Given
{
    public static void ContractManager(RequestContext context) => context.SignIn("cm-1", "E09000016", Roles.ContractManager, AccessChannel.Web);

    public static void Finance(RequestContext context) => context.SignIn("finance-1", "E09000016", Roles.Finance, AccessChannel.Web);

    public static Action<RequestContext> Provider(string code) => context => context.SignIn("provider-1", code, Roles.Provider, AccessChannel.Api);

    public static HomeInput Home(string postcode = "RM7 0AG", int places = 4, string[]? bands = null) => new(
        "SC100001", "Oak Lodge", postcode, places, 11, 17, ["female", "male"], bands ?? ["low", "medium", "high"], ["Therapeutic care"], ["no-risk-to-others-fire"], 2);

    public static async Task ProviderWithHomeAsync(ModuleTestHost host, string provider, string home, int places = 4)
    {
        await host.SendAsync(new RegisterProvider(provider, $"Provider {provider}", "1234567", [new ProviderContact("Sam Lee", "sam@example.org", "020 7946 0000")]), ContractManager);
        await host.SendAsync(new RegisterHome(home, provider, Home(places: places)), ContractManager);
    }

    public static AgreeBlockContract Contract(string provider, DateOnly startsOn, params BedRequest[] beds) => new(
        provider, null, startsOn, null, null, null,
        new Dictionary<string, decimal> { ["low"] = 3800m, ["medium"] = 4600m, ["high"] = 5600m, ["specialist"] = 7200m },
        2.5m, null, "OF-2025", beds);
}
