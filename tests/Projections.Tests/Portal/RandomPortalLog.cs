using Ticketing.Domain.Tickets;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests.Portal;

/// <summary>
/// A random log of ticket streams, interleaved, each in order: MSP tickets (sometimes created twice), Taskfire
/// copies and streams that were never created, with every ticket event in random order and small value pools (null
/// included) so later events often overwrite, clear or repeat earlier values.
/// </summary>
internal static class RandomPortalLog
{
    private static readonly string?[] Values = ["a", "b", null];

    public static List<TicketEvent> Generate(Random random, int streams, int maxEventsPerStream)
    {
        var customer = Guid.CreateVersion7();
        var minute = 0;
        DateTimeOffset Next() => T0.AddMinutes(++minute);

        var histories = new List<Queue<Func<TicketEvent>>>();
        for (var s = 0; s < streams; s++)
        {
            var id = Guid.CreateVersion7();
            var history = new Queue<Func<TicketEvent>>();
            var kind = random.Next(5);
            if (kind <= 2)
            {
                history.Enqueue(() => Create(random, id, customer, Next()));
            }
            else if (kind == 3)
            {
                history.Enqueue(() => new TaskfireCopyCreated(id, Guid.CreateVersion7(), "T1", TicketFields.Titled("copy"), "open",
                    StatusCategory.Open, customer, null, "TF", Guid.CreateVersion7(), "n", Tech, Next()));
            }

            for (var n = random.Next(maxEventsPerStream); n > 0; n--)
            {
                history.Enqueue(() => Event(random, id, customer, Next()));
            }

            histories.Add(history);
        }

        var log = new List<TicketEvent>();
        while (histories.Any(h => h.Count > 0))
        {
            var s = random.Next(streams);
            if (histories[s].Count == 0)
            {
                continue;
            }

            log.Add(histories[s].Dequeue()());
        }

        return log;
    }

    private static TicketCreated Create(Random random, Guid id, Guid customer, DateTimeOffset at) => new(
        id, $"T{random.Next(1000)}",
        TicketFields.Titled($"t{random.Next(3)}") with
        {
            Priority = Pick(random), Impact = Pick(random), Type = Pick(random), ProductFamily = Pick(random), Queue = Pick(random),
            IssueType = Pick(random), WorkType = Pick(random), DueDate = random.Next(2) == 0 ? null : at.AddDays(1),
        },
        Pick(random) ?? "open", (StatusCategory)random.Next(4), TicketSource.Technician, customer,
        random.Next(2) == 0 ? null : Guid.CreateVersion7(), random.Next(2) == 0 ? null : Guid.CreateVersion7(),
        random.Next(2) == 0 ? null : Guid.CreateVersion7(), Tech, at);

    private static TicketEvent Event(Random random, Guid id, Guid customer, DateTimeOffset at) => random.Next(14) switch
    {
        0 => new TicketStatusChanged(id, "x", Pick(random) ?? "open", (StatusCategory)random.Next(4), Tech, at),
        1 or 2 => new TicketFieldsChanged(id, Changes(random, at), Tech, at),
        3 => new TechnicianAssigned(id, random.Next(2) == 0 ? null : Guid.CreateVersion7(), Tech, at),
        4 => new TicketBilled(id, Tech, at),
        5 => new TicketDeleted(id, Tech, at),
        6 => new SharedCopyDeleted(id, Guid.CreateVersion7(), Guid.CreateVersion7(), Tech, at),
        7 => Reply(id, "public", at: at),
        8 => Reply(id, "note", ReplyVisibility.Internal, at: at),
        9 => new TicketAssignedToTaskfire(id, Guid.CreateVersion7(), "TF", Guid.CreateVersion7(), "n", Tech, at),
        10 => new TaskfireWorkCompleted(id, Guid.CreateVersion7(), "done", "resolved", StatusCategory.Resolved, Tech, at),
        11 => new TaskfireQuestionAsked(id, Guid.CreateVersion7(), "q", Guid.CreateVersion7(), Tech, at),
        12 => Create(random, id, customer, at),
        _ => Reply(id, "public again", at: at),
    };

    private static TicketFieldChanges Changes(Random random, DateTimeOffset at)
    {
        FieldChange<string?>? Maybe() => random.Next(3) == 0 ? new(Pick(random)) : null;
        return new TicketFieldChanges
        {
            Title = random.Next(3) == 0 ? new($"t{random.Next(3)}") : null,
            Description = random.Next(3) == 0 ? new("d") : null,
            Priority = Maybe(), Impact = Maybe(), Type = Maybe(), ProductFamily = Maybe(), Queue = Maybe(),
            IssueType = Maybe(), WorkType = Maybe(),
            DueDate = random.Next(3) switch { 0 => new(null), 1 => new(at.AddDays(2)), _ => null },
        };
    }

    private static string? Pick(Random random) => Values[random.Next(Values.Length)];
}
