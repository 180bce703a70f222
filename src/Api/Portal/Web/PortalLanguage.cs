using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// P10 for the pages: the language is the portal's language cookie, else the browser's <c>Accept-Language</c>, else
/// English. Signing in sets the cookie to the contact's own language, the language switch and a profile change to the
/// chosen one, so the contact's language is the default and the switch lasts for the browser.
/// </summary>
public static class PortalLanguage
{
    public const string Cookie = "ticketing.portal.lang";

    public static RequestLocalizationOptions Options()
    {
        var cultures = PortalLanguages.Supported.Select(CultureInfo.GetCultureInfo).ToList();
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = Cookie }, new AcceptLanguageHeaderRequestCultureProvider()],
        };
    }

    /// <summary>Remembers <paramref name="language"/> for the pages of this browser (ignored when not a portal language).</summary>
    public static void Remember(HttpResponse response, string? language)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!PortalLanguages.IsSupported(language))
        {
            return;
        }

        response.Cookies.Append(Cookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language!)), new CookieOptions
        {
            Path = PortalWebServices.BasePath,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
    }

    /// <summary>The page's language for the API texts it shows (status names, refusals).</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>The language switch's choices: each portal language by its own name.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Choices =
        [.. PortalLanguages.Supported.Select(code => (code, CultureInfo.GetCultureInfo(code).NativeName))];

    /// <summary>A portal language by its own name (<c>Deutsch</c>, <c>עברית</c>); the code itself when not a portal language.</summary>
    public static string NativeName(string code) =>
        Choices.FirstOrDefault(c => c.Code == code) is { Name: { } name } ? name : code;

    public static bool RightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;
}
