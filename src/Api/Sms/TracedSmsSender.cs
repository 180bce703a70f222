using System.Diagnostics;
using Ticketing.Application.Sms;
using Ticketing.Application.Telemetry;

namespace Ticketing.Api.Sms;

/// <summary>
/// A span and a count per SMS handed to the provider (issue 20). The span names the provider only: never the number,
/// the text or the code in it.
/// </summary>
public sealed class TracedSmsSender(ISmsSender inner, string provider) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken ct)
    {
        using var activity = TicketingMetrics.Source.StartActivity("sms send", ActivityKind.Client);
        activity?.SetTag("ticketing.sms.provider", provider);
        try
        {
            await inner.SendAsync(phone, text, ct);
            TicketingMetrics.SmsSent.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            TicketingMetrics.SmsSent.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            throw;
        }
    }
}
