using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.Tests.Beds;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Brokerage.Tests.Placements;

/// <summary>
/// A Brokerage module with two homes' contracted beds (HOME-01 of PRV-A: HOME-01-B1, HOME-01-B2; HOME-02 of PRV-B:
/// HOME-02-B1), all confirmed available, and submitted referrals from Havering.
/// </summary>
internal sealed class PlacementsFixture(ModuleTestHost host)
{
    public static readonly DateOnly Start = new(2026, 4, 1);

    public static readonly Action<RequestContext> AsBrokerage = BrokerageFeed.AsBrokerage;
    public static readonly Action<RequestContext> AsProviderA = BrokerageFeed.As(Roles.Provider, "PRV-A");
    public static readonly Action<RequestContext> AsProviderB = BrokerageFeed.As(Roles.Provider, "PRV-B");
    public static readonly Action<RequestContext> AsHavering = BrokerageFeed.As(Roles.BoroughReferrer, BrokerageFeed.Havering);
    public static readonly Action<RequestContext> AsNewham = BrokerageFeed.As(Roles.BoroughReferrer, "E09000025");
    public static readonly Action<RequestContext> AsSystem = c => c.ActAsSystem(AccessChannel.Background);

    public ModuleTestHost Host => host;

    public static async Task<PlacementsFixture> StartAsync()
    {
        var host = await ModuleTestHost.StartAsync(new BrokerageModule(), BrokerageFeed.Services);
        var contracts = await ShortlistTests.TwoHomesAsync(host);
        await contracts.AvailableAsync("HOME-01-B1", "HOME-01", Start);
        await contracts.AvailableAsync("HOME-01-B2", "HOME-01", Start);
        await contracts.AvailableAsync("HOME-02-B1", "HOME-02", Start);
        return new PlacementsFixture(host);
    }

    public Task<Guid> ReferralAsync(string reference = "R-26-AAAAAA", DateOnly? born = null) =>
        new BrokerageFeed(host).SubmitAsync(reference, BrokerageFeed.Child() with
        {
            DateOfBirth = born ?? new DateOnly(2012, 6, 15), RiskMissing = "Risk Present", ChildsViews = "I want to stay near my school",
        });

    public Task<Guid> OfferAsync(Guid referralId, string bedId = "HOME-01-B1") =>
        host.SendAsync(new MakeOffer(referralId, bedId, host.Clock.GetUtcNow().AddDays(2)), AsBrokerage);

    /// <summary>A referral offered HOME-01-B1, accepted by PRV-A and started today: answers the placement.</summary>
    public async Task<Guid> StartedPlacementAsync(string reference = "R-26-AAAAAA", DateOnly? born = null, string bedId = "HOME-01-B1")
    {
        var referral = await ReferralAsync(reference, born);
        var offer = await OfferAsync(referral, bedId);
        var today = Today;
        var placement = await host.SendAsync(new AcceptOffer(offer, today, null), AsProviderA);
        await host.SendAsync(new StartPlacement(placement, today), AsBrokerage);
        return placement;
    }

    public DateOnly Today => DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Who holds each bed now, from bed_holds: bed id → "offer:&lt;id&gt;" or "placement:&lt;id&gt;".</summary>
    public async Task<Dictionary<string, string>> HoldsAsync() =>
        (await ReadModels.QueryAsync(host.Store, $"SELECT bed_id, holder, CASE holder WHEN 'offer' THEN offer_id ELSE placement_id END FROM {PlacementsSchema.BedHolds}",
            r => (Bed: r.GetString(0), Holder: $"{r.GetString(1)}:{r.GetGuid(2)}"), CancellationToken.None))
        .ToDictionary(h => h.Bed, h => h.Holder);

    public async Task<string> ReferralStatusAsync(Guid referralId) =>
        (await ReadModels.QueryAsync(host.Store, "SELECT status FROM brokerage.referrals WHERE referral_id = $1", r => r.GetString(0), CancellationToken.None,
            referralId)).Single();
}
