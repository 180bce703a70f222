namespace Ticketing.Application.Portal;

/// <summary>What a portal contact may do with a ticket field (P4).</summary>
public enum PortalFieldRule
{
    /// <summary>Shown, and the contact may set it.</summary>
    Editable,

    /// <summary>Shown, never changed by the contact.</summary>
    ReadOnly,

    /// <summary>Never leaves the server: absent from every portal response.</summary>
    Hidden,
}

/// <summary>The rule of one default field plus whether a value is required when creating or updating.</summary>
public sealed record PortalFieldSetting(PortalFieldRule Rule, bool MandatoryOnCreate = false, bool MandatoryOnUpdate = false)
{
    public bool IsVisible => Rule != PortalFieldRule.Hidden;

    public bool IsEditable => Rule == PortalFieldRule.Editable;
}

/// <summary>
/// The default ticket fields the admin sets rules for, named as the portal JSON names them. Which rules a field
/// admits differs: product family is Editable or Hidden (no read-only, as for custom fields); the assigned
/// technician is only ever set by staff, so it is Read-only or Hidden; the title is always shown.
/// </summary>
public static class PortalFields
{
    public const string Title = "title";
    public const string Description = "description";
    public const string Status = "status";
    public const string Priority = "priority";
    public const string Impact = "impact";
    public const string Type = "type";
    public const string ProductFamily = "productFamily";
    public const string Queue = "queue";
    public const string IssueType = "issueType";
    public const string WorkType = "workType";
    public const string DueDate = "dueDate";
    public const string AssignedTechnician = "assignedTechnician";
    public const string CustomFields = "customFields";

    public static IReadOnlyList<string> All { get; } =
        [Title, Description, Status, Priority, Impact, Type, ProductFamily, Queue, IssueType, WorkType, DueDate, AssignedTechnician];

    /// <summary>The rules in force when the admin has not set one.</summary>
    public static IReadOnlyDictionary<string, PortalFieldSetting> Defaults { get; } = new Dictionary<string, PortalFieldSetting>(StringComparer.Ordinal)
    {
        [Title] = new(PortalFieldRule.Editable),
        [Description] = new(PortalFieldRule.Editable),
        [Status] = new(PortalFieldRule.Editable),
        [Priority] = new(PortalFieldRule.Editable),
        [Impact] = new(PortalFieldRule.Editable),
        [Type] = new(PortalFieldRule.Editable),
        [ProductFamily] = new(PortalFieldRule.Editable),
        [Queue] = new(PortalFieldRule.Hidden),
        [IssueType] = new(PortalFieldRule.Editable),
        [WorkType] = new(PortalFieldRule.Hidden),
        [DueDate] = new(PortalFieldRule.ReadOnly),
        [AssignedTechnician] = new(PortalFieldRule.ReadOnly),
    };

    /// <summary>The rules a field admits; anything else is a configuration error.</summary>
    public static IReadOnlyList<PortalFieldRule> AllowedRules(string field) => field switch
    {
        Title => [PortalFieldRule.Editable, PortalFieldRule.ReadOnly],
        ProductFamily => [PortalFieldRule.Editable, PortalFieldRule.Hidden],
        AssignedTechnician => [PortalFieldRule.ReadOnly, PortalFieldRule.Hidden],
        _ => [PortalFieldRule.Editable, PortalFieldRule.ReadOnly, PortalFieldRule.Hidden],
    };
}
