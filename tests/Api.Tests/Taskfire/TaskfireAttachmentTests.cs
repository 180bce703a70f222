using System.Net;
using System.Net.Http.Headers;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Taskfire;

/// <summary>T10: a Taskfire user's note carries files as a reply does; both sides download them, nobody else does.</summary>
public sealed class TaskfireAttachmentTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Fact]
    public async Task A_multipart_note_carries_its_files_onto_both_tickets_and_both_sides_download_them()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);

        await cast.Resource.Scenario(s => s.Post.MultipartFormData(
                ReplyForm.Of("Photo of the rack", null, ("rack.png", "image/png", Png), ("notes.txt", "text/plain", "port 12"u8.ToArray())))
            .ToUrl($"{TaskfireUserHttp.Tickets}/{pair.Copy}/notes"));

        var note = (await cast.Resource.TaskfireTicketAsync(pair.Copy)).Timeline.Single(e => e.Kind == "TaskfireNote" && e.Side == "TaskfireCopy");
        note.Body.ShouldBe("Photo of the rack");
        note.Attachments!.Select(a => a.FileName).ShouldBe(["rack.png", "notes.txt"]);
        var mirrored = (await cast.Technician.TicketAsync(pair.Msp)).Timeline.Single(e => e.Kind == "TaskfireNote");
        mirrored.Attachments.Select(a => a.Id).ShouldBe(note.Attachments!.Select(a => a.Id));

        var download = await cast.Colleague.Scenario(s =>
        {
            s.Get.Url($"{TaskfireUserHttp.Tickets}/{pair.Copy}/attachments/{note.Attachments![0].Id}");
            s.ContentTypeShouldBe("image/png");
            s.Header("X-Content-Type-Options").SingleValueShouldEqual("nosniff");
        });
        ContentDispositionHeaderValue.Parse(download.Context.Response.Headers.ContentDisposition.ToString()).DispositionType.ShouldBe("attachment");
        download.ReadAsBytes().ShouldBe(Png);
        (await cast.Technician.Scenario(s => s.Get.Url($"/api/tickets/{pair.Msp}/attachments/{mirrored.Attachments[0].Id}"))).ReadAsBytes().ShouldBe(Png);
    }

    [Fact]
    public async Task A_file_that_is_not_what_it_claims_a_ticket_not_theirs_or_a_stale_version_is_refused_and_nothing_is_written()
    {
        var cast = await api.CastAsync();
        var own = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var other = await cast.Technician.HandedOverAsync(cast.CustomerB, cast.OtherResource.Id);
        var events = await api.EventCountAsync();

        var errors = await cast.Resource.ValidationErrorsAsync(s => s.Post.MultipartFormData(
            ReplyForm.Of("Totally a picture", null, ("evil.png", "image/png", "<script>alert(1)</script>"u8.ToArray())))
            .ToUrl($"{TaskfireUserHttp.Tickets}/{own.Copy}/notes"));
        errors.ShouldContainKey("files[0]");
        (await cast.Resource.ValidationErrorsAsync(s => s.Post.MultipartFormData(ReplyForm.Of("", null, ("a.txt", "text/plain", "x"u8.ToArray())))
            .ToUrl($"{TaskfireUserHttp.Tickets}/{own.Copy}/notes"))).ShouldContainKey("body");
        await cast.Resource.ProblemAsync(s => s.Post.MultipartFormData(ReplyForm.Of("Mine?", null, ("a.txt", "text/plain", "x"u8.ToArray())))
            .ToUrl($"{TaskfireUserHttp.Tickets}/{other.Copy}/notes"), HttpStatusCode.NotFound, "ticket.not_found");
        await cast.Resource.ProblemAsync(s =>
        {
            s.Post.MultipartFormData(ReplyForm.Of("Late", null, ("a.txt", "text/plain", "x"u8.ToArray()))).ToUrl($"{TaskfireUserHttp.Tickets}/{own.Copy}/notes");
            s.WithRequestHeader("If-Match", "\"99\"");
        }, HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_file_of_an_msp_internal_note_or_of_another_customers_copy_is_a_404_for_the_taskfire_user()
    {
        var cast = await api.CastAsync();
        var own = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var other = await cast.Technician.HandedOverAsync(cast.CustomerB, cast.OtherResource.Id);
        await cast.Technician.Scenario(s => s.Post.MultipartFormData(ReplyForm.Of("Our margin sheet", "Internal", ("margin.txt", "text/plain", "40%"u8.ToArray())))
            .ToUrl($"/api/tickets/{own.Msp}/replies"));
        var secret = (await cast.Technician.TicketAsync(own.Msp)).Timeline.Single(e => e.Kind == "InternalNote").Attachments[0].Id;
        await cast.OtherResource.Scenario(s => s.Post.MultipartFormData(ReplyForm.Of("Theirs", null, ("b.txt", "text/plain", "y"u8.ToArray())))
            .ToUrl($"{TaskfireUserHttp.Tickets}/{other.Copy}/notes"));
        var theirs = (await cast.OtherResource.TaskfireTicketAsync(other.Copy)).Timeline.Single(e => e.Kind == "TaskfireNote").Attachments![0].Id;

        await cast.Resource.ProblemAsync(s => s.Get.Url($"{TaskfireUserHttp.Tickets}/{own.Copy}/attachments/{secret}"), HttpStatusCode.NotFound, "attachment.not_found");
        await cast.Resource.ProblemAsync(s => s.Get.Url($"{TaskfireUserHttp.Tickets}/{own.Msp}/attachments/{secret}"), HttpStatusCode.NotFound, "ticket.not_found");
        await cast.Resource.ProblemAsync(s => s.Get.Url($"{TaskfireUserHttp.Tickets}/{other.Copy}/attachments/{theirs}"), HttpStatusCode.NotFound, "ticket.not_found");
    }
}
