using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Devices;

/// <summary>P13: a contact's phone number for self-service, confirmed by an SMS code.</summary>
public sealed class PhoneVerificationTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private async Task<(ApiUser Technician, CreatedContact Contact, ApiUser Portal)> ContactAsync()
    {
        await (await api.SignInAdminAsync()).SwitchSelfServiceAsync(enabled: true); // the phone and devices are self-service's (P11)
        var technician = await api.SignInStaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        return (technician, contact, await api.SignInAsync(contact));
    }

    [Fact]
    public async Task A_contact_saves_a_number_confirms_the_code_sent_to_it_and_the_number_becomes_their_phone()
    {
        var (_, _, portal) = await ContactAsync();
        var phone = PhoneHttp.NewPhone();

        var sent = await portal.PostAsync<CodeSentBody>("/api/portal/phone", new { phone }, HttpStatusCode.Accepted);
        (await portal.GetAsync<PhoneStatusBody>("/api/portal/phone")).Verified.ShouldBeFalse();
        var confirmed = await portal.PostAsync<PhoneStatusBody>("/api/portal/phone/confirm", new { code = api.LatestCodeTo(phone) }, HttpStatusCode.OK);

        sent.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        confirmed.ShouldSatisfyAllConditions(() => confirmed.Phone.ShouldBe(phone), () => confirmed.Verified.ShouldBeTrue());
        (await portal.GetAsync<ProfileBody>("/api/portal/me")).Phone.ShouldBe(phone);
        (await portal.GetAsync<PhoneStatusBody>("/api/portal/phone")).Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_verifies_nothing_and_a_used_code_does_not_work_twice()
    {
        var (_, _, portal) = await ContactAsync();
        var phone = PhoneHttp.NewPhone();
        await portal.PostAsync<CodeSentBody>("/api/portal/phone", new { phone }, HttpStatusCode.Accepted);
        var code = api.LatestCodeTo(phone);
        var wrong = code == "000000" ? "111111" : "000000";

        await portal.ProblemAsync(s => s.Post.Json(new { code = wrong }).ToUrl("/api/portal/phone/confirm"), HttpStatusCode.UnprocessableEntity, "sms.code_invalid");
        (await portal.GetAsync<PhoneStatusBody>("/api/portal/phone")).Verified.ShouldBeFalse();
        (await portal.GetAsync<ProfileBody>("/api/portal/me")).Phone.ShouldNotBe(phone);
        await portal.PostAsync<PhoneStatusBody>("/api/portal/phone/confirm", new { code }, HttpStatusCode.OK);
        await portal.ProblemAsync(s => s.Post.Json(new { code }).ToUrl("/api/portal/phone/confirm"), HttpStatusCode.UnprocessableEntity, "sms.code_used");
    }

    [Fact]
    public async Task After_five_wrong_tries_even_the_right_code_is_dead()
    {
        var (_, _, portal) = await ContactAsync();
        var phone = PhoneHttp.NewPhone();
        await portal.PostAsync<CodeSentBody>("/api/portal/phone", new { phone }, HttpStatusCode.Accepted);
        var code = api.LatestCodeTo(phone);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            await portal.ProblemAsync(s => s.Post.Json(new { code = wrong }).ToUrl("/api/portal/phone/confirm"), HttpStatusCode.UnprocessableEntity, "sms.code_invalid");
        }

        await portal.ProblemAsync(s => s.Post.Json(new { code }).ToUrl("/api/portal/phone/confirm"), HttpStatusCode.UnprocessableEntity, "sms.code_expired");
        (await portal.GetAsync<PhoneStatusBody>("/api/portal/phone")).Verified.ShouldBeFalse();
    }

    [Fact]
    public async Task A_technicians_reset_removes_the_number_and_changing_the_phone_in_the_profile_drops_the_verification()
    {
        var (technician, contact, portal) = await ContactAsync();
        var phone = PhoneHttp.NewPhone();
        await portal.VerifyPhoneAsync(api, phone);

        await technician.Scenario(s => { s.Delete.Url($"/api/contacts/{contact.Id}/phone-verification"); s.StatusCodeShouldBe(HttpStatusCode.NoContent); });
        (await portal.GetAsync<PhoneStatusBody>("/api/portal/phone")).ShouldBe(new PhoneStatusBody(null, false, null));

        await portal.VerifyPhoneAsync(api, phone);
        var profile = await portal.GetAsync<ProfileBody>("/api/portal/me");
        await portal.PutAsync<ProfileBody>("/api/portal/me", new
        {
            firstName = profile.FirstName, lastName = profile.LastName, email = profile.Email, phone = PhoneHttp.NewPhone(),
            language = profile.Language, timeZone = profile.TimeZone,
        });
        (await portal.GetAsync<PhoneStatusBody>("/api/portal/phone")).Verified.ShouldBeFalse();
    }

    [Fact]
    public async Task A_number_that_is_not_in_international_form_is_a_validation_error_and_sends_nothing()
    {
        var (_, _, portal) = await ContactAsync();

        (await portal.InvalidFieldsAsync(s => s.Post.Json(new { phone = "079 123 45 67" }).ToUrl("/api/portal/phone"))).ShouldBe(["phone"]);
        api.MessagesTo("079 123 45 67").ShouldBeEmpty();
    }
}

/// <summary>P13: codes expire and sends are limited (a host with short-lived codes and three sends an hour).</summary>
public sealed class SmsCodeLimitTests(ShortCodeApiFactory api) : IClassFixture<ShortCodeApiFactory>
{
    [Fact]
    public async Task An_expired_code_is_refused()
    {
        await (await api.SignInAdminAsync()).SwitchSelfServiceAsync(enabled: true); // the phone and devices are self-service's (P11)
        var technician = await api.SignInStaffAsync();
        var portal = await api.SignInAsync(await technician.CreateContactAsync(await technician.CreateCustomerAsync()));
        var phone = PhoneHttp.NewPhone();
        await portal.PostAsync<CodeSentBody>("/api/portal/phone", new { phone }, HttpStatusCode.Accepted);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await portal.ProblemAsync(s => s.Post.Json(new { code = api.LatestCodeTo(phone) }).ToUrl("/api/portal/phone/confirm"),
            HttpStatusCode.UnprocessableEntity, "sms.code_expired");
    }

    [Fact]
    public async Task Sends_beyond_the_hourly_limit_are_refused_and_send_nothing()
    {
        await (await api.SignInAdminAsync()).SwitchSelfServiceAsync(enabled: true); // the phone and devices are self-service's (P11)
        var technician = await api.SignInStaffAsync();
        var portal = await api.SignInAsync(await technician.CreateContactAsync(await technician.CreateCustomerAsync()));
        var phone = PhoneHttp.NewPhone();
        for (var i = 0; i < ShortCodeApiFactory.SendsPerHour; i++)
        {
            await portal.PostAsync<CodeSentBody>("/api/portal/phone", new { phone }, HttpStatusCode.Accepted);
        }

        await portal.ProblemAsync(s => s.Post.Json(new { phone }).ToUrl("/api/portal/phone"), (HttpStatusCode)429, "sms.rate_limited");
        api.MessagesTo(phone).Count.ShouldBe(ShortCodeApiFactory.SendsPerHour);
    }
}
