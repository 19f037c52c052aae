using Commissioning.Messages.Contracts;
using Commissioning.TestKit;

namespace Commissioning.Brokerage.Tests.Beds;

public sealed class BedCopyTests
{
    private static readonly DateOnly Start = new(2026, 4, 1);

    [Test]
    public async Task The_same_event_delivered_twice_is_copied_once()
    {
        await using var host = await ModuleTestHost.StartAsync(new BrokerageModule());
        var contracts = new ContractsFeed(host);

        var registered = await contracts.HomeAsync("HOME-01");
        await contracts.PublishAsync(new HomeRegistered("HOME-01", ContractsFeed.Profile()), registered);
        var suspended = await contracts.PublishAsync(new HomeSuspended("HOME-01", "Inadequate grade", Start));
        await contracts.PublishAsync(new HomeSuspended("HOME-01", "Inadequate grade", Start), suspended);
        var agreed = new ContractedBedsAgreed(Guid.NewGuid(), "BC-1", "PRV-A", Start, Start.AddYears(3), [new ContractedBedInfo("HOME-01-B1", "HOME-01", "medium")]);
        var agreedId = await contracts.PublishAsync(agreed);
        await contracts.PublishAsync(agreed, agreedId);

        Assert.Multiple(async () =>
        {
            Assert.That(await host.Store.CountAsync(), Is.EqualTo(3));
            Assert.That(await Scalar<long>(host, "SELECT version FROM brokerage.homes WHERE home_code = 'HOME-01'"), Is.EqualTo(2));
            Assert.That(await Scalar<long>(host, "SELECT count(*) FROM brokerage.beds"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Homes_are_copied_with_their_profile_grade_and_suspension()
    {
        await using var host = await ModuleTestHost.StartAsync(new BrokerageModule());
        var contracts = new ContractsFeed(host);

        await contracts.HomeAsync("HOME-01");
        await contracts.PublishAsync(new HomeDetailsChanged("HOME-01", ContractsFeed.Profile() with { Name = "Elm House", HomeMixLimit = 3 }));
        await contracts.PublishAsync(new HomeOfstedGradeRecorded("HOME-01", "good", Start));
        await contracts.PublishAsync(new HomeSuspended("HOME-01", "Inadequate grade", Start));
        var suspendedRow = await Scalar<bool>(host, "SELECT suspended FROM brokerage.homes WHERE home_code = 'HOME-01'");
        await contracts.PublishAsync(new HomeSuspensionLifted("HOME-01", "Re-inspected", Start.AddDays(30)));

        Assert.Multiple(async () =>
        {
            Assert.That(suspendedRow, Is.True);
            Assert.That(await Scalar<bool>(host, "SELECT suspended FROM brokerage.homes WHERE home_code = 'HOME-01'"), Is.False);
            Assert.That(await Scalar<string>(host, "SELECT name || ' ' || home_mix_limit || ' ' || ofsted_grade FROM brokerage.homes"), Is.EqualTo("Elm House 3 good"));
        });
    }

    [Test]
    public async Task Contracted_beds_follow_the_agreement_the_variations_and_the_providers_confirmations()
    {
        await using var host = await ModuleTestHost.StartAsync(new BrokerageModule());
        var contracts = new ContractsFeed(host);
        await contracts.HomeAsync("HOME-01");
        var contractId = await contracts.ContractAsync("BC-1", "PRV-A", Start, ("HOME-01-B1", "HOME-01", "medium"), ("HOME-01-B2", "HOME-01", "high"));

        await contracts.PublishAsync(new ContractedBedsVaried(contractId, Guid.NewGuid(), "BC-1", "PRV-A", Start.AddMonths(6),
            [new ContractedBedInfo("HOME-01-B3", "HOME-01", "low")], ["HOME-01-B2"]));
        await contracts.AvailableAsync("HOME-01-B1", "HOME-01", Start.AddDays(3));
        await contracts.UnavailableAsync("HOME-01-B3", "HOME-01", "Repairs after a leak");
        var confirmedAt = host.Clock.GetUtcNow();
        await contracts.PublishAsync(new BedVacancyConfirmationLapsed("HOME-01-B3", "HOME-01", confirmedAt, confirmedAt.AddDays(8)));

        var rows = await Rows(host, """
            SELECT bed_id || ' ' || contracted_band || ' ' || in_contract_from || ' ' || coalesce(in_contract_to::text, '-') || ' '
                || coalesce(vacancy_status, '-') || ' ' || coalesce(available_from::text, '-') || ' ' || confirmation_lapsed
            FROM brokerage.beds ORDER BY bed_id
            """);

        Assert.That(rows, Is.EqualTo(new[]
        {
            "HOME-01-B1 medium 2026-04-01 2029-03-31 available 2026-04-04 false",
            "HOME-01-B2 high 2026-04-01 2026-09-30 - - false",
            "HOME-01-B3 low 2026-10-01 2029-03-31 unavailable - true",
        }));
    }

    internal static async Task<T> Scalar<T>(ModuleTestHost host, string sql)
    {
        await using var command = host.Database.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task<List<string>> Rows(ModuleTestHost host, string sql)
    {
        await using var command = host.Database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
