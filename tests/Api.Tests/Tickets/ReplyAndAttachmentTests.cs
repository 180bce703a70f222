using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class ReplyAndAttachmentTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private async Task<(HttpClient Technician, Guid TicketId)> TicketAsync()
    {
        var (technician, _) = await api.StaffAsync();
        var (id, _) = await technician.CreateTicketAsync(await (await api.AdminAsync()).CreateCustomerAsync());
        return (technician, id);
    }

    private static MultipartFormDataContent Form(string body, string visibility, params (string Name, string ContentType, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(body), "body" }, { new StringContent(visibility), "visibility" } };
        foreach (var (name, contentType, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "files", name);
        }

        return form;
    }

    [Fact]
    public async Task A_multipart_reply_stores_its_files_and_they_download_as_attachments()
    {
        var (technician, id) = await TicketAsync();

        var response = await technician.PostAsync(TicketHttp.Url($"/api/tickets/{id}/replies"),
            Form("Screenshot attached", "Public", ("../../etc/screen shot.png", "image/png", Png), ("notes.txt", "text/plain", "hello"u8.ToArray())));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var entry = (await technician.GetTicketAsync(id)).GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Reply");
        var attachments = entry.GetProperty("attachments").EnumerateArray().ToList();
        attachments.Select(a => a.GetProperty("fileName").GetString()).ShouldBe(["screen shot.png", "notes.txt"]);

        var download = await technician.GetAsync(TicketHttp.Url($"/api/tickets/{id}/attachments/{attachments[0].GetProperty("id").GetGuid()}"));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        download.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
    }

    [Fact]
    public async Task A_file_whose_bytes_do_not_match_its_declared_type_is_refused_and_nothing_is_written()
    {
        var (technician, id) = await TicketAsync();
        var events = await api.EventCountAsync();

        var response = await technician.PostAsync(TicketHttp.Url($"/api/tickets/{id}/replies"),
            Form("Totally a picture", "Public", ("evil.png", "image/png", "<script>alert(1)</script>"u8.ToArray())));

        (await response.ValidationErrorsAsync()).TryGetProperty("files[0]", out _).ShouldBeTrue();
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_content_type_outside_the_allow_list_is_refused()
    {
        var (technician, id) = await TicketAsync();

        var response = await technician.PostAsync(TicketHttp.Url($"/api/tickets/{id}/replies"),
            Form("Run this", "Public", ("setup.exe", "application/x-msdownload", [0x4D, 0x5A])));

        (await response.ValidationErrorsAsync()).TryGetProperty("files[0]", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_empty_reply_or_an_unknown_visibility_is_a_validation_problem()
    {
        var (technician, id) = await TicketAsync();

        (await (await technician.CommandAsync(id, "replies", new { body = "" })).ValidationErrorsAsync()).TryGetProperty("body", out _).ShouldBeTrue();
        (await (await technician.PostAsync(TicketHttp.Url($"/api/tickets/{id}/replies"), Form("Hi", "Shouting"))).ValidationErrorsAsync())
            .TryGetProperty("visibility", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Internal_notes_are_on_the_staff_timeline_with_their_visibility()
    {
        var (technician, id) = await TicketAsync();

        (await technician.CommandAsync(id, "replies", new { body = "Customer is on the old firmware", visibility = "Internal" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var note = (await technician.GetTicketAsync(id)).GetProperty("timeline").EnumerateArray().Single();
        note.GetProperty("kind").GetString().ShouldBe("InternalNote");
        note.GetProperty("visibility").GetString().ShouldBe("Internal");
    }

    [Fact]
    public async Task An_unknown_attachment_is_404()
    {
        var (technician, id) = await TicketAsync();

        await (await technician.GetAsync(TicketHttp.Url($"/api/tickets/{id}/attachments/{Guid.NewGuid()}")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "attachment.not_found");
    }
}

public sealed class AttachmentLimitTests(SmallAttachmentTicketApiFactory api) : IClassFixture<SmallAttachmentTicketApiFactory>
{
    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_and_nothing_is_written()
    {
        var (technician, _) = await api.StaffAsync();
        var (id, _) = await technician.CreateTicketAsync(await (await api.AdminAsync()).CreateCustomerAsync());
        var events = await api.EventCountAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Big log"), "body" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(new string('x', 4096))) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }, "files", "big.log" },
        };

        var response = await technician.PostAsync(TicketHttp.Url($"/api/tickets/{id}/replies"), form);

        (await response.ValidationErrorsAsync()).TryGetProperty("files[0]", out _).ShouldBeTrue();
        (await api.EventCountAsync()).ShouldBe(events);
    }
}
