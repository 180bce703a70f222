using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

public sealed class CustomerTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task Admin_creates_a_customer_then_reads_it_back_with_its_version_as_etag()
    {
        var admin = await api.AdminAsync();
        var domain = $"{Guid.NewGuid():N}.example";

        var created = await admin.PostAsJsonAsync(Url("/api/customers"), new
        {
            name = "Contoso AG", emailDomains = new[] { domain.ToUpperInvariant(), "@" + domain }, timeZone = "Europe/Berlin",
            ticketingPortalEnabled = true, knowledgeBaseEnabled = true,
        });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        created.Headers.Location!.ToString().ShouldBe($"/api/customers/{id}");
        var read = await admin.GetAsync(Url($"/api/customers/{id}"));
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var customer = await read.Content.ReadFromJsonAsync<JsonElement>();
        customer.GetProperty("name").GetString().ShouldBe("Contoso AG");
        customer.GetProperty("emailDomains").EnumerateArray().Select(d => d.GetString()).ShouldBe([domain]);
        customer.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        customer.GetProperty("knowledgeBaseEnabled").GetBoolean().ShouldBeTrue();
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity = 'customer' and entity_id = $1 and action = 'customer.created'", id)).ShouldBe(1);
    }

    [Fact]
    public async Task Invalid_time_zone_is_400_naming_the_field_and_nothing_is_written()
    {
        var admin = await api.AdminAsync();
        var name = $"Nowhere {Guid.NewGuid():N}";

        var response = await admin.PostAsJsonAsync(Url("/api/customers"), new
        {
            name, emailDomains = new[] { "not a domain" }, timeZone = "Mars/Olympus_Mons", ticketingPortalEnabled = false, knowledgeBaseEnabled = false,
        });

        var errors = await response.ValidationErrorsAsync();
        errors.TryGetProperty("timeZone", out _).ShouldBeTrue();
        errors.TryGetProperty("emailDomains[0]", out _).ShouldBeTrue();
        (await api.ScalarAsync<long>("select count(*) from customers where name = $1", name)).ShouldBe(0);
    }

    [Fact]
    public async Task An_email_domain_of_another_customer_is_409()
    {
        var admin = await api.AdminAsync();
        var domain = $"{Guid.NewGuid():N}.example";
        await admin.CreateCustomerAsync(null, domain);

        var response = await admin.PostAsJsonAsync(Url("/api/customers"), new
        {
            name = "Copycat", emailDomains = new[] { domain.ToUpperInvariant() }, timeZone = "UTC", ticketingPortalEnabled = false, knowledgeBaseEnabled = false,
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "customer.email_domain_taken");
    }

    [Fact]
    public async Task Update_replaces_the_fields_and_a_stale_if_match_is_412()
    {
        var admin = await api.AdminAsync();
        var id = await admin.CreateCustomerAsync();
        var body = new { name = "Renamed", emailDomains = Array.Empty<string>(), timeZone = "America/New_York", ticketingPortalEnabled = false, knowledgeBaseEnabled = true };

        using var first = new HttpRequestMessage(HttpMethod.Put, Url($"/api/customers/{id}")) { Content = JsonContent.Create(body) };
        first.Headers.IfMatch.ParseAdd("\"1\"");
        var updated = await admin.SendAsync(first);
        using var stale = new HttpRequestMessage(HttpMethod.Put, Url($"/api/customers/{id}")) { Content = JsonContent.Create(body) };
        stale.Headers.IfMatch.ParseAdd("\"1\"");
        var refused = await admin.SendAsync(stale);

        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        updated.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeZone").GetString().ShouldBe("America/New_York");
        await refused.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'customer.updated' and before->>'name' <> after->>'name'", id)).ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_customer_is_404()
    {
        var admin = await api.AdminAsync();

        var response = await admin.GetAsync(Url($"/api/customers/{Guid.NewGuid()}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "customer.not_found");
    }

    [Fact]
    public async Task The_list_pages_by_name_with_a_cursor_without_gaps_or_repeats()
    {
        var admin = await api.AdminAsync();
        var prefix = $"Paged {Guid.NewGuid():N}";
        foreach (var suffix in new[] { "C", "A", "B" })
        {
            await admin.CreateCustomerAsync($"{prefix} {suffix}");
        }

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/customers?limit=2{(cursor is null ? "" : $"&after={cursor}")}"));
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));
            cursor = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        names.Distinct().Count().ShouldBe(names.Count);
        names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ShouldBe([$"{prefix} A", $"{prefix} B", $"{prefix} C"]);
    }
}
