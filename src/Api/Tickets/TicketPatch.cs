using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>
/// Reads a PATCH body: a property that is present changes its field (null clears it), an absent one leaves it.
/// Unknown properties and wrong types are 400s that name the property, so a typo never silently does nothing.
/// </summary>
public static class TicketPatch
{
    private static readonly string[] TextFields =
        ["title", "description", "priority", "impact", "type", "productFamily", "queue", "issueType", "workType"];

    public static TicketFieldChanges Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("request", "The body must be a JSON object of the fields to change.");
        }

        var changes = new TicketFieldChanges();
        var failures = new List<ValidationFailure>();
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (TextFields.Contains(name, StringComparer.Ordinal))
            {
                if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    failures.Add(new(name, $"'{name}' must be a string or null."));
                    continue;
                }

                changes = WithText(changes, name, value.GetString(), failures);
            }
            else if (name == "dueDate")
            {
                if (value.ValueKind == JsonValueKind.Null)
                {
                    changes = changes with { DueDate = new FieldChange<DateTimeOffset?>(null) };
                }
                else if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var due))
                {
                    changes = changes with { DueDate = new FieldChange<DateTimeOffset?>(due) };
                }
                else
                {
                    failures.Add(new(name, "'dueDate' must be an ISO 8601 instant or null."));
                }
            }
            else if (name == "customFields")
            {
                changes = changes with { CustomFields = CustomFields(value, failures) };
            }
            else
            {
                failures.Add(new(name, $"'{name}' is not a field that can be changed here."));
            }
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return changes.IsEmpty ? throw Invalid("request", "Name at least one field to change.") : changes;
    }

    private static TicketFieldChanges WithText(TicketFieldChanges changes, string name, string? text, List<ValidationFailure> failures)
    {
        var max = name switch
        {
            "title" => TicketLimits.TitleMaxLength,
            "description" => TicketLimits.DescriptionMaxLength,
            _ => PicklistValue.MaxLength,
        };
        if (text?.Length > max)
        {
            failures.Add(new(name, $"'{name}' may hold at most {max} characters."));
            return changes;
        }

        var change = new FieldChange<string?>(text);
        return name switch
        {
            "title" => changes with { Title = new FieldChange<string>(text ?? "") },
            "description" => changes with { Description = change },
            "priority" => changes with { Priority = change },
            "impact" => changes with { Impact = change },
            "type" => changes with { Type = change },
            "productFamily" => changes with { ProductFamily = change },
            "queue" => changes with { Queue = change },
            "issueType" => changes with { IssueType = change },
            _ => changes with { WorkType = change },
        };
    }

    private static Dictionary<string, string?> CustomFields(JsonElement value, List<ValidationFailure> failures)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (value.ValueKind != JsonValueKind.Object)
        {
            failures.Add(new("customFields", "'customFields' must be an object of field keys to string values or null."));
            return fields;
        }

        foreach (var field in value.EnumerateObject())
        {
            if (field.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                failures.Add(new($"customFields.{field.Name}", "A custom field value must be a string or null."));
                continue;
            }

            fields[field.Name] = field.Value.GetString();
        }

        if (!CustomFieldShape.IsValid(fields))
        {
            failures.Add(new("customFields", CustomFieldShape.Message));
        }

        return fields;
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
