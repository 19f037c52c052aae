using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using static Commissioning.Api.Tests.Brokerage.Placements.PlacementsApiSetup;

namespace Commissioning.Api.Tests.Brokerage;

/// <summary>The first screen after signing in shows live figures for the person's own scope, each linking to its page.</summary>
public sealed partial class HomeFiguresTests : RunningHost
{
    [Test]
    public async Task Each_role_sees_its_own_live_figures_on_the_home_page()
    {
        var beds = await ProviderWithConfirmedBedsAsync(Keys, "PRV-F1", "HOME-F1", "SC930001");
        using var newham = await Keys.ClientAsync(Newham, Roles.BoroughReferrer);
        using var brokerage = await Keys.ClientAsync(Havering, Roles.Brokerage);
        var first = await SubmitReferralAsync(newham, "NEW-HOME-1");
        await SubmitReferralAsync(newham, "NEW-HOME-2");
        await WaitUntilShortlistedAsync(brokerage, first, beds[0]);
        await CreatedAsync(brokerage, $"/api/v1/referrals/{first}/offers", new { bedId = beds[0], respondBy = Instant(TimeSpan.FromDays(2)) });

        var broker = await FiguresAsync(Havering, Roles.Brokerage);
        var newhamPerson = await FiguresAsync(Newham, Roles.BoroughReferrer);
        var hackneyPerson = await FiguresAsync(Hackney, Roles.BoroughManager);
        var provider = await FiguresAsync("PRV-F1", Roles.Provider);
        var board = await FiguresAsync(Havering, Roles.BoardMember);

        Assert.Multiple(() =>
        {
            Assert.That(broker["Open referrals"], Is.EqualTo("2"));
            Assert.That(broker["Offers waiting for a provider"], Is.EqualTo("1"));
            Assert.That(broker["Block beds occupied"], Is.EqualTo("0"));
            Assert.That(broker["Beds free to offer"], Is.EqualTo((beds.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), "the offered bed is held");
            Assert.That(newhamPerson["Your borough's open referrals"], Is.EqualTo("2"));
            Assert.That(hackneyPerson["Your borough's open referrals"], Is.EqualTo("0"), "another borough's referrals are not counted");
            Assert.That(provider["Offers waiting for your answer"], Is.EqualTo("1"));
            Assert.That(board, Is.Empty, "no figures the board may not see");
        });
    }

    private async Task<Dictionary<string, string>> FiguresAsync(string organisation, string role)
    {
        var (person, _, _, _) = await Keys.SignedInPersonAsync(organisation, role);
        var (_, html) = await person.GetAsync("/");
        return Figure().Matches(html).ToDictionary(m => System.Net.WebUtility.HtmlDecode(m.Groups["label"].Value), m => m.Groups["value"].Value);
    }

    [GeneratedRegex("""<span class="app-figures__value">(?<value>[^<]*)</span>\s*<span class="app-figures__label">(?<label>[^<]*)</span>""")]
    private static partial Regex Figure();
}
