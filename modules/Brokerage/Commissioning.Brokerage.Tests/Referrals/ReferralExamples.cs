using System.Collections.Concurrent;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Tests.Referrals;

/// <summary>Referral details and actors the tests share.</summary>
internal static class ReferralExamples
{
    public const string Newham = "E09000025";
    public const string Hackney = "E09000012";
    public const string Havering = "E09000016";

    /// <summary>Complete, valid details for a 14-year-old, required 10 days after <paramref name="today"/>.</summary>
    public static ReferralDetails Complete(DateOnly today) => new()
    {
        ChildId = "NEW-000123",
        NeededBy = "in more than 5 days",
        SiblingCount = 0,
        CommunicationNeeds = "N",
        SpecificCommunicationRequirements = ["None"],
        HomeAdaptation = false,
        CulturalNeeds = "Not required",
        LivingCompanions = "No preference",
        Pets = "Yes - can",
        AdditionalSupport = "therapeutic support",
        DeprivationOfLiberty = false,
        FosterCareSuitability = "Unsuitable",
        ResidentialCareSuitability = "Preferred",
        SupportedAccommodationSuitability = "Unsuitable",
        RiskSelfHarm = "No known risk",
        RiskSexualExploitation = "No known risk",
        RiskCriminalExploitation = "Risk Present",
        RiskDrugAlcohol = "No known risk",
        RiskEatingDisorder = "No known risk",
        RiskMissing = "Risk Present",
        RiskToOthersPhysical = "No known risk",
        RiskToOthersSexual = "No known risk",
        RiskToOthersFire = "No known risk",
        RiskToOthersAnimals = "No known risk",
        RiskToOthersCriminal = "No known risk",
        DateOfBirth = today.AddYears(-14),
        Sex = "female",
        NeedBand = "high",
        NeedBandRationale = "Two missing episodes this year and criminal exploitation concerns need a waking night.",
        RequiredByDate = today.AddDays(10),
        HomePostcodeDistrict = "E13",
        SchoolPostcodeDistrict = "E15",
        LocationsToAvoid = ["E17"],
        SpecialismsWanted = ["exploitation"],
        ChildsViews = "I want to stay at my school.",
    };

    public static Action<RequestContext> Referrer(string borough = Newham, string user = "referrer-1") =>
        c => c.SignIn(user, borough, Roles.BoroughReferrer, AccessChannel.Api);

    public static Action<RequestContext> Brokerage(string user = "broker-1") =>
        c => c.SignIn(user, Havering, Roles.Brokerage, AccessChannel.Api);

    public static Task<ModuleTestHost> StartAsync(RecordingAuditLog? audit = null) =>
        ModuleTestHost.StartAsync(new BrokerageModule(), services => services.AddSingleton<IAuditLog>(audit ?? new RecordingAuditLog()));
}

/// <summary>Keeps the audit lines written, so tests can see the gate audited them.</summary>
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
