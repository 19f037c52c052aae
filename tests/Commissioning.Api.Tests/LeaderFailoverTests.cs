using System.Text.Json;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests;

/// <summary>Two host instances on one database: one leads the async projections, and the other takes over when it dies.</summary>
public sealed class LeaderFailoverTests
{
    [Test]
    public async Task When_the_leading_host_is_killed_the_other_host_takes_over_within_30_seconds()
    {
        await using var database = await HostDatabase.CreateAsync();
        await using var a = await HostProcess.StartAsync(database.ConnectionString);
        await using var b = await HostProcess.StartAsync(database.ConnectionString);

        var leader = await EventuallyAsync(async () =>
        {
            var (aLeads, bLeads) = (await LeadsAsync(a), await LeadsAsync(b));
            Assert.That(aLeads && bLeads, Is.False, "two hosts must never lead at once");
            return aLeads ? a : bLeads ? b : null;
        }, TimeSpan.FromSeconds(30));
        var follower = leader == a ? b : a;

        await leader.KillAsync();
        var started = DateTime.UtcNow;
        var takeover = await EventuallyAsync(async () => await LeadsAsync(follower) ? follower : null, TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(takeover, Is.SameAs(follower));
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(30)));
        });
    }

    private static async Task<bool> LeadsAsync(HostProcess host)
    {
        using var body = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("/health/live", UriKind.Relative)));
        return body.RootElement.GetProperty("checks").GetProperty("async-daemon").GetProperty("description").GetString()!
            .StartsWith("This instance leads", StringComparison.Ordinal);
    }

    private static async Task<HostProcess> EventuallyAsync(Func<Task<HostProcess?>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Nothing happened within {timeout}.");
    }
}
