using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Calendar;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>How a referral field is asked for on a page.</summary>
internal enum FieldKind
{
    Radios,
    Checkboxes,
    YesNo,
    Number,
    Text,
    LongText,
    Date,
    List,
}

/// <summary>One question of the flow: the field as the API names it, the question, a hint, how it is asked and its options.</summary>
internal sealed record QuestionField(string Name, string Question, string? Hint, FieldKind Kind, IReadOnlyList<(string Value, string Text)>? Options = null, bool Optional = false);

/// <summary>
/// The referral questions as GOV.UK form components (radios, checkboxes, text inputs, textareas), reading a page's
/// answers back into <see cref="ReferralDetails"/>. Standard fields take their options verbatim from
/// <see cref="ReferralRules.StandardFields"/>, so the pages and the API can never disagree.
/// </summary>
internal static class ReferralForm
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    private static readonly Dictionary<string, QuestionField> Partnership = new QuestionField[]
    {
        new("dateOfBirth", "The child's date of birth", "For example, 27 3 2012. The partnership's homes care for children aged 11 to 17.", FieldKind.Date),
        new("sex", "The child's sex", null, FieldKind.Radios, [("female", "Female"), ("male", "Male"), ("other", "Other")]),
        new("siblingHomeCodes", "Homes where the child's brothers or sisters live", "Home codes separated by commas, for example HOME-10. Leave blank if none.", FieldKind.List, Optional: true),
        new("requiredByDate", "The date the placement is required by", "For example, 1 4 2026", FieldKind.Date),
        new("homePostcodeDistrict", "The postcode district of the child's home", "The first half of the postcode only, for example RM7", FieldKind.Text),
        new("schoolPostcodeDistrict", "The postcode district of the child's school", "The first half of the postcode only, for example IG11. Leave blank if the child is not at school.", FieldKind.Text, Optional: true),
        new("locationsToAvoid", "Areas to avoid", "Postcode districts separated by commas, for example E17, N16. Leave blank if none.", FieldKind.List, Optional: true),
        new("specialismsWanted", "What the child's plan asks a home to specialise in", "Separated by commas, for example therapeutic care, exploitation. Leave blank if nothing in particular.", FieldKind.List, Optional: true),
        new("childsViews", "The child's views", "What the child says about where and how they want to live, in their own words where possible.", FieldKind.LongText, Optional: true),
        new("needBand", "The child's need band", null, FieldKind.Radios, [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("specialist", "Specialist")]),
        new("needBandRationale", "Why the child's needs are in this band", "Brokerage and the home read this to understand the level of care needed.", FieldKind.LongText),
    }.ToDictionary(f => f.Name);

    /// <summary>The question for a field, by its API name.</summary>
    public static QuestionField Field(string name)
    {
        if (Partnership.TryGetValue(name, out var own))
        {
            return own;
        }

        var s = ReferralRules.Field(name);
        var question = char.ToUpperInvariant(s.Label[0]) + s.Label[1..];
        var kind = s.Type switch
        {
            "Categorical" when s.Many => FieldKind.Checkboxes,
            "Categorical" => FieldKind.Radios,
            "Boolean" => FieldKind.YesNo,
            "Integer" => FieldKind.Number,
            _ when name is "riskOther" or "riskToOthersOther" => FieldKind.LongText,
            _ => FieldKind.Text,
        };
        return new QuestionField(name, question, s.Hint, kind, s.Options?.Select(o => (o, o)).ToList(), !s.Required);
    }

    /// <summary>The component for one question, showing the details' current answer and any error.</summary>
    public static IHtmlContent Render(ModelStateDictionary state, string name, ReferralDetails details, IFormCollection? posted = null)
    {
        var field = Field(name);
        var node = ToJson(details)[name];
        var error = state.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
        var label = field.Question + (field.Optional ? " (optional)" : "");
        var hint = field.Hint is null ? "" : $"<div id=\"{name}-hint\" class=\"govuk-hint\">{Html.Encode(field.Hint)}</div>";
        var errorHtml = error is null ? "" : $"<p id=\"{name}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {Html.Encode(error)}</p>";
        var describedBy = string.Join(' ', new[] { field.Hint is null ? null : $"{name}-hint", error is null ? null : $"{name}-error" }.OfType<string>());
        var aria = describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "";
        var group = $"govuk-form-group{(error is null ? "" : " govuk-form-group--error")}";
        // After a refused post, show what was typed (it may not have been storable), not what is stored.
        var typed = posted?[name].ToString();

        switch (field.Kind)
        {
            case FieldKind.Radios or FieldKind.YesNo or FieldKind.Checkboxes:
            {
                var options = field.Kind == FieldKind.YesNo ? [("true", "Yes"), ("false", "No")] : field.Options!;
                var chosen = posted is not null
                    ? posted[name].Select(v => v ?? "").ToHashSet()
                    : node switch
                    {
                        JsonArray a => a.Select(x => x?.ToString() ?? "").ToHashSet(),
                        null => [],
                        JsonValue v when v.TryGetValue<bool>(out var b) => [b ? "true" : "false"],
                        _ => [node.ToString()],
                    };
                var type = field.Kind == FieldKind.Checkboxes ? "checkbox" : "radio";
                var items = string.Concat(options.Select((o, i) =>
                {
                    var id = i == 0 ? name : $"{name}-{i + 1}";
                    return $"""
                        <div class="govuk-{type}es__item"><input class="govuk-{type}es__input" id="{id}" name="{name}" type="{type}" value="{Html.Encode(o.Value)}"{(chosen.Contains(o.Value) ? " checked" : "")}>
                        <label class="govuk-label govuk-{type}es__label" for="{id}">{Html.Encode(o.Text)}</label></div>
                        """;
                }));
                var wrapper = field.Kind == FieldKind.Checkboxes ? "govuk-checkboxes" : $"govuk-radios{(options.Count <= 2 ? " govuk-radios--inline" : "")}";
                return new HtmlString($"""
                    <div class="{group}"><fieldset class="govuk-fieldset"{aria}>
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{Html.Encode(label)}</legend>
                    {hint}{errorHtml}
                    <div class="{wrapper}" data-module="govuk-{type}es">{items}</div>
                    </fieldset></div>
                    """);
            }

            case FieldKind.Date:
            {
                // The GOV.UK date input: day, month and year, the first box carrying the field's id for the error summary's link.
                var date = node is null ? (DateOnly?)null : DateOnly.Parse(node.ToString(), CultureInfo.InvariantCulture);
                string Part(string part, int? stored) => posted is not null ? posted[$"{name}-{part}"].ToString() : stored?.ToString(CultureInfo.InvariantCulture) ?? "";
                var errorClass = error is null ? "" : " govuk-input--error";
                string Item(string part, string text, string width, bool first) => $"""
                    <div class="govuk-date-input__item"><div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for="{(first ? name : $"{name}-{part}")}">{text}</label>
                    <input class="govuk-input govuk-date-input__input {width}{errorClass}" id="{(first ? name : $"{name}-{part}")}" name="{name}-{part}" type="text" inputmode="numeric" value="{Html.Encode(Part(part, part switch { "day" => date?.Day, "month" => date?.Month, _ => date?.Year }))}">
                    </div></div>
                    """;
                return new HtmlString($"""
                    <div class="{group}"><fieldset class="govuk-fieldset" role="group"{aria}>
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{Html.Encode(label)}</legend>
                    {hint}{errorHtml}
                    <div class="govuk-date-input" id="{name}-date-input">{Item("day", "Day", "govuk-input--width-2", true)}{Item("month", "Month", "govuk-input--width-2", false)}{Item("year", "Year", "govuk-input--width-4", false)}</div>
                    </fieldset></div>
                    """);
            }

            case FieldKind.LongText:
                return new HtmlString($"""
                    <div class="{group}"><label class="govuk-label govuk-label--s" for="{name}">{Html.Encode(label)}</label>{hint}{errorHtml}
                    <textarea class="govuk-textarea{(error is null ? "" : " govuk-textarea--error")}" id="{name}" name="{name}" rows="5"{aria}>{Html.Encode(typed ?? AsText(node))}</textarea></div>
                    """);
            default:
                var width = field.Kind switch
                {
                    FieldKind.Number => " govuk-input--width-3",
                    FieldKind.Date => " govuk-input--width-10",
                    FieldKind.Text when name.EndsWith("District", StringComparison.Ordinal) => " govuk-input--width-5",
                    _ => "",
                };
                return new HtmlString($"""
                    <div class="{group}"><label class="govuk-label govuk-label--s" for="{name}">{Html.Encode(label)}</label>{hint}{errorHtml}
                    <input class="govuk-input{width}{(error is null ? "" : " govuk-input--error")}" id="{name}" name="{name}" type="text" value="{Html.Encode(typed ?? AsText(node))}"{aria}{(field.Kind == FieldKind.Number ? " inputmode=\"numeric\"" : "")} spellcheck="false"></div>
                    """);
        }
    }

    /// <summary>
    /// The details with this page's answers in place of what was there (a blank answer clears the field). An answer
    /// that is not even the right kind of value (a date that is not a date) is a model error on its field.
    /// </summary>
    public static ReferralDetails Read(IFormCollection form, QuestionPage page, ReferralDetails current, ModelStateDictionary state)
    {
        var json = ToJson(current);
        foreach (var name in page.Fields)
        {
            var field = Field(name);
            var values = form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            var text = values.FirstOrDefault();
            switch (field.Kind)
            {
                case FieldKind.Checkboxes:
                    json[name] = values.Count == 0 ? null : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
                    break;
                case FieldKind.List:
                    var items = (text ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    json[name] = items.Length == 0 ? null : new JsonArray([.. items.Select(v => (JsonNode?)JsonValue.Create(v))]);
                    break;
                case FieldKind.YesNo:
                    json[name] = text is null ? null : JsonValue.Create(text == "true");
                    break;
                case FieldKind.Number:
                    if (text is null)
                    {
                        json[name] = null;
                    }
                    else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    {
                        json[name] = number;
                    }
                    else
                    {
                        state.AddModelError(name, $"{field.Question} must be a whole number, for example 2");
                    }

                    break;
                case FieldKind.Date:
                    var parts = new[] { "day", "month", "year" }.Select(p => form[$"{name}-{p}"].ToString().Trim()).ToArray();
                    if (parts.All(p => p.Length == 0) && text is null)
                    {
                        json[name] = null;
                    }
                    else if (ReadDate(parts, text) is { } date)
                    {
                        json[name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        state.AddModelError(name, $"{field.Question} must be a real date, for example 27 3 2012");
                    }

                    break;
                default:
                    json[name] = text;
                    break;
            }
        }

        return ReferralJson.Deserialize(json);
    }

    /// <summary>The answer as the check-your-answers page shows it.</summary>
    public static string Display(string name, ReferralDetails details)
    {
        var node = ToJson(details)[name];
        return node switch
        {
            null => "Not given",
            JsonArray a => a.Count == 0 ? "Not given" : string.Join(", ", a.Select(x => x?.ToString())),
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "Yes" : "No",
            _ when Field(name).Kind == FieldKind.Date && DateOnly.TryParse(node.ToString(), CultureInfo.InvariantCulture, out var d) => PartnershipCalendar.Display(d),
            _ when Field(name).Options is { } options => options.FirstOrDefault(o => o.Value == node.ToString()).Text ?? node.ToString(),
            _ => node.ToString(),
        };
    }

    // Day, month and year as typed in the GOV.UK date input; a single yyyy-mm-dd value is read too (a form without the three boxes).
    private static DateOnly? ReadDate(string[] parts, string? single)
    {
        if (parts.Any(p => p.Length > 0))
        {
            return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
                   && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                   && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                   && year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
                ? new DateOnly(year, month, day)
                : null;
        }

        return DateOnly.TryParseExact(single, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private static string AsText(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Join(", ", a.Select(x => x?.ToString())),
        _ => node.ToString(),
    };

    private static JsonObject ToJson(ReferralDetails details) => JsonSerializer.SerializeToNode(details, JsonSerializerOptions.Web)!.AsObject();
}
