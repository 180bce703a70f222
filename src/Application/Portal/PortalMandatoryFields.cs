using FluentValidation;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Portal;

/// <summary>The portal's mandatory fields (P5, P6) checked on a ticket's fields: one 400 listing every empty one.</summary>
public static class PortalMandatoryFields
{
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

    public static bool HasCustomValue(TicketFields fields, string key)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.CustomFields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);
    }

    /// <summary>Throws one 400 listing every mandatory field <paramref name="fields"/> leaves empty.</summary>
    public static void Ensure(PortalSettings settings, PortalWrite write, TicketFields fields)
    {
        var missing = PortalFieldChecks.Mandatory(settings, write, f => HasValue(fields, f), k => HasCustomValue(fields, k));
        if (missing.Count > 0)
        {
            throw new ValidationException(missing);
        }
    }
}
