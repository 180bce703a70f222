using Ticketing.Application.Identity;
using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Portal.Views;

/// <summary>
/// Applies the field rules (P4) to read-model rows: the ONE place a portal response is shaped, so a hidden field
/// is dropped here or nowhere. Hidden → null (absent from JSON); read-only → editable false; editable → editable
/// true unless the ticket is billed (T4), when everything is read-only.
/// </summary>
public static class PortalTicketShaper
{
    public static PortalTicketListItem ListItem(PortalContext context, PortalTicketRow row, IReadOnlyDictionary<Guid, ContactSummary> contacts)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(row);
        var shape = new Shape(context, row.Billed);
        return new PortalTicketListItem(
            row.Id, row.Number, row.Title,
            shape.Status(row.StatusId), shape.Text(PortalFields.Priority, row.Priority), shape.Text(PortalFields.Impact, row.Impact),
            shape.Text(PortalFields.Type, row.Type), shape.Technician(row), shape.Due(row.DueDate), Contact(row.ContactId, contacts),
            row.CreatedAt, context.Local(row.CreatedAt), row.UpdatedAt, context.Local(row.UpdatedAt));
    }

    public static PortalTicketDetails Details(PortalContext context, PortalTicketDetail detail, IReadOnlyDictionary<Guid, ContactSummary> contacts)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(detail);
        var row = detail.Ticket;
        var shape = new Shape(context, row.Billed);
        var statusVisible = context.Settings.Field(PortalFields.Status).IsVisible;
        return new PortalTicketDetails(
            row.Id, row.Number, row.Version, row.Billed,
            new PortalField<string>(row.Title, shape.Editable(PortalFields.Title)),
            shape.Text(PortalFields.Description, detail.Description),
            shape.Status(row.StatusId),
            shape.Editable(PortalFields.Status) ? StatusOptions(context, row) : null,
            shape.Text(PortalFields.Priority, row.Priority),
            shape.Text(PortalFields.Impact, row.Impact),
            shape.Text(PortalFields.Type, row.Type),
            shape.Text(PortalFields.ProductFamily, row.ProductFamily),
            shape.Text(PortalFields.Queue, row.Queue),
            shape.Text(PortalFields.IssueType, row.IssueType),
            shape.Text(PortalFields.WorkType, row.WorkType),
            shape.Due(row.DueDate),
            shape.Technician(row),
            CustomFields(context, detail.CustomFields, row.Billed),
            Contact(row.ContactId, contacts),
            row.CreatedAt, context.Local(row.CreatedAt), row.UpdatedAt, context.Local(row.UpdatedAt),
            context.Caller.TimeZone.Id,
            [.. detail.Timeline.Where(e => statusVisible || e.Kind != "status_change").Select(e => TimelineItem(context, row.Id, e))]);
    }

    /// <summary>The statuses a contact may pick: visible ones, without reopening ones when T5 forbids reopening.</summary>
    public static IReadOnlyList<PortalStatus> StatusOptions(PortalContext context, PortalTicketRow row)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(row);
        var finished = row.StatusCategory.IsFinished();
        return [.. context.Policies.Statuses.All
            .Where(s => context.Settings.VisibleStatusIds.Contains(s.Id))
            .Where(s => context.Policies.Reopen.PortalCanReopen || !finished
                || s.Category.IsFinished())
            .Select(s => Status(context, s.Id))];
    }

    public static PortalStatus Status(PortalContext context, string statusId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var category = context.Policies.Statuses.TryFind(statusId, out var status) ? status.Category : StatusCategory.Open;
        return new PortalStatus(statusId, context.StatusName(statusId), category.ToString().ToLowerInvariant());
    }

    private static Dictionary<string, PortalCustomField> CustomFields(PortalContext context, IReadOnlyDictionary<string, string> values, bool locked) =>
        context.Settings.CustomFields
            .Where(c => c.IsEditable)
            .ToDictionary(
                c => c.Key,
                c => new PortalCustomField(c.Label, c.Type.ToString().ToLowerInvariant(), values.GetValueOrDefault(c.Key), !locked, c.Options),
                StringComparer.Ordinal);

    private static PortalTimelineItem TimelineItem(PortalContext context, Guid ticketId, PortalTimelineEntry e) => new(
        e.Id,
        e.Kind == "status_change" ? "statusChange" : "reply",
        new PortalAuthor(e.AuthorKind == "contact" ? "contact" : "staff", e.AuthorName),
        e.Body,
        e.FromStatusId is null ? null : Status(context, e.FromStatusId),
        e.ToStatusId is null ? null : Status(context, e.ToStatusId),
        [.. e.Attachments.Select(a => new PortalAttachment(
            a.Id, a.FileName, a.ContentType, a.Size, $"/api/portal/tickets/{ticketId}/attachments/{a.Id}"))],
        e.At,
        context.Local(e.At));

    private static PortalPerson? Contact(Guid? contactId, IReadOnlyDictionary<Guid, ContactSummary> contacts) =>
        contactId is { } id
            ? new PortalPerson(id, contacts.TryGetValue(id, out var c) ? $"{c.FirstName} {c.LastName}".Trim() : null)
            : null;

    private readonly struct Shape(PortalContext context, bool locked)
    {
        public bool Editable(string field) => !locked && context.Settings.Field(field).IsEditable;

        public PortalField<string?>? Text(string field, string? value) =>
            context.Settings.Field(field).IsVisible ? new PortalField<string?>(value, Editable(field)) : null;

        public PortalStatusField? Status(string statusId) =>
            context.Settings.Field(PortalFields.Status).IsVisible
                ? new PortalStatusField(PortalTicketShaper.Status(context, statusId), Editable(PortalFields.Status))
                : null;

        public PortalInstantField? Due(DateTimeOffset? due) =>
            context.Settings.Field(PortalFields.DueDate).IsVisible
                ? new PortalInstantField(due, due is { } d ? context.Local(d) : null, Editable(PortalFields.DueDate))
                : null;

        // Only staff assign technicians, so this field is never editable in the portal.
        public PortalField<PortalPerson?>? Technician(PortalTicketRow row) =>
            context.Settings.Field(PortalFields.AssignedTechnician).IsVisible
                ? new PortalField<PortalPerson?>(row.AssigneeId is { } id ? new PortalPerson(id, row.AssigneeName) : null, false)
                : null;
    }
}
