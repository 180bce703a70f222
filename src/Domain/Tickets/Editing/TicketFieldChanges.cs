namespace Ticketing.Domain.Tickets;

/// <summary>
/// A new value for one field. Wrapping it tells "set to null" (a present change holding null) apart from
/// "leave as is" (no change at all).
/// </summary>
public readonly record struct FieldChange<T>(T Value);

/// <summary>
/// Changes to a ticket's fields; an absent (null) property leaves the field unchanged. In
/// <see cref="CustomFields"/> a null value clears that custom field.
/// </summary>
public sealed record TicketFieldChanges
{
    public FieldChange<string>? Title { get; init; }
    public FieldChange<string?>? Description { get; init; }
    public FieldChange<string?>? Priority { get; init; }
    public FieldChange<string?>? Impact { get; init; }
    public FieldChange<string?>? Type { get; init; }
    public FieldChange<string?>? ProductFamily { get; init; }
    public FieldChange<string?>? Queue { get; init; }
    public FieldChange<string?>? IssueType { get; init; }
    public FieldChange<string?>? WorkType { get; init; }
    public FieldChange<DateTimeOffset?>? DueDate { get; init; }
    public IReadOnlyDictionary<string, string?> CustomFields { get; init; } = TicketFields.NoCustomFields;

    public bool IsEmpty =>
        Title is null && Description is null && Priority is null && Impact is null && Type is null
        && ProductFamily is null && Queue is null && IssueType is null && WorkType is null && DueDate is null
        && CustomFields.Count == 0;

    /// <summary>Only the changes that differ from <paramref name="current"/>, so events record real changes.</summary>
    public TicketFieldChanges Effective(TicketFields current) => new()
    {
        Title = Differs(Title, current.Title),
        Description = Differs(Description, current.Description),
        Priority = Differs(Priority, current.Priority),
        Impact = Differs(Impact, current.Impact),
        Type = Differs(Type, current.Type),
        ProductFamily = Differs(ProductFamily, current.ProductFamily),
        Queue = Differs(Queue, current.Queue),
        IssueType = Differs(IssueType, current.IssueType),
        WorkType = Differs(WorkType, current.WorkType),
        DueDate = Differs(DueDate, current.DueDate),
        CustomFields = CustomFields
            .Where(c => c.Value is null
                ? current.CustomFields.ContainsKey(c.Key)
                : !current.CustomFields.TryGetValue(c.Key, out var old) || old != c.Value)
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
    };

    public TicketFields ApplyTo(TicketFields fields)
    {
        var custom = new Dictionary<string, string?>(fields.CustomFields, StringComparer.Ordinal);
        foreach (var (key, value) in CustomFields)
        {
            if (value is null)
            {
                custom.Remove(key);
            }
            else
            {
                custom[key] = value;
            }
        }

        return fields with
        {
            Title = Title is { } title ? title.Value : fields.Title,
            Description = Description is { } description ? description.Value : fields.Description,
            Priority = Priority is { } priority ? priority.Value : fields.Priority,
            Impact = Impact is { } impact ? impact.Value : fields.Impact,
            Type = Type is { } type ? type.Value : fields.Type,
            ProductFamily = ProductFamily is { } family ? family.Value : fields.ProductFamily,
            Queue = Queue is { } queue ? queue.Value : fields.Queue,
            IssueType = IssueType is { } issueType ? issueType.Value : fields.IssueType,
            WorkType = WorkType is { } workType ? workType.Value : fields.WorkType,
            DueDate = DueDate is { } dueDate ? dueDate.Value : fields.DueDate,
            CustomFields = custom,
        };
    }

    private static FieldChange<T>? Differs<T>(FieldChange<T>? change, T current) =>
        change is { } c && !EqualityComparer<T>.Default.Equals(c.Value, current) ? c : null;
}
