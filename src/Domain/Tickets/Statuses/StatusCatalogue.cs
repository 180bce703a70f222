namespace Ticketing.Domain.Tickets;

/// <summary>A status a ticket can be in: one of the four built-ins or an admin-defined one (T3).</summary>
public sealed record StatusDefinition(string Id, string Name, StatusCategory Category);

/// <summary>
/// The statuses known to the MSP: the four built-ins (always present, ids <c>open</c>, <c>pending</c>,
/// <c>resolved</c>, <c>closed</c>) plus custom ones, each mapped to a built-in category. Lookup is by id or
/// name, case-insensitive, because portal users and mail rules name statuses as they read them.
/// </summary>
public sealed class StatusCatalogue
{
    public static readonly StatusDefinition Open = new("open", "Open", StatusCategory.Open);
    public static readonly StatusDefinition Pending = new("pending", "Pending", StatusCategory.Pending);
    public static readonly StatusDefinition Resolved = new("resolved", "Resolved", StatusCategory.Resolved);
    public static readonly StatusDefinition Closed = new("closed", "Closed", StatusCategory.Closed);

    public static readonly StatusCatalogue BuiltInOnly = new([]);

    private readonly Dictionary<string, StatusDefinition> byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StatusDefinition> byName = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">A custom status reuses an id or a name already taken.</exception>
    public StatusCatalogue(IEnumerable<StatusDefinition> customStatuses)
    {
        ArgumentNullException.ThrowIfNull(customStatuses);
        foreach (var status in new[] { Open, Pending, Resolved, Closed }.Concat(customStatuses))
        {
            if (string.IsNullOrWhiteSpace(status.Id) || string.IsNullOrWhiteSpace(status.Name))
            {
                throw new ArgumentException("A status needs an id and a name.", nameof(customStatuses));
            }

            if (!byId.TryAdd(status.Id, status) || !byName.TryAdd(status.Name, status))
            {
                throw new ArgumentException($"Status '{status.Id}' / '{status.Name}' is defined twice.", nameof(customStatuses));
            }
        }
    }

    public IEnumerable<StatusDefinition> All => byId.Values;

    public bool TryFind(string? idOrName, out StatusDefinition status)
    {
        status = null!;
        var key = idOrName?.Trim();
        return !string.IsNullOrEmpty(key) && (byId.TryGetValue(key, out status!) || byName.TryGetValue(key, out status!));
    }

    /// <exception cref="DomainRuleViolation"><c>ticket.unknown_status</c></exception>
    public StatusDefinition Get(string? idOrName) =>
        TryFind(idOrName, out var status)
            ? status
            : throw new DomainRuleViolation(TicketErrors.UnknownStatus, $"There is no status '{idOrName}'.");
}
