using System.Net;
using Alba;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>
/// The data the fuzzer aims at, built through the API: a customer with a contact, a ticket of that contact, and valid
/// tokens of every role, so most malformed requests get past authentication and reach body validation; plus an
/// expired token (properly signed, its expiry in the past) and a revoked one (its session ended by logout).
/// </summary>
public sealed class FuzzWorld
{
    public required string AdminToken { get; init; }
    public required string TechnicianToken { get; init; }
    public required string AuditorToken { get; init; }
    public required string ContactToken { get; init; }
    public required string ExpiredToken { get; init; }
    public required string RevokedToken { get; init; }
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public required Guid ContactId { get; init; }
    public required Guid TechnicianId { get; init; }
    public required Guid CategoryId { get; init; }
    public required Guid SectionId { get; init; }
    public required Guid ArticleId { get; init; }

    public static async Task<FuzzWorld> BuildAsync(FuzzApiFactory api)
    {
        var admin = await api.SignInAdminAsync();
        var technician = await api.SignInStaffAsync();
        var auditor = await api.SignInStaffAsync("auditor");
        var customerId = (await technician.Scenario(s =>
        {
            s.Post.Json(new
            {
                name = "Fuzzed customer", emailDomains = Array.Empty<string>(), timeZone = "Europe/Zurich", ticketingPortalEnabled = true, knowledgeBaseEnabled = true,
            }).ToUrl("/api/customers");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }).ReadAsync<Created>()).Id;
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId, "Fuzzed ticket", contact.Id);
        var categoryId = await technician.CreateCategoryAsync("Fuzzed category");
        var sectionId = await technician.CreateSectionAsync(categoryId, "Fuzzed section");
        var articleId = await technician.CreateArticleAsync(sectionId, "Fuzzed article", "Some **body**.");

        var revoked = await api.SignInStaffAsync();
        await revoked.Scenario(s =>
        {
            s.Post.Url("/api/auth/logout");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        return new FuzzWorld
        {
            AdminToken = admin.Token!,
            TechnicianToken = technician.Token!,
            AuditorToken = auditor.Token!,
            ContactToken = (await api.SignInUserAsync(contact)).Token!,
            ExpiredToken = Expired(api, admin.Token!),
            RevokedToken = revoked.Token!,
            TicketId = ticket.Id,
            CustomerId = customerId,
            ContactId = contact.Id,
            TechnicianId = technician.Id,
            CategoryId = categoryId,
            SectionId = sectionId,
            ArticleId = articleId,
        };
    }

    /// <summary>The valid token of the role the route's group requires.</summary>
    public string TokenFor(string pattern) =>
        pattern.StartsWith("/api/portal", StringComparison.Ordinal) || pattern.StartsWith("/api/me", StringComparison.Ordinal) ? ContactToken
        : pattern.StartsWith("/api/admin", StringComparison.Ordinal) ? AdminToken
        : pattern.StartsWith("/api/audit", StringComparison.Ordinal) ? AuditorToken
        : TechnicianToken;

    /// <summary>A seeded id for a body property or route parameter, by the resource its name or path segment names.</summary>
    public Guid? IdFor(string name) => name.ToLowerInvariant() switch
    {
        var n when n.Contains("ticket", StringComparison.Ordinal) => TicketId,
        var n when n.Contains("categor", StringComparison.Ordinal) => CategoryId,
        var n when n.Contains("section", StringComparison.Ordinal) => SectionId,
        var n when n.Contains("article", StringComparison.Ordinal) => ArticleId,
        var n when n.Contains("customer", StringComparison.Ordinal) => CustomerId,
        var n when n.Contains("contact", StringComparison.Ordinal) => ContactId,
        var n when n.Contains("technician", StringComparison.Ordinal) || n.Contains("assignee", StringComparison.Ordinal)
            || n.Contains("resource", StringComparison.Ordinal) || n.Contains("user", StringComparison.Ordinal) => TechnicianId,
        _ => null,
    };

    private sealed record Created(Guid Id);

    private static string Expired(FuzzApiFactory api, string token)
    {
        var options = api.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);
        var ticket = options.BearerTokenProtector.Unprotect(token)!;
        ticket.Properties.ExpiresUtc = DateTimeOffset.UtcNow.AddHours(-1);
        return options.BearerTokenProtector.Protect(ticket);
    }
}
