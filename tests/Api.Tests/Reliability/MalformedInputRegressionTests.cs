using System.Net;
using System.Text;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>The inputs the fuzzer found answered with a 500 (or let through), each pinned as a 4xx problem.</summary>
public sealed class MalformedInputRegressionTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Theory]
    [InlineData("{\"body\":")]
    [InlineData("{\"body\":\"x\",\"taskfireRelated\":\"yes\"}")]
    [InlineData("[]")]
    public async Task A_reply_whose_json_is_broken_is_a_400_not_a_500(string json)
    {
        var (technician, ticketId) = await TicketAsync();

        await technician.ProblemAsync(
            s => s.Post.ByteArray(Encoding.UTF8.GetBytes(json)).ToUrl($"/api/tickets/{ticketId}/replies").ContentType("application/json"),
            HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task A_reply_in_a_media_type_that_is_neither_json_nor_a_form_is_a_415()
    {
        var (technician, ticketId) = await TicketAsync();

        // Routing refuses it by the endpoint's Accepts metadata before the handler's own check runs.
        await technician.ProblemAsync(
            s => s.Post.ByteArray("{\"body\":\"x\"}"u8.ToArray()).ToUrl($"/api/tickets/{ticketId}/replies").ContentType("text/plain"),
            HttpStatusCode.UnsupportedMediaType, "http.415");
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n")]
    [InlineData("multipart/form-data", "--XYZ\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nx\r\n--XYZ--\r\n")]
    public async Task A_truncated_or_boundaryless_multipart_reply_or_upload_is_a_400(string contentType, string body)
    {
        var (technician, ticketId) = await TicketAsync();
        var articleId = await technician.CreateArticleAsync(
            await technician.CreateSectionAsync(await technician.CreateCategoryAsync($"C {Guid.NewGuid():N}"), "S"), "A", "Body");
        var events = await api.EventCountAsync();

        await technician.ProblemAsync(
            s => s.Post.ByteArray(Encoding.UTF8.GetBytes(body)).ToUrl($"/api/tickets/{ticketId}/replies").ContentType(contentType),
            HttpStatusCode.BadRequest, "request.malformed");
        await technician.ProblemAsync(
            s => s.Post.ByteArray(Encoding.UTF8.GetBytes(body)).ToUrl($"/api/kb/articles/{articleId}/files").ContentType(contentType),
            HttpStatusCode.BadRequest, "request.malformed");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_patch_whose_strings_are_not_utf8_is_a_400_not_a_500()
    {
        var (technician, ticketId) = await TicketAsync();
        byte[] body = [.. "{\"title\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        await technician.ProblemAsync(
            s => s.Patch.ByteArray(body).ToUrl($"/api/tickets/{ticketId}").ContentType("application/json"),
            HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData("source=999")]
    [InlineData("statusCategory=-1")]
    public async Task A_ticket_list_filter_naming_no_enum_value_is_a_400_not_a_500(string query)
    {
        var (technician, _) = await TicketAsync();

        await technician.ProblemAsync(s => s.Get.Url($"/api/tickets?{query}"), HttpStatusCode.BadRequest, "request.invalid");
    }

    private async Task<(ApiUser Technician, Guid TicketId)> TicketAsync()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await technician.CreateCustomerAsync());
        return (technician, ticket.Id);
    }
}
