using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Workflow;

public sealed class WorkflowRuleAdminTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    private static object Rule(string name = "Rule", object? condition = null, object? action = null) => new
    {
        name, trigger = "ticket_created",
        conditions = new[] { condition ?? new { field = "source", op = "eq", value = "Portal" } },
        actions = new[] { action ?? new { set = "workType", value = "X" } },
    };

    [Fact]
    public async Task An_admin_creates_reads_replaces_and_deletes_a_rule_guarded_by_its_version()
    {
        var admin = await api.AdminAsync();
        var created = await admin.CreateRuleAsync(Rule("Portal work type"));
        var id = created.GetProperty("id").GetGuid();
        created.GetProperty("version").GetInt64().ShouldBe(1);
        created.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        created.GetProperty("conditions")[0].GetProperty("value").GetString().ShouldBe("Portal");

        var replaced = await Send(admin, HttpMethod.Put, id, "\"1\"", Rule("Renamed"));
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        replaced.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var read = await admin.GetFromJsonAsync<JsonElement>(TicketHttp.Url($"{WorkflowHttp.Rules}/{id}"));
        read.GetProperty("name").GetString().ShouldBe("Renamed");
        (await admin.GetFromJsonAsync<JsonElement[]>(TicketHttp.Url(WorkflowHttp.Rules)))!
            .ShouldContain(r => r.GetProperty("id").GetGuid() == id);

        await (await Send(admin, HttpMethod.Put, id, "\"1\"", Rule("Stale"))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        await (await Send(admin, HttpMethod.Delete, id, "\"1\"")).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        (await Send(admin, HttpMethod.Delete, id, "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.GetAsync(TicketHttp.Url($"{WorkflowHttp.Rules}/{id}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "workflow_rule.not_found");
    }

    [Theory]
    [InlineData("field", "conditions[0].Field", "Unknown field 'colour'")]
    [InlineData("op", "conditions[0].Op", "Unknown operator 'like'")]
    [InlineData("set", "actions[0].Set", "Unknown action 'set: colour'")]
    [InlineData("action", "actions[0].action", "Unknown action 'sendSms'")]
    [InlineData("trigger", "Trigger", "Unknown trigger 'ticket_deleted'")]
    public async Task Unknown_words_are_400_naming_them_and_nothing_is_written(string wrong, string key, string message)
    {
        var admin = await api.AdminAsync();
        var before = await api.ScalarAsync<long>("select count(*) from workflow_rules");
        var body = wrong switch
        {
            "field" => Rule(condition: new { field = "colour", op = "eq", value = "red" }),
            "op" => Rule(condition: new { field = "queue", op = "like", value = "x" }),
            "set" => Rule(action: new { set = "colour", value = "red" }),
            "action" => Rule(action: new { sendSms = "+41790000000" }),
            _ => new { name = "Rule", trigger = "ticket_deleted", actions = new[] { new { set = "queue", value = "A" } } },
        };

        var response = await admin.PostAsJsonAsync(TicketHttp.Url(WorkflowHttp.Rules), body);

        var errors = await response.ValidationErrorsAsync();
        var named = errors.EnumerateObject().FirstOrDefault(e => string.Equals(e.Name, key, StringComparison.OrdinalIgnoreCase));
        named.Value.ValueKind.ShouldBe(JsonValueKind.Array, errors.ToString());
        named.Value.EnumerateArray().ShouldContain(m => m.GetString()!.StartsWith(message, StringComparison.Ordinal));
        (await api.ScalarAsync<long>("select count(*) from workflow_rules")).ShouldBe(before);
    }

    [Fact]
    public async Task Missing_values_and_bad_recipients_are_400()
    {
        var admin = await api.AdminAsync();

        var errors = await (await admin.PostAsJsonAsync(TicketHttp.Url(WorkflowHttp.Rules), new
        {
            name = "", trigger = "ticket_updated",
            conditions = new object[] { new { field = "priority", op = "in" }, new { field = "queue", op = "eq" } },
            actions = new object[] { new { set = "status" }, new { set = "assignee", value = "bob" }, new { notify = "not an address" } },
        })).ValidationErrorsAsync();

        errors.EnumerateObject().Select(e => e.Name.ToLowerInvariant()).ShouldBe(
            ["name", "conditions[0].values", "conditions[1].value", "actions[0].value", "actions[1].value", "actions[2].notify"], ignoreOrder: true);
    }

    [Fact]
    public async Task Only_admins_manage_rules()
    {
        var (technician, _) = await api.StaffAsync();

        (await technician.GetAsync(TicketHttp.Url(WorkflowHttp.Rules))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await technician.PostAsJsonAsync(TicketHttp.Url(WorkflowHttp.Rules), Rule())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, Guid id, string ifMatch, object? body = null)
    {
        using var request = new HttpRequestMessage(method, TicketHttp.Url($"{WorkflowHttp.Rules}/{id}"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }
}
