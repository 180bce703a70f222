using System.Text.Json;
using Ticketing.Domain.Tickets;

namespace Ticketing.Domain.Tests.Tickets;

/// <summary>
/// Given events / when a decision / then events (or a violation code). Events are compared by type and JSON
/// because records holding lists and dictionaries compare those by reference.
/// </summary>
internal static class TicketSpec
{
    public static Given Given(params TicketEvent[] history) => new(history);
}

internal sealed class Given(TicketEvent[] history)
{
    public Ticket State => Ticket.Fold(history);

    public Outcome When(Func<Ticket, IReadOnlyList<TicketEvent>> decide) =>
        Outcome.Of(() => TicketDecision.Single(State.Id, [.. decide(State)]));

    public Outcome When(Func<Ticket, TicketDecision> decide) => Outcome.Of(() => decide(State));
}

internal sealed class Outcome
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private Outcome(TicketDecision? decision, Exception? error)
    {
        Decision = decision;
        Error = error;
    }

    public TicketDecision? Decision { get; }

    public Exception? Error { get; }

    public static Outcome Of(Func<TicketDecision> decide)
    {
        try
        {
            return new Outcome(decide(), null);
        }
        catch (DomainRuleViolation violation)
        {
            return new Outcome(null, violation);
        }
    }

    /// <summary>Single stream: exactly these events on the ticket decided on.</summary>
    public void Then(params TicketEvent[] expected)
    {
        var decision = Succeeded();
        decision.Streams.Count.ShouldBe(1, "expected a single-stream decision");
        Render(decision.Streams[0].Events).ShouldBe(Render(expected));
    }

    /// <summary>Several streams: exactly these streams, in this order, with these events.</summary>
    public void Then(params StreamEvents[] expected)
    {
        var decision = Succeeded();
        decision.Streams.Select(s => s.StreamId).ShouldBe(expected.Select(s => s.StreamId));
        for (var i = 0; i < expected.Length; i++)
        {
            Render(decision.Streams[i].Events).ShouldBe(Render(expected[i].Events));
        }
    }

    public void ThenNothing() => Succeeded().Streams.SelectMany(s => s.Events).ShouldBeEmpty();

    public void ThenFails(string code)
    {
        Decision.ShouldBeNull($"expected {code} but the decision succeeded");
        Error.ShouldBeOfType<DomainRuleViolation>().Code.ShouldBe(code);
    }

    private TicketDecision Succeeded() =>
        Error is null ? Decision! : throw new ShouldAssertException($"Expected events but got {Error.Message} ({(Error as DomainRuleViolation)?.Code}).");

    private static string[] Render(IEnumerable<TicketEvent> events) =>
        [.. events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType(), Json)}")];
}
