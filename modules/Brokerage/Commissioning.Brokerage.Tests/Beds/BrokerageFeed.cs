using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Tests.Beds;

/// <summary>Plays the other Brokerage parts: submits referrals and holds or fills beds by appending their events.</summary>
internal sealed class BrokerageFeed(ModuleTestHost host)
{
    public const string Havering = "E09000016";

    public static ReferralDetails Child(string district = "RM7") => new()
    {
        ChildId = "C-1",
        NeededBy = "in more than 5 days",
        LivingCompanions = "No preference",
        DateOfBirth = new DateOnly(2012, 6, 15),
        Sex = "female",
        NeedBand = "medium",
        NeedBandRationale = "Needs a consistent routine",
        RequiredByDate = new DateOnly(2026, 4, 20),
        HomePostcodeDistrict = district,
        RiskSelfHarm = "No known risk",
        RiskSexualExploitation = "No known risk",
        RiskToOthersSexual = "No known risk",
    };

    /// <summary>Registers a module-test audit log: the child-data gate refuses to return records it cannot audit.</summary>
    public static void Services(IServiceCollection services) => services.AddSingleton<IAuditLog, ListAuditLog>();

    public async Task<Guid> SubmitAsync(string reference, ReferralDetails details, DateTimeOffset? at = null)
    {
        var id = Guid.NewGuid();
        var when = at ?? host.Clock.GetUtcNow();
        await host.Store.OpenSession(EventMetadata.System())
            .Append(ReferralStreams.For(id), ReferralStreams.StreamType, ExpectedVersion.NoStream,
                [new ReferralSubmitted(id, reference, Havering, details, when, when.AddDays(5), "referrer")], Havering)
            .SaveChangesAsync();
        return id;
    }

    public async Task HoldAsync(string bedId, string homeCode, Guid referralId, string reference)
    {
        var now = host.Clock.GetUtcNow();
        await host.Store.OpenSession(EventMetadata.System())
            .Append(PlacementStreams.Bed(bedId), PlacementStreams.BedStreamType, ExpectedVersion.Any,
                [new BedOffered(bedId, Guid.NewGuid(), referralId, reference, Havering, "PRV-A", homeCode, now, now.AddDays(2))], Havering)
            .SaveChangesAsync();
    }

    /// <summary>A placement agreed (status confirmed) for <paramref name="referralId"/> in a bed of <paramref name="homeCode"/>.</summary>
    public async Task PlaceAsync(Guid referralId, string reference, string bedId, string homeCode, string band = "medium")
    {
        var id = Guid.NewGuid();
        var now = host.Clock.GetUtcNow();
        await host.Store.OpenSession(EventMetadata.System())
            .Append(PlacementStreams.Placement(id), PlacementStreams.PlacementStreamType, ExpectedVersion.NoStream,
                [new PlacementAgreed(id, referralId, reference, null, null, bedId, homeCode, "PRV-A", Havering, band, null,
                    PartnershipDate(now).AddDays(3), null, now, "brokerage")], Havering)
            .SaveChangesAsync();
    }

    public static Action<RequestContext> As(string role, string? organisation = null) => context => context.SignIn("tester", organisation, role, AccessChannel.Web);

    public static readonly Action<RequestContext> AsBrokerage = As(Roles.Brokerage, "E09000016");

    private static DateOnly PartnershipDate(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private sealed class ListAuditLog : IAuditLog
    {
        public List<AuditEntry> Entries { get; } = [];

        public Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
        {
            lock (Entries)
            {
                Entries.AddRange(entries);
            }

            return Task.CompletedTask;
        }
    }
}
