using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using Ticketing.Api.Tickets;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>The fields of a portal create or update body, after the field rules allowed every one of them.</summary>
public sealed record PortalTicketInput(TicketFieldChanges Changes, string? Status);

/// <summary>
/// Reads a portal ticket body (JSON object, same field names as the responses). First the field rules: a
/// hidden, read-only or unknown field is a 400 naming it, never silently dropped. Then the values, through the
/// technician API's <see cref="TicketPatch"/> (types, lengths, null clears), and the custom fields' types.
/// </summary>
public static class PortalTicketBody
{
    public static PortalTicketInput Read(JsonElement body, PortalSettings settings, PortalWrite write)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("request", "The body must be a JSON object of ticket fields.");
        }

        var properties = body.EnumerateObject().ToList();
        var customKeys = properties
            .Where(p => p.Name == PortalFields.CustomFields && p.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(p => p.Value.EnumerateObject().Select(c => c.Name));
        var failures = PortalFieldChecks.Writable(
            settings, properties.Select(p => p.Name).Where(n => n != PortalFields.CustomFields), customKeys, write);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        string? status = null;
        var rest = new JsonObject();
        foreach (var property in properties)
        {
            if (property.Name != PortalFields.Status)
            {
                rest[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
            else if (property.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(property.Value.GetString())
                && property.Value.GetString()!.Length <= PicklistValue.MaxLength)
            {
                status = property.Value.GetString();
            }
            else
            {
                throw Invalid(PortalFields.Status, "'status' must be a status id.");
            }
        }

        var changes = rest.Count == 0 ? new TicketFieldChanges() : TicketPatch.Parse(JsonSerializer.SerializeToElement(rest));
        var typed = CustomFieldValues.Check(settings.CustomFields, changes.CustomFields, unknownKeysAllowed: true);
        return typed.Count > 0 ? throw new ValidationException(typed) : new PortalTicketInput(changes, status);
    }

    /// <summary>Whether <paramref name="fields"/> holds a value for a default field (for the mandatory checks).</summary>
    public static bool HasValue(TicketFields fields, string field)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return field switch
        {
            PortalFields.Title => !string.IsNullOrWhiteSpace(fields.Title),
            PortalFields.Description => !string.IsNullOrWhiteSpace(fields.Description),
            PortalFields.Priority => !string.IsNullOrWhiteSpace(fields.Priority),
            PortalFields.Impact => !string.IsNullOrWhiteSpace(fields.Impact),
            PortalFields.Type => !string.IsNullOrWhiteSpace(fields.Type),
            PortalFields.ProductFamily => !string.IsNullOrWhiteSpace(fields.ProductFamily),
            PortalFields.Queue => !string.IsNullOrWhiteSpace(fields.Queue),
            PortalFields.IssueType => !string.IsNullOrWhiteSpace(fields.IssueType),
            PortalFields.WorkType => !string.IsNullOrWhiteSpace(fields.WorkType),
            PortalFields.DueDate => fields.DueDate is not null,
            _ => true,
        };
    }

    public static bool HasCustomValue(TicketFields fields, string key) =>
        fields.CustomFields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);

    /// <summary>Throws one 400 listing every mandatory field <paramref name="fields"/> leaves empty.</summary>
    public static void EnsureMandatory(PortalSettings settings, PortalWrite write, TicketFields fields)
    {
        var missing = PortalFieldChecks.Mandatory(settings, write, f => HasValue(fields, f), k => HasCustomValue(fields, k));
        if (missing.Count > 0)
        {
            throw new ValidationException(missing);
        }
    }

    public static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
