using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// The answer of a portal page refused by the per-address window of <c>/api/auth/*</c> (sign-in, forgot and reset
/// password): a page in the page's language, not the API's JSON problem, with the same 429 and Retry-After. The rate
/// limiter answers before the page runs, so this is a plain document with the portal's style sheet and no form.
/// </summary>
public static class PortalRateLimitPage
{
    public static bool Serves(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Path.StartsWithSegments(PortalWebServices.BasePath);
    }

    public static async Task WriteAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var texts = http.RequestServices.GetRequiredService<IStringLocalizer<PortalPageTexts>>();
        var html = http.RequestServices.GetRequiredService<HtmlEncoder>();
        var message = html.Encode(texts["Too many requests. Please wait a minute and try again."]);
        var signIn = html.Encode(texts["Sign in"]);
        var direction = PortalLanguage.RightToLeft ? "rtl" : "ltr";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{html.Encode(PortalLanguage.Current)}" dir="{direction}">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{message}</title>
                <link rel="stylesheet" href="{PortalWebServices.BasePath}/portal.css">
                <link rel="stylesheet" href="{PortalWebServices.BasePath}/theme.css">
            </head>
            <body>
            <main id="main">
                <div class="card narrow">
                    <h1>{signIn}</h1>
                    <p class="alert" role="alert" id="rate-limited">{message}</p>
                    <p><a href="{PortalWebServices.BasePath}/sign-in">{signIn}</a></p>
                </div>
            </main>
            </body>
            </html>
            """, http.RequestAborted);
    }
}
