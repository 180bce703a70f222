using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class ChromiumTests(PortalHost host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task A_primary_contact_signs_in_from_the_welcome_mail_lists_filters_replies_with_a_file_changes_the_status_is_refused_on_a_billed_ticket_and_signs_out() =>
        new MainWalk(host, chromium, screenshots: true).RunAsync();

    [Fact]
    public Task Hidden_fields_internal_notes_and_tickets_the_contact_may_not_see_never_reach_the_html() =>
        new NoLeakWalk(host, chromium).RunAsync();

    [Fact]
    public Task A_contact_opens_a_ticket_uses_the_knowledge_base_edits_the_profile_and_changes_and_resets_the_password() =>
        new SelfServiceWalk(host, chromium, screenshots: true).RunAsync();

    [Fact]
    public Task Sections_switched_off_for_a_company_do_not_appear() => new SelfServiceWalk(host, chromium, screenshots: false).SectionsAsync();

    [Fact]
    public Task The_contacts_language_is_the_default_every_language_can_be_chosen_hebrew_is_right_to_left_and_dates_are_local() =>
        new LanguageAndAccessibilityWalk(host, chromium).LanguagesAsync();

    [Fact]
    public Task The_main_pages_have_no_serious_or_critical_accessibility_violations_and_sign_in_works_from_the_keyboard() =>
        new LanguageAndAccessibilityWalk(host, chromium).AccessibilityAsync();

    [Fact]
    public Task The_list_pages_through_the_tickets_and_without_manual_creation_there_is_no_new_ticket_form() =>
        new SelfServiceWalk(host, chromium, screenshots: false).PagingAndManualCreationAsync();

    [Fact]
    public Task A_taskfire_user_signs_in_filters_works_a_copy_with_a_note_and_file_status_and_resource_opens_submits_and_deletes_an_own_ticket_and_roles_stay_apart() =>
        new TaskfireWalk(host, chromium, screenshots: true).RunAsync();

    [Fact]
    public Task A_contact_registers_a_phone_confirms_it_by_sms_and_restarts_a_device_confirmed_by_sms() => new DeviceWalk(host, chromium).RunAsync();

    [Fact]
    public Task The_device_pages_have_no_serious_or_critical_accessibility_violations() => new DeviceWalk(host, chromium).AccessibilityAsync();

    [Fact]
    public Task The_taskfire_users_pages_have_no_serious_or_critical_accessibility_violations() =>
        new TaskfireWalk(host, chromium, screenshots: false).AccessibilityAsync();

    [Fact]
    public Task A_contact_asks_the_assistant_is_answered_from_the_knowledge_base_and_opens_a_ticket_from_the_chat() =>
        new AssistantWalk(host, chromium).RunAsync();

    [Fact]
    public Task A_contact_asks_the_assistant_for_a_restart_of_their_device_and_confirms_it_with_the_sms_code() =>
        new AssistantWalk(host, chromium).ActionFromTheChatAsync();
}
