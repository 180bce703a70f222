using System.Net;

namespace Ticketing.Api.Tests.Identity;

public sealed class CustomerTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task Admin_creates_a_customer_then_reads_it_back_with_its_version_as_etag()
    {
        var admin = await api.SignInAdminAsync();
        var domain = $"{Guid.NewGuid():N}.example";

        var created = await admin.Scenario(s =>
        {
            s.Post.Json(new
            {
                name = "Contoso AG", emailDomains = new[] { domain.ToUpperInvariant(), "@" + domain }, timeZone = "Europe/Berlin",
                ticketingPortalEnabled = true, knowledgeBaseEnabled = true,
            }).ToUrl("/api/customers");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });

        var id = created.ReadAs<CustomerBody>().Id;
        created.Context.Response.Headers.Location.ToString().ShouldBe($"/api/customers/{id}");
        var customer = await admin.ReadAsync<CustomerBody>(s =>
        {
            s.Get.Url($"/api/customers/{id}");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
        customer.Name.ShouldBe("Contoso AG");
        customer.EmailDomains.ShouldBe([domain]);
        customer.TimeZone.ShouldBe("Europe/Berlin");
        customer.KnowledgeBaseEnabled.ShouldBeTrue();
        // The audit log has no endpoint in this area; only the database shows the row.
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity = 'customer' and entity_id = $1 and action = 'customer.created'", id)).ShouldBe(1);
    }

    [Fact]
    public async Task Invalid_time_zone_is_400_naming_the_field_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var name = $"Nowhere {Guid.NewGuid():N}";

        var fields = await admin.InvalidFieldsAsync(s => s.Post.Json(new
        {
            name, emailDomains = new[] { "not a domain" }, timeZone = "Mars/Olympus_Mons", ticketingPortalEnabled = false, knowledgeBaseEnabled = false,
        }).ToUrl("/api/customers"));

        fields.ShouldContain("timeZone");
        fields.ShouldContain("emailDomains[0]");
        (await NamesAsync(admin, limit: 200)).ShouldNotContain(name);
    }

    [Fact]
    public async Task An_email_domain_of_another_customer_is_409()
    {
        var admin = await api.SignInAdminAsync();
        var domain = $"{Guid.NewGuid():N}.example";
        await admin.CreateCustomerAsync(null, domain);

        await admin.ProblemAsync(
            s => s.Post.Json(new
            {
                name = "Copycat", emailDomains = new[] { domain.ToUpperInvariant() }, timeZone = "UTC", ticketingPortalEnabled = false, knowledgeBaseEnabled = false,
            }).ToUrl("/api/customers"),
            HttpStatusCode.Conflict, "customer.email_domain_taken");
    }

    [Fact]
    public async Task Update_replaces_the_fields_and_a_stale_if_match_is_412()
    {
        var admin = await api.SignInAdminAsync();
        var id = await admin.CreateCustomerAsync();
        var body = new { name = "Renamed", emailDomains = Array.Empty<string>(), timeZone = "America/New_York", ticketingPortalEnabled = false, knowledgeBaseEnabled = true };

        var updated = await admin.ReadAsync<CustomerBody>(s =>
        {
            s.Put.Json(body).ToUrl($"/api/customers/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
            s.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
        await admin.ProblemAsync(
            s =>
            {
                s.Put.Json(body).ToUrl($"/api/customers/{id}");
                s.WithRequestHeader("If-Match", "\"1\"");
            },
            HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");

        updated.TimeZone.ShouldBe("America/New_York");
        (await admin.GetAsync<CustomerBody>($"/api/customers/{id}")).ShouldSatisfyAllConditions(
            c => c.Name.ShouldBe("Renamed"),
            c => c.Version.ShouldBe(2, "the refused update changed nothing"));
        // Before and after of the one accepted update are in the audit log, which no endpoint of this area shows.
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'customer.updated' and before->>'name' <> after->>'name'", id)).ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_customer_is_404()
    {
        var admin = await api.SignInAdminAsync();

        await admin.ProblemAsync(s => s.Get.Url($"/api/customers/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "customer.not_found");
    }

    [Fact]
    public async Task The_list_pages_by_name_with_a_cursor_without_gaps_or_repeats()
    {
        var admin = await api.SignInAdminAsync();
        var prefix = $"Paged {Guid.NewGuid():N}";
        foreach (var suffix in new[] { "C", "A", "B" })
        {
            await admin.CreateCustomerAsync($"{prefix} {suffix}");
        }

        var names = await NamesAsync(admin, limit: 2);

        names.Distinct().Count().ShouldBe(names.Count);
        names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ShouldBe([$"{prefix} A", $"{prefix} B", $"{prefix} C"]);
    }

    /// <summary>Every customer's name, page after page in the list's order.</summary>
    private static async Task<List<string>> NamesAsync(ApiUser admin, int limit)
    {
        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await admin.GetAsync<PageBody<CustomerBody>>($"/api/customers?limit={limit}{(cursor is null ? "" : $"&after={cursor}")}");
            names.AddRange(page.Items.Select(c => c.Name));
            cursor = page.Next;
        }
        while (cursor is not null);

        return names;
    }
}
