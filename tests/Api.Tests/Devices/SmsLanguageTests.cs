using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Portal;
using Ticketing.Application.Sms;

namespace Ticketing.Api.Tests.Devices;

/// <summary>P13 with P10: every SMS a contact gets (the phone's code, an action's code, a temporary password) is in the contact's language.</summary>
public sealed class SmsLanguageTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task A_french_contact_gets_the_codes_and_the_temporary_password_in_french()
    {
        var world = await SelfServiceWorld.BuildAsync(api, language: "fr");
        using var agent = world.Agent;

        await world.ConfirmAsync(await world.RequestAsync("ResetPassword"));
        await agent.RunOnceAsync();

        var messages = api.MessagesTo(world.Phone);
        messages[0].ShouldContain("Votre code de vérification : ");
        messages[1].ShouldContain("Code pour confirmer « Réinitialiser le mot de passe » sur Simulated PC : ");
        messages[2].ShouldContain($"Mot de passe temporaire pour Simulated PC : {agent.TemporaryPassword}");
    }

    [Fact]
    public async Task A_thai_contact_gets_the_codes_in_thai_and_the_code_in_digits_that_work()
    {
        var world = await SelfServiceWorld.BuildAsync(api, language: "th");
        using var agent = world.Agent;

        var actionId = await world.RequestAsync("Lock");
        var confirmed = await world.ConfirmAsync(actionId);

        var messages = api.MessagesTo(world.Phone);
        messages[0].ShouldContain("รหัสยืนยันของคุณ: ");
        messages[1].ShouldContain("รหัสยืนยัน 'ล็อก' บน Simulated PC: ");
        confirmed.Status.ShouldBe("dispatched", "the code of a Thai message is the six ASCII digits it shows");
    }

    [Fact]
    public async Task A_german_contact_asking_for_an_installation_reads_the_package_in_the_german_wording()
    {
        var world = await SelfServiceWorld.BuildAsync(api, language: "de");
        using var agent = world.Agent;
        var application = await world.Admin.PostAsync<ApplicationBody>("/api/admin/self-service/applications",
            new { name = "7-Zip", windowsPackage = "7zip", customerIds = Array.Empty<Guid>() });

        await world.RequestAsync("InstallApplication", application.Id);

        api.MessagesTo(world.Phone).Last().ShouldContain("Code zur Bestätigung von „7zip installieren“ auf Simulated PC: ");
    }

    [Fact]
    public void Every_sms_text_exists_in_every_portal_language()
    {
        foreach (var key in SmsTexts.Keys)
        {
            PortalTexts.Languages.ShouldAllBe(l => SmsTexts.Text(key, l).Length > 0, key);
        }

        SmsTexts.Text("phone_code", "xx").ShouldBe(SmsTexts.Text("phone_code", "en"), "a language without texts reads English");
    }
}
