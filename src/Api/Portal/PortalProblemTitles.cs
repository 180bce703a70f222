using Microsoft.AspNetCore.Http;
using Ticketing.Application.Portal;

namespace Ticketing.Api.Portal;

/// <summary>
/// P10 for errors: problems answered under <c>/api/portal</c> get their title in the contact's language (or the
/// <c>Accept-Language</c> one when the caller is not a resolved contact). The stable <c>type</c> and <c>code</c>
/// stay as they are; only the human-readable title changes.
/// </summary>
public static class PortalProblemTitles
{
    public static void Localise(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api/portal", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var language = http.Items[PortalContexts.LanguageItem] as string
            ?? PortalTexts.Choose(null, PortalContexts.AcceptLanguages(http.Request));
        var code = context.ProblemDetails.Extensions.TryGetValue("code", out var value) ? value as string : null;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        if (PortalTexts.ProblemTitle(code, status, language) is { } title)
        {
            context.ProblemDetails.Title = title;
        }

        http.Response.Headers.ContentLanguage = language;
    }
}
