using System.Collections.Concurrent;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Tests.SpotPurchases;

/// <summary>The people the spot-purchase tests act as, and a Brokerage module whose child-data reads are audited into a list.</summary>
internal static class Given
{
    public const string Havering = "E09000016";
    public const string Newham = "E09000025";
    public const string Hackney = "E09000012";

    public static Action<RequestContext> Referrer(string borough) => c => c.SignIn($"referrer-{borough}", borough, Roles.BoroughReferrer, AccessChannel.Api);

    public static Action<RequestContext> Manager(string borough) => c => c.SignIn($"manager-{borough}", borough, Roles.BoroughManager, AccessChannel.Api);

    public static void Broker(RequestContext c) => c.SignIn("broker-1", Havering, Roles.Brokerage, AccessChannel.Web);

    public static void BoardMember(RequestContext c) => c.SignIn("board-1", Havering, Roles.BoardMember, AccessChannel.Web);

    public static Action<RequestContext> Provider(string code) => c => c.SignIn($"provider-{code}", code, Roles.Provider, AccessChannel.Api);

    public static async Task<(ModuleTestHost Host, RecordingAuditLog Audit)> HostAsync()
    {
        var audit = new RecordingAuditLog();
        var host = await ModuleTestHost.StartAsync(new BrokerageModule(), services => services.AddSingleton<IAuditLog>(audit));
        return (host, audit);
    }
}

internal sealed class RecordingAuditLog : IAuditLog
{
    public ConcurrentQueue<AuditEntry> Entries { get; } = new();

    public Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            Entries.Enqueue(entry);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Submitted referrals, stored as the Referrals part stores them (its event, on its stream, through its projection).</summary>
internal static class Referrals
{
    public static Commissioning.Brokerage.Referrals.ReferralDetails Details(string band = "high") => new()
    {
        ChildId = "CHILD-1", NeededBy = "in less than 5 days", LivingCompanions = "Any", DateOfBirth = new DateOnly(2012, 6, 1), Sex = "female",
        NeedBand = band, NeedBandRationale = "Needs two staff at night", RequiredByDate = new DateOnly(2026, 4, 20), HomePostcodeDistrict = "E13",
        RiskSelfHarm = "No known risk", RiskToOthersFire = "Risk Present", CommunicationNeeds = "None", ChildsViews = "Wants to stay near school",
    };

    public static async Task<Guid> SubmittedAsync(ModuleTestHost host, string borough, Commissioning.Brokerage.Referrals.ReferralDetails? details = null)
    {
        var id = Guid.NewGuid();
        var at = host.Clock.GetUtcNow();
        await host.Store.OpenSession(Commissioning.BuildingBlocks.EventStore.EventMetadata.System())
            .Append(Commissioning.Brokerage.Referrals.ReferralStreams.For(id), Commissioning.Brokerage.Referrals.ReferralStreams.StreamType,
                Commissioning.BuildingBlocks.EventStore.ExpectedVersion.NoStream,
                [new Commissioning.Brokerage.Referrals.ReferralSubmitted(id, $"R-26-{id.ToString("N")[..6].ToUpperInvariant()}", borough, details ?? Details(), at, at.AddDays(5), "referrer")],
                borough)
            .SaveChangesAsync();
        return id;
    }
}
