using FluentValidation.Results;

namespace Ticketing.Application.Portal;

/// <summary>Whether a portal request opens a ticket or changes one: mandatory flags and writable fields differ.</summary>
public enum PortalWrite
{
    Create,
    Update,
}

/// <summary>
/// The field rules (P4, P5) applied to a request body. Each check returns failures naming the offending field
/// (<c>priority</c>, <c>customFields.asset</c>) so the API answers one 400 listing them all.
/// </summary>
public static class PortalFieldChecks
{
    /// <summary>
    /// Every field present in the body must be editable: a read-only or hidden one is refused, never silently
    /// dropped. The title is always accepted when opening a ticket (it is required); the status is not (a new
    /// ticket starts open).
    /// </summary>
    public static List<ValidationFailure> Writable(
        PortalSettings settings, IEnumerable<string> fields, IEnumerable<string> customKeys, PortalWrite write)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var failures = new List<ValidationFailure>();
        foreach (var field in fields)
        {
            if (write == PortalWrite.Create && field == PortalFields.Title)
            {
                continue;
            }

            if (write == PortalWrite.Create && field == PortalFields.Status)
            {
                failures.Add(new(field, "A new ticket starts open; 'status' cannot be set when opening one."));
            }
            else if (!PortalFields.All.Contains(field, StringComparer.Ordinal))
            {
                failures.Add(new(field, $"'{field}' is not a ticket field."));
            }
            else if (!settings.Field(field).IsEditable)
            {
                failures.Add(new(field, $"'{field}' cannot be changed in the portal."));
            }
        }

        foreach (var key in customKeys)
        {
            if (settings.CustomField(key) is not { IsEditable: true })
            {
                failures.Add(new($"{PortalFields.CustomFields}.{key}", $"'{key}' is not an editable custom field."));
            }
        }

        return failures;
    }

    /// <summary>
    /// Editable fields the admin made mandatory must hold a value after the request (on update: after applying
    /// it to the ticket). Read-only and hidden fields are never mandatory for a contact: they cannot fill them.
    /// </summary>
    public static List<ValidationFailure> Mandatory(
        PortalSettings settings, PortalWrite write, Func<string, bool> hasValue, Func<string, bool> hasCustomValue)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(hasValue);
        ArgumentNullException.ThrowIfNull(hasCustomValue);
        var failures = new List<ValidationFailure>();
        foreach (var field in PortalFields.All)
        {
            var setting = settings.Field(field);
            var mandatory = write == PortalWrite.Create ? setting.MandatoryOnCreate : setting.MandatoryOnUpdate;
            if ((mandatory && setting.IsEditable || field == PortalFields.Title) && !hasValue(field))
            {
                failures.Add(new(field, $"'{field}' is required."));
            }
        }

        foreach (var custom in settings.CustomFields.Where(c => c.IsEditable))
        {
            var mandatory = write == PortalWrite.Create ? custom.MandatoryOnCreate : custom.MandatoryOnUpdate;
            if (mandatory && !hasCustomValue(custom.Key))
            {
                failures.Add(new($"{PortalFields.CustomFields}.{custom.Key}", $"'{custom.Label}' is required."));
            }
        }

        return failures;
    }
}
