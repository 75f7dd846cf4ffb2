using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Sunshine.Web.Infrastructure;

/// <summary>
/// Collects field errors and answers with RFC 9457 problem details, so bad input is explained, never half-saved.
/// Messages come from the UI resources, so the API and the console say what is wrong in the caller's language.
/// </summary>
public sealed class Problems(IStringLocalizer<SharedResource> localizer)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public Problems Require(bool condition, string field, string messageKey, params object[] args)
    {
        if (!condition) Add(field, messageKey, args);
        return this;
    }

    public Problems Text(string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "ErrorRequired", localizer["Field." + field].Value);
        }
        else if (value.Length > maxLength)
        {
            Add(field, "ErrorTooLong", localizer["Field." + field].Value, maxLength);
        }
        return this;
    }

    public Problems Missing(string field)
    {
        Add(field, "ErrorRequired", localizer["Field." + field].Value);
        return this;
    }

    public Problems Date(string? value, string field, out DateOnly date)
    {
        if (!DateOnly.TryParseExact(value ?? "", "yyyy-MM-dd", out date))
            Add(field, "ErrorDate", localizer["Field." + field].Value);
        return this;
    }

    public void Add(string field, string messageKey, params object[] args) => AddText(field, localizer[messageKey, args].Value);

    public void AddText(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public ValidationProblem ToResult() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: localizer["ErrorTitle"].Value);

    /// <summary>The messages of a problem answer (validation: one line per error; otherwise its title), for the console to show.</summary>
    public static IReadOnlyList<string> Messages(IResult result) => result switch
    {
        ValidationProblem problem => problem.ProblemDetails.Errors.SelectMany(e => e.Value).ToList(),
        ProblemHttpResult { ProblemDetails.Title: { } title } => [title],
        _ => [],
    };
}
