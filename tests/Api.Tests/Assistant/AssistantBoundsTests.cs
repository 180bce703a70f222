using System.Net;
using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Devices;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Assistant;

/// <summary>A host whose conversations hold two messages of the contact, and whose contacts may send four assistant requests a minute.</summary>
public sealed class BoundedAssistantApiFactory : TicketApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Assistant:MaxMessagesPerConversation", "2");
        builder.UseSetting("Ticketing:Assistant:RateLimitPermits", "4");
        builder.UseSetting("Ticketing:Assistant:RateLimitWindow", "00:10:00");
    }
}

/// <summary>P12's bounds: messages per conversation, and a rate limit per contact; refusals write nothing.</summary>
public sealed class AssistantBoundsTests(BoundedAssistantApiFactory api) : IClassFixture<BoundedAssistantApiFactory>
{
    [Fact]
    public async Task A_message_past_the_conversations_bound_is_refused_and_writes_nothing()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        await world.Admin.SwitchAssistantAsync(enabled: true);
        var conversation = await world.Portal.StartConversationAsync();
        await world.Portal.SayAsync(conversation.Id, "first");
        await world.Portal.SayAsync(conversation.Id, "second");

        await world.Portal.ProblemAsync(s => s.Post.Json(new { text = "third" }).ToUrl($"{AssistantHttp.Conversations}/{conversation.Id}/messages"),
            HttpStatusCode.BadRequest, "assistant.conversation_full");

        (await world.Portal.TranscriptAsync(conversation.Id)).Messages.Select(m => m.Text).ShouldNotContain("third");
        (await world.Portal.TranscriptAsync(conversation.Id)).Messages.Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_contact_over_the_rate_limit_is_refused_with_429_and_nothing_is_written_while_colleagues_keep_their_own_window()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        await world.Admin.SwitchAssistantAsync(enabled: true);
        var first = await world.Portal.StartConversationAsync();
        await world.Portal.SayAsync(first.Id, "one");
        await world.Portal.SayAsync(first.Id, "two");
        var second = await world.Portal.StartConversationAsync();

        var refused = await world.Portal.ProblemAsync(s => s.Post.Json(new { text = "three" }).ToUrl($"{AssistantHttp.Conversations}/{second.Id}/messages"),
            (HttpStatusCode)429, "assistant.rate_limited");

        refused.ShouldNotBeNull();
        (await world.Portal.TranscriptAsync(second.Id)).Messages.ShouldBeEmpty();
        var colleague = await api.SignInAsync(await world.Technician.CreateContactAsync(world.CustomerId));
        await colleague.StartConversationAsync();
    }
}
