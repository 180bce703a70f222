using System.Net;
using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Identity;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>P11: the knowledge base can be switched off for all customers with one portal setting, like ticketing.</summary>
public sealed class KnowledgeBaseSwitchTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task Switched_off_for_all_a_contact_whose_company_has_it_on_gets_403_until_it_is_switched_back_on()
    {
        var settings = await api.SignInConfiguredAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(await api.SignInAdminAsync(), knowledgeBaseEnabled: true);
        await contact.GetAsync<IReadOnlyList<PortalCategoryBody>>("/api/portal/kb/categories");

        await settings.ChangeSectionAsync<PortalSection>(portal => portal with { KnowledgeBaseEnabled = false });

        await contact.ProblemAsync(s => s.Get.Url("/api/portal/kb/categories"), HttpStatusCode.Forbidden, "portal.knowledge_base_disabled");
        await contact.ProblemAsync(s => s.Get.Url("/api/portal/kb/search?q=vpn"), HttpStatusCode.Forbidden, "portal.knowledge_base_disabled");
        (await settings.GetSectionAsync<PortalSection>()).Body.KnowledgeBaseEnabled.ShouldBeFalse();

        await settings.ChangeSectionAsync<PortalSection>(portal => portal with { KnowledgeBaseEnabled = true });

        await contact.GetAsync<IReadOnlyList<PortalCategoryBody>>("/api/portal/kb/categories");
    }

    [Fact]
    public async Task Switched_on_for_all_a_company_with_its_own_flag_off_still_gets_403()
    {
        await api.SignInConfiguredAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(await api.SignInAdminAsync(), knowledgeBaseEnabled: false);

        await contact.ProblemAsync(s => s.Get.Url("/api/portal/kb/categories"), HttpStatusCode.Forbidden, "portal.knowledge_base_disabled");
    }
}
