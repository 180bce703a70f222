using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Workflow;

/// <summary>Workflow steps through HTTP. Every rule a test writes names the test's own customer, so rules never meet.</summary>
public static class WorkflowHttp
{
    public const string Rules = "/api/admin/workflow-rules";

    public static object OnCustomer(Guid customerId) => new { field = "customer", op = "eq", value = customerId.ToString() };

    public static async Task<JsonElement> CreateRuleAsync(this HttpClient admin, object rule)
    {
        var response = await admin.PostAsJsonAsync(TicketHttp.Url(Rules), rule);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A technician, an admin and a fresh customer.</summary>
    public static async Task<(HttpClient Technician, Guid TechnicianId, HttpClient Admin, Guid CustomerId)> SetUpAsync(this WorkflowApiFactory api)
    {
        var (technician, technicianId) = await api.StaffAsync();
        var admin = await api.AdminAsync();
        return (technician, technicianId, admin, await admin.CreateCustomerAsync());
    }

    public static async Task<Guid> OpenAsync(this HttpClient technician, object body)
    {
        var response = await technician.PostTicketAsync(body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> TicketAsync(this HttpClient client, Guid id) =>
        (await client.GetTicketAsync(id)).GetProperty("ticket");

    public static async Task<JsonElement[]> HistoryAsync(this HttpClient admin, Guid id) =>
        (await admin.GetFromJsonAsync<JsonElement[]>(TicketHttp.Url($"/api/audit/tickets/{id}/history")))!;
}
