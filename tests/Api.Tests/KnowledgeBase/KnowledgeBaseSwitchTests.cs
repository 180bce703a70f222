using System.Net;
using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>P11: the knowledge base can be switched off for all customers with one portal setting, like ticketing.</summary>
public sealed class KnowledgeBaseSwitchTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task Switched_off_for_all_a_contact_whose_company_has_it_on_gets_403_until_it_is_switched_back_on()
    {
        var admin = await api.ConfiguredAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin, knowledgeBaseEnabled: true);
        (await contact.GetAsync(Url("/api/portal/kb/categories"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await admin.ChangeSectionAsync("portal", portal => portal["knowledgeBaseEnabled"] = false);

        await (await contact.GetAsync(Url("/api/portal/kb/categories"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "portal.knowledge_base_disabled");
        await (await contact.GetAsync(Url("/api/portal/kb/search?q=vpn"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "portal.knowledge_base_disabled");
        (await admin.GetSectionAsync("portal")).Body["knowledgeBaseEnabled"]!.GetValue<bool>().ShouldBeFalse();

        await admin.ChangeSectionAsync("portal", portal => portal["knowledgeBaseEnabled"] = true);

        (await contact.GetAsync(Url("/api/portal/kb/categories"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Switched_on_for_all_a_company_with_its_own_flag_off_still_gets_403()
    {
        var admin = await api.ConfiguredAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin, knowledgeBaseEnabled: false);

        await (await contact.GetAsync(Url("/api/portal/kb/categories"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "portal.knowledge_base_disabled");
    }
}
