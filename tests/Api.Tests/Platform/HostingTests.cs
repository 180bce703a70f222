using System.Net;
using Alba;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Platform;

public sealed class HostingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Readiness_reports_healthy_when_the_database_answers()
    {
        await api.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.ContentShouldBe("Healthy");
        });
    }

    [Fact]
    public async Task Liveness_answers_without_touching_the_database()
    {
        await api.Scenario(s => s.Get.Url("/health/live"));
    }

    [Fact]
    public async Task Unknown_route_is_answered_with_problem_details()
    {
        var response = await api.Scenario(s =>
        {
            s.Get.Url("/api/does-not-exist");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });

        response.ShouldBeProblem("http.404").Status.ShouldBe(404);
    }

    [Fact]
    public async Task Swagger_document_is_served()
    {
        await api.Scenario(s =>
        {
            s.Get.Url("/swagger/v1/swagger.json");
            s.ContentShouldContain("\"openapi\"");
        });
    }
}
