using System.Globalization;
using FluentValidation.Results;
using Ticketing.Application.Portal;

namespace Ticketing.Application.Tickets;

/// <summary>
/// Custom field values against their definitions (A2): the one check every write path runs — portal, technician
/// create and update, workflow rule conditions. Values travel as strings: numbers in invariant notation, dates as
/// <c>yyyy-MM-dd</c>, checkboxes as <c>true</c>/<c>false</c>, selects as one of the options. Null clears a value and is
/// always allowed.
/// </summary>
public static class CustomFieldValues
{
    /// <param name="unknownKeysAllowed">False refuses keys without a definition (the admin has defined the fields).</param>
    /// <param name="path">The name failures carry, followed by <c>.{key}</c>.</param>
    public static List<ValidationFailure> Check(
        IReadOnlyList<CustomFieldDefinition> definitions, IReadOnlyDictionary<string, string?> values, bool unknownKeysAllowed,
        string path = PortalFields.CustomFields)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(values);
        var failures = new List<ValidationFailure>();
        foreach (var (key, value) in values)
        {
            var definition = definitions.FirstOrDefault(d => d.Key == key);
            if (definition is null)
            {
                if (!unknownKeysAllowed && value is not null)
                {
                    failures.Add(new($"{path}.{key}", $"'{key}' is not a custom field ({string.Join(", ", definitions.Select(d => d.Key))})."));
                }
            }
            else if (value is not null && !IsValid(definition, value))
            {
                failures.Add(new($"{path}.{key}", Expected(definition)));
            }
        }

        return failures;
    }

    public static bool IsValid(CustomFieldDefinition definition, string value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Type switch
        {
            CustomFieldType.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            CustomFieldType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            CustomFieldType.Checkbox => value is "true" or "false",
            CustomFieldType.Select => definition.Options?.Contains(value, StringComparer.Ordinal) == true,
            _ => true,
        };
    }

    /// <summary>What a value of the field must look like, naming the field.</summary>
    public static string Expected(CustomFieldDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Type switch
        {
            CustomFieldType.Number => $"'{definition.Label}' must be a number such as 12.5.",
            CustomFieldType.Date => $"'{definition.Label}' must be a date such as 2025-01-31.",
            CustomFieldType.Checkbox => $"'{definition.Label}' must be \"true\" or \"false\".",
            CustomFieldType.Select => $"'{definition.Label}' must be one of: {string.Join(", ", definition.Options ?? [])}.",
            _ => $"'{definition.Label}' is text.",
        };
    }
}
