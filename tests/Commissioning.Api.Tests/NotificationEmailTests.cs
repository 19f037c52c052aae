using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests;

/// <summary>The real host with an SMTP server configured: its scheduled job sends what people are told.</summary>
public sealed class NotificationEmailTests
{
    private TestDatabase _database = null!;
    private SmtpTestServer _smtp = null!;
    private HostProcess _host = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _database = await HostDatabase.CreateAsync();
        _smtp = SmtpTestServer.Start();
        _host = await HostProcess.StartAsync(_database.ConnectionString, environment: new Dictionary<string, string>
        {
            ["Commissioning__Smtp__Host"] = _smtp.Host,
            ["Commissioning__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Commissioning__Smtp__From"] = "Commissioning <noreply@commissioning.example.org>",
            ["Commissioning__PublicBaseUrl"] = "https://commissioning.example.org",
            // Every second instead of every 30, so the test does not wait.
            ["Commissioning__Notifications__EmailDispatchInterval"] = "00:00:01",
        });
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task A_person_whose_password_is_reset_gets_one_email_with_the_link_and_not_the_password()
    {
        var keys = new ApiKeys(_host, _database.ConnectionString);
        using var admin = await keys.ClientAsync(ApiKeys.LeadBorough, Roles.PartnershipAdmin);
        const string email = "referrer.email-test@newham.example.gov.uk";
        using var registered = await admin.PostAsJsonAsync("/api/v1/people", new
        {
            email, name = "Email Test", organisationCode = "E09000025", role = Roles.BoroughReferrer,
        });
        var personId = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("personId").GetGuid();

        using var reset = await admin.PostAsync(new Uri($"/api/v1/people/{personId}/password-reset", UriKind.Relative), null);
        var temporary = JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("temporaryPassword").GetString()!;

        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (_smtp.Messages.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        var messages = _smtp.Messages;
        Assert.That(messages, Has.Count.EqualTo(1), "one e-mail, from the host's own job");
        Assert.Multiple(() =>
        {
            Assert.That(messages[0].Recipients, Is.EqualTo(new[] { email }));
            Assert.That(messages[0].Subject, Is.EqualTo("Your Commissioning password was reset"));
            Assert.That(messages[0].Body, Does.Contain("https://commissioning.example.org/account"));
            Assert.That(messages[0].Raw, Does.Not.Contain(temporary));
        });
    }
}
