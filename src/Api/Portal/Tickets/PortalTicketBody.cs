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

    /// <summary>The queue, issue type and work type the contact named, within the admin's catalogues (422 otherwise).</summary>
    public static Task EnsureCataloguedAsync(TicketFieldChanges changes, ITicketFieldRules catalogues, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(catalogues);
        return catalogues.CheckCataloguesAsync(changes.Queue?.Value, changes.IssueType?.Value, changes.WorkType?.Value, ct);
    }

    public static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
