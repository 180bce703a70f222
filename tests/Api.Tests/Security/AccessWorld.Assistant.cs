using System.Net;
using Ticketing.Api.Tests.Assistant;
using Ticketing.Api.Tests.Devices;

namespace Ticketing.Api.Tests.Security;

/// <summary>The assistant part of the world (P12): switched on for everyone, and a conversation of <see cref="Who.Contact"/>; made on first use.</summary>
public sealed partial class AccessWorld
{
    private bool _assistantOn;
    private Guid? _conversationA;

    public async Task AssistantOnAsync()
    {
        if (!_assistantOn)
        {
            await AdminUser.SwitchAssistantAsync(enabled: true);
            _assistantOn = true;
        }
    }

    /// <summary>A conversation of <see cref="Who.Contact"/>, the same for every cell.</summary>
    public async Task<Guid> ConversationAAsync() => _conversationA ??= await FreshConversationAsync();

    /// <summary>A new conversation of <see cref="Who.Contact"/>.</summary>
    public async Task<Guid> FreshConversationAsync()
    {
        await AssistantOnAsync();
        return (await UserFor(Who.Contact).StartConversationAsync()).Id;
    }

    /// <summary>For the contact's cell: an action asked for in the contact's conversation and its code; for others any action id and code.</summary>
    public async Task<(Guid Conversation, Guid Action, string Code)> FreshAssistantActionAsync(Who who)
    {
        var conversation = await ConversationAAsync();
        var device = await DeviceAAsync();
        if (who != Who.Contact)
        {
            return (conversation, Guid.NewGuid(), "123456");
        }

        var contact = UserFor(Who.Contact);
        var action = await contact.PostAsync<ActionRequestedBody>(
            $"{AssistantHttp.Conversations}/{conversation}/actions", new { deviceId = device, kind = "Lock" }, HttpStatusCode.Accepted);
        var phone = (await contact.GetAsync<PhoneStatusBody>("/api/portal/phone")).Phone!;
        return (conversation, action.ActionId, api.LatestCodeTo(phone));
    }
}
