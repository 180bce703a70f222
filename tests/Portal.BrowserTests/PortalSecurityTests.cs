using System.Net;
using System.Text.RegularExpressions;
using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// The portal pages' protections, at the HTTP level (no browser needed): the cookie's flags, the Content-Security-Policy,
/// antiforgery on every form, and the API's own lockout behind the sign-in form.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class PortalSecurityTests(PortalHost host)
{
    [Fact]
    public async Task The_session_cookie_is_HttpOnly_and_SameSite_pages_forbid_inline_script_and_a_form_without_its_antiforgery_token_is_refused()
    {
        var contact = await NewContactAsync();
        using var client = Client(out var cookies);
        using var signInPage = await client.GetAsync("/portal/sign-in");
        var csp = signInPage.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'none'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("script-src");
        var html = await signInPage.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script", Case.Insensitive);

        // Without the antiforgery token, a correct password is refused and no cookie is given.
        using (var forged = await client.PostAsync("/portal/sign-in", Form(("login", contact.Username), ("password", contact.Password))))
        {
            forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            cookies.GetAllCookies().ShouldNotContain(c => c.Name == "ticketing.portal");
        }

        using var signedIn = await client.PostAsync("/portal/sign-in", Form(
            ("login", contact.Username), ("password", contact.Password), ("__antiforgery", Token(html))));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var setCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ticketing.portal=", StringComparison.Ordinal));
        setCookie.ShouldContain("httponly", Case.Insensitive);
        setCookie.ShouldContain("samesite=lax", Case.Insensitive);
        setCookie.ShouldContain("path=/portal", Case.Insensitive);

        // The list page has no form that changes anything (ADR 0035); the sign-out page's form carries the token, and a
        // reply posted without it is refused.
        using var list = await client.GetAsync("/portal/tickets");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listHtml = await list.Content.ReadAsStringAsync();
        listHtml.ShouldNotContain("method=\"post\"");
        listHtml.ShouldNotContain("name=\"__antiforgery\"");
        using var signOut = await client.GetAsync("/portal/sign-out");
        (await signOut.Content.ReadAsStringAsync()).ShouldContain("name=\"__antiforgery\"");
        using var reply = await client.PostAsync($"/portal/tickets/{Guid.NewGuid()}?handler=Reply", Form(("body", "forged")));
        reply.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_device_pages_forms_carry_the_antiforgery_token_and_a_code_request_or_action_without_it_is_refused_and_sends_nothing()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Fabrikam");
        var contact = await office.ContactAsync(customer, "Kim", "Secure");
        var device = await office.DeviceAsync(customer, contact.ContactId, "Kiosk");
        using var client = Client(out _);
        (await SignInAsync(client, contact.Username, contact.Password)).ShouldBe(HttpStatusCode.Redirect);

        await office.WithPortalSettingAsync("selfServiceEnabled", System.Text.Json.Nodes.JsonValue.Create(true), async () =>
        {
            var forms = 0;
            foreach (var page in new[] { "/portal/devices", $"/portal/devices/{device}" })
            {
                using var shown = await client.GetAsync(page);
                shown.StatusCode.ShouldBe(HttpStatusCode.OK, page);
                var html = await shown.Content.ReadAsStringAsync();
                forms += PostForms(html).Count;
                EveryPostFormCarriesTheToken(html, page);
                html.ShouldNotContain("<script", Case.Insensitive, page);
            }

            forms.ShouldBeGreaterThan(0, "the phone's form at least");

            using var register = await client.PostAsync("/portal/devices?handler=RegisterPhone", Form(("phone", "+41790000001")));
            register.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            using var restart = await client.PostAsync($"/portal/devices/{device}?handler=Request", Form(("kind", "Restart")));
            restart.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var sms = System.IO.Path.Combine(host.DataFolder, "sms-pickup");
            (Directory.Exists(sms) ? Directory.GetFiles(sms, "*.sms").Select(File.ReadAllText) : [])
                .ShouldNotContain(text => text.StartsWith("To: +41790000001", StringComparison.Ordinal), "a forged form sends no code");
        });
    }

    [Fact]
    public async Task Wrong_passwords_on_the_sign_in_page_lock_the_account_as_the_api_login_does()
    {
        var contact = await NewContactAsync();
        using var client = Client(out _);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await SignInAsync(client, contact.Username, "Wrong-Password-1!")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Locked now: the right password fails on the page and on the API alike.
        (await SignInAsync(client, contact.Username, contact.Password)).ShouldBe(HttpStatusCode.Unauthorized);
        using var api = host.CreateApiClient();
        using var login = await api.PostAsync("/api/auth/login", System.Net.Http.Json.JsonContent.Create(new { login = contact.Username, password = contact.Password }));
        login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_taskfire_users_cookie_opens_their_pages_only_and_their_forms_need_the_antiforgery_token()
    {
        var office = new BackOffice(host);
        var taskfire = await office.TaskfireUserAsync(await office.CustomerAsync("Wingtip"), "Tay", "Secure");
        using var client = Client(out _);
        (await SignInAsync(client, taskfire.Username, taskfire.Password)).ShouldBe(HttpStatusCode.Redirect);

        using (var home = await client.GetAsync("/portal"))
        {
            Path(home).ShouldBe("/portal/taskfire/tickets");
        }

        // A contact's page is refused before it runs and leads home, never to a contact's data.
        foreach (var contactsPage in new[] { "/portal/tickets", $"/portal/tickets/{Guid.NewGuid()}", "/portal/profile", "/portal/kb", "/portal/devices" })
        {
            using var refused = await client.GetAsync(contactsPage);
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect, contactsPage);
            Path(refused).ShouldBe("/portal", contactsPage);
        }

        using var list = await client.GetAsync("/portal/taskfire/tickets");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await list.Content.ReadAsStringAsync();
        EveryPostFormCarriesTheToken(html, "/portal/taskfire/tickets");
        using (var newTicket = await client.GetAsync("/portal/taskfire/tickets/new"))
        {
            var form = await newTicket.Content.ReadAsStringAsync();
            PostForms(form).ShouldNotBeEmpty();
            EveryPostFormCarriesTheToken(form, "/portal/taskfire/tickets/new");
        }

        html.ShouldNotContain("<script", Case.Insensitive);
        list.Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain("script-src");
        using var note = await client.PostAsync($"/portal/taskfire/tickets/{Guid.NewGuid()}?handler=Note", Form(("body", "forged")));
        note.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var created = await client.PostAsync("/portal/taskfire/tickets/new", Form(("title", "forged")));
        created.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private string Path(HttpResponseMessage redirect) => new Uri(host.BaseAddress, redirect.Headers.Location!).AbsolutePath;

    private async Task<BackOffice.Credentials> NewContactAsync()
    {
        var office = new BackOffice(host);
        return await office.ContactAsync(await office.CustomerAsync("Tailspin"), "Pat", "Secure");
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string login, string password)
    {
        var html = await client.GetStringAsync("/portal/sign-in");
        using var response = await client.PostAsync("/portal/sign-in", Form(("login", login), ("password", password), ("__antiforgery", Token(html))));
        return response.StatusCode;
    }

    private HttpClient Client(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string Token(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    /// <summary>The POST forms of a page, each from its opening tag to its end.</summary>
    private static IReadOnlyList<string> PostForms(string html) => [.. PostForm().Matches(html).Select(m => m.Value)];

    private static void EveryPostFormCarriesTheToken(string html, string page)
    {
        foreach (var form in PostForms(html))
        {
            form.ShouldContain("name=\"__antiforgery\"", customMessage: $"{page}: {form[..Math.Min(form.Length, 120)]}");
        }
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
