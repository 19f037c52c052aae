using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.BedLedger;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Messages.Brokerage;
using Commissioning.Messages.Partnership;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;
using static Commissioning.Contracts.Tests.BedLedger.LedgerTestData;

namespace Commissioning.Contracts.Tests.BedLedger;

public sealed class BedLedgerTests
{
    private ModuleTestHost _host = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _host = await ModuleTestHost.StartAsync(new ContractsModule());
        await AgreeContractAsync(_host, "PRV-A", new DateOnly(2026, 4, 1),
            new ContractedBed("A-1", "HOME-A", NeedBand.Medium), new ContractedBed("A-2", "HOME-A", NeedBand.High));
        await AgreeContractAsync(_host, "PRV-B", new DateOnly(2026, 4, 1), new ContractedBed("B-1", "HOME-B", NeedBand.Low));
    }

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private Task<Paged<BedView>> BedsAsync(string organisation = "E09000016", string role = Roles.Brokerage, string? status = null) =>
        _host.SendAsync(new ListBeds(status, null, null, PageRequest.First), As(organisation, role));

    [Test]
    public async Task Contracted_beds_start_void_and_unconfirmed()
    {
        var beds = await BedsAsync();

        Assert.That(beds.Items.Select(b => (b.BedId, b.Status, b.Unconfirmed)), Is.EqualTo(new[]
        {
            ("A-1", "void", true), ("A-2", "void", true), ("B-1", "void", true),
        }));
    }

    [Test]
    public async Task A_provider_sees_only_its_own_beds()
    {
        var beds = await BedsAsync("PRV-B", Roles.Provider);

        Assert.That(beds.Items.Select(b => b.BedId), Is.EqualTo(new[] { "B-1" }));
    }

    [Test]
    public async Task An_unconfirmed_bed_drops_out_of_availability_when_the_window_passes()
    {
        await _host.SendAsync(new ConfirmVacancies("HOME-A", [new("A-1", "available", null, null), new("A-2", "unavailable", "2026-05-01", "Redecoration")]),
            As("PRV-A", Roles.Provider));
        var confirmed = await BedsAsync();

        _host.Clock.Advance(TimeSpan.FromDays(7));
        var afterWindow = await BedsAsync(status: "available");
        var lapsed = await _host.SendAsync(new FlagLapsedVacancyConfirmations());
        var afterJob = (await BedsAsync()).Items.Single(b => b.BedId == "A-1");

        Assert.Multiple(() =>
        {
            Assert.That(confirmed.Items.Single(b => b.BedId == "A-1"), Has.Property("Status").EqualTo("available").And.Property("AvailableFrom").EqualTo(new DateOnly(2026, 4, 1)));
            Assert.That(confirmed.Items.Single(b => b.BedId == "A-2"), Has.Property("Status").EqualTo("unavailable").And.Property("AvailableFrom").EqualTo(new DateOnly(2026, 5, 1)));
            Assert.That(afterWindow.Items, Is.Empty, "no bed counts as available once its confirmation is 7 days old");
            Assert.That(lapsed, Is.EqualTo(2), "the job flags both confirmations");
            Assert.That((afterJob.Status, afterJob.Unconfirmed, afterJob.Confirmation!.Lapsed), Is.EqualTo(("void", true, true)));
        });
    }

    [Test]
    public async Task A_provider_cannot_confirm_another_providers_home()
    {
        Assert.ThrowsAsync<NotFoundException>(() =>
            _host.SendAsync(new ConfirmVacancies("HOME-A", [new("A-1", "available", null, null)]), As("PRV-B", Roles.Provider)));
        Assert.That((await BedsAsync()).Items.Single(b => b.BedId == "A-1").Status, Is.EqualTo("void"));
    }

    [Test]
    public async Task Wrong_confirmation_fields_are_named_and_nothing_is_stored()
    {
        var e = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(
            new ConfirmVacancies("HOME-A", [new("A-1", "available", "03/03/2027", null), new("B-1", "unavailable", null, null)]), As("PRV-A", Roles.Provider)));

        Assert.Multiple(async () =>
        {
            Assert.That(e!.Errors.Keys, Is.EquivalentTo(new[] { "beds[0].availableFrom", "beds[1].bedId", "beds[1].reason" }));
            Assert.That((await BedsAsync()).Items.Select(b => b.Status), Has.All.EqualTo("void"));
        });
    }

    [Test]
    public async Task Holds_and_placements_from_brokerage_move_the_bed_and_a_second_holder_is_flagged_not_shown()
    {
        var offer = Guid.NewGuid();
        var placement = Guid.NewGuid();
        var now = _host.Clock.GetUtcNow();
        var held = new BedHeld("A-1", offer, "REF-0001", "E09000025", now, now.AddDays(2)) { EventId = Guid.NewGuid() };
        await PublishAsync(_host, held);
        await PublishAsync(_host, held);
        await PublishAsync(_host, new BedHeld("A-1", Guid.NewGuid(), "REF-0002", "E09000030", now, now.AddDays(2)) { EventId = Guid.NewGuid() });
        var whileHeld = (await BedsAsync()).Items.Single(b => b.BedId == "A-1");

        await PublishAsync(_host, new PlacementStarted(placement, "A-1", null, offer, "E09000025", "high", new DateOnly(2026, 4, 1)) { EventId = Guid.NewGuid() });
        var occupied = (await BedsAsync()).Items.Single(b => b.BedId == "A-1");
        await PublishAsync(_host, new PlacementEnded(placement, new DateOnly(2026, 4, 1), true) { EventId = Guid.NewGuid() });
        var ended = (await BedsAsync()).Items.Single(b => b.BedId == "A-1");

        Assert.Multiple(() =>
        {
            Assert.That((whileHeld.Status, whileHeld.Hold!.OfferId), Is.EqualTo(("held", offer)));
            Assert.That(whileHeld.Inconsistency, Does.Contain("already held"));
            Assert.That((occupied.Status, occupied.Hold, occupied.Placement!.Band), Is.EqualTo(("occupied", (BedHoldView?)null, "high")));
            Assert.That((ended.Status, ended.Unconfirmed), Is.EqualTo(("void", true)));
        });
    }

    [Test]
    public async Task A_pooled_budget_contribution_delivered_twice_is_copied_once_and_the_latest_wins()
    {
        var first = new PooledBudgetContributionSet("E09000016", "2026-27", 100_000m) { EventId = Guid.NewGuid(), OccurredAt = _host.Clock.GetUtcNow() };
        await PublishAsync(_host, first);
        await PublishAsync(_host, first);
        await PublishAsync(_host, new PooledBudgetContributionSet("E09000016", "2026-27", 120_000.50m) { EventId = Guid.NewGuid(), OccurredAt = _host.Clock.GetUtcNow().AddMinutes(1) });

        await using var scope = _host.Services.CreateAsyncScope();
        var inputs = await scope.ServiceProvider.GetRequiredService<Contracts.Money.MoneyReader>().ReadAsync(new Contracts.Money.MoneyMonth(2026, 10), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(inputs.Contributions, Is.EquivalentTo(new Dictionary<string, decimal> { ["E09000016"] = 120_000.50m }));
            Assert.That(await _host.Store.CountAsync(), Is.EqualTo(2 + 2), "two contracts and two copies: the redelivery stored nothing");
        });
    }
}
