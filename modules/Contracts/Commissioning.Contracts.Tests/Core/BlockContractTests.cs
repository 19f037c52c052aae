using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Contracts.BlockContracts;
using Commissioning.TestKit;

namespace Commissioning.Contracts.Tests.Core;

public sealed class BlockContractTests
{
    private static readonly DateOnly Start = new(2025, 4, 1);
    private ModuleTestHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = await ModuleTestHost.StartAsync(new ContractsModule());
        await Given.ProviderWithHomeAsync(_host, "PRV-A", "HOME-01");
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private Task<ContractTerms> TermsAsync(Guid id) => _host.Store.LoadAsync<ContractTerms>(BlockContractStreams.For(id)).ContinueWith(t => t.Result.State, TaskScheduler.Default);

    [Test]
    public async Task An_agreed_contract_numbers_its_beds_by_home_and_runs_eight_years_by_default()
    {
        var id = await _host.SendAsync(Given.Contract("PRV-A", Start, new BedRequest("HOME-01", "high", 2), new BedRequest("HOME-01", "low", 1)), Given.ContractManager);

        var terms = await TermsAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(terms.Agreement!.EndsOn, Is.EqualTo(new DateOnly(2033, 3, 31)));
            Assert.That(terms.Agreement.InnovationCapPercent, Is.EqualTo(7m));
            Assert.That(terms.BedsOn(Start).Select(b => b.BedId), Is.EqualTo(new[] { "HOME-01-B1", "HOME-01-B2", "HOME-01-B3" }));
        });
    }

    [Test]
    public async Task A_variation_changes_prices_only_from_its_effective_date()
    {
        var id = await _host.SendAsync(Given.Contract("PRV-A", Start, new BedRequest("HOME-01", "high", 2)), Given.ContractManager);
        var effective = new DateOnly(2025, 9, 1);
        var variation = await _host.SendAsync(new ProposeContractVariation(id, effective, "Staffing costs", null, null,
            new Dictionary<string, decimal> { ["high"] = 5900m }), Given.ContractManager);

        var beforeApproval = await TermsAsync(id);
        await _host.SendAsync(new ApproveContractVariation(id, variation), Given.ContractManager);
        var terms = await TermsAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(beforeApproval.WeeklyPrice(NeedBand.High, effective), Is.EqualTo(5600m), "nothing changes until approval");
            Assert.That(terms.WeeklyPrice(NeedBand.High, effective.AddDays(-1)), Is.EqualTo(5600m));
            Assert.That(terms.WeeklyPrice(NeedBand.High, effective), Is.EqualTo(5900m));
            Assert.That(terms.WeeklyPrice(NeedBand.Low, effective), Is.EqualTo(3800m), "bands not named keep their price");
        });
    }

    [Test]
    public async Task The_annual_uplift_applies_on_each_anniversary_of_the_start()
    {
        var id = await _host.SendAsync(Given.Contract("PRV-A", Start, new BedRequest("HOME-01", "medium", 1)), Given.ContractManager);

        var terms = await TermsAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(terms.WeeklyPrice(NeedBand.Medium, new DateOnly(2026, 3, 31)), Is.EqualTo(4600m));
            Assert.That(terms.WeeklyPrice(NeedBand.Medium, new DateOnly(2026, 4, 1)), Is.EqualTo(4715m));
            Assert.That(terms.WeeklyPrice(NeedBand.Medium, new DateOnly(2027, 4, 1)), Is.EqualTo(4715m * 1.025m));
        });
    }

    [Test]
    public async Task A_variation_effective_on_the_start_date_replaces_the_agreed_price()
    {
        var id = await _host.SendAsync(Given.Contract("PRV-A", Start, new BedRequest("HOME-01", "high", 1)), Given.ContractManager);
        var variation = await _host.SendAsync(new ProposeContractVariation(id, Start, "Corrected tender price", null, null,
            new Dictionary<string, decimal> { ["high"] = 5650m }), Given.ContractManager);
        await _host.SendAsync(new ApproveContractVariation(id, variation), Given.ContractManager);

        Assert.That((await TermsAsync(id)).WeeklyPrice(NeedBand.High, Start), Is.EqualTo(5650m));
    }

    [Test]
    public async Task Beds_removed_by_a_variation_are_contracted_until_its_effective_date()
    {
        var id = await _host.SendAsync(Given.Contract("PRV-A", Start, new BedRequest("HOME-01", "high", 2)), Given.ContractManager);
        var effective = new DateOnly(2026, 1, 1);
        var variation = await _host.SendAsync(new ProposeContractVariation(id, effective, "Home reconfigured", null, ["HOME-01-B2"], null), Given.ContractManager);
        await _host.SendAsync(new ApproveContractVariation(id, variation), Given.ContractManager);

        var terms = await TermsAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(terms.BedsOn(effective.AddDays(-1)).Select(b => b.BedId), Is.EqualTo(new[] { "HOME-01-B1", "HOME-01-B2" }));
            Assert.That(terms.BedsOn(effective).Select(b => b.BedId), Is.EqualTo(new[] { "HOME-01-B1" }));
        });
    }

    [Test]
    public async Task A_stale_approval_is_a_conflict_and_a_second_decision_is_refused()
    {
        var id = await _host.SendAsync(Given.Contract("PRV-A", Start, new BedRequest("HOME-01", "high", 1)), Given.ContractManager);
        var first = await _host.SendAsync(new ProposeContractVariation(id, new DateOnly(2025, 6, 1), "One", null, null,
            new Dictionary<string, decimal> { ["high"] = 5700m }), Given.ContractManager);
        var seenVersion = (await _host.Store.CurrentVersionAsync(BlockContractStreams.For(id)))!.Value;
        await _host.SendAsync(new ProposeContractVariation(id, new DateOnly(2025, 7, 1), "Two", null, null,
            new Dictionary<string, decimal> { ["low"] = 3900m }), Given.ContractManager);

        Assert.That(async () => await _host.SendAsync(new ApproveContractVariation(id, first, seenVersion), Given.ContractManager),
            Throws.TypeOf<StreamVersionConflictException>());
        await _host.SendAsync(new ApproveContractVariation(id, first), Given.ContractManager);
        Assert.That(async () => await _host.SendAsync(new RejectContractVariation(id, first, "Too late"), Given.ContractManager),
            Throws.TypeOf<ConflictException>());
    }

    [Test]
    public async Task Invalid_contracts_name_each_field_and_store_nothing()
    {
        await Given.ProviderWithHomeAsync(_host, "PRV-B", "HOME-02", places: 2);
        var before = await _host.Store.CountAsync();

        var refused = Assert.ThrowsAsync<RequestValidationException>(async () => await _host.SendAsync(new AgreeBlockContract(
            "PRV-A", null, Start, Start.AddDays(-1), null, null,
            new Dictionary<string, decimal> { ["high"] = 5600.555m }, 2.5m, null, "OF-2025",
            [new BedRequest("HOME-01", "high", 1)]), Given.ContractManager));
        var wrongHomes = Assert.ThrowsAsync<RequestValidationException>(async () => await _host.SendAsync(Given.Contract(
            "PRV-A", Start, new BedRequest("HOME-02", "high", 1), new BedRequest("HOME-01", "specialist", 1), new BedRequest("HOME-01", "low", 5)), Given.ContractManager));

        Assert.Multiple(async () =>
        {
            Assert.That(refused!.Errors.Keys, Is.SupersetOf(new[] { "endsOn", "weeklyPrices.high" }), string.Join(", ", refused.Errors.Keys));
            Assert.That(refused!.Errors["endsOn"], Is.EqualTo(new[] { "The end date must be after the start date" }));
            Assert.That(refused.Errors["weeklyPrices.high"][0], Does.Contain("at most 2 decimal places"));
            Assert.That(wrongHomes!.Errors["beds[0].homeCode"][0], Does.Contain("not a party to this contract"));
            Assert.That(wrongHomes.Errors["beds[1].band"][0], Is.EqualTo("HOME-01 cannot meet the specialist band: it meets low, medium, high"));
            Assert.That(wrongHomes.Errors["beds[2].count"][0], Does.Contain("registered for 4 places"));
            Assert.That(await _host.Store.CountAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_variation_must_take_effect_within_the_contract()
    {
        var id = await _host.SendAsync(Given.Contract("PRV-A", Start, new BedRequest("HOME-01", "high", 1)), Given.ContractManager);

        var refused = Assert.ThrowsAsync<RequestValidationException>(async () => await _host.SendAsync(new ProposeContractVariation(
            id, Start.AddDays(-1), "Early", null, ["HOME-09-B1"], new Dictionary<string, decimal> { ["high"] = 5000m }), Given.ContractManager));
        var badPrice = Assert.ThrowsAsync<RequestValidationException>(async () => await _host.SendAsync(new ProposeContractVariation(
            id, Start, "Cheaper", null, null, new Dictionary<string, decimal> { ["high"] = 0m }), Given.ContractManager));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Errors["effectiveFrom"][0], Does.StartWith("The date the variation takes effect must be within the contract"));
            Assert.That(refused.Errors["bedsRemoved[0]"][0], Does.StartWith("HOME-09-B1 is not a bed of this contract"));
            Assert.That(badPrice!.Errors.Keys, Does.Contain("newWeeklyPrices.high"), string.Join(", ", badPrice.Errors.Keys));
        });
    }
}
