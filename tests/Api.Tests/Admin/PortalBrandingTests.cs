using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Tests.Admin;

/// <summary>A1: the MSP's name, logo and accent colour of the portal settings reach the portal pages (ADR 0025).</summary>
public sealed class PortalBrandingTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task A_logo_that_is_not_https_or_a_local_path_and_a_colour_that_is_not_hex_are_refused_and_nothing_is_saved()
    {
        var admin = await api.SignInAdminAsync();
        var (portal, etag) = await admin.GetSectionAsync<PortalSection>();

        var errors = await admin.ValidationErrorsAsync(s =>
        {
            s.Put.Json(portal with { LogoUrl = "javascript:alert(1)", AccentColour = "red" }).ToUrl(AdminSettingsScenarios.SectionUrl("portal"));
            s.WithRequestHeader("If-Match", etag);
        });

        errors.Keys.ShouldBe(["logoUrl", "accentColour"], ignoreOrder: true);
        var (after, etagAfter) = await admin.GetSectionAsync<PortalSection>();
        etagAfter.ShouldBe(etag);
        (after.MspName, after.LogoUrl, after.AccentColour).ShouldBe((portal.MspName, portal.LogoUrl, portal.AccentColour));
    }

    [Fact]
    public async Task A_saved_name_logo_and_accent_colour_show_on_the_portal_pages_at_once()
    {
        var admin = await api.SignInAdminAsync();
        await admin.ChangeSectionAsync<PortalSection>(p => p with
        {
            MspName = "Northwind Managed IT", LogoUrl = "https://cdn.northwind.example/logo.svg", AccentColour = "#7a1f5c",
        });

        var signIn = await api.Anonymous().Scenario(s => s.Get.Url("/portal/sign-in"));
        var html = signIn.ReadAsText();
        html.ShouldContain("Northwind Managed IT");
        html.ShouldContain("src=\"https://cdn.northwind.example/logo.svg\"");
        var theme = await api.Anonymous().Scenario(s => s.Get.Url("/portal/theme.css"));
        theme.ReadAsText().ShouldContain("--accent: #7a1f5c;");
        theme.Context.Response.ContentType.ShouldStartWith("text/css");
    }
}
