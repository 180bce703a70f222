using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Resilience.Tests.Infrastructure;

namespace Ticketing.Resilience.Tests.Crash;

/// <summary>A ticket the API acknowledged with 201, and the contact it was opened for.</summary>
public sealed record AcknowledgedTicket(Guid Id, int Contact);

/// <summary>A reply the API acknowledged with 2xx; its body is unique, so the log and read models can be searched for it.</summary>
/// <summary>
/// A reply the API acknowledged. A contact's text is stored sealed (ADR 0027), so a contact's reply is found in the
/// log by the <paramref name="ReplyId"/> the portal answered with; a technician's by its body.
/// </summary>
public sealed record AcknowledgedReply(Guid TicketId, string Body, bool ByContact, Guid? ReplyId = null);

/// <summary>
/// Concurrent clients against one node: technicians open tickets (for a contact, assigned to themselves) and post public
/// replies (each mails the contact); contacts post portal replies on their tickets (each mails the technician).
/// Every 2xx is recorded; every request that died with the connection is counted as failed.
/// </summary>
public sealed class TicketLoad(Msp msp)
{
    public const string StaffReplyPrefix = "staff-reply ";
    public const string PortalReplyPrefix = "portal-reply ";

    private int tried;
    private int failed;

    public ConcurrentBag<AcknowledgedTicket> Tickets { get; } = [];

    public ConcurrentBag<AcknowledgedReply> Replies { get; } = [];

    /// <summary>Answers other than 2xx, by status code.</summary>
    public ConcurrentDictionary<int, int> Rejected { get; } = new();

    public int Tried => tried;

    public int Acknowledged => Tickets.Count + Replies.Count;

    /// <summary>Requests that got no answer: the connection broke (the kill) or timed out.</summary>
    public int Failed => failed;

    public Task RunAsync(ApiNode node, int technicians, CancellationToken stop) => Task.WhenAll(
        Enumerable.Range(0, technicians).Select(i => Task.Run(() => TechnicianAsync(node, i % msp.Contacts.Count, stop), CancellationToken.None))
            .Concat(Enumerable.Range(0, msp.Contacts.Count).Select(c => Task.Run(() => ContactAsync(node, c, stop), CancellationToken.None))));

    private async Task TechnicianAsync(ApiNode node, int contact, CancellationToken stop)
    {
        using var client = node.Client(msp.TechnicianToken);
        while (!stop.IsCancellationRequested)
        {
            var created = await SendAsync(() => client.PostAsJsonAsync(new Uri("/api/tickets", UriKind.Relative), new
            {
                title = $"Printer prints blank pages {Guid.NewGuid():N}", customerId = msp.CustomerId,
                contactId = msp.Contacts[contact].Id, assigneeId = msp.TechnicianId,
            }));
            if (created is not { } ticket)
            {
                continue;
            }

            var id = ticket.GetProperty("id").GetGuid();
            Tickets.Add(new AcknowledgedTicket(id, contact));
            var body = $"{StaffReplyPrefix}{Guid.NewGuid():N}";
            if (!stop.IsCancellationRequested && await SendAsync(() => client.PostAsJsonAsync(
                    new Uri($"/api/tickets/{id}/replies", UriKind.Relative), new { body, visibility = "Public" })) is not null)
            {
                Replies.Add(new AcknowledgedReply(id, body, ByContact: false));
            }
        }
    }

    private async Task ContactAsync(ApiNode node, int contact, CancellationToken stop)
    {
        using var client = node.Client(msp.Contacts[contact].Token);
        while (!stop.IsCancellationRequested)
        {
            var ticket = Tickets.Where(t => t.Contact == contact).Select(t => t.Id).DefaultIfEmpty().Max();
            if (ticket == Guid.Empty)
            {
                await Task.Delay(20, CancellationToken.None);
                continue;
            }

            var body = $"{PortalReplyPrefix}{Guid.NewGuid():N}";
            if (await SendAsync(() => client.PostAsJsonAsync(new Uri($"/api/portal/tickets/{ticket}/replies", UriKind.Relative), new { body })) is { } reply)
            {
                Replies.Add(new AcknowledgedReply(ticket, body, ByContact: true, reply.GetProperty("replyId").GetGuid()));
            }
        }
    }

    private async Task<JsonElement?> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        Interlocked.Increment(ref tried);
        try
        {
            using var response = await send();
            if (!response.IsSuccessStatusCode)
            {
                Rejected.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                return null;
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref failed);
            await Task.Delay(20, CancellationToken.None);
            return null;
        }
    }
}
