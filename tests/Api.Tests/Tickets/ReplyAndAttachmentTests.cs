using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class ReplyAndAttachmentTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private async Task<(ApiUser Technician, Guid TicketId)> TicketAsync()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        return (technician, ticket.Id);
    }

    [Fact]
    public async Task A_multipart_reply_stores_its_files_and_they_download_as_attachments()
    {
        var (technician, id) = await TicketAsync();

        await technician.Scenario(s => s.Post.MultipartFormData(
                ReplyForm.Of("Screenshot attached", "Public", ("../../etc/screen shot.png", "image/png", Png), ("notes.txt", "text/plain", "hello"u8.ToArray())))
            .ToUrl($"/api/tickets/{id}/replies"));

        var entry = (await technician.TicketAsync(id)).Timeline.Single(e => e.Kind == "Reply");
        entry.Attachments.Select(a => a.FileName).ShouldBe(["screen shot.png", "notes.txt"]);

        var download = await technician.Scenario(s =>
        {
            s.Get.Url($"/api/tickets/{id}/attachments/{entry.Attachments[0].Id}");
            s.ContentTypeShouldBe("image/png");
            s.Header("X-Content-Type-Options").SingleValueShouldEqual("nosniff");
        });
        ContentDispositionHeaderValue.Parse(download.Context.Response.Headers.ContentDisposition.ToString()).DispositionType.ShouldBe("attachment");
        download.ReadAsBytes().ShouldBe(Png);
    }

    [Fact]
    public async Task A_file_whose_bytes_do_not_match_its_declared_type_is_refused_and_nothing_is_written()
    {
        var (technician, id) = await TicketAsync();
        var events = await api.EventCountAsync();

        var errors = await technician.ValidationErrorsAsync(s => s.Post.MultipartFormData(
                ReplyForm.Of("Totally a picture", "Public", ("evil.png", "image/png", "<script>alert(1)</script>"u8.ToArray())))
            .ToUrl($"/api/tickets/{id}/replies"));

        errors.ShouldContainKey("files[0]");
        // Nothing written anywhere (the attachment store is not an API resource until a reply names it).
        (await api.EventCountAsync()).ShouldBe(events);
        (await technician.TicketAsync(id)).Timeline.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_content_type_outside_the_allow_list_is_refused()
    {
        var (technician, id) = await TicketAsync();

        var errors = await technician.ValidationErrorsAsync(s => s.Post.MultipartFormData(
                ReplyForm.Of("Run this", "Public", ("setup.exe", "application/x-msdownload", [0x4D, 0x5A])))
            .ToUrl($"/api/tickets/{id}/replies"));

        errors.ShouldContainKey("files[0]");
    }

    [Fact]
    public async Task An_empty_reply_or_an_unknown_visibility_is_a_validation_problem()
    {
        var (technician, id) = await TicketAsync();

        (await technician.ValidationErrorsAsync(s => s.Post.Json(new { body = "" }).ToUrl($"/api/tickets/{id}/replies"))).ShouldContainKey("body");
        (await technician.ValidationErrorsAsync(s => s.Post.MultipartFormData(ReplyForm.Of("Hi", "Shouting")).ToUrl($"/api/tickets/{id}/replies")))
            .ShouldContainKey("visibility");
    }

    [Fact]
    public async Task Internal_notes_are_on_the_staff_timeline_with_their_visibility()
    {
        var (technician, id) = await TicketAsync();

        await technician.CommandAsync(id, "replies", new { body = "Customer is on the old firmware", visibility = "Internal" });

        var note = (await technician.TicketAsync(id)).Timeline.Single();
        note.Kind.ShouldBe("InternalNote");
        note.Visibility.ShouldBe("Internal");
    }

    [Fact]
    public async Task An_unknown_attachment_is_404()
    {
        var (technician, id) = await TicketAsync();

        await technician.ProblemAsync(s => s.Get.Url($"/api/tickets/{id}/attachments/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "attachment.not_found");
    }
}

public sealed class AttachmentLimitTests(SmallAttachmentTicketApiFactory api) : IClassFixture<SmallAttachmentTicketApiFactory>
{
    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_and_nothing_is_written()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var events = await api.EventCountAsync();

        var errors = await technician.ValidationErrorsAsync(s => s.Post.MultipartFormData(
                ReplyForm.Of("Big log", null, ("big.log", "text/plain", Encoding.UTF8.GetBytes(new string('x', 4096)))))
            .ToUrl($"/api/tickets/{ticket.Id}/replies"));

        errors.ShouldContainKey("files[0]");
        (await api.EventCountAsync()).ShouldBe(events);
    }
}

/// <summary>A reply as a multipart form: body, visibility (left out when null) and files with their declared types.</summary>
public static class ReplyForm
{
    public static MultipartFormDataContent Of(string body, string? visibility, params (string Name, string ContentType, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(body), "body" } };
        if (visibility is not null)
        {
            form.Add(new StringContent(visibility), "visibility");
        }

        foreach (var (name, contentType, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "files", name);
        }

        return form;
    }
}
