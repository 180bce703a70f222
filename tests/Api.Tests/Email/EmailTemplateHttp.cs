using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Email;

/// <summary>The email template admin API as Alba scenarios, read into <see cref="EmailTemplateView"/>.</summary>
public static class EmailTemplateHttp
{
    public static string TemplateUrl(string kind, string language) => $"/api/admin/email-templates/{kind}/{language}";

    /// <summary><c>PUT</c> of an override (with <c>If-Match</c> when given), expecting <paramref name="status"/> (200 unless told).</summary>
    public static Task<IScenarioResult> PutTemplateAsync(
        this ApiUser user, string kind, string language, object body, string? ifMatch = null, HttpStatusCode status = HttpStatusCode.OK) =>
        user.Scenario(s =>
        {
            s.Put.Json(body).ToUrl(TemplateUrl(kind, language));
            if (ifMatch is not null)
            {
                s.WithRequestHeader("If-Match", ifMatch);
            }

            s.StatusCodeShouldBe(status);
        });

    /// <summary>Saves an override and returns the template in force with its ETag.</summary>
    public static async Task<(EmailTemplateView Template, string ETag)> SaveTemplateAsync(
        this ApiUser admin, string kind, string language, object body, string? ifMatch = null) =>
        (await admin.PutTemplateAsync(kind, language, body, ifMatch)).Template();

    /// <summary><c>GET</c> of one template with its ETag.</summary>
    public static async Task<(EmailTemplateView Template, string ETag)> TemplateAsync(this ApiUser admin, string kind, string language) =>
        (await admin.Scenario(s => s.Get.Url(TemplateUrl(kind, language)))).Template();

    /// <summary>The template an answer carries, and its ETag (the template's version).</summary>
    public static (EmailTemplateView Template, string ETag) Template(this IScenarioResult result) => (result.ReadAs<EmailTemplateView>(), result.ETag());

    /// <summary>Every write of templates and settings so far; no endpoint counts them all, so this reads the tables.</summary>
    public static async Task<long> TemplateWritesAsync(this EmailApiFactory api) =>
        await api.ScalarAsync<long>("select (select count(*) from email_templates) + (select count(*) from settings_versions)");
}
