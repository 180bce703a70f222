using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Email;
using Wolverine.Tracking;

namespace Ticketing.Api.Tests.Taskfire;

/// <summary>
/// T10 / A4: who hears of what in a Taskfire pair. The MSP's technician hears of the Taskfire user's status changes; the
/// Taskfire resource hears of questions and "my work is complete" in their own language. The end user hears of none.
/// </summary>
public sealed class TaskfireNotificationTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task The_taskfire_users_status_change_mails_the_msps_assigned_technician_and_nobody_else()
    {
        var cast = await api.CastAsync();
        var technicianEmail = await EmailAsync(cast.Technician);
        var contact = await cast.Technician.CreateContactAsync(cast.CustomerA);
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot", contact.Id);
        await cast.Technician.CommandAsync(pair.Msp, "assign", new { technicianId = cast.Technician.Id });

        var changing = await api.TrackedAsync(() => cast.Resource.TaskfireCommandAsync(pair.Copy, "status", new { status = "resolved" }));

        var mail = await api.SentMailAsync(changing, technicianEmail, "status_changed");
        mail.Subject.ShouldBe($"Ticket {pair.Number} is now Resolved");
        changing.Handled<SendMail>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task With_no_technician_on_the_msps_ticket_the_taskfire_users_status_change_mails_nobody()
    {
        var cast = await api.CastAsync();
        var contact = await cast.Technician.CreateContactAsync(cast.CustomerA);
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot", contact.Id);

        var changing = await api.TrackedAsync(() => cast.Resource.TaskfireCommandAsync(pair.Copy, "status", new { status = "pending" }));

        changing.Handled<SendMail>().ShouldBeEmpty();
    }

    [Fact]
    public async Task My_work_is_complete_mails_the_taskfire_resource_in_their_language_and_never_the_end_user()
    {
        var cast = await api.CastAsync();
        var resourceEmail = await EmailAsync(cast.Resource);
        var contact = await cast.Technician.CreateContactAsync(cast.CustomerA);
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot", contact.Id);

        var completing = await api.TrackedAsync(() => cast.Technician.CommandAsync(pair.Msp, "taskfire/work-complete", new { note = "New AC unit <installed>" }));

        var mail = await api.SentMailAsync(completing, resourceEmail, EmailKinds.TaskfireWorkCompleted);
        mail.Subject.ShouldBe($"Arbeit abgeschlossen am Ticket {pair.Number}: Server room too hot");
        mail.TextBody!.ShouldContain("New AC unit <installed>");
        mail.HtmlBody!.ShouldContain("New AC unit &lt;installed&gt;");
        completing.MailsSent(contact.Email).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_question_mails_the_taskfire_resource_in_their_language()
    {
        var cast = await api.CastAsync();
        var resourceEmail = await EmailAsync(cast.Resource);
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot");

        var asking = await api.TrackedAsync(() => cast.Technician.CommandAsync(pair.Msp, "taskfire/questions", new { question = "Which floor?" }));

        var mail = await api.SentMailAsync(asking, resourceEmail, EmailKinds.TaskfireQuestion);
        mail.Subject.ShouldBe($"Frage zum Ticket {pair.Number}: Server room too hot");
        mail.TextBody!.ShouldContain("Which floor?");
    }

    [Fact]
    public async Task After_the_pair_is_handed_to_a_colleague_questions_and_work_complete_mail_the_colleague_only()
    {
        var cast = await api.CastAsync();
        var (resourceEmail, colleagueEmail) = (await EmailAsync(cast.Resource), await EmailAsync(cast.Colleague));
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot");
        await cast.Resource.TaskfireCommandAsync(pair.Copy, "resource", new { resourceId = cast.Colleague.Id });

        var asking = await api.TrackedAsync(async () =>
        {
            await cast.Technician.CommandAsync(pair.Msp, "taskfire/questions", new { question = "Which floor?" });
            await cast.Technician.CommandAsync(pair.Msp, "taskfire/work-complete", new { note = "Done on our side" });
        });

        (await api.SentMailAsync(asking, colleagueEmail, EmailKinds.TaskfireQuestion)).Subject.ShouldBe($"Question on ticket {pair.Number}: Server room too hot");
        await api.SentMailAsync(asking, colleagueEmail, EmailKinds.TaskfireWorkCompleted);
        asking.MailsSent(resourceEmail).ShouldBeEmpty();
    }

    [Fact]
    public async Task Handing_the_pair_to_a_colleague_from_either_side_mails_the_colleague_in_their_language_and_nobody_else()
    {
        var cast = await api.CastAsync();
        var (resourceEmail, colleagueEmail, technicianEmail) = (await EmailAsync(cast.Resource), await EmailAsync(cast.Colleague), await EmailAsync(cast.Technician));
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot");

        var handing = await api.TrackedAsync(() => cast.Resource.TaskfireCommandAsync(pair.Copy, "resource", new { resourceId = cast.Colleague.Id }));

        var mail = await api.SentMailAsync(handing, colleagueEmail, EmailKinds.TaskfireResourceChanged);
        mail.Subject.ShouldBe($"Ticket {pair.Number} was handed to you: Server room too hot");
        handing.MailsSent(resourceEmail).ShouldBeEmpty();
        handing.MailsSent(technicianEmail).ShouldBeEmpty();

        // Back to the first resource, by the MSP: the resource hears of it in German, their language.
        var back = await api.TrackedAsync(() => cast.Technician.CommandAsync(pair.Msp, "taskfire/resource", new { resourceId = cast.Resource.Id }));
        (await api.SentMailAsync(back, resourceEmail, EmailKinds.TaskfireResourceChanged)).Subject
            .ShouldBe($"Ticket {pair.Number} wurde Ihnen übergeben: Server room too hot");
        back.MailsSent(colleagueEmail).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_taskfire_user_taking_the_pair_themselves_is_not_mailed()
    {
        var cast = await api.CastAsync();
        var colleagueEmail = await EmailAsync(cast.Colleague);
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot");

        var taking = await api.TrackedAsync(() => cast.Colleague.TaskfireCommandAsync(pair.Copy, "resource", new { resourceId = cast.Colleague.Id }));

        taking.MailsSent(colleagueEmail).ShouldBeEmpty();
        (await cast.Colleague.TaskfireListAsync("scope=mine")).Items.Select(i => i.Id).ShouldBe([pair.Copy]);
    }

    private static async Task<string> EmailAsync(ApiUser user) => (await user.GetAsync<ProfileBody>("/api/me")).Email;
}
