using System.Net;
using Alba;
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
        var admin = await api.SignInAdminAsync();
        var created = await admin.CreateRuleAsync(Rule("Portal work type"));
        created.Version.ShouldBe(1);
        created.Enabled.ShouldBeTrue();
        created.Conditions.ShouldBe([new RuleCondition("source", "eq", "Portal")]);
        var id = created.Id;

        var replaced = await admin.Scenario(s =>
        {
            s.Put.Json(Rule("Renamed")).ToUrl($"{WorkflowHttp.Rules}/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
        replaced.ReadAs<RuleView>().Version.ShouldBe(2);
        (await admin.RuleAsync(id)).Name.ShouldBe("Renamed");
        (await admin.RulesAsync()).ShouldContain(r => r.Id == id);

        await admin.ProblemAsync(s =>
        {
            s.Put.Json(Rule("Stale")).ToUrl($"{WorkflowHttp.Rules}/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
        }, HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        await admin.ProblemAsync(s =>
        {
            s.Delete.Url($"{WorkflowHttp.Rules}/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
        }, HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        await admin.Scenario(s =>
        {
            s.Delete.Url($"{WorkflowHttp.Rules}/{id}");
            s.WithRequestHeader("If-Match", "\"2\"");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });
        await admin.ProblemAsync(s => s.Get.Url($"{WorkflowHttp.Rules}/{id}"), HttpStatusCode.NotFound, "workflow_rule.not_found");
    }

    [Theory]
    [InlineData("field", "conditions[0].Field", "Unknown field 'colour'")]
    [InlineData("op", "conditions[0].Op", "Unknown operator 'like'")]
    [InlineData("set", "actions[0].Set", "Unknown action 'set: colour'")]
    [InlineData("action", "actions[0].action", "Unknown action 'sendSms'")]
    [InlineData("trigger", "Trigger", "Unknown trigger 'ticket_deleted'")]
    public async Task Unknown_words_are_400_naming_them_and_nothing_is_written(string wrong, string key, string message)
    {
        var admin = await api.SignInAdminAsync();
        var before = await admin.RulesAsync();
        var body = wrong switch
        {
            "field" => Rule(condition: new { field = "colour", op = "eq", value = "red" }),
            "op" => Rule(condition: new { field = "queue", op = "like", value = "x" }),
            "set" => Rule(action: new { set = "colour", value = "red" }),
            "action" => Rule(action: new { sendSms = "+41790000000" }),
            _ => new { name = "Rule", trigger = "ticket_deleted", actions = new[] { new { set = "queue", value = "A" } } },
        };

        var errors = await admin.ValidationErrorsAsync(s => s.Post.Json(body).ToUrl(WorkflowHttp.Rules));

        var named = errors.Where(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase)).ToList();
        named.Count.ShouldBe(1, string.Join(", ", errors.Keys));
        named[0].Value.ShouldContain(m => m.StartsWith(message, StringComparison.Ordinal));
        (await admin.RulesAsync()).Select(r => r.Id).ShouldBe(before.Select(r => r.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task Missing_values_and_bad_recipients_are_400()
    {
        var admin = await api.SignInAdminAsync();

        var errors = await admin.ValidationErrorsAsync(s => s.Post.Json(new
        {
            name = "", trigger = "ticket_updated",
            conditions = new object[] { new { field = "priority", op = "in" }, new { field = "queue", op = "eq" } },
            actions = new object[] { new { set = "status" }, new { set = "assignee", value = "bob" }, new { notify = "not an address" } },
        }).ToUrl(WorkflowHttp.Rules));

        errors.Keys.Select(k => k.ToLowerInvariant()).ShouldBe(
            ["name", "conditions[0].values", "conditions[1].value", "actions[0].value", "actions[1].value", "actions[2].notify"], ignoreOrder: true);
    }

    [Fact]
    public async Task Only_admins_manage_rules()
    {
        var technician = await api.SignInStaffAsync();

        await technician.Scenario(s =>
        {
            s.Get.Url(WorkflowHttp.Rules);
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await technician.Scenario(s =>
        {
            s.Post.Json(Rule()).ToUrl(WorkflowHttp.Rules);
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
    }
}
