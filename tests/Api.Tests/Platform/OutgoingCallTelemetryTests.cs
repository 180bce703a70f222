using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Ticketing.Api.Tests.Assistant;
using Ticketing.Api.Tests.Devices;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;

namespace Ticketing.Api.Tests.Platform;

/// <summary>The model-backed assistant's host (a local chat-completions stub) with telemetry on and in-memory exporters.</summary>
public sealed class TracedModelAssistantApiFactory : ModelAssistantApiFactory
{
    public TelemetryCapture Telemetry { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Telemetry.Configure(builder);
    }
}

/// <summary>
/// Issue 20: the outgoing calls other than mail are traced too. A model call is a client span in the request's trace,
/// an SMS is a client span in the trace of the request that sent it, both are counted, and neither carries what was
/// said, the phone number, the code or the model's key.
/// </summary>
public sealed class OutgoingCallTelemetryTests(TracedModelAssistantApiFactory api) : IClassFixture<TracedModelAssistantApiFactory>
{
    [Fact]
    public async Task A_model_call_and_an_SMS_are_traced_without_what_was_said_the_number_or_the_code()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        await world.Technician.PutAsync<CustomerBody>($"/api/customers/{world.CustomerId}", IdentityHttp.NewCustomer(knowledgeBaseEnabled: true));
        await world.Admin.SwitchAssistantAsync(enabled: true);
        var conversation = await world.Portal.StartConversationAsync();
        var question = $"Where is the gateway {Guid.NewGuid():N}?";

        (await world.Portal.SayAsync(conversation.Id, question)).Answer.Text.ShouldBe(ChatCompletionsStub.DefaultAnswer);

        var said = await api.Telemetry.SpanAsync(s => s.Kind == ActivityKind.Server
            && s.GetTagItem("url.path") as string == $"{AssistantHttp.Conversations}/{conversation.Id}/messages", "the message's request");
        var spans = api.Telemetry.Spans();
        var model = spans.Where(s => s.TraceId == said.TraceId && s.Source.Name == "Ticketing" && s.Kind == ActivityKind.Client).ShouldHaveSingleItem();
        model.GetTagItem("gen_ai.request.model").ShouldBe("stub-model");
        model.GetTagItem("gen_ai.operation.name").ShouldBe("chat");
        var registrations = spans.Where(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/portal/phone")
            .Select(s => s.TraceId).ToHashSet();
        spans.ShouldContain(s => s.DisplayName == "sms send" && registrations.Contains(s.TraceId)
            && s.GetTagItem("ticketing.sms.provider") as string == "pickup-folder", "the registration's SMS");

        string[] secrets = [question, ChatCompletionsStub.DefaultAnswer, ModelAssistantApiFactory.ApiKey, world.Phone, api.LatestCodeTo(world.Phone)];
        foreach (var span in spans)
        {
            foreach (var value in TelemetryCapture.Values(span))
            {
                secrets.ShouldNotContain(s => value.Contains(s, StringComparison.OrdinalIgnoreCase), $"span {span.Source.Name}/{span.DisplayName}: {value}");
            }
        }

        api.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
        api.Telemetry.MetricNames().ShouldContain("ticketing.sms.sent");
        api.Telemetry.MetricNames().ShouldContain("gen_ai.client.operation.duration");
    }
}
