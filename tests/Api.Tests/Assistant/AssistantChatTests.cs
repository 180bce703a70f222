using System.Net;
using Ticketing.Api.Tests.Devices;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Assistant;

/// <summary>
/// P12 without a model (the default): the assistant answers from the articles the contact may see, cites them with
/// snippets, offers the self-service actions on the contact's own devices and a ticket; every refusal writes nothing.
/// </summary>
public sealed class AssistantChatTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private static string Word() => $"zq{Guid.NewGuid():N}"[..14];

    private async Task<SelfServiceWorld> WorldAsync(bool ticketPerSession = false, bool manualCreation = true, bool knowledgeBase = true)
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        await world.Technician.PutAsync<CustomerBody>($"/api/customers/{world.CustomerId}", IdentityHttp.NewCustomer(knowledgeBaseEnabled: knowledgeBase));
        await world.Admin.SwitchAssistantAsync(enabled: true, ticketPerSession, manualCreation);
        return world;
    }

    [Fact]
    public async Task An_answer_cites_the_articles_the_contact_may_see_in_their_language_first_and_offers_their_device_actions_and_a_ticket()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var word = Word();
        var other = await world.Technician.CreateCustomerAsync();
        var section = await world.Admin.CreateSectionAsync(await world.Admin.CreateCategoryAsync($"Printing {word}"), "Printers");
        var french = await world.Admin.CreateArticleAsync(section, $"Pilote {word}", $"Réinstallez le pilote {word}.", language: "fr");
        var english = await world.Admin.CreateArticleAsync(section, $"Reinstall the {word} driver", $"Open the settings and reinstall the {word} driver.");
        var restricted = await world.Admin.CreateArticleAsync(section, $"{word} of another customer", $"Only for them: {word}.", onlyFor: [other]);
        var conversation = await world.Portal.StartConversationAsync();

        var answer = (await world.Portal.SayAsync(conversation.Id, $"My {word} printer does not print")).Answer;

        answer.Citations.Select(c => c.ArticleId).ShouldBe([english, french]);
        answer.Citations[0].Snippet.ShouldContain("<mark>");
        answer.Citations.ShouldNotContain(c => c.ArticleId == restricted);
        answer.Text.ShouldContain($"Reinstall the {word} driver");
        answer.Choices.Where(c => c.Kind == "device_action").ShouldAllBe(c => c.DeviceId == world.DeviceId);
        answer.Choices.Where(c => c.Kind == "device_action").Select(c => c.Action).ShouldBe(["Restart", "Lock", "Shutdown", "Logout", "ResetPassword"]);
        answer.Choices.Last().Kind.ShouldBe("open_ticket");
        (await world.Portal.TranscriptAsync(conversation.Id)).Messages.Select(m => m.Role).ShouldBe(["contact", "assistant"]);
    }

    [Fact]
    public async Task An_approved_application_the_message_names_is_offered_for_installation_on_the_contacts_device()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var name = $"Editor{Word()}";
        var application = await world.Admin.PostAsync<ApplicationBody>("/api/admin/self-service/applications", new { name, windowsPackage = "notepadplusplus" });
        var macOnly = await world.Admin.PostAsync<ApplicationBody>("/api/admin/self-service/applications", new { name = $"{name}Mac", macOsPackage = "textmate" });
        var conversation = await world.Portal.StartConversationAsync();

        var answer = (await world.Portal.SayAsync(conversation.Id, $"Please install {name} and {name}Mac for me")).Answer;

        var install = answer.Choices.Where(c => c.Action == "InstallApplication").ShouldHaveSingleItem();
        install.ShouldSatisfyAllConditions(c => c.ApplicationId.ShouldBe(application.Id), c => c.DeviceId.ShouldBe(world.DeviceId));
        answer.Choices.ShouldNotContain(c => c.ApplicationId == macOnly.Id);
        (await world.Portal.PostAsync<ActionRequestedBody>($"{AssistantHttp.Conversations}/{conversation.Id}/actions",
            new { deviceId = world.DeviceId, kind = "InstallApplication", applicationId = application.Id }, HttpStatusCode.Accepted)).ActionId.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task With_the_knowledge_base_off_for_the_customer_nothing_is_cited()
    {
        var world = await WorldAsync(knowledgeBase: false);
        using var agent = world.Agent;
        var word = Word();
        var section = await world.Admin.CreateSectionAsync(await world.Admin.CreateCategoryAsync($"Mail {word}"), "Mail");
        await world.Admin.CreateArticleAsync(section, $"The {word} mailbox", $"Set up the {word} mailbox.");
        var conversation = await world.Portal.StartConversationAsync();

        var answer = (await world.Portal.SayAsync(conversation.Id, $"How do I set up the {word} mailbox?")).Answer;

        answer.Citations.ShouldBeEmpty();
        answer.Choices.Last().Kind.ShouldBe("open_ticket");
    }

    [Fact]
    public async Task Without_self_service_for_the_customer_no_device_action_is_offered()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        await world.Admin.SwitchSelfServiceAsync(enabled: false);
        var conversation = await world.Portal.StartConversationAsync();

        var answer = (await world.Portal.SayAsync(conversation.Id, "restart my laptop please")).Answer;

        answer.Choices.Select(c => c.Kind).ShouldBe(["open_ticket"]);
        await world.Portal.ProblemAsync(s => s.Post.Json(new { deviceId = world.DeviceId, kind = "Restart" }).ToUrl($"{AssistantHttp.Conversations}/{conversation.Id}/actions"),
            HttpStatusCode.Forbidden, "self_service.disabled");
        await world.Admin.SwitchSelfServiceAsync(enabled: true);
    }

    [Fact]
    public async Task Another_contacts_conversation_is_not_found_and_stays_unchanged()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var conversation = await world.Portal.StartConversationAsync();
        await world.Portal.SayAsync(conversation.Id, "hello");
        var colleague = await api.SignInAsync(await world.Technician.CreateContactAsync(world.CustomerId));

        await colleague.ProblemAsync(s => s.Get.Url($"{AssistantHttp.Conversations}/{conversation.Id}"), HttpStatusCode.NotFound, "assistant.conversation_not_found");
        await colleague.ProblemAsync(s => s.Post.Json(new { text = "mine now" }).ToUrl($"{AssistantHttp.Conversations}/{conversation.Id}/messages"),
            HttpStatusCode.NotFound, "assistant.conversation_not_found");
        await colleague.ProblemAsync(s => s.Post.Json(new { }).ToUrl($"{AssistantHttp.Conversations}/{conversation.Id}/ticket"),
            HttpStatusCode.NotFound, "assistant.conversation_not_found");

        (await colleague.GetAsync<IReadOnlyList<ConversationSummaryBody>>(AssistantHttp.Conversations)).ShouldBeEmpty();
        (await world.Portal.TranscriptAsync(conversation.Id)).Messages.Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_assistant_switched_off_or_on_only_for_other_customers_refuses_and_writes_nothing()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var conversation = await world.Portal.StartConversationAsync();

        foreach (var customers in new[] { Array.Empty<Guid>(), [Guid.NewGuid()] })
        {
            await world.Admin.SwitchAssistantAsync(enabled: customers.Length > 0, customers: customers);
            await world.Portal.ProblemAsync(s => s.Post.Json(new { }).ToUrl(AssistantHttp.Conversations), HttpStatusCode.Forbidden, "assistant.disabled");
            await world.Portal.ProblemAsync(s => s.Post.Json(new { text = "hello" }).ToUrl($"{AssistantHttp.Conversations}/{conversation.Id}/messages"),
                HttpStatusCode.Forbidden, "assistant.disabled");
            await world.Portal.ProblemAsync(s => s.Get.Url($"{AssistantHttp.Conversations}/{conversation.Id}"), HttpStatusCode.Forbidden, "assistant.disabled");
        }

        await world.Admin.SwitchAssistantAsync(enabled: true, customers: [world.CustomerId]);
        (await world.Portal.TranscriptAsync(conversation.Id)).Messages.ShouldBeEmpty();
        (await world.Portal.GetAsync<IReadOnlyList<ConversationSummaryBody>>(AssistantHttp.Conversations)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_message_over_the_size_bound_is_refused_and_writes_nothing()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var conversation = await world.Portal.StartConversationAsync();

        await world.Portal.ProblemAsync(s => s.Post.Json(new { text = new string('a', 2001) }).ToUrl($"{AssistantHttp.Conversations}/{conversation.Id}/messages"),
            HttpStatusCode.BadRequest, "assistant.message_too_long");
        await world.Portal.ProblemAsync(s => s.Post.Json(new { text = "  " }).ToUrl($"{AssistantHttp.Conversations}/{conversation.Id}/messages"),
            HttpStatusCode.BadRequest, "request.invalid");

        (await world.Portal.TranscriptAsync(conversation.Id)).Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_action_chosen_in_the_chat_runs_only_with_the_right_sms_code_and_is_noted_in_the_conversation_in_the_contacts_language()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var conversation = await world.Portal.StartConversationAsync();
        var requested = await world.Portal.PostAsync<ActionRequestedBody>($"{AssistantHttp.Conversations}/{conversation.Id}/actions",
            new { deviceId = world.DeviceId, kind = "Restart" }, HttpStatusCode.Accepted);
        var code = api.LatestCodeTo(world.Phone);
        var confirm = $"{AssistantHttp.Conversations}/{conversation.Id}/actions/{requested.ActionId}/confirm";
        var before = await world.HistoryLengthAsync();

        await world.Portal.ProblemAsync(s => s.Post.Json(new { code = code == "000000" ? "111111" : "000000" }).ToUrl(confirm),
            HttpStatusCode.UnprocessableEntity, "sms.code_invalid");
        await world.Portal.ProblemAsync(s => s.Post.Json(new { }).ToUrl(confirm), HttpStatusCode.BadRequest, "request.invalid");
        (await world.HistoryLengthAsync()).ShouldBe(before);
        (await agent.ActionsAsync()).ShouldBeEmpty();

        var confirmed = await world.Portal.PostAsync<DeviceActionBody>(confirm, new { code }, HttpStatusCode.OK);

        confirmed.Status.ShouldBe("dispatched");
        (await agent.ActionsAsync()).ShouldHaveSingleItem().Id.ShouldBe(requested.ActionId);
        var notes = (await world.Portal.TranscriptAsync(conversation.Id)).Messages;
        notes.Select(m => m.Role).ShouldBe(["action", "action"]);
        // In the contact's language (German here), naming the action as the SMS does.
        notes[0].Text.ShouldStartWith("Aktion angefordert: Neu starten auf ");
        notes[1].Text.ShouldStartWith("Mit dem SMS-Code bestätigt: Neu starten auf ");
    }

    [Fact]
    public async Task An_action_on_a_device_not_assigned_to_the_contact_is_not_found_and_writes_nothing()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var colleague = await world.Technician.CreateContactAsync(world.CustomerId);
        var theirs = await world.Technician.CreateDeviceAsync(world.CustomerId, "Colleague's laptop", contactId: colleague.Id);
        var conversation = await world.Portal.StartConversationAsync();
        var before = (await world.Technician.HistoryAsync(theirs.Id)).Count;
        var sms = api.MessagesTo(world.Phone).Count;

        await world.Portal.ProblemAsync(s => s.Post.Json(new { deviceId = theirs.Id, kind = "Lock" }).ToUrl($"{AssistantHttp.Conversations}/{conversation.Id}/actions"),
            HttpStatusCode.NotFound, "device.not_found");

        (await world.Technician.HistoryAsync(theirs.Id)).Count.ShouldBe(before);
        api.MessagesTo(world.Phone).Count.ShouldBe(sms);
        (await world.Portal.TranscriptAsync(conversation.Id)).Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task With_a_ticket_for_every_session_the_assistant_ticket_holds_the_conversation_and_the_actions_taken()
    {
        var world = await WorldAsync(ticketPerSession: true);
        using var agent = world.Agent;

        var conversation = await world.Portal.StartConversationAsync();
        await world.Portal.SayAsync(conversation.Id, "My screen flickers");
        await world.Portal.PostAsync<ActionRequestedBody>($"{AssistantHttp.Conversations}/{conversation.Id}/actions",
            new { deviceId = world.DeviceId, kind = "Restart" }, HttpStatusCode.Accepted);

        var ticket = await world.Technician.TicketAsync(conversation.TicketId.ShouldNotBeNull());
        ticket.Ticket.Source.ShouldBe("Assistant");
        ticket.Ticket.ContactId.ShouldBe(world.Contact.Id);
        var replies = ticket.Timeline.Where(t => t.Body is not null).Select(t => t.Body!).ToList();
        replies.ShouldContain(b => b.Contains("My screen flickers", StringComparison.Ordinal) && b.Contains("Assistant:", StringComparison.Ordinal));
        // The action's note as the contact read it in the chat (their language, German here).
        replies.ShouldContain(b => b.Contains("Aktion angefordert: Neu starten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_manual_creation_off_the_contact_still_opens_a_ticket_from_the_chat_holding_the_transcript()
    {
        var world = await WorldAsync(manualCreation: false);
        using var agent = world.Agent;
        var conversation = await world.Portal.StartConversationAsync();
        await world.Portal.SayAsync(conversation.Id, "The VPN drops every hour");
        await world.Portal.ProblemAsync(s => s.Post.Json(new { title = "By hand" }).ToUrl("/api/portal/tickets"),
            HttpStatusCode.Forbidden, "portal.manual_creation_disabled");

        var opened = await world.Portal.PostAsync<AssistantTicketBody>($"{AssistantHttp.Conversations}/{conversation.Id}/ticket", new { });
        var again = await world.Portal.PostAsync<AssistantTicketBody>($"{AssistantHttp.Conversations}/{conversation.Id}/ticket", new { }, HttpStatusCode.OK);

        again.ShouldBe(opened);
        var ticket = await world.Technician.TicketAsync(opened.TicketId);
        ticket.Ticket.Source.ShouldBe("Assistant");
        ticket.Description.ShouldNotBeNull().ShouldContain("The VPN drops every hour");
        (await world.Portal.TranscriptAsync(conversation.Id)).TicketId.ShouldBe(opened.TicketId);
        await world.Admin.SwitchAssistantAsync(enabled: true);
    }

    [Fact]
    public async Task Erasing_the_contact_removes_their_conversations()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var conversation = await world.Portal.StartConversationAsync();
        await world.Portal.SayAsync(conversation.Id, "My personal question");

        await world.Admin.Scenario(s =>
        {
            s.Post.Url($"/api/contacts/{world.Contact.Id}/erase");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        await using var database = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await database.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand(
            "select count(*) from assistant_messages m join assistant_conversations c on c.id = m.conversation_id where c.contact_id = $1", database)
        {
            Parameters = { new Npgsql.NpgsqlParameter { Value = world.Contact.Id } },
        };
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
