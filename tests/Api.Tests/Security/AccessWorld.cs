using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Admin.Settings;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Security;

/// <summary>The eight kinds of caller the access matrix asks about.</summary>
public enum Who { Anonymous, Contact, Primary, OtherContact, Taskfire, Technician, Auditor, Admin }

/// <summary>A signed-in caller's login, password and current bearer token.</summary>
public sealed record Principal(Who Who, Guid UserId, string Login, string Password, string? Token);

/// <summary>
/// Company A (the contacts' company) with a ticket carrying a public attachment, a knowledge-base article and file
/// visible to A only, and a workflow rule; company B with its own contact; one signed-in caller of each kind.
/// Everything is built through the API; <c>Fresh...</c> helpers make a new resource for cells that change or delete one.
/// </summary>
public sealed partial class AccessWorld(TicketApiFactory api)
{
    public const string Marker = "ACME-SECRET";

    private readonly Dictionary<Who, Principal> _principals = [];

    public TicketApiFactory Api => api;

    /// <summary>The admin's session for Alba scenarios.</summary>
    public ApiUser AdminUser { get; private set; } = null!;

    public Guid CustomerA { get; private set; }

    public Guid CustomerB { get; private set; }

    public Guid TicketA { get; private set; }

    public string TicketNumberA { get; private set; } = "";

    public Guid AttachmentA { get; private set; }

    public Guid CategoryA { get; private set; }

    public Guid SectionA { get; private set; }

    public Guid ArticleA { get; private set; }

    public Guid ArticleFileA { get; private set; }

    public Guid RuleA { get; private set; }

    public Principal this[Who who] => _principals[who];

    public static async Task<AccessWorld> BuildAsync(TicketApiFactory api)
    {
        var world = new AccessWorld(api);
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        // One session for the world's set-up and the admin's cells: a password change keeps only the caller's own.
        _principals[Who.Admin] = await SignInAsync(Who.Admin, Guid.Empty, IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        AdminUser = api.As(this[Who.Admin].Token!);
        // A saved catalogue is enforced, and the matrix re-saves it; the fresh tickets' queue must be in it.
        await AdminUser.ChangeSectionAsync<CataloguesSection>(c => c with { Queues = ["Client Portal", "Service Desk"] });
        _principals[Who.Anonymous] = new Principal(Who.Anonymous, Guid.Empty, "nobody", "Nobody-passw0rd", null);
        CustomerA = await CustomerAsync($"{Marker} Customer A");
        CustomerB = await CustomerAsync("Customer B");
        _principals[Who.Contact] = await ContactAsync(Who.Contact, CustomerA, isPrimary: false);
        _principals[Who.Primary] = await ContactAsync(Who.Primary, CustomerA, isPrimary: true);
        _principals[Who.OtherContact] = await ContactAsync(Who.OtherContact, CustomerB, isPrimary: false);
        _principals[Who.Taskfire] = await StaffAsync(Who.Taskfire, "taskfire", CustomerA);
        _principals[Who.Technician] = await StaffAsync(Who.Technician, "technician", null);
        _principals[Who.Auditor] = await StaffAsync(Who.Auditor, "auditor", null);

        var ticketA = await AdminUser.CreateTicketAsync(CustomerA, $"{Marker} printer on fire", this[Who.Contact].UserId);
        (TicketA, TicketNumberA) = (ticketA.Id, ticketA.Number);
        AttachmentA = await PublicAttachmentAsync(TicketA);
        CategoryA = await AdminUser.CreateCategoryAsync($"{Marker} category", CustomerA);
        SectionA = await AdminUser.CreateSectionAsync(CategoryA, $"{Marker} section");
        ArticleA = await AdminUser.CreateArticleAsync(SectionA, $"{Marker} article", $"{Marker} wombat body", onlyFor: [CustomerA]);
        ArticleFileA = await ArticleFileAsync(ArticleA);
        RuleA = await FreshRuleAsync();
    }

    /// <summary><paramref name="who"/> with its long-lived token (none for the anonymous caller).</summary>
    public ApiUser UserFor(Who who) => new(api.Host, this[who].Token);

    /// <summary>A new session of <paramref name="who"/>, for cells (logout) that end the session they run on.</summary>
    public async Task<string?> FreshTokenAsync(Who who) =>
        who == Who.Anonymous ? null : (await api.SignInAsync(this[who].Login, this[who].Password)).Token;

    public static MultipartFormDataContent FileForm(string fileName, string text, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", fileName);
        return form;
    }

    private async Task<Guid> CustomerAsync(string name) =>
        (await AdminUser.PostAsync<CustomerBody>("/api/customers", NewCustomer($"{name} {Guid.NewGuid():N}", knowledgeBaseEnabled: true))).Id;

    private async Task<Principal> ContactAsync(Who who, Guid customer, bool isPrimary)
    {
        var contact = await AdminUser.CreateContactAsync(customer, firstName: $"{who}", lastName: isPrimary ? "Primary" : "Contact", isPrimary: isPrimary);
        return await SignInAsync(who, contact.Id, contact.Username, contact.Password);
    }

    private async Task<Principal> StaffAsync(Who who, string role, Guid? customerId)
    {
        var created = await AdminUser.PostAsync<StaffUserCreatedBody>("/api/admin/users", new
        {
            role, email = UniqueEmail(role), firstName = "Sam", lastName = role, customerId,
        });
        return await SignInAsync(who, created.User.Id, created.Username, created.Password);
    }

    private async Task<Principal> SignInAsync(Who who, Guid id, string login, string password) =>
        new(who, id, login, password, (await api.SignInAsync(login, password)).Token);

    private async Task<Guid> PublicAttachmentAsync(Guid ticket)
    {
        using var form = FileForm("acme.txt", $"{Marker} attachment", ("body", $"{Marker} public reply"), ("visibility", "Public"));
        await AdminUser.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl($"/api/tickets/{ticket}/replies");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        var detail = await AdminUser.GetAsync<TicketTimeline>($"/api/tickets/{ticket}");
        return detail.Timeline.SelectMany(e => e.Attachments).Select(f => f.Id).Last();
    }

    private async Task<Guid> ArticleFileAsync(Guid article) =>
        (await AdminUser.AttachFileAsync(article, "acme-kb.txt", "text/plain", System.Text.Encoding.UTF8.GetBytes($"{Marker} kb file"))).Id;

    /// <summary>The part of a ticket page the world reads: the attachments on its timeline.</summary>
    private sealed record TicketTimeline(IReadOnlyList<TimelineEntryFiles> Timeline);

    private sealed record TimelineEntryFiles(IReadOnlyList<AttachmentId> Attachments);

    private sealed record AttachmentId(Guid Id);

    [GeneratedRegex(@"\b\d{8}\b")]
    private static partial Regex EightDigits();
}
