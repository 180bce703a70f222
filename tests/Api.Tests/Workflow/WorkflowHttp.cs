using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Workflow;

/// <summary>
/// Workflow rule steps as Alba scenarios run by a signed-in <see cref="ApiUser"/>. Every rule a test writes names the
/// test's own customer, so rules never meet.
/// </summary>
public static class WorkflowHttp
{
    public const string Rules = "/api/admin/workflow-rules";

    public static object OnCustomer(Guid customerId) => new { field = "customer", op = "eq", value = customerId.ToString() };

    /// <summary>A technician, an admin and a fresh customer.</summary>
    public static async Task<(ApiUser Technician, ApiUser Admin, Guid CustomerId)> SetUpAsync(this WorkflowApiFactory api)
    {
        var technician = await api.SignInStaffAsync();
        var admin = await api.SignInAdminAsync();
        return (technician, admin, await admin.CreateCustomerAsync());
    }

    /// <summary>Creates <paramref name="rule"/>, expecting 201 with the ETag of version 1.</summary>
    public static async Task<RuleView> CreateRuleAsync(this ApiUser admin, object rule)
    {
        var created = await admin.Scenario(s =>
        {
            s.Post.Json(rule).ToUrl(Rules);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
        return created.ReadAs<RuleView>();
    }

    public static Task<RuleView> RuleAsync(this ApiUser admin, Guid id) => admin.GetAsync<RuleView>($"{Rules}/{id}");

    public static Task<RuleView[]> RulesAsync(this ApiUser admin) => admin.GetAsync<RuleView[]>(Rules);

    /// <summary>Opens a ticket with <paramref name="body"/> and returns its id.</summary>
    public static async Task<Guid> OpenAsync(this ApiUser technician, object body) => (await technician.OpenTicketAsync(body)).Id;

    /// <summary>The ticket's events as the auditor's history lists them, oldest first.</summary>
    public static Task<AuditedEvent[]> HistoryAsync(this ApiUser auditor, Guid id) => auditor.GetAsync<AuditedEvent[]>($"/api/audit/tickets/{id}/history");
}

/// <summary>A stored workflow rule as <c>/api/admin/workflow-rules</c> returns it.</summary>
public sealed record RuleView(
    Guid Id, string Name, string Trigger, IReadOnlyList<RuleCondition> Conditions, IReadOnlyList<RuleAction> Actions, bool Enabled, int Position, long Version);

/// <summary>A condition: one <see cref="Value"/> or, for <c>in</c>, <see cref="Values"/> (the other is left out).</summary>
public sealed record RuleCondition(string Field, string Op, string? Value = null, IReadOnlyList<string>? Values = null);

/// <summary>An action: <c>set</c> a field to <see cref="Value"/>, or <c>notify</c> an address (the others are left out).</summary>
public sealed record RuleAction(string? Set = null, string? Value = null, string? Notify = null);
