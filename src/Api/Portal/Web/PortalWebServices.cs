using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Auth;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Api.Portal.Tickets;
using Ticketing.Application.Identity;
using Ticketing.Application.Identity.Accounts;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// The customer portal's web pages under <c>/portal</c> (ADR 0025): Razor Pages rendered on the server, signed in with
/// a cookie beside the API's bearer tokens. The pages call the portal API's own query and command code in-process.
/// </summary>
public static class PortalWebServices
{
    /// <summary>The cookie scheme of the portal pages; the API under <c>/api</c> never reads it.</summary>
    public const string CookieScheme = "PortalCookie";

    /// <summary>A contact signed in with the portal cookie.</summary>
    public const string PagePolicy = "portal:page";

    /// <summary>A Taskfire user (T10) signed in with the portal cookie: the pages under <c>/portal/taskfire</c>.</summary>
    public const string TaskfirePagePolicy = "portal:taskfire-page";

    /// <summary>Either kind of portal user: the portal's home (which sends each to their own pages) and sign-out.</summary>
    public const string SignedInPolicy = "portal:signed-in";

    public const string BasePath = "/portal";

    /// <summary>The Taskfire user's pages (ADR 0028).</summary>
    public const string TaskfirePath = "/portal/taskfire";

    /// <summary>The roles the portal's sign-in admits; staff other than Taskfire users are refused like a wrong password.</summary>
    public static readonly IReadOnlyCollection<string> SignInRoles = [Roles.Contact, Roles.Taskfire];

    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Portal/Web";
            // Contacts' pages, the Taskfire user's pages (folder /Taskfire) and the two both reach, each with one policy:
            // a page of the other role is refused and the refusal leads home (AccessDeniedPath), never to the other's data.
            options.Conventions.AddFolderApplicationModelConvention("/", page => page.EndpointMetadata.Add(new AuthorizeAttribute(
                page.ViewEnginePath.StartsWith("/Taskfire/", StringComparison.Ordinal) ? TaskfirePagePolicy
                : page.ViewEnginePath is "/Index" or "/SignOut" ? SignedInPolicy
                : PagePolicy)));
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/ForgotPassword");
            options.Conventions.AllowAnonymousToPage("/ResetPassword");
            options.Conventions.AllowAnonymousToPage("/Language");
            // The same per-address window as /api/auth/*; the per-account one (sign-in, forgot password) is the page's own call.
            foreach (var anonymous in new[] { "/SignIn", "/ForgotPassword", "/ResetPassword" })
            {
                options.Conventions.AddPageApplicationModelConvention(anonymous, page =>
                    page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthRateLimiting.Policy)));
            }
        });
        services.AddLocalization();
        services.AddSingleton<IStringLocalizer<PortalPageTexts>, PortalPageLocalizer>();
        services.AddScoped<PortalSections>();
        services.AddScoped<PortalBranding>();
        services.AddHttpContextAccessor();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ticketing.portal.antiforgery";
            options.Cookie.Path = BasePath;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__antiforgery";
        });
        services.AddAuthentication().AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = "ticketing.portal";
            options.Cookie.Path = BasePath;
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: a link in a notification mail must open the ticket for a contact who is signed in;
            // every state change is a POST, which Lax does not carry cross-site and antiforgery checks anyway.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = $"{BasePath}/sign-in";
            options.LogoutPath = $"{BasePath}/sign-out";
            // A contact on a Taskfire page or a Taskfire user on a contact's page is sent to their own home.
            options.AccessDeniedPath = BasePath;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<AuthSettings>>((options, settings) => options.ExpireTimeSpan = settings.Value.RefreshTokenLifetime);
        services.AddAuthorizationBuilder().AddPolicy(PagePolicy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireRole(Roles.Contact))
            .AddPolicy(TaskfirePagePolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(Roles.Taskfire))
            .AddPolicy(SignedInPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(Roles.Contact, Roles.Taskfire));
        return builder;
    }

    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var languages = PortalLanguage.Options();
        app.UseWhen(http => http.Request.Path.StartsWithSegments(BasePath), portal => portal.UseRequestLocalization(languages).Use(async (http, next) =>
        {
            http.Items[PortalContexts.PageLanguageItem] = PortalLanguage.Current;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            // What antiforgery sets on a page with a form anyway; set first, it does not override it and log a warning per page.
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            await next(http);
        }));
        return app;
    }

    public static WebApplication MapPortalWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        // The very download handler of the API, behind the cookie: one visibility check for both.
        app.MapGet($"{BasePath}/tickets/{{id:guid}}/attachments/{{attachmentId:guid}}", DownloadPortalAttachment.HandleAsync)
            .RequireAuthorization(PagePolicy).ExcludeFromDescription();
        app.MapGet($"{BasePath}/kb/articles/{{id:guid}}/files/{{fileId:guid}}", PortalKnowledgeBaseEndpoints.DownloadAsync)
            .RequireAuthorization(PagePolicy).ExcludeFromDescription();
        app.MapGet($"{TaskfirePath}/tickets/{{id:guid}}/attachments/{{attachmentId:guid}}", Ticketing.Api.Taskfire.TaskfireTicketReads.Attachment)
            .RequireAuthorization(TaskfirePagePolicy).ExcludeFromDescription();
        var css = ReadStyleSheet();
        app.MapGet($"{BasePath}/portal.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(css, "text/css");
        }).AllowAnonymous().ExcludeFromDescription();
        // The accent colour as a style sheet of its own: the policy admits no inline style.
        app.MapGet($"{BasePath}/theme.css", async (PortalBranding branding, CancellationToken ct) =>
            TypedResults.Text($":root {{ --accent: {(await branding.CurrentAsync(ct)).Accent}; }}\n", "text/css"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    // A signed-out or password-changed session ends the cookie too, like a revoked bearer token (SessionValidation).
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirst(IdentityClaimTypes.SessionId)?.Value;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        if (!Guid.TryParse(sessionId, out var id) || !await sessions.IsActiveAsync(id, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private static string ReadStyleSheet()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ticketing.Api.Portal.Web.portal.css")
            ?? throw new InvalidOperationException("The portal's style sheet is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
