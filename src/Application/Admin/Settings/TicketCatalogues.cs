using FluentValidation.Results;
using Ticketing.Application.Errors;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Admin.Settings;

/// <summary>
/// The catalogues a ticket write must respect (A3, ADR 0011): a queue, issue type or work type outside its catalogue
/// is refused: a ticket write that names one is a 422 with the catalogue's stable code (the value is well-formed but
/// names nothing), a workflow rule that names one a 400 on its path. Only catalogues an admin saved are enforced, and within them only non-empty lists: configuration-era
/// deployments and a list the admin leaves empty keep free text. Statuses are always checked, by the domain.
/// </summary>
public sealed class TicketCatalogues
{
    public const string Queue = "queue";
    public const string IssueType = "issueType";
    public const string WorkType = "workType";

    private readonly Dictionary<string, IReadOnlyList<string>> lists = new(StringComparer.Ordinal);

    private TicketCatalogues()
    {
    }

    public static TicketCatalogues None { get; } = new();

    /// <param name="saved">Whether the admin has saved the section (its version is above 0).</param>
    public static TicketCatalogues From(CataloguesSection section, bool saved)
    {
        ArgumentNullException.ThrowIfNull(section);
        var catalogues = new TicketCatalogues();
        if (saved)
        {
            catalogues.Add(Queue, section.Queues);
            catalogues.Add(IssueType, [.. section.IssueTypes.Select(t => t.Key)]);
            catalogues.Add(WorkType, section.WorkTypes);
        }

        return catalogues;
    }

    public bool Allows(string field, string? value) =>
        value is null || !lists.TryGetValue(field, out var allowed) || allowed.Contains(value, StringComparer.Ordinal);

    /// <summary>A failure named <paramref name="path"/> when <paramref name="value"/> is outside the catalogue of <paramref name="field"/>.</summary>
    public IEnumerable<ValidationFailure> Check(string field, string? value, string? path = null) =>
        Allows(field, value)
            ? []
            : [new ValidationFailure(path ?? field, $"'{value}' is not in the {field} catalogue ({string.Join(", ", lists[field])}).")];

    /// <summary>
    /// Throws the 422 of the first of <paramref name="named"/> (field, value) outside its catalogue:
    /// <c>ticket.unknown_queue</c>, <c>ticket.unknown_issue_type</c> or <c>ticket.unknown_work_type</c>.
    /// </summary>
    public void EnsureKnown(params (string Field, string? Value)[] named)
    {
        ArgumentNullException.ThrowIfNull(named);
        foreach (var (field, value) in named.Where(n => !Allows(n.Field, n.Value)))
        {
            var code = field switch
            {
                Queue => TicketErrors.UnknownQueue,
                IssueType => TicketErrors.UnknownIssueType,
                WorkType => TicketErrors.UnknownWorkType,
                _ => throw new ArgumentOutOfRangeException(nameof(named), field, "Not a ticket catalogue."),
            };
            throw new UnprocessableException(code, $"'{value}' is not in the {field} catalogue ({string.Join(", ", lists[field])}).");
        }
    }

    private void Add(string field, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            lists[field] = values;
        }
    }
}
