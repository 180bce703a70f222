using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity;
using Ticketing.Application.Email;
using Ticketing.Application.Email.Templates;
using Ticketing.Application.Portal;
using Wolverine;

namespace Ticketing.Api.Email.Templates;

/// <summary>
/// <c>/api/admin/email-templates</c> (administrators): the kinds × languages grid, one template with the snippets its
/// kind may use, PUT of an override and DELETE back to the built-in text. The ETag is the template's version; If-Match
/// is optional and a stale one answers 412.
/// </summary>
public static class EmailTemplateAdminEndpoints
{
    public static IEndpointRouteBuilder MapEmailTemplateAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/email-templates").RequireAuthorization(Policies.Admin).WithTags("Email templates");
        group.MapGet("/", async Task<Ok<IReadOnlyList<EmailTemplateSummary>>> (EmailTemplateAdmin templates, CancellationToken ct) =>
            TypedResults.Ok(await templates.ListAsync(ct)));
        group.MapGet("/{kind}/{language}", async Task<Ok<EmailTemplateResponse>> (
            string kind, string language, HttpContext http, EmailTemplateAdmin templates, IPortalSettings portal, CancellationToken ct) =>
            await AnswerAsync(http, portal, await templates.GetAsync(kind, language, ct), ct));
        group.MapPut("/{kind}/{language}", async Task<Ok<EmailTemplateResponse>> (
            string kind, string language, EmailTemplateBody? body, ClaimsPrincipal user, HttpContext http, IMessageBus bus, IPortalSettings portal, CancellationToken ct) =>
            await AnswerAsync(http, portal, await bus.InvokeAsync<EmailTemplateResponse>(
                new SaveEmailTemplate(kind, language, body, http.Request.Headers.IfMatch.ToString(), user.GetCurrentUser().UserId), ct), ct));
        group.MapDelete("/{kind}/{language}", async Task<Ok<EmailTemplateResponse>> (
            string kind, string language, ClaimsPrincipal user, HttpContext http, IMessageBus bus, IPortalSettings portal, CancellationToken ct) =>
            await AnswerAsync(http, portal, await bus.InvokeAsync<EmailTemplateResponse>(
                new RevertEmailTemplate(kind, language, http.Request.Headers.IfMatch.ToString(), user.GetCurrentUser().UserId), ct), ct));
        return routes;
    }

    // The editor says which snippets a contact's mail leaves empty under the portal's field rules in force now.
    private static async Task<Ok<EmailTemplateResponse>> AnswerAsync(HttpContext http, IPortalSettings portal, EmailTemplateResponse template, CancellationToken ct)
    {
        var settings = await portal.CurrentAsync(ct);
        http.Response.Headers.ETag = SettingsVersions.ETag(template.Version);
        return TypedResults.Ok(template with
        {
            HiddenFromContacts = EmailSnippets.HiddenFromContacts(template.Kind, field => !settings.Field(field).IsVisible),
        });
    }
}
