using System.Net;
using System.Net.Http.Headers;
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

        var response = await technician.SendAsync(Post($"/api/tickets/{ticketId}/replies", Raw(Encoding.UTF8.GetBytes(json), "application/json")));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task A_reply_in_a_media_type_that_is_neither_json_nor_a_form_is_a_415()
    {
        var (technician, ticketId) = await TicketAsync();

        var response = await technician.SendAsync(Post($"/api/tickets/{ticketId}/replies", Raw("{\"body\":\"x\"}"u8.ToArray(), "text/plain")));

        // Routing refuses it by the endpoint's Accepts metadata before the handler's own check runs.
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "http.415");
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

        var reply = await technician.SendAsync(Post($"/api/tickets/{ticketId}/replies", Raw(Encoding.UTF8.GetBytes(body), contentType)));
        var upload = await technician.SendAsync(Post($"/api/kb/articles/{articleId}/files", Raw(Encoding.UTF8.GetBytes(body), contentType)));

        await reply.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        await upload.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_patch_whose_strings_are_not_utf8_is_a_400_not_a_500()
    {
        var (technician, ticketId) = await TicketAsync();
        byte[] body = [.. "{\"title\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        var response = await technician.SendAsync(new HttpRequestMessage(HttpMethod.Patch, TicketHttp.Url($"/api/tickets/{ticketId}"))
        {
            Content = Raw(body, "application/json"),
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData("source=999")]
    [InlineData("statusCategory=-1")]
    public async Task A_ticket_list_filter_naming_no_enum_value_is_a_400_not_a_500(string query)
    {
        var (technician, _) = await TicketAsync();

        var response = await technician.GetAsync(TicketHttp.Url($"/api/tickets?{query}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }

    private async Task<(HttpClient Technician, Guid TicketId)> TicketAsync()
    {
        var (technician, _) = await api.StaffAsync();
        var (ticketId, _) = await technician.CreateTicketAsync(await technician.CreateCustomerAsync());
        return (technician, ticketId);
    }

    private static HttpRequestMessage Post(string path, HttpContent content) => new(HttpMethod.Post, TicketHttp.Url(path)) { Content = content };

    private static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
