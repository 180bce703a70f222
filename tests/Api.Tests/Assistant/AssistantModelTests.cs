using System.Net;
using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Devices;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Assistant;

/// <summary>A host whose assistant talks to a local chat-completions stub (OpenAI protocol) with a secret key.</summary>
public class ModelAssistantApiFactory : TicketApiFactory
{
    public const string ApiKey = "sk-test-secret-key";

    public ChatCompletionsStub Model { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Assistant:Url", Model.Url);
        builder.UseSetting("Ticketing:Assistant:ApiKey", ApiKey);
        builder.UseSetting("Ticketing:Assistant:Model", "stub-model");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
    }
}

/// <summary>
/// P12 with a model: the prompt holds only what this contact may see, a tool call only asks for an action (which
/// then waits for the contact's SMS code), and a failing model leaves the retrieval answer.
/// </summary>
public sealed class AssistantModelTests(ModelAssistantApiFactory api) : IClassFixture<ModelAssistantApiFactory>
{
    private static string Word() => $"zq{Guid.NewGuid():N}"[..14];

    private async Task<SelfServiceWorld> WorldAsync()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        await world.Technician.PutAsync<CustomerBody>($"/api/customers/{world.CustomerId}", IdentityHttp.NewCustomer(knowledgeBaseEnabled: true));
        await world.Admin.SwitchAssistantAsync(enabled: true);
        return world;
    }

    [Fact]
    public async Task Nothing_another_customer_or_contact_owns_reaches_the_model()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var word = Word();
        var otherCustomer = await world.Technician.CreateCustomerAsync();
        var otherContact = await world.Technician.CreateContactAsync(otherCustomer);
        var colleague = await world.Technician.CreateContactAsync(world.CustomerId);
        await world.Technician.CreateDeviceAsync(world.CustomerId, $"Colleague laptop {word}", contactId: colleague.Id);
        await world.Technician.CreateDeviceAsync(otherCustomer, $"Foreign laptop {word}", contactId: otherContact.Id);
        await world.Technician.CreateTicketAsync(otherCustomer, $"Foreign ticket {word}", otherContact.Id);
        await world.Technician.CreateTicketAsync(world.CustomerId, $"Colleague ticket {word}", colleague.Id);
        var section = await world.Admin.CreateSectionAsync(await world.Admin.CreateCategoryAsync($"VPN {word}"), "VPN");
        await world.Admin.CreateArticleAsync(section, $"Connect to the {word} VPN", $"Start the {word} client and sign in. Visible marker.");
        await world.Admin.CreateArticleAsync(section, $"{word} secret gateway", $"Foreign marker {word} gateway.", onlyFor: [otherCustomer]);
        await world.Admin.CreateArticleAsync(section, $"{word} draft", $"Draft marker {word}.", published: false);
        var conversation = await world.Portal.StartConversationAsync();
        api.Model.Requests.Clear();

        var answer = (await world.Portal.SayAsync(conversation.Id, $"How do I connect to the {word} VPN gateway?")).Answer;

        answer.Text.ShouldBe(ChatCompletionsStub.DefaultAnswer);
        answer.Citations.ShouldHaveSingleItem().Title.ShouldBe($"Connect to the {word} VPN");
        var sent = api.Model.Sent;
        sent.ShouldContain("Visible marker");
        sent.ShouldContain(world.DeviceId.ToString());
        sent.ShouldNotContain("Foreign marker");
        sent.ShouldNotContain("Draft marker");
        sent.ShouldNotContain("secret gateway");
        sent.ShouldNotContain("Colleague laptop");
        sent.ShouldNotContain("Foreign laptop");
        sent.ShouldNotContain("ticket " + word);
        sent.ShouldNotContain(world.Phone);
        sent.ShouldNotContain(ModelAssistantApiFactory.ApiKey);
    }

    [Fact]
    public async Task A_tool_call_only_asks_for_the_action_which_runs_after_the_contacts_sms_code_and_never_on_a_wrong_or_absent_one()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var conversation = await world.Portal.StartConversationAsync();
        var sms = api.MessagesTo(world.Phone).Count;
        api.Model.CallToolNext("request_device_action", new { deviceId = world.DeviceId, action = "Restart" });

        var answer = (await world.Portal.SayAsync(conversation.Id, "Please restart my laptop")).Answer;

        var pending = answer.Choices.Where(c => c.Kind == "pending_action").ShouldHaveSingleItem();
        pending.ShouldSatisfyAllConditions(p => p.DeviceId.ShouldBe(world.DeviceId), p => p.Action.ShouldBe("Restart"));
        api.MessagesTo(world.Phone).Count.ShouldBe(sms + 1);
        var code = api.LatestCodeTo(world.Phone);
        api.Model.Sent.ShouldNotContain(code);
        (await world.Portal.GetAsync<IReadOnlyList<DeviceActionBody>>($"/api/portal/devices/{world.DeviceId}/actions"))
            .ShouldHaveSingleItem().Status.ShouldBe("requested");
        (await agent.ActionsAsync()).ShouldBeEmpty();

        var confirm = $"{AssistantHttp.Conversations}/{conversation.Id}/actions/{pending.ActionId}/confirm";
        await world.Portal.ProblemAsync(s => s.Post.Json(new { code = code == "000000" ? "111111" : "000000" }).ToUrl(confirm),
            HttpStatusCode.UnprocessableEntity, "sms.code_invalid");
        await world.Portal.ProblemAsync(s => s.Post.Json(new { code = "" }).ToUrl(confirm), HttpStatusCode.BadRequest, "request.invalid");
        (await agent.ActionsAsync()).ShouldBeEmpty();

        (await world.Portal.PostAsync<DeviceActionBody>(confirm, new { code }, HttpStatusCode.OK)).Status.ShouldBe("dispatched");
        (await agent.ActionsAsync()).ShouldHaveSingleItem().Id.ShouldBe(pending.ActionId!.Value);
    }

    [Fact]
    public async Task A_tool_call_for_a_device_not_assigned_to_the_contact_asks_for_nothing()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var colleague = await world.Technician.CreateContactAsync(world.CustomerId);
        var theirs = await world.Technician.CreateDeviceAsync(world.CustomerId, "Not yours", contactId: colleague.Id);
        var conversation = await world.Portal.StartConversationAsync();
        var before = (await world.Technician.HistoryAsync(theirs.Id)).Count;
        var sms = api.MessagesTo(world.Phone).Count;
        api.Model.CallToolNext("request_device_action", new { deviceId = theirs.Id, action = "Shutdown" });

        var answer = (await world.Portal.SayAsync(conversation.Id, "Shut down that machine")).Answer;

        answer.Choices.ShouldNotContain(c => c.Kind == "pending_action");
        (await world.Technician.HistoryAsync(theirs.Id)).Count.ShouldBe(before);
        api.MessagesTo(world.Phone).Count.ShouldBe(sms);
        api.Model.Requests.Last().ShouldContain("not one of the contact");
    }

    [Fact]
    public async Task A_failing_model_leaves_the_retrieval_answer()
    {
        var world = await WorldAsync();
        using var agent = world.Agent;
        var word = Word();
        var section = await world.Admin.CreateSectionAsync(await world.Admin.CreateCategoryAsync($"Print {word}"), "Print");
        var article = await world.Admin.CreateArticleAsync(section, $"The {word} printer", $"Turn the {word} printer off and on.");
        var conversation = await world.Portal.StartConversationAsync();
        api.Model.Failing = true;
        try
        {
            var answer = (await world.Portal.SayAsync(conversation.Id, $"The {word} printer is stuck")).Answer;

            answer.Text.ShouldNotBe(ChatCompletionsStub.DefaultAnswer);
            answer.Text.ShouldContain($"The {word} printer");
            answer.Citations.ShouldHaveSingleItem().ArticleId.ShouldBe(article);
        }
        finally
        {
            api.Model.Failing = false;
        }
    }
}
