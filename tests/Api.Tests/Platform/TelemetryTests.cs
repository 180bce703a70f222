using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Platform;

/// <summary>
/// OpenTelemetry (issue 20, ADR 0021): a command is one trace from the HTTP request through its Wolverine handler to
/// its SQL statements; the mail it sets off is traced too; counters reach the exporter; and no span attribute carries a
/// password, a reset code, an address or a reply's text. The spans are those of an in-memory exporter added to the
/// API's tracer provider (spans of other test classes running at the same time may be in it too: the checks filter by
/// trace, or look for values only this class knows).
/// </summary>
public sealed class TelemetryTests(TelemetryApiFactory api) : IClassFixture<TelemetryApiFactory>
{
    [Fact]
    public async Task A_reply_is_one_trace_from_the_request_through_its_handler_to_its_statements_and_its_mail_is_traced()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId, "Printer", contact.Id);

        var replying = await api.TrackedAsync(() => technician.CommandAsync(ticket.Id, "replies", new { body = "Traced reply", visibility = "Public" }));
        var mailId = replying.MailsSent(contact.Email, "reply_posted").ShouldHaveSingleItem().MailId.ToString();

        var request = await api.SpanAsync(
            s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == $"/api/tickets/{ticket.Id}/replies", "the reply's request");
        request.GetTagItem("http.response.status_code").ShouldBe(200);
        var trace = api.Spans().Where(s => s.TraceId == request.TraceId).ToList();
        trace.ShouldContain(s => s.Source.Name == "Wolverine" && s.DisplayName.Contains("PostTicketReply"), "the handler's span");
        trace.ShouldContain(s => s.Source.Name == "Npgsql", "the statements' spans");
        // By the mail's id: other test classes' hosts send mail through the same (process-wide) activity source.
        api.Spans().ShouldContain(s => s.Source.Name == "Ticketing" && s.DisplayName == "mail send"
            && s.GetTagItem("ticketing.mail.id") as string == mailId && s.GetTagItem("ticketing.mail.kind") as string == "reply_posted");
    }

    [Fact]
    public async Task Sign_in_failures_reach_the_metrics_exporter_and_no_span_carries_a_secret_or_personal_data()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        CreatedContact? created = null;
        await api.TrackedAsync(async () => created = await technician.CreateContactAsync(customerId, email: IdentityHttp.UniqueEmail("telemetry")));
        var contact = created!;
        var code = await api.RequestResetCodeAsync(contact.Username, contact.Email);
        (await api.LoginStatusAsync(contact.Username, "Wrong-password-123")).ShouldBe(HttpStatusCode.Unauthorized);
        var ticket = await technician.CreateTicketAsync(customerId, "Printer", contact.Id);
        const string body = "Confidential reply text 7c1e";
        await api.TrackedAsync(() => technician.CommandAsync(ticket.Id, "replies", new { body, visibility = "Public" }));

        api.Spans().ShouldNotBeEmpty();
        string[] secrets = [contact.Password, code, contact.Email, body, "Wrong-password-123"];
        foreach (var span in api.Spans())
        {
            foreach (var value in TelemetryCapture.Values(span))
            {
                secrets.ShouldNotContain(s => value.Contains(s, StringComparison.OrdinalIgnoreCase), $"span {span.Source.Name}/{span.DisplayName}: {value}");
            }
        }

        api.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
        api.MetricNames().ShouldContain("ticketing.auth.login_failures");
        api.MetricNames().ShouldContain("ticketing.mail.sent");
        api.MetricNames().ShouldContain("http.server.request.duration");
    }
}

/// <summary>The Email API with telemetry on and in-memory exporters for spans and metrics.</summary>
public sealed class TelemetryApiFactory : EmailApiFactory
{
    private readonly TelemetryCapture capture = new();

    public IReadOnlyList<Activity> Spans() => capture.Spans();

    public Task<Activity> SpanAsync(Func<Activity, bool> match, string what) => capture.SpanAsync(match, what);

    public IReadOnlyList<string> MetricNames() => capture.MetricNames();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        capture.Configure(builder);
    }
}
