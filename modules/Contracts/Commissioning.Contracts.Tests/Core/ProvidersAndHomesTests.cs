using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Providers;
using Commissioning.TestKit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Published = Commissioning.Messages.Contracts;

namespace Commissioning.Contracts.Tests.Core;

public sealed class ProvidersAndHomesTests
{
    private ModuleTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await ModuleTestHost.StartAsync(new ContractsModule(), services => services.AddSingleton<PublishedEvents>()
        .AddTransient<INotificationHandler<Published.ProviderRegistered>>(sp => sp.GetRequiredService<PublishedEvents>())
        .AddTransient<INotificationHandler<Published.HomeSuspended>>(sp => sp.GetRequiredService<PublishedEvents>()));

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task A_provider_is_accredited_only_while_every_check_is_current_and_its_registration_is_published()
    {
        await Given.ProviderWithHomeAsync(_host, "PRV-A", "HOME-01");
        var today = PartnershipCalendar.Today(_host.Clock);
        foreach (var check in AccreditationChecks.All.Where(c => c != AccreditationCheck.Safeguarding))
        {
            await _host.SendAsync(new RecordProviderCheck("PRV-A", check, today.AddYears(-1), today.AddYears(1)), Given.ContractManager);
        }

        var missingOne = await _host.SendAsync(new GetProvider("PRV-A"), Given.Finance);
        await _host.SendAsync(new RecordProviderCheck("PRV-A", AccreditationCheck.Safeguarding, today.AddYears(-1), today), Given.ContractManager);
        var complete = await _host.SendAsync(new GetProvider("PRV-A"), Given.Finance);
        await _host.CatchUpAsync();

        Assert.Multiple(() =>
        {
            Assert.That(missingOne.Accredited, Is.False);
            Assert.That(missingOne.Checks.Single(c => c.Check == "safeguarding").PassedOn, Is.Null);
            Assert.That(complete.Accredited, Is.True);
            Assert.That(complete.Contacts.Single().Email, Is.EqualTo("sam@example.org"));
            Assert.That(_host.Services.GetRequiredService<PublishedEvents>().Events.OfType<Published.ProviderRegistered>().Select(e => (e.ProviderCode, e.Name)),
                Is.EqualTo(new[] { ("PRV-A", "Provider PRV-A") }));
        });
    }

    [Test]
    public async Task An_inadequate_grade_suspends_new_placements_until_a_contract_manager_lifts_it()
    {
        await Given.ProviderWithHomeAsync(_host, "PRV-A", "HOME-01");
        var today = PartnershipCalendar.Today(_host.Clock);

        await _host.SendAsync(new RecordOfstedInspection("HOME-01", OfstedGrade.Inadequate, today.AddDays(-3)), Given.ContractManager);
        var suspended = await _host.SendAsync(new GetHome("HOME-01"), Given.Finance);
        await _host.SendAsync(new RecordOfstedInspection("HOME-01", OfstedGrade.Good, today), Given.ContractManager);
        var stillSuspended = await _host.SendAsync(new GetHome("HOME-01"), Given.Finance);
        await _host.SendAsync(new LiftHomeSuspension("HOME-01", "Monitoring visit found the actions complete"), Given.ContractManager);
        var lifted = await _host.SendAsync(new GetHome("HOME-01"), Given.Finance);
        await _host.CatchUpAsync();

        Assert.Multiple(() =>
        {
            Assert.That(suspended.Suspended, Is.True);
            Assert.That(suspended.OfstedGrade, Is.EqualTo("inadequate"));
            Assert.That(stillSuspended.Suspended, Is.True, "a better grade does not lift the suspension by itself");
            Assert.That(lifted.Suspended, Is.False);
            Assert.That(lifted.OfstedGrade, Is.EqualTo("good"));
            Assert.That(_host.Services.GetRequiredService<PublishedEvents>().Events.OfType<Published.HomeSuspended>().Select(e => e.HomeCode), Is.EqualTo(new[] { "HOME-01" }));
            Assert.That(async () => await _host.SendAsync(new LiftHomeSuspension("HOME-01", "Again"), Given.ContractManager), Throws.TypeOf<ConflictException>());
        });
    }

    [Test]
    public async Task An_invalid_home_names_each_field_in_plain_English_and_stores_nothing()
    {
        await Given.ProviderWithHomeAsync(_host, "PRV-A", "HOME-01");
        var before = await _host.Store.CountAsync();

        var unknownDistrict = Assert.ThrowsAsync<RequestValidationException>(async () =>
            await _host.SendAsync(new RegisterHome("HOME-02", "PRV-A", Given.Home(postcode: "ZZ9 9ZZ")), Given.ContractManager));
        var wrong = Assert.ThrowsAsync<RequestValidationException>(async () => await _host.SendAsync(new RegisterHome("HOME-02", "PRV-A",
            new HomeInput("", "Elm", "RM7 0AG", 0, 16, 12, [], ["medium", "enormous"], null, ["no-pets"], 1)), Given.ContractManager));
        var noProvider = Assert.ThrowsAsync<RequestValidationException>(async () =>
            await _host.SendAsync(new RegisterHome("HOME-01", "PRV-Z", Given.Home()), Given.ContractManager));

        Assert.Multiple(async () =>
        {
            Assert.That(unknownDistrict!.Errors["postcode"][0], Does.StartWith("We do not know where postcode district ZZ9 is"));
            Assert.That(wrong!.Errors.Keys, Is.EquivalentTo(new[] { "ofstedUrn", "registeredPlaces", "maximumAge", "sexes", "bands", "statementOfPurposeLimits", "homeMixLimit" }));
            Assert.That(noProvider!.Errors["code"][0], Does.Contain("already registered"));
            Assert.That(noProvider.Errors["providerCode"][0], Does.StartWith("There is no provider with the code PRV-Z"));
            Assert.That(await _host.Store.CountAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_provider_sees_only_its_own_homes_and_contracts_and_nothing_else_exists_for_it()
    {
        await Given.ProviderWithHomeAsync(_host, "PRV-A", "HOME-01");
        await Given.ProviderWithHomeAsync(_host, "PRV-B", "HOME-02");
        var theirs = await _host.SendAsync(Given.Contract("PRV-B", new DateOnly(2025, 4, 1), new BedRequest("HOME-02", "low", 1)), Given.ContractManager);

        var homes = await _host.SendAsync(new ListHomes(PageRequest.First), Given.Provider("PRV-A"));
        var contracts = await _host.SendAsync(new ListBlockContracts(PageRequest.First), Given.Provider("PRV-A"));

        Assert.Multiple(() =>
        {
            Assert.That(homes.Items.Select(h => h.Code), Is.EqualTo(new[] { "HOME-01" }));
            Assert.That(contracts.Total, Is.Zero);
            Assert.That(async () => await _host.SendAsync(new GetHome("HOME-02"), Given.Provider("PRV-A")), Throws.TypeOf<NotFoundException>());
            Assert.That(async () => await _host.SendAsync(new GetBlockContract(theirs), Given.Provider("PRV-A")), Throws.TypeOf<NotFoundException>());
            Assert.That(async () => await _host.SendAsync(new GetProvider("PRV-B"), Given.Provider("PRV-A")), Throws.TypeOf<NotFoundException>());
        });
    }

    [Test]
    public async Task The_demo_has_three_providers_nine_homes_and_35_block_beds_in_two_contracts()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Commissioning.BuildingBlocks.Identity.RequestContext>().ActAsSystem(Commissioning.BuildingBlocks.Identity.AccessChannel.Cli);
            await _host.Module.SeedDemoAsync(scope.ServiceProvider, CancellationToken.None);
        }

        var contracts = await _host.SendAsync(new ListBlockContracts(PageRequest.First), Given.Finance);
        var beds = new List<ContractBedView>();
        foreach (var contract in contracts.Items)
        {
            beds.AddRange((await _host.SendAsync(new GetBlockContract(contract.Id), Given.Finance)).Beds);
        }

        var ashgrove = await _host.SendAsync(new GetBlockContract(contracts.Items.Single(c => c.ProviderCode == "PRV-A").Id), Given.Finance);
        Assert.Multiple(async () =>
        {
            Assert.That((await _host.SendAsync(new ListProviders(PageRequest.First), Given.Finance)).Total, Is.EqualTo(3));
            Assert.That((await _host.SendAsync(new ListHomes(PageRequest.First), Given.Finance)).Total, Is.EqualTo(9));
            Assert.That((await _host.SendAsync(new ListSpotContracts(PageRequest.First), Given.Finance)).Total, Is.EqualTo(1));
            Assert.That(beds.GroupBy(b => b.Band).ToDictionary(g => g.Key, g => g.Count()),
                Is.EquivalentTo(new Dictionary<string, int> { ["low"] = 8, ["medium"] = 12, ["high"] = 10, ["specialist"] = 5 }));
            Assert.That(ashgrove.Variations.Single().Status, Is.EqualTo("approved"));
            Assert.That(contracts.Items.Single(c => c.ProviderCode == "PRV-B").ConsortiumMembers, Is.EqualTo(new[] { "PRV-C" }));
        });
    }

    /// <summary>Collects what the module publishes.</summary>
    private sealed class PublishedEvents : INotificationHandler<Published.ProviderRegistered>, INotificationHandler<Published.HomeSuspended>
    {
        public List<object> Events { get; } = [];

        public Task Handle(Published.ProviderRegistered notification, CancellationToken cancellationToken) => Record(notification);

        public Task Handle(Published.HomeSuspended notification, CancellationToken cancellationToken) => Record(notification);

        private Task Record(object notification)
        {
            lock (Events)
            {
                Events.Add(notification);
            }

            return Task.CompletedTask;
        }
    }
}
