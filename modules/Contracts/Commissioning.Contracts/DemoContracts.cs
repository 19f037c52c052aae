using Commissioning.BuildingBlocks.Calendar;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Providers;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts;

/// <summary>
/// The demo partnership's providers, nine homes across north-east London, two block contracts for 35 beds (8 low,
/// 12 medium, 10 high, 5 specialist) that started about 14 months ago, one approved price variation and one spot
/// contract. Sent through the module's own commands as the system; fixed data, with dates set back from today.
/// </summary>
internal static class DemoContracts
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var today = PartnershipCalendar.Today(services.GetRequiredService<TimeProvider>());
        var month = today.AddMonths(-14);
        var start = new DateOnly(month.Year, month.Month, 1);

        foreach (var (code, name, reference, contact, email) in new[]
        {
            ("PRV-A", "Ashgrove Children's Homes", "1210001", "Priya Shah", "priya.shah@ashgrove.example"),
            ("PRV-B", "Brightwater Care Partnership", "1210002", "Daniel Okoro", "daniel.okoro@brightwater.example"),
            ("PRV-C", "Cedar House Therapeutic Care", "1210003", "Ruth Adeyemi", "ruth.adeyemi@cedarhouse.example"),
        })
        {
            await mediator.Send(new RegisterProvider(code, name, reference,
                [new ProviderContact(contact, email, "020 7946 0" + code[^1] switch { 'A' => "101", 'B' => "202", _ => "303" }),
                 new ProviderContact("Registered manager's office", "homes@" + email.Split('@')[1], null)]), cancellationToken);
            foreach (var check in AccreditationChecks.All)
            {
                // Cedar House's required-training check has lapsed: the demo shows a provider that is not accredited.
                var lapsed = code == "PRV-C" && check == AccreditationCheck.RequiredTraining;
                await mediator.Send(new RecordProviderCheck(code, check, start.AddMonths(-3), lapsed ? today.AddDays(-20) : start.AddYears(2)), cancellationToken);
            }
        }

        string[] lowToHigh = ["low", "medium", "high"];
        foreach (var (code, provider, urn, name, postcode, places, bands, specialisms, limits, mix, grade) in new (string, string, string, string, string, int, string[], string[], string[], int, OfstedGrade)[]
        {
            ("HOME-01", "PRV-A", "SC480101", "Ashgrove House", "RM7 0AG", 4, ["low", "medium"], ["Family-style care"], [], 1, OfstedGrade.Good),
            ("HOME-02", "PRV-A", "SC480102", "Harold Court", "RM3 9QS", 4, ["low", "medium"], ["Education support"], ["no-risk-to-others-fire"], 1, OfstedGrade.Good),
            ("HOME-03", "PRV-A", "SC480103", "Riverside Lodge", "IG11 7AD", 4, lowToHigh, ["Step-down to fostering"], [], 2, OfstedGrade.RequiresImprovementToBeGood),
            ("HOME-04", "PRV-A", "SC480104", "Eastbrook House", "E6 2JA", 4, ["medium", "high"], ["Criminal exploitation"], ["no-risk-to-others-sexual"], 4, OfstedGrade.Good),
            ("HOME-05", "PRV-B", "SC480105", "Plaistow Gardens", "E13 8QE", 4, ["low", "medium"], ["Staying put to 21"], [], 1, OfstedGrade.Outstanding),
            ("HOME-06", "PRV-B", "SC480106", "Lloyd Park House", "E17 4PP", 4, lowToHigh, ["Education support"], ["no-risk-to-others-animals"], 2, OfstedGrade.Good),
            ("HOME-07", "PRV-B", "SC480107", "Valentines View", "IG1 4TH", 4, ["medium", "high"], ["Sexual exploitation"], ["no-risk-to-others-sexual"], 3, OfstedGrade.Good),
            ("HOME-08", "PRV-C", "SC480108", "Cedar House", "E8 3RL", 4, ["high", "specialist"], ["Therapeutic care", "Mental health"], [], 4, OfstedGrade.Outstanding),
            ("HOME-09", "PRV-C", "SC480109", "Beam Park Lodge", "RM10 9XX", 5, ["high", "specialist"], ["Therapeutic care", "Solo transition"], ["no-risk-to-others-fire"], 5, OfstedGrade.Good),
        })
        {
            await mediator.Send(new RegisterHome(code, provider, new HomeInput(
                urn, name, postcode, places, 11, 17, ["female", "male"], bands, specialisms, limits, mix)), cancellationToken);
            await mediator.Send(new RecordOfstedInspection(code, grade, start.AddMonths(3 + code[^1] - '0')), cancellationToken);
        }

        var ashgrove = await mediator.Send(new AgreeBlockContract(
            "PRV-A", null, start, null, start.AddYears(4), [start.AddYears(1), start.AddYears(2), start.AddYears(3)],
            new Dictionary<string, decimal> { ["low"] = 3800m, ["medium"] = 4600m, ["high"] = 5600m },
            2.5m, null, "NELCP-OF-2025",
            [
                new BedRequest("HOME-01", "low", 4), new BedRequest("HOME-02", "medium", 4),
                new BedRequest("HOME-03", "low", 2), new BedRequest("HOME-03", "medium", 2), new BedRequest("HOME-04", "high", 4),
            ]), cancellationToken);
        await mediator.Send(new AgreeBlockContract(
            "PRV-B", ["PRV-C"], start, null, start.AddYears(4), [start.AddYears(1), start.AddYears(2), start.AddYears(3)],
            new Dictionary<string, decimal> { ["low"] = 3850m, ["medium"] = 4650m, ["high"] = 5650m, ["specialist"] = 7200m },
            2.5m, null, "NELCP-OF-2025",
            [
                new BedRequest("HOME-05", "low", 2), new BedRequest("HOME-05", "medium", 2), new BedRequest("HOME-06", "medium", 4),
                new BedRequest("HOME-07", "high", 3), new BedRequest("HOME-08", "specialist", 3),
                new BedRequest("HOME-09", "high", 3), new BedRequest("HOME-09", "specialist", 2),
            ]), cancellationToken);

        var variation = await mediator.Send(new ProposeContractVariation(
            ashgrove, start.AddMonths(6), "Waking night staff added for high-needs beds at Eastbrook House", null, null,
            new Dictionary<string, decimal> { ["high"] = 5750m }), cancellationToken);
        await mediator.Send(new ApproveContractVariation(ashgrove, variation), cancellationToken);

        await mediator.Send(new AgreeSpotContract("PRV-C", "HOME-08", "E09000025", "specialist", 7850m, today.AddMonths(-3), null), cancellationToken);
    }
}
