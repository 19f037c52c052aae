using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>
/// GOV.UK Design System form components as server-rendered HTML, so every module's pages show errors the same way:
/// an error summary linking to each field, and the field's own message (the plain-English text the validators give).
/// </summary>
public static class GovUk
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The error summary for the top of a form, or nothing when the form is valid.</summary>
    public static IHtmlContent ErrorSummary(ModelStateDictionary state)
    {
        var errors = state.Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error => (Field: e.Key, error.ErrorMessage))).ToList();
        if (errors.Count == 0)
        {
            return HtmlString.Empty;
        }

        var items = string.Concat(errors.Select(e => string.IsNullOrEmpty(e.Field)
            ? $"<li>{Html.Encode(e.ErrorMessage)}</li>"
            : $"<li><a href=\"#{Html.Encode(e.Field)}\">{Html.Encode(e.ErrorMessage)}</a></li>"));
        return new HtmlString($"""
            <div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
            <h2 class="govuk-error-summary__title">There is a problem</h2>
            <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">{items}</ul></div>
            </div></div>
            """);
    }

    /// <summary>A labelled text input with its hint and error.</summary>
    public static IHtmlContent TextInput(ModelStateDictionary state, string name, string label, string? value, string? hint = null,
        string type = "text", string? autocomplete = null, string? widthClass = null, bool spellcheck = false)
    {
        var error = FirstError(state, name);
        var describedBy = string.Join(' ', new[] { hint is null ? null : $"{name}-hint", error is null ? null : $"{name}-error" }.OfType<string>());
        return new HtmlString($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <label class="govuk-label" for="{Html.Encode(name)}">{Html.Encode(label)}</label>
            {Hint(name, hint)}{ErrorMessage(name, error)}
            <input class="govuk-input{(widthClass is null ? "" : " " + widthClass)}{(error is null ? "" : " govuk-input--error")}" id="{Html.Encode(name)}" name="{Html.Encode(name)}" type="{type}"
             value="{Html.Encode(value ?? "")}"{(describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "")}{(autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"")} spellcheck="{(spellcheck ? "true" : "false")}">
            </div>
            """);
    }

    /// <summary>A labelled textarea with its hint and error.</summary>
    public static IHtmlContent Textarea(ModelStateDictionary state, string name, string label, string? value, string? hint = null, int rows = 4)
    {
        var error = FirstError(state, name);
        var describedBy = string.Join(' ', new[] { hint is null ? null : $"{name}-hint", error is null ? null : $"{name}-error" }.OfType<string>());
        return new HtmlString($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <label class="govuk-label" for="{Html.Encode(name)}">{Html.Encode(label)}</label>
            {Hint(name, hint)}{ErrorMessage(name, error)}
            <textarea class="govuk-textarea{(error is null ? "" : " govuk-textarea--error")}" id="{Html.Encode(name)}" name="{Html.Encode(name)}" rows="{rows}"{(describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "")}>{Html.Encode(value ?? "")}</textarea>
            </div>
            """);
    }

    /// <summary>A labelled select; <paramref name="options"/> are value and text pairs.</summary>
    public static IHtmlContent Select(ModelStateDictionary state, string name, string label, string? value,
        IEnumerable<(string Value, string Text)> options, string? hint = null, string? emptyText = null)
    {
        var error = FirstError(state, name);
        var describedBy = string.Join(' ', new[] { hint is null ? null : $"{name}-hint", error is null ? null : $"{name}-error" }.OfType<string>());
        var items = (emptyText is null ? "" : $"<option value=\"\">{Html.Encode(emptyText)}</option>") + string.Concat(options.Select(o =>
            $"<option value=\"{Html.Encode(o.Value)}\"{(o.Value == value ? " selected" : "")}>{Html.Encode(o.Text)}</option>"));
        return new HtmlString($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <label class="govuk-label" for="{Html.Encode(name)}">{Html.Encode(label)}</label>
            {Hint(name, hint)}{ErrorMessage(name, error)}
            <select class="govuk-select{(error is null ? "" : " govuk-select--error")}" id="{Html.Encode(name)}" name="{Html.Encode(name)}"{(describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "")}>{items}</select>
            </div>
            """);
    }

    /// <summary>Copies a refused request's field messages into the page's model state (field names as the API spells them).</summary>
    public static void AddErrors(ModelStateDictionary state, IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                state.AddModelError(field, message);
            }
        }
    }

    private static string? FirstError(ModelStateDictionary state, string name) =>
        state.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private static string Hint(string name, string? hint) =>
        hint is null ? "" : $"<div id=\"{Html.Encode(name)}-hint\" class=\"govuk-hint\">{Html.Encode(hint)}</div>";

    private static string ErrorMessage(string name, string? error) =>
        error is null ? "" : $"<p id=\"{Html.Encode(name)}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {Html.Encode(error)}</p>";
}
