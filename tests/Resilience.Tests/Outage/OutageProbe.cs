using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Resilience.Tests.Infrastructure;

namespace Ticketing.Resilience.Tests.Outage;

/// <summary>One request of the probe: when it started and ended (on the probe's clock), and what came back.</summary>
public sealed record Sample(string Request, TimeSpan Start, TimeSpan End, int Status, string? Code, string? ContentType, string? RetryAfter, string? Body)
{
    public TimeSpan Latency => End - Start;
}

/// <summary>
/// Clients that keep reading a ticket, posting replies to it (internal notes, and on every other client public replies,
/// which queue a mail to the contact in the same transaction) and asking <c>/health/ready</c>, recording every answer
/// with its timing: the outage test cuts the database under them. A request that gets no HTTP answer within the client
/// time-out (60 s) is recorded with status 0: that would be a hang. Each client has a ticket of its own, so clients
/// never conflict with each other (409).
/// </summary>
public sealed class OutageProbe(ApiNode node, Msp msp, IReadOnlyList<Guid> tickets)
{
    public const string ReplyPrefix = "outage-reply ";
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<Sample> samples = [];

    public TimeSpan Now => clock.Elapsed;

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (samples)
            {
                return [.. samples];
            }
        }
    }

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(
        Enumerable.Range(0, tickets.Count).Select(i => Task.Run(() => ClientAsync(i, stop), CancellationToken.None))
            .Append(Task.Run(() => HealthAsync(stop), CancellationToken.None)));

    private async Task ClientAsync(int client, CancellationToken stop)
    {
        using var http = node.Client(msp.TechnicianToken);
        var ticketId = tickets[client];
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            if ((n + client) % 2 == 0)
            {
                await SendAsync("read", () => http.GetAsync(new Uri($"/api/tickets/{ticketId}", UriKind.Relative)));
            }
            else
            {
                var body = $"{ReplyPrefix}{Guid.NewGuid():N}";
                var visibility = client % 2 == 0 ? "Internal" : "Public";
                await SendAsync(body, () => http.PostAsJsonAsync(new Uri($"/api/tickets/{ticketId}/replies", UriKind.Relative), new { body, visibility }));
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    private async Task HealthAsync(CancellationToken stop)
    {
        using var http = node.Client();
        while (!stop.IsCancellationRequested)
        {
            await SendAsync("health", () => http.GetAsync(new Uri("/health/ready", UriKind.Relative)));
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task SendAsync(string request, Func<Task<HttpResponseMessage>> send)
    {
        var start = clock.Elapsed;
        Sample sample;
        try
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            string? code = null;
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                code = JsonSerializer.Deserialize<JsonElement>(text).TryGetProperty("code", out var c) ? c.GetString() : null;
            }

            sample = new Sample(request, start, clock.Elapsed, (int)response.StatusCode, code, response.Content.Headers.ContentType?.MediaType,
                response.Headers.RetryAfter?.ToString(), text.Length > 300 ? text[..300] : text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            sample = new Sample(request, start, clock.Elapsed, 0, null, null, null, e.GetType().Name + ": " + e.Message);
        }

        lock (samples)
        {
            samples.Add(sample);
        }
    }
}
