using Commissioning.Brokerage.Beds;
using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.Referrals;
using Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;
using Commissioning.Brokerage.SpotPurchases.SpotRequests;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Brokerage.Demo;

/// <summary>
/// The demo partnership's year of brokerage, told through the module's own commands with the clock moved back
/// (<see cref="DemoClock"/>): referrals from the eight boroughs, offers from the shortlist's top candidate, declines,
/// lapses, placements, moves, endings, a re-banding, staying put, spot purchases and placements made outside
/// brokerage; and today's worklist. Every choice comes from one fixed seed and dates are relative to today, so two
/// demo databases tell the same story (ids and references are the commands' own, so they differ).
/// </summary>
internal sealed class DemoBrokerage
{
    private const string Havering = "E09000016";
    private const string Newham = "E09000025";     // the demo borough referrer's borough
    private const string Hackney = "E09000012";    // the other demo borough referrer's
    private const string Redbridge = "E09000026";
    private const string BarkingAndDagenham = "E09000002";
    private const string WalthamForest = "E09000031";
    private const string DemoProvider = "PRV-A";   // the demo provider account's organisation
    private static readonly string[] AshgroveLowBandHomes = ["HOME-01", "HOME-02", "HOME-03"];

    /// <summary>Each borough with its weight (its pooled-budget share, the four outer boroughs a little more) and its postcode districts.</summary>
    private static readonly (string Code, double Weight, string[] Districts)[] Boroughs =
    [
        (Havering, 1.45 * 1.3, ["RM1", "RM3", "RM5", "RM7", "RM11", "RM12", "RM13", "RM14"]),
        (BarkingAndDagenham, 1.38 * 1.3, ["IG11", "RM8", "RM9", "RM10"]),
        ("E09000030", 1.52, ["E1", "E2", "E3", "E14"]),
        (Newham, 1.61 * 1.3, ["E6", "E7", "E12", "E13", "E15", "E16"]),
        (WalthamForest, 1.29, ["E4", "E10", "E11", "E17"]),
        (Redbridge, 1.18 * 1.3, ["IG1", "IG2", "IG3", "IG4", "IG5", "IG6"]),
        (Hackney, 1.47, ["E5", "E8", "E9", "N16"]),
        ("E09000001", 0.15, ["EC1", "EC2", "EC3", "EC4"]),
    ];

    /// <summary>Bands in the proportion the block contracts buy them (8 low, 12 medium, 10 high, 5 specialist).</summary>
    private static readonly (string Band, int Weight)[] Bands = [("low", 8), ("medium", 12), ("high", 10), ("specialist", 5)];

    private static readonly Dictionary<string, string[]> Rationales = new()
    {
        ["low"] = ["Settled at school; needs a stable home and routine after a foster placement ended.", "No recent incidents; needs consistent adults and support to keep up school attendance."],
        ["medium"] = ["Two missing episodes in the last six months; needs a key worker and a clear evening routine.", "Emotional dysregulation at home and school; needs staff trained in de-escalation."],
        ["high"] = ["Criminal exploitation concerns and repeated missing episodes need waking night staff.", "Frequent physical altercations; needs two-to-one support at times and a waking night."],
        ["specialist"] = ["Diagnosed trauma and self-harm need a therapeutic home with clinical input every week.", "Mental health needs after a hospital admission; needs a therapeutic team and a psychologist on site."],
    };

    private static readonly string[] Views =
    [
        "I want to stay at my school and see my friends.",
        "I'd like somewhere quiet where I can have my own room.",
        "I want to be near my nan so I can visit on Sundays.",
        "I don't want to move far away from my brother.",
        "I want to keep going to football training on Saturdays.",
        "I'd like staff who listen and don't shout.",
        "I want to finish my GCSEs where I am.",
        "I'd like to live somewhere with a garden.",
    ];

    private static readonly string[] Risks = ["RiskMissing", "RiskCriminalExploitation", "RiskSelfHarm", "RiskSexualExploitation", "RiskDrugAlcohol"];

    private readonly IServiceProvider _services;
    private readonly DemoClock _clock;
    private readonly NpgsqlDataSource _database;
    private readonly CancellationToken _ct;
    private readonly Random _random = new(20261123);
    private readonly PriorityQueue<Func<Task>, (DateTimeOffset At, int Order)> _diary = new();
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private int _order;
    private int _children;

    private DemoBrokerage(IServiceProvider services, CancellationToken ct)
    {
        _services = services;
        _clock = services.GetRequiredService<DemoClock>();
        _database = services.GetRequiredService<NpgsqlDataSource>();
        _ct = ct;
        _now = _clock.GetUtcNow();
        _today = PartnershipCalendar.Today(_clock);
    }

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // Brokerage's copy of the homes and beds comes from Contracts' integration events: let them arrive first.
        await services.GetRequiredService<ProjectionCatchUp>().CatchUpAsync(TimeSpan.FromMinutes(2), cancellationToken);
        var story = new DemoBrokerage(services, cancellationToken);
        story.PlanTheYear();
        story.PlanToday();
        await story.TellAsync();
    }

    // ---- The year: 45 referrals, 12 months to 4 weeks ago, each told to its end ----

    private void PlanTheYear()
    {
        var days = Enumerable.Range(0, 45).Select(_ => _random.Next(28, 362)).OrderDescending().ToList();
        for (var i = 0; i < days.Count; i++)
        {
            var index = i;
            var submitted = WorkingMorning(_today.AddDays(-days[i]));
            At(submitted, () => HistoricalReferralAsync(index, submitted));
        }
    }

    /// <summary>
    /// One referral of the year. Its place in the year (<paramref name="index"/>, the earliest first) gives the rarer
    /// turns: 0 is seventeen and will stay put, 2 and 21 are re-banded, 8 and 20 move, 6, 19 and 31 are placed by their
    /// borough, 12 is no longer needed, 3, 17 and 27 are declined and 9 and 24 lapse before another offer, 14, 33 and 40
    /// need a specialist bed; the rest take their chances from the seed.
    /// </summary>
    private async Task HistoricalReferralAsync(int index, DateTimeOffset submitted)
    {
        var borough = PickBorough();
        var band = index is 14 or 33 or 40 ? "specialist" : await PlausibleBandAsync(null);
        var urgent = _random.NextDouble() < 0.15;
        var child = Child(borough, band, urgent ? "Today" : "in more than 5 days", ageOnRequiredBy: index == 0 ? 17.2 : null);
        var referral = await SubmitAsync(borough, child);

        switch (index)
        {
            case 6 or 19 or 31:
                var reason = index switch { 6 => "emergency-out-of-hours", 19 => "court-direction", _ => "sibling-group" };
                At(submitted.AddDays(index == 6 ? 0.3 : 1.5), () => OutsideAsync(borough, referral, band, reason));
                return;
            case 12:
                At(submitted.AddDays(1), () => As(Referrer(borough), new CloseReferral(referral, "no-longer-needed", "The family's circumstances changed: the child returned home with support.")));
                return;
        }

        var outcome = index switch
        {
            3 or 17 or 27 => Answer.Decline,
            9 or 24 => Answer.Lapse,
            _ when _random.NextDouble() < 0.12 => Answer.Decline,
            _ => Answer.Accept,
        };
        At(submitted.AddHours(urgent ? 2 : 26), () => OfferOrFallBackAsync(index, borough, referral, band, outcome, urgent, avoidHome: null));
    }

    private async Task OfferOrFallBackAsync(int index, string borough, Guid referral, string band, Answer answer, bool urgent, string? avoidHome)
    {
        var candidate = await TopCandidateAsync(referral, avoidHome, preferProvider: null);
        if (candidate is null)
        {
            // Nothing suitable and free in the block: a specialist child goes to spot purchase while Cedar House is
            // accredited; anyone else is placed by the borough's own team.
            if (band == "specialist" && _clock.GetUtcNow() < _now.AddDays(-25))
            {
                await SpotPurchaseAsync(referral, startNow: true);
            }
            else
            {
                await OutsideAsync(borough, referral, band, "no-suitable-block-bed");
            }

            return;
        }

        var (offer, offeredTo) = await OfferAsync(referral, candidate.BedId, urgent);
        var provider = Provider(offeredTo);
        switch (answer)
        {
            case Answer.Decline:
                var code = Pick(["cannot-meet-needs", "impact-on-current-residents", "no-staffing", "location-unsuitable"]);
                At(_clock.GetUtcNow().AddHours(urgent ? 1 : 20), async () =>
                {
                    await As(provider, new DeclineOffer(offer, code, code == "impact-on-current-residents"
                        ? "Two young people at the home have similar exploitation risks: the mix would not be safe." : "We cannot meet this child's needs at the moment."));
                    At(_clock.GetUtcNow().AddHours(urgent ? 1 : 18), () => OfferOrFallBackAsync(index, borough, referral, band, Answer.Accept, urgent, candidate.HomeCode));
                });
                break;
            case Answer.Lapse:
                At(_clock.GetUtcNow().AddDays(5), async () =>
                {
                    await AsSystem(new LapseOverdueOffers());
                    At(_clock.GetUtcNow().AddHours(2), () => OfferOrFallBackAsync(index, borough, referral, band, Answer.Accept, urgent, candidate.HomeCode));
                });
                break;
            default:
                At(_clock.GetUtcNow().AddHours(urgent ? 1 : 22), () => AcceptAndStartAsync(index, offer, provider, urgent));
                break;
        }
    }

    private async Task AcceptAndStartAsync(int index, Guid offer, Action<RequestContext> provider, bool urgent)
    {
        var start = Today().AddDays(urgent ? 0 : _random.Next(2, 8));
        var placement = await As(provider, new AcceptOffer(offer, start, urgent ? null : Today()));
        At(Morning(start).AddHours(5), async () =>
        {
            await As(Broker, new StartPlacement(placement, start));
            AfterTheStart(index, placement, start);
        });
    }

    /// <summary>What happens to a block placement once the child has moved in: most stay; some step down, end, move or are re-banded.</summary>
    private void AfterTheStart(int index, Guid placement, DateOnly start)
    {
        var daysLeft = _today.DayNumber - start.DayNumber;
        if (index == 0)
        {
            // Seventeen when placed, eighteen now: staying put with the home until the 19th birthday.
            At(Morning(_today.AddDays(-12)), async () =>
            {
                var view = await As(Broker, new GetPlacement(placement));
                await As(Broker, new AgreeStayingPut(placement, view.EighteenthBirthday!.Value.AddYears(1), "Staying put agreed at the pathway plan review: the young person is at college nearby."));
            });
            return;
        }

        if (index is 2 or 21 && daysLeft > 120)
        {
            At(Morning(start.AddDays(75)), async () =>
            {
                var current = await As(Broker, new GetPlacement(placement));
                var higher = current.Band switch { "low" => "medium", "medium" => "high", _ => "specialist" };
                var request = await As(Provider(current.ProviderCode),
                    new RequestRebanding(placement, higher, "Three missing episodes and new exploitation concerns since the move: more staffing at night is now needed."));
                At(Morning(start.AddDays(79)), () => As(Broker, new DecideRebanding(placement, request, true, start.AddDays(82), null)));
            });
            return;
        }

        if (index is 8 or 20 && daysLeft > 90)
        {
            At(Morning(start.AddDays(60)), () => MoveAsync(placement, index == 8 ? "CARPL" : "CHILD", planned: true));
            return;
        }

        if (daysLeft > 150 && _random.NextDouble() < 0.5)
        {
            var planned = _random.NextDouble() < 0.75;
            if (planned)
            {
                var stepDown = start.AddDays(_random.Next(183, 270));
                if (stepDown >= _today.AddDays(-3))
                {
                    return;
                }

                At(Morning(start.AddDays(21)), () => As(Broker, new SetStepDownDate(placement, stepDown, null)));
                var (rec, change) = Pick<(string, string?)>([("X1", "CARPL"), ("E4A", null), ("E5", null)]);
                At(Morning(stepDown).AddHours(6), () => As(Broker, new EndPlacement(placement, stepDown, rec, change, true)));
            }
            else
            {
                var end = start.AddDays(_random.Next(40, Math.Min(daysLeft - 5, 200)));
                var (rec, change) = Pick<(string, string?)>([("X1", "CREQB"), ("E4B", null), ("X1", "ALLEG")]);
                At(Morning(end).AddHours(6), () => As(Broker, new EndPlacement(placement, end, rec, change, false)));
            }
        }
    }

    private async Task MoveAsync(Guid placement, string reason, bool planned)
    {
        var current = await As(Broker, new GetPlacement(placement));
        var bed = await FreeBedAsync(current.Band, current.HomeCode);
        if (bed is not null)
        {
            await As(Broker, new MovePlacement(placement, bed, Today(), reason, planned));
        }
    }

    private async Task SpotPurchaseAsync(Guid referral, bool startNow)
    {
        var bidsBy = Today().AddDays(4);
        var spot = await As(Broker, new StartSpotRequest(referral, bidsBy, "No specialist block bed is free: bids invited from accredited providers whose homes suit."));
        var preview = await As(Broker, new PreviewSpotRequest(referral));
        var bidder = preview.Providers.First(p => p.Included && p.EligibleHomes.Any());
        var home = bidder.EligibleHomes.First();
        At(_clock.GetUtcNow().AddDays(1), async () =>
        {
            var bid = await As(Provider(bidder.ProviderCode), new MakeSpotBid(spot.Id, home, 7650m + 50 * _random.Next(0, 6), Today().AddDays(3), "A therapeutic placement with weekly clinical input."));
            if (!startNow)
            {
                return;
            }

            At(Morning(bidsBy).AddHours(6), async () =>
            {
                var start = Today().AddDays(2);
                await As(Broker, new AwardSpotBid(spot.Id, bid.BidId, start));
                At(Morning(start).AddHours(6), () => As(Broker, new StartSpotPlacement(spot.Id, start)));
            });
        });
    }

    private Task<OutsidePlacementChanged> OutsideAsync(string borough, Guid? referral, string band, string reason) =>
        As(Referrer(borough), new RecordOutsidePlacement(
            $"{borough[^3..]}-{_random.Next(10000, 99999)}", referral, reason, null,
            reason == "sibling-group" ? "Maple Tree Fostering" : Pick(["Oakfield Care Ltd", "Northway Children's Services", "Harbour House Care"]),
            reason == "sibling-group" ? "Foster" : "Residential",
            Pick(["CM14", "EN3", "IG10", "N9"]), Today(), 5200m + 100 * _random.Next(0, 25), band));

    // ---- Today: what the demo accounts find in their lists ----

    private void PlanToday()
    {
        // Last week the longest stays stepped down as planned, Ashgrove's low-band homes first, so today's referrals
        // (and a new low-band referral from Havering, as the browser journey makes) find free beds, some of them Ashgrove's.
        At(WorkingMorning(_today.AddDays(-9)), async () =>
        {
            var needed = Math.Max(5 - await FreeBedCountAsync(null), 5 - await FreeBedCountAsync(AshgroveLowBandHomes));
            foreach (var placement in await LongestStaysAsync(needed))
            {
                await As(Broker, new EndPlacement(placement, Today(), "X1", "CARPL", true));
            }
        });

        // Waltham Forest's referral was declined yesterday and waits for another bed.
        At(WorkingMorning(_today.AddDays(-4)), async () =>
        {
            var referral = await SubmitAsync(WalthamForest, Child(WalthamForest, await PlausibleBandAsync(null), "in less than 5 days"));
            At(_clock.GetUtcNow().AddHours(24), async () =>
            {
                var candidate = await TopCandidateAsync(referral, null, null);
                if (candidate is not null)
                {
                    var (offer, offeredTo) = await OfferAsync(referral, candidate.BedId, false);
                    At(_clock.GetUtcNow().AddHours(20), () => As(Provider(offeredTo),
                        new DeclineOffer(offer, "impact-on-current-residents", "A new resident moved in last week: another arrival now would unsettle the group.")));
                }
            });
        });

        // Hackney's placement is agreed with Ashgrove and starts in three days.
        At(WorkingMorning(_today.AddDays(-6)), async () =>
        {
            var referral = await SubmitAsync(Hackney, Child(Hackney, await PlausibleBandAsync(DemoProvider), "in less than 5 days"));
            At(_clock.GetUtcNow().AddHours(25), async () =>
            {
                var candidate = await TopCandidateAsync(referral, null, DemoProvider);
                if (candidate is not null)
                {
                    var (offer, offeredTo) = await OfferAsync(referral, candidate.BedId, false);
                    At(_clock.GetUtcNow().AddHours(22), () => As(Provider(offeredTo), new AcceptOffer(offer, _today.AddDays(3), Today())));
                }
            });
        });

        // Newham's referral was returned with a question the demo referrer has to answer.
        At(WorkingMorning(_today.AddDays(-5)), async () =>
        {
            var referral = await SubmitAsync(Newham, Child(Newham, "medium", "in more than 5 days"));
            At(_clock.GetUtcNow().AddDays(2), () => As(Broker, new ReturnReferral(referral,
                "Is the child still attending school in E15? If so, we will only look at homes within a bus ride of it.")));
        });

        // Barking and Dagenham's child is in a spot purchase: Ashgrove has bid, the bids close in four days.
        At(WorkingMorning(_today.AddDays(-3)), async () =>
        {
            var referral = await SubmitAsync(BarkingAndDagenham, Child(BarkingAndDagenham, "high", "in more than 5 days") with { RiskMissing = "Risk Present", RiskCriminalExploitation = "Risk Present" });
            At(_clock.GetUtcNow().AddHours(3), () => SpotPurchaseAsync(referral, startNow: false));
        });

        // Havering's referral has waited past its 5 working days: the escalation has run.
        At(WorkingMorning(_today.AddDays(-12)), async () =>
        {
            await SubmitAsync(Havering, Child(Havering, "medium", "in more than 5 days") with { RiskSelfHarm = "Risk Present" });
            At(_now.AddMinutes(-50), () => AsSystem(new EscalateOverdueReferrals()));
        });

        // Redbridge's referral has an offer with Ashgrove, the demo provider, waiting for its answer.
        At(_now.AddHours(-30), async () =>
        {
            var referral = await SubmitAsync(Redbridge, Child(Redbridge, await PlausibleBandAsync(DemoProvider), "in less than 5 days"));
            At(_now.AddHours(-4), async () =>
            {
                var candidate = await TopCandidateAsync(referral, null, DemoProvider);
                if (candidate is not null)
                {
                    await OfferAsync(referral, candidate.BedId, false);
                }
            });
        });

        // An emergency from Newham, submitted three hours ago: needed today.
        At(_now.AddHours(-3), async () => await SubmitAsync(Newham, Child(Newham, await PlausibleBandAsync(null), "Today")));

        // Drafts: the demo referrers' boroughs each have one under way.
        At(_now.AddDays(-1), () => As(Referrer(Newham), new SaveReferralDraft(null, Child(Newham, "low", "in more than 5 days") with
        {
            RiskSelfHarm = null, RiskMissing = null, ChildsViews = null, NeedBandRationale = null,
        })));
        At(_now.AddHours(-2), () => As(Referrer(Hackney), new SaveReferralDraft(null, new ReferralDetails
        {
            ChildId = $"HAC-{_random.Next(100000, 999999)}", NeededBy = "in more than 5 days", Sex = "male", NeedBand = "medium",
        })));
    }

    // ---- The machinery of telling: a diary of steps in time order ----

    private enum Answer { Accept, Decline, Lapse }

    private void At(DateTimeOffset when, Func<Task> step) => _diary.Enqueue(step, (when, _order++));

    private async Task TellAsync()
    {
        try
        {
            while (_diary.TryDequeue(out var step, out var when))
            {
                _clock.TravelTo(when.At < _now ? when.At : _now);
                await step();
            }
        }
        finally
        {
            _clock.ReturnToPresent();
        }
    }

    private DateOnly Today() => PartnershipCalendar.Today(_clock);

    /// <summary>A time between 09:00 and 15:00 UTC on that day, or on the next weekday.</summary>
    private DateTimeOffset WorkingMorning(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return Morning(day).AddMinutes(_random.Next(0, 360));
    }

    private static DateTimeOffset Morning(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    private T Pick<T>(T[] choices) => choices[_random.Next(choices.Length)];

    private string PickBorough()
    {
        var roll = _random.NextDouble() * Boroughs.Sum(b => b.Weight);
        foreach (var (code, weight, _) in Boroughs)
        {
            if ((roll -= weight) < 0)
            {
                return code;
            }
        }

        return Havering;
    }

    private ReferralDetails Child(string borough, string band, string neededBy, double? ageOnRequiredBy = null)
    {
        var districts = Boroughs.Single(b => b.Code == borough).Districts;
        var requiredBy = neededBy switch { "Today" => Today(), "in less than 5 days" => Today().AddDays(3), _ => Today().AddDays(_random.Next(7, 21)) };
        var age = ageOnRequiredBy ?? 12 + _random.NextDouble() * 5;
        var risks = Risks.ToDictionary(r => r, _ => "No known risk");
        if (_random.NextDouble() < (band is "high" or "specialist" ? 0.6 : 0.2))
        {
            risks[Pick(Risks)] = "Risk Present";
        }

        var number = ++_children;
        return new ReferralDetails
        {
            ChildId = $"{borough[^3..]}-{100000 + number * 7919 % 900000}",
            NeededBy = neededBy,
            SiblingCount = _random.Next(0, 3),
            CommunicationNeeds = _random.NextDouble() < 0.15 ? "Y" : "N",
            SpecificCommunicationRequirements = ["None"],
            HomeAdaptation = false,
            CulturalNeeds = Pick(["Not required", "Not required", "Required"]),
            LivingCompanions = "No preference",
            Pets = Pick(["Yes - can", "Yes - can", "Not Known"]),
            AdditionalSupport = band is "specialist" ? "therapeutic support" : Pick(["NA", "additional supervision", "taxis to school"]),
            DeprivationOfLiberty = false,
            FosterCareSuitability = band is "low" ? "Suitable but not preferred" : "Unsuitable",
            ResidentialCareSuitability = "Preferred",
            SupportedAccommodationSuitability = age >= 16 ? "Suitable but not preferred" : "Unsuitable",
            RiskSelfHarm = risks["RiskSelfHarm"],
            RiskSexualExploitation = risks["RiskSexualExploitation"],
            RiskCriminalExploitation = risks["RiskCriminalExploitation"],
            RiskDrugAlcohol = risks["RiskDrugAlcohol"],
            RiskEatingDisorder = "No known risk",
            RiskMissing = risks["RiskMissing"],
            RiskToOthersPhysical = "No known risk",
            RiskToOthersSexual = "No known risk",
            RiskToOthersFire = "No known risk",
            RiskToOthersAnimals = "No known risk",
            RiskToOthersCriminal = "No known risk",
            DateOfBirth = requiredBy.AddDays(-(int)(age * 365.25)),
            Sex = _random.NextDouble() < 0.5 ? "female" : "male",
            NeedBand = band,
            NeedBandRationale = Pick(Rationales[band]),
            RequiredByDate = requiredBy,
            HomePostcodeDistrict = Pick(districts),
            SchoolPostcodeDistrict = Pick(districts),
            SpecialismsWanted = band is "specialist" ? ["Therapeutic care"] : [],
            ChildsViews = Pick(Views),
        };
    }

    private async Task<Guid> SubmitAsync(string borough, ReferralDetails child) =>
        (await As(Referrer(borough), new SubmitReferral(Guid.CreateVersion7(_clock.GetUtcNow()), child))).Id;

    /// <summary>Brokerage offers the bed with the default deadline; answers the offer and the provider it went to (the contract's provider, which may subcontract the home).</summary>
    private async Task<(Guid Offer, string Provider)> OfferAsync(Guid referral, string bedId, bool urgent)
    {
        var offer = await As(Broker, new MakeOffer(referral, bedId, OfferRules.DefaultRespondBy(urgent ? "Today" : null, _clock.GetUtcNow())));
        return (offer, (await As(Broker, new GetOffer(offer))).ProviderCode);
    }

    private async Task<CandidateView?> TopCandidateAsync(Guid referral, string? avoidHome, string? preferProvider)
    {
        // Contracts' demo confirms vacancies today, so in the story's past a free bed reads "available from" today's
        // date: the story takes the shortlist's order as it is and places children on the dates it chooses.
        var shortlist = await As(Broker, new GetShortlist(referral));
        var candidates = shortlist.Candidates.Where(c => c.HomeCode != avoidHome).ToList();
        return candidates.FirstOrDefault(c => c.ProviderCode == preferProvider) ?? candidates.FirstOrDefault();
    }

    /// <summary>
    /// A band drawn in the block's proportions; when no bed of that band is free (of the provider, if given), the band
    /// of one that is. Boroughs refer children of every band; the demo keeps the beds busy by telling those it can place.
    /// </summary>
    private async Task<string> PlausibleBandAsync(string? provider)
    {
        var roll = _random.Next(Bands.Sum(b => b.Weight));
        var band = Bands.First(b => (roll -= b.Weight) < 0).Band;
        var free = await FreeBandsAsync(provider);
        return free.Contains(band) || (provider is null && band == "specialist") || free.Count == 0 ? band : free[0];
    }

    private async Task<List<string>> FreeBandsAsync(string? provider)
    {
        await using var command = _database.CreateCommand($"""
            SELECT b.contracted_band FROM {BrokerageModule.SchemaName}.beds b
            WHERE b.vacancy_status = 'available' AND NOT b.confirmation_lapsed
              AND ($1::text IS NULL OR b.provider_code = $1)
              AND NOT EXISTS (SELECT 1 FROM {BrokerageModule.SchemaName}.bed_holds h WHERE h.bed_id = b.bed_id)
            GROUP BY b.contracted_band ORDER BY count(*) DESC, b.contracted_band
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)provider ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var bands = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(_ct);
        while (await reader.ReadAsync(_ct))
        {
            bands.Add(reader.GetString(0));
        }

        return bands;
    }

    private async Task<long> FreeBedCountAsync(string[]? homes)
    {
        await using var command = _database.CreateCommand($"""
            SELECT count(*) FROM {BrokerageModule.SchemaName}.beds b
            WHERE b.vacancy_status = 'available' AND NOT b.confirmation_lapsed
              AND NOT EXISTS (SELECT 1 FROM {BrokerageModule.SchemaName}.bed_holds h WHERE h.bed_id = b.bed_id)
              AND ($1::text[] IS NULL OR b.home_code = ANY($1))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)homes ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync(_ct))!;
    }

    /// <summary>The started placements (not staying put) that began first; ordered by their bed, never by a random id.</summary>
    private async Task<List<Guid>> LongestStaysAsync(long count)
    {
        await using var command = _database.CreateCommand($"""
            SELECT placement_id FROM {BrokerageModule.SchemaName}.placements
            WHERE status = 'started' AND staying_put_until IS NULL AND bed_id IS NOT NULL
            ORDER BY home_code = ANY($2) DESC, start_date, bed_id LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, count) });
        command.Parameters.Add(new NpgsqlParameter { Value = AshgroveLowBandHomes });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(_ct);
        while (await reader.ReadAsync(_ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<string?> FreeBedAsync(string band, string notInHome)
    {
        await using var command = _database.CreateCommand($"""
            SELECT b.bed_id FROM {BrokerageModule.SchemaName}.beds b
            WHERE b.contracted_band = $1 AND b.home_code <> $2 AND b.vacancy_status = 'available' AND NOT b.confirmation_lapsed
              AND NOT EXISTS (SELECT 1 FROM {BrokerageModule.SchemaName}.bed_holds h WHERE h.bed_id = b.bed_id)
            ORDER BY b.bed_id LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = band });
        command.Parameters.Add(new NpgsqlParameter { Value = notInHome });
        return await command.ExecuteScalarAsync(_ct) as string;
    }

    // ---- Who acts: each step in its own scope, signed in as the person who would do it ----

    private static Action<RequestContext> Referrer(string borough) => c => c.SignIn($"demo-referrer-{borough}", borough, Roles.BoroughReferrer, AccessChannel.Web);

    private static void Broker(RequestContext c) => c.SignIn("demo-brokerage", Havering, Roles.Brokerage, AccessChannel.Web);

    private static Action<RequestContext> Provider(string code) => c => c.SignIn($"demo-provider-{code}", code, Roles.Provider, AccessChannel.Web);

    private Task<T> AsSystem<T>(IRequest<T> request) => As(c => c.ActAsSystem(AccessChannel.Background), request);

    private async Task<T> As<T>(Action<RequestContext> actor, IRequest<T> request)
    {
        await using var scope = _services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        actor(scope.ServiceProvider.GetRequiredService<RequestContext>());
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, _ct);
    }
}
