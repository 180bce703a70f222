using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Security;

/// <summary>New resources of company A for the matrix cells that change or delete one.</summary>
public sealed partial class AccessWorld
{
    public async Task<Guid> FreshTicketAsync() => (await AdminUser.CreateTicketAsync(CustomerA, $"{Marker} fresh", this[Who.Contact].UserId)).Id;

    /// <summary>A fresh ticket of A handed to A's Taskfire user (so the Taskfire commands apply).</summary>
    public async Task<Guid> FreshTaskfireTicketAsync()
    {
        var id = await FreshTicketAsync();
        await AdminUser.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId = this[Who.Taskfire].UserId, note = "Over to you" });
        return id;
    }

    /// <summary>The copy of a fresh ticket of A handed to A's Taskfire user: what the Taskfire user's own endpoints work on.</summary>
    public async Task<Guid> FreshTaskfireCopyAsync() =>
        (await AdminUser.TicketAsync(await FreshTaskfireTicketAsync())).Ticket.LinkedTicketId!.Value;

    /// <summary>A fresh copy whose page shows a file: a public reply's attachment on the MSP's ticket, handed over after it.</summary>
    public async Task<(Guid Copy, Guid Attachment)> FreshTaskfireAttachmentAsync()
    {
        var id = await FreshTicketAsync();
        var attachment = await PublicAttachmentAsync(id);
        await AdminUser.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId = this[Who.Taskfire].UserId, note = "Over to you" });
        return ((await AdminUser.TicketAsync(id)).Ticket.LinkedTicketId!.Value, attachment);
    }

    /// <summary>A fresh ticket of A's Taskfire user's own help desk, not submitted: what the submit cell works on.</summary>
    public async Task<Guid> FreshOwnTaskfireTicketAsync() =>
        (await UserFor(Who.Taskfire).PostAsync<Taskfire.OwnTicketCreated>("/api/taskfire/tickets", new { title = $"{Marker} own" })).Id;

    public Task<Guid> FreshCustomerAsync() => CustomerAsync($"{Marker} fresh customer");

    public async Task<Guid> FreshContactAsync() => (await AdminUser.CreateContactAsync(CustomerA)).Id;

    /// <summary>A new technician, for the deactivate and reactivate cells.</summary>
    public async Task<Guid> FreshStaffUserAsync() =>
        (await AdminUser.PostAsync<StaffUserCreatedBody>("/api/admin/users", new { role = "technician", email = IdentityHttp.UniqueEmail("tech"), firstName = "New", lastName = "Tech" })).User.Id;

    public Task<Guid> FreshCategoryAsync() => AdminUser.CreateCategoryAsync($"{Marker} fresh category", CustomerA);

    public async Task<Guid> FreshSectionAsync() => await AdminUser.CreateSectionAsync(CategoryA, $"{Marker} fresh section");

    public Task<Guid> FreshArticleAsync() => AdminUser.CreateArticleAsync(SectionA, $"{Marker} fresh article", "body", onlyFor: [CustomerA]);

    public async Task<(Guid Article, Guid File)> FreshArticleFileAsync()
    {
        var article = await FreshArticleAsync();
        return (article, await ArticleFileAsync(article));
    }

    public async Task<Guid> FreshRuleAsync() => (await AdminUser.PostAsync<CreatedRule>("/api/admin/workflow-rules", RuleBody($"{Marker} rule"))).Id;

    public object RuleBody(string name) => new
    {
        name,
        trigger = "ticket_created",
        conditions = new[] { new { field = "customer", op = "eq", value = CustomerA.ToString() } },
        actions = new[] { new { set = "workType", value = "Remote" } },
    };

    /// <summary>The refresh token of a new session of A's contact, for the refresh cells (each spends one).</summary>
    public async Task<string> FreshRefreshTokenAsync() =>
        (await api.SignInForTokensAsync(this[Who.Contact].Login, this[Who.Contact].Password)).RefreshToken;

    /// <summary>A new contact of A with a reset code requested; returns its login and the mailed code.</summary>
    public async Task<(string Login, string Code)> FreshResetCodeAsync()
    {
        var contact = await AdminUser.CreateContactAsync(CustomerA);
        var code = await api.RequestResetCodeAsync(contact.Email, contact.Email);
        EightDigits().IsMatch(code).ShouldBeTrue();
        return (contact.Email, code);
    }
}

/// <summary>The part of a created workflow rule the access matrix needs.</summary>
internal sealed record CreatedRule(Guid Id);
