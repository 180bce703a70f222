using System.Net;
using System.Security.Cryptography;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.Attachments;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;

namespace Ticketing.Api.Tests.Tickets;

/// <summary>
/// The orphaned-attachment sweep (ADR 0019): bytes uploaded for a command that then failed, or kept for a ticket that
/// was deleted, are deleted once older than the grace period (24 h); bytes a live ticket names stay and download; a
/// knowledge-base article's file stays until it is removed. A sweep is run directly, as of a chosen instant, instead of
/// waiting for the hourly run; files are found on disk by their hash.
/// </summary>
public sealed class AttachmentSweepTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromHours(24);

    [Fact]
    public async Task Bytes_of_replies_refused_for_a_stale_version_or_a_bad_second_file_are_swept_once_the_grace_period_has_passed()
    {
        var (technician, id) = await TicketAsync();
        var stale = UniquePng();
        var firstOfTwo = UniquePng();

        await technician.ProblemAsync(
            s =>
            {
                s.Post.MultipartFormData(ReplyForm.Of("Too late", "Public", ("stale.png", "image/png", stale))).ToUrl($"/api/tickets/{id}/replies");
                s.WithRequestHeader("If-Match", "\"99\"");
            },
            HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        (await technician.ValidationErrorsAsync(s => s.Post.MultipartFormData(ReplyForm.Of(
                "One good, one bad", "Public", ("good.png", "image/png", firstOfTwo), ("bad.png", "image/png", "<svg/>"u8.ToArray())))
            .ToUrl($"/api/tickets/{id}/replies"))).ShouldContainKey("files[1]");

        (await technician.TicketAsync(id)).Timeline.ShouldBeEmpty("neither reply was written");
        File.Exists(PathOf(stale)).ShouldBeTrue("the bytes were stored before the command failed");
        File.Exists(PathOf(firstOfTwo)).ShouldBeTrue("the first file was stored before the second was refused");

        await SweepAsync(DateTimeOffset.UtcNow);
        File.Exists(PathOf(stale)).ShouldBeTrue("within the grace period an upload's command may still be on its way");
        File.Exists(PathOf(firstOfTwo)).ShouldBeTrue();

        await SweepAsync(DateTimeOffset.UtcNow + GracePeriod + TimeSpan.FromMinutes(1));
        File.Exists(PathOf(stale)).ShouldBeFalse();
        File.Exists(PathOf(firstOfTwo)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_live_tickets_attachment_survives_the_sweep_and_still_downloads()
    {
        var (technician, id) = await TicketAsync();
        var bytes = UniquePng();
        await PostReplyAsync(technician, id, bytes);

        await SweepAsync(DateTimeOffset.UtcNow + GracePeriod + TimeSpan.FromMinutes(1));

        File.Exists(PathOf(bytes)).ShouldBeTrue();
        var attachment = (await technician.TicketAsync(id)).Timeline.Single(e => e.Kind == "Reply").Attachments.Single();
        (await technician.Scenario(s => s.Get.Url($"/api/tickets/{id}/attachments/{attachment.Id}"))).ReadAsBytes().ShouldBe(bytes);
    }

    [Fact]
    public async Task A_deleted_tickets_attachments_are_swept_unless_a_live_ticket_names_the_same_bytes()
    {
        var (technician, deleted) = await TicketAsync();
        var (_, live) = await TicketAsync();
        var own = UniquePng();
        var shared = UniquePng();
        await PostReplyAsync(technician, deleted, own, shared);
        await PostReplyAsync(technician, live, shared);
        await technician.Scenario(s =>
        {
            s.Delete.Url($"/api/tickets/{deleted}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        await SweepAsync(DateTimeOffset.UtcNow);
        File.Exists(PathOf(own)).ShouldBeTrue("a deleted ticket's files wait out the grace period too");

        await SweepAsync(DateTimeOffset.UtcNow + GracePeriod + TimeSpan.FromMinutes(1));
        File.Exists(PathOf(own)).ShouldBeFalse();
        File.Exists(PathOf(shared)).ShouldBeTrue("the live ticket still names these bytes");
        var attachment = (await technician.TicketAsync(live)).Timeline.Single(e => e.Kind == "Reply").Attachments.Single();
        (await technician.Scenario(s => s.Get.Url($"/api/tickets/{live}/attachments/{attachment.Id}"))).ReadAsBytes().ShouldBe(shared);
    }

    [Fact]
    public async Task Uploading_bytes_that_are_stored_already_renews_their_age()
    {
        var (technician, id) = await TicketAsync();
        var bytes = UniquePng();
        await RefusedReplyAsync(technician, id, bytes);
        File.SetLastWriteTimeUtc(PathOf(bytes), DateTime.UtcNow - GracePeriod - TimeSpan.FromHours(1));

        await PostReplyAsync(technician, id, bytes);
        await SweepAsync(DateTimeOffset.UtcNow);

        File.Exists(PathOf(bytes)).ShouldBeTrue("the orphan became the live ticket's attachment");
        File.GetLastWriteTimeUtc(PathOf(bytes)).ShouldBeGreaterThan(DateTime.UtcNow - TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_knowledge_base_articles_file_survives_the_sweep_until_it_is_removed_from_the_article()
    {
        var admin = await api.SignInAdminAsync();
        var article = await admin.CreateArticleAsync(
            await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Sweep"), "Files"), "Printer setup", "See the picture.");
        var bytes = UniquePng();
        var file = await admin.AttachFileAsync(article, "printer.png", "image/png", bytes);

        await SweepAsync(DateTimeOffset.UtcNow + GracePeriod + TimeSpan.FromMinutes(1));
        File.Exists(PathOf(bytes)).ShouldBeTrue("the article names the file");

        await admin.Scenario(s =>
        {
            s.Delete.Url($"/api/kb/articles/{article}/files/{file.Id}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });
        await SweepAsync(DateTimeOffset.UtcNow + GracePeriod + TimeSpan.FromMinutes(1));
        File.Exists(PathOf(bytes)).ShouldBeFalse();
    }

    private async Task<(ApiUser Technician, Guid TicketId)> TicketAsync()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        return (technician, ticket.Id);
    }

    private static Task PostReplyAsync(ApiUser technician, Guid id, params byte[][] files) =>
        technician.Scenario(s => s.Post.MultipartFormData(
                ReplyForm.Of("Attached", "Public", [.. files.Select((f, i) => ($"file{i}.png", "image/png", f))]))
            .ToUrl($"/api/tickets/{id}/replies"));

    private static Task RefusedReplyAsync(ApiUser technician, Guid id, byte[] file) => technician.ProblemAsync(
        s =>
        {
            s.Post.MultipartFormData(ReplyForm.Of("Too late", "Public", ("late.png", "image/png", file))).ToUrl($"/api/tickets/{id}/replies");
            s.WithRequestHeader("If-Match", "\"99\"");
        },
        HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");

    private Task<int> SweepAsync(DateTimeOffset asOf) =>
        api.Services.GetRequiredService<AttachmentSweeper>().SweepAsync(asOf, CancellationToken.None);

    private string PathOf(byte[] bytes)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return Path.Combine(api.DataFolder, "attachments", sha256[..2], sha256[2..4], sha256);
    }

    // A PNG signature followed by bytes of its own, so no other test stores the same file.
    private static byte[] UniquePng() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()];
}
