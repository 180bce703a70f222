using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Xunit.Abstractions;

namespace Ticketing.Api.Tests.Security;

/// <summary>
/// The matrix's host: its one contact asks for more SMS codes within the hour than a contact may (phone, device
/// actions, actions from the assistant), so the hourly send limit is raised here.
/// </summary>
public sealed class AccessMatrixApiFactory : TicketApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Sms:MaxSendsPerHour", "20");
    }
}

public sealed class AccessMatrixTests(AccessMatrixApiFactory api, ITestOutputHelper output) : IClassFixture<AccessMatrixApiFactory>
{
    [Fact]
    public void Every_endpoint_of_the_host_is_in_the_matrix_and_every_row_is_an_endpoint()
    {
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
        var classified = AccessMatrix.Rows.Select(r => r.Key).ToList();

        Print($"endpoints mapped: {mapped.Count}; matrix rows: {classified.Count}");
        classified.ShouldBeUnique();
        mapped.Except(classified).Order().ShouldBeEmpty("endpoints the access matrix does not classify (add a row)");
        classified.Except(mapped).Order().ShouldBeEmpty("matrix rows that are no endpoint of the host");
    }

    [Fact]
    public async Task Each_caller_gets_exactly_the_status_the_matrix_gives_it_and_denials_leak_nothing()
    {
        var world = await AccessWorld.BuildAsync(api);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        Print($"{"endpoint",-72} {string.Join(' ', AccessMatrix.Columns.Select(c => c.ToString()[..4]))}");

        foreach (var row in AccessMatrix.Rows)
        {
            var actual = new int[AccessMatrix.Columns.Length];
            for (var i = 0; i < AccessMatrix.Columns.Length; i++)
            {
                var who = AccessMatrix.Columns[i];
                var request = await row.Request(world, who);
                var result = await new ApiUser(api.Host, request.Token ?? world[who].Token).Scenario(s =>
                {
                    request.WriteTo(s);
                    s.IgnoreStatusCode();
                });
                request.Form?.Dispose();
                actual[i] = result.Context.Response.StatusCode;
                failures.AddRange(Check(row, who, row.Expected[i], actual[i], result.Context.Response.ContentType, result.ReadAsText()));
            }

            Print($"{row.Key,-72} {string.Join(' ', actual.Select(s => $"{s,4}"))}");
        }

        Print($"cells: {AccessMatrix.Rows.Length * AccessMatrix.Columns.Length}, mismatches: {failures.Count}, elapsed: {clock.Elapsed.TotalSeconds:F1} s");
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    private static IEnumerable<string> Check(AccessRow row, Who who, int expected, int status, string? contentType, string body)
    {
        if (status != expected)
        {
            yield return $"{row.Key} as {who}: expected {expected}, got {status}: {Truncate(body)}";
        }

        if (status >= 400 && (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.MediaType != "application/problem+json"))
        {
            yield return $"{row.Key} as {who}: {status} is not a problem document";
        }

        if ((status >= 400 || who == Who.OtherContact) && body.Contains(AccessWorld.Marker, StringComparison.Ordinal))
        {
            yield return $"{row.Key} as {who}: the answer ({status}) carries company A's data: {Truncate(body)}";
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
