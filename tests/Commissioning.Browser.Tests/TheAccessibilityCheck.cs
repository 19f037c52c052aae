namespace Commissioning.Browser.Tests;

/// <summary>axe really runs: a page spoiled on purpose fails, and says why.</summary>
public sealed class TheAccessibilityCheck
{
    [Test]
    public async Task Reports_each_violation_with_its_rule_impact_target_and_help_address()
    {
        await using var context = await Pages.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.OpenAsync(page, "/sign-in");
        await page.EvaluateAsync("() => { const i = document.createElement('img'); i.id = 'spoiled'; i.src = '/assets/images/govuk-icon-180.png'; document.querySelector('main').append(i); }");

        var violations = await Axe.ViolationsAsync(page);

        Assert.That(violations, Has.One.Matches<string>(v =>
            v.StartsWith("image-alt (critical): ", StringComparison.Ordinal) && v.Contains("#spoiled", StringComparison.Ordinal)
            && v.Contains("https://dequeuniversity.com/rules/axe/", StringComparison.Ordinal)));
    }
}
