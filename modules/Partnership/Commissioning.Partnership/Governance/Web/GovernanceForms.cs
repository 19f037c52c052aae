using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Commissioning.Partnership.Governance.Web;

/// <summary>
/// The GOV.UK components governance forms need beyond BuildingBlocks' GovUk (date input, radios, one checkbox),
/// written the same way: the field's first input carries the field's name as its id, so the error summary's
/// link lands on it. Candidates to move into GovUk when another module needs them.
/// </summary>
internal static class GovernanceForms
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>A day, month and year as typed.</summary>
    internal sealed record DateParts(string? Day, string? Month, string? Year)
    {
        public static DateParts Of(DateOnly? date) => date is { } d
            ? new(d.Day.ToString(CultureInfo.InvariantCulture), d.Month.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture))
            : new(null, null, null);

        public bool IsBlank => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);
    }

    /// <summary>
    /// The date typed, or null when it was left blank (the command's validator then asks for it) or is not a real
    /// date (then the field gets "<paramref name="what"/> must be a real date").
    /// </summary>
    public static DateOnly? ReadDate(ModelStateDictionary state, string name, DateParts parts, string what)
    {
        if (parts.IsBlank)
        {
            return null;
        }

        if (int.TryParse(parts.Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(parts.Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(parts.Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        state.AddModelError(name, $"{what} must be a real date, for example 27 3 2026");
        return null;
    }

    /// <summary>The GOV.UK date input: day, month and year fields named <c>name-day</c>, <c>name-month</c>, <c>name-year</c>.</summary>
    public static IHtmlContent DateInput(ModelStateDictionary state, string name, string legend, DateParts value, string hint = "For example, 27 3 2026")
    {
        var error = FirstError(state, name);
        var errorClass = error is null ? "" : " govuk-input--error";
        string Item(string part, string label, string? partValue, string width, bool first) => $"""
            <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="{Html.Encode(first ? name : $"{name}-{part}")}">{label}</label>
            <input class="govuk-input govuk-date-input__input {width}{errorClass}" id="{Html.Encode(first ? name : $"{name}-{part}")}" name="{Html.Encode($"{name}-{part}")}" type="text" inputmode="numeric" value="{Html.Encode(partValue ?? "")}">
            </div></div>
            """;
        return new HtmlString($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <fieldset class="govuk-fieldset" role="group" aria-describedby="{Html.Encode(name)}-hint{(error is null ? "" : $" {Html.Encode(name)}-error")}">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{Html.Encode(legend)}</legend>
            <div id="{Html.Encode(name)}-hint" class="govuk-hint">{Html.Encode(hint)}</div>{ErrorMessage(name, error)}
            <div class="govuk-date-input" id="{Html.Encode(name)}-date-input">
            {Item("day", "Day", value.Day, "govuk-input--width-2", true)}{Item("month", "Month", value.Month, "govuk-input--width-2", false)}{Item("year", "Year", value.Year, "govuk-input--width-4", false)}
            </div>
            </fieldset>
            </div>
            """);
    }

    /// <summary>GOV.UK radios; <paramref name="options"/> are value and text pairs.</summary>
    public static IHtmlContent Radios(ModelStateDictionary state, string name, string legend, string? value,
        IEnumerable<(string Value, string Text)> options, string? hint = null, bool inline = false)
    {
        var error = FirstError(state, name);
        var describedBy = string.Join(' ', new[] { hint is null ? null : $"{name}-hint", error is null ? null : $"{name}-error" }.OfType<string>());
        var items = string.Concat(options.Select((o, i) =>
        {
            var id = i == 0 ? name : $"{name}-{i + 1}";
            return $"""
                <div class="govuk-radios__item">
                <input class="govuk-radios__input" id="{Html.Encode(id)}" name="{Html.Encode(name)}" type="radio" value="{Html.Encode(o.Value)}"{(o.Value == value ? " checked" : "")}>
                <label class="govuk-label govuk-radios__label" for="{Html.Encode(id)}">{Html.Encode(o.Text)}</label>
                </div>
                """;
        }));
        return new HtmlString($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <fieldset class="govuk-fieldset"{(describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "")}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{Html.Encode(legend)}</legend>
            {(hint is null ? "" : $"<div id=\"{Html.Encode(name)}-hint\" class=\"govuk-hint\">{Html.Encode(hint)}</div>")}{ErrorMessage(name, error)}
            <div class="govuk-radios{(inline ? " govuk-radios--inline" : "")}" data-module="govuk-radios">{items}</div>
            </fieldset>
            </div>
            """);
    }

    /// <summary>One GOV.UK checkbox that posts <c>true</c> when ticked.</summary>
    public static IHtmlContent Checkbox(string name, string label, bool isChecked, string? hint = null) => new HtmlString($"""
        <div class="govuk-form-group">
        <div class="govuk-checkboxes" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="{Html.Encode(name)}" name="{Html.Encode(name)}" type="checkbox" value="true"{(isChecked ? " checked" : "")}{(hint is null ? "" : $" aria-describedby=\"{Html.Encode(name)}-hint\"")}>
        <label class="govuk-label govuk-checkboxes__label" for="{Html.Encode(name)}">{Html.Encode(label)}</label>
        {(hint is null ? "" : $"<div id=\"{Html.Encode(name)}-hint\" class=\"govuk-hint govuk-checkboxes__hint\">{Html.Encode(hint)}</div>")}
        </div>
        </div>
        </div>
        """);

    private static string? FirstError(ModelStateDictionary state, string name) =>
        state.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private static string ErrorMessage(string name, string? error) =>
        error is null ? "" : $"<p id=\"{Html.Encode(name)}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {Html.Encode(error)}</p>";
}
