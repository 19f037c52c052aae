using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;
using Microsoft.Extensions.Configuration;

namespace Commissioning.BuildingBlocks.Tests.Notifications;

public sealed class NotificationRulesTests
{
    private static readonly Notification Valid = TestNotifications.OfferMade("offer-1", NotificationAudience.Person("a1"));

    [Test]
    public void A_well_formed_notification_passes() => Assert.DoesNotThrow(Valid.Validate);

    [TestCase("https://elsewhere.example/offers/1")]
    [TestCase("//elsewhere.example/offers/1")]
    [TestCase("offers/1")]
    [TestCase("/offers/1 and more")]
    [TestCase("/")]
    public void A_link_that_is_not_a_path_in_the_web_app_is_refused(string link) =>
        Assert.That(() => (Valid with { Link = link }).Validate(), Throws.ArgumentException.With.Message.Contains("path in the web app"));

    [TestCase("Jane Smith")]
    [TestCase("ref-7kq2")]
    [TestCase("REF-7KQ2-AND-A-GREAT-DEAL-MORE-THAN-32")]
    public void A_reference_that_is_not_pseudonymous_in_shape_is_refused(string reference) =>
        Assert.That(() => (Valid with { Reference = reference }).Validate(), Throws.ArgumentException.With.Message.Contains("pseudonymous reference"));

    [TestCase("OfferMade")]
    [TestCase("offer made")]
    [TestCase("offer--made")]
    [TestCase("")]
    public void A_category_not_in_kebab_case_is_refused(string category) =>
        Assert.That(() => (Valid with { Category = category }).Validate(), Throws.ArgumentException.With.Message.Contains("kebab case"));

    [Test]
    public void A_subject_of_more_than_one_line_is_refused() =>
        Assert.That(() => (Valid with { Subject = "New offer\r\nBcc: everyone@example.org" }).Validate(), Throws.ArgumentException.With.Message.Contains("one line"));

    [Test]
    public void A_notification_without_a_key_is_refused() =>
        Assert.That(() => (Valid with { Key = " " }).Validate(), Throws.ArgumentException.With.Message.Contains("key"));

    [Test]
    public void An_audience_naming_a_role_that_does_not_exist_is_refused() =>
        Assert.That(() => (Valid with { Audience = NotificationAudience.InOrganisation("PRV-A", "providers") }).Validate(),
            Throws.ArgumentException.With.Message.Contains("providers"));

    [Test]
    public void Audiences_with_the_same_roles_in_any_order_are_equal() =>
        Assert.That(NotificationAudience.InOrganisation("PRV-A", Roles.Provider, Roles.Finance),
            Is.EqualTo(NotificationAudience.InOrganisation("PRV-A", Roles.Finance, Roles.Provider, Roles.Provider)));

    [Test]
    public void The_email_link_keeps_a_path_in_the_public_address()
    {
        var settings = Read(new() { ["Commissioning:PublicBaseUrl"] = "https://council.example.org/commissioning/" });

        Assert.That(settings.AbsoluteLink("/offers/1"), Is.EqualTo("https://council.example.org/commissioning/offers/1"));
    }

    [Test]
    public void Without_settings_email_is_off_and_links_point_at_the_local_web_app()
    {
        var settings = Read([]);

        Assert.Multiple(() =>
        {
            Assert.That(settings.Smtp.Enabled, Is.False);
            Assert.That(settings.AbsoluteLink("/offers/1"), Is.EqualTo("http://127.0.0.1:5080/offers/1"));
            Assert.That(settings.DispatchInterval, Is.EqualTo(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public void The_smtp_settings_never_show_the_password()
    {
        var settings = Read(new()
        {
            ["Commissioning:Smtp:Host"] = "smtp.example.org",
            ["Commissioning:Smtp:Port"] = "587",
            ["Commissioning:Smtp:EnableSsl"] = "true",
            ["Commissioning:Smtp:UserName"] = "relay-user",
            ["Commissioning:Smtp:Password"] = "hunter2-secret",
        });

        Assert.Multiple(() =>
        {
            Assert.That(settings.Smtp.ToString(), Does.Not.Contain("hunter2-secret"));
            Assert.That(settings.ToString(), Does.Not.Contain("hunter2-secret"));
            Assert.That(settings.Smtp.ToString(), Is.EqualTo("smtp.example.org:587 with STARTTLS as relay-user, from commissioning@localhost"));
        });
    }

    [TestCase("Commissioning:Smtp:Port", "0", "Port")]
    [TestCase("Commissioning:PublicBaseUrl", "commissioning.example.org", "PublicBaseUrl")]
    [TestCase("Commissioning:Smtp:From", "not an address", "From")]
    public void Settings_that_cannot_work_stop_the_start_with_the_setting_named(string key, string value, string named) =>
        Assert.That(() => Read(new() { ["Commissioning:Smtp:Host"] = "smtp.example.org", [key] = value }),
            Throws.InvalidOperationException.With.Message.Contains(named));

    [Test]
    public void The_wait_between_attempts_doubles_up_to_its_limit()
    {
        var settings = Read([]);

        Assert.That(Enumerable.Range(1, 9).Select(settings.DelayAfter).Select(d => d.TotalMinutes),
            Is.EqualTo(new double[] { 1, 2, 4, 8, 16, 32, 60, 60, 60 }));
    }

    private static NotificationSettings Read(Dictionary<string, string?> values) =>
        NotificationSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
