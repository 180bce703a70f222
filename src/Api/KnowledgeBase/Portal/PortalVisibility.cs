using System.Security.Claims;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Errors;
using Ticketing.Application.KnowledgeBase;

namespace Ticketing.Api.KnowledgeBase.Portal;

/// <summary>
/// What a contact may see of the knowledge base: nothing when the knowledge-base section is off for all customers or
/// for the contact's customer (P11), otherwise published articles that both their category and themselves admit the
/// customer to. The rule is SQL so every portal query applies it inside the query, never afterwards.
/// </summary>
public static class PortalVisibility
{
    /// <summary>A condition over the aliases <c>a</c> (article) and <c>c</c> (category); <c>$1</c> is the customer id.</summary>
    public const string ArticleVisible = ArticleVisibility.ToCustomer;

    /// <summary>The condition for staff, who see everything; <c>$1</c> is a null customer id.</summary>
    public const string Unrestricted = "$1::uuid is null";

    /// <summary>
    /// The caller's customer, after checking that the knowledge-base section is on for all customers (the saved portal
    /// settings, else configuration) and for this one (403 otherwise). One round trip.
    /// </summary>
    public static async Task<Guid> CustomerWithKnowledgeBaseAsync(
        ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var customerId = user.GetCurrentUser().CustomerId
            ?? throw new ForbiddenException(KnowledgeBaseErrors.PortalDisabled, "The knowledge base is only for contacts of a customer.");
        await using var command = dataSource.CreateCommand("""
            select c.knowledge_base_enabled,
                (select (v.value ->> 'knowledgeBaseEnabled')::boolean from settings_versions v where v.section = 'portal' order by v.id desc limit 1)
            from customers c where c.id = $1
            """).With(customerId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var forCustomer = await reader.ReadAsync(ct) && reader.GetBoolean(0);
        var forAll = forCustomer && (reader.IsDBNull(1) ? defaults.Portal().KnowledgeBaseEnabled : reader.GetBoolean(1));
        if (!forAll)
        {
            throw new ForbiddenException(KnowledgeBaseErrors.PortalDisabled, forCustomer
                ? "The knowledge base is switched off."
                : "The knowledge base is not enabled for your company.");
        }

        return customerId;
    }
}
