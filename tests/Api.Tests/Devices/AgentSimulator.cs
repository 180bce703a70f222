using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Api.Tests.Devices;

/// <summary>
/// A device agent as the product expects one (ADR 0030), speaking only the HTTP contract: enrol with the customer's
/// key, long-poll <c>/api/agent/actions</c> with the device credential, report each action's outcome. It pretends to
/// act: every action it is given succeeds, a password reset reporting <see cref="TemporaryPassword"/>.
/// </summary>
public sealed class AgentSimulator(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Json = ApiUserScenarios.Contract;

    public Guid DeviceId { get; private set; }

    public string? Credential { get; private set; }

    public string TemporaryPassword { get; } = $"Tmp-{Guid.NewGuid():N}"[..16];

    /// <summary>Enrols (or re-enrols) and keeps the credential it is given.</summary>
    public async Task<HttpResponseMessage> EnrolAsync(string enrolmentKey, string agentId, string name = "Simulated PC", string os = "Windows")
    {
        var response = await http.PostAsJsonAsync("/api/agent/enrol", new { enrolmentKey, agentId, name, os });
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var enrolled = (await response.Content.ReadFromJsonAsync<AgentEnrolledBody>(Json))!;
            (DeviceId, Credential) = (enrolled.DeviceId, enrolled.Credential);
        }

        return response;
    }

    public Task<HttpResponseMessage> PollAsync(int wait = 0, CancellationToken ct = default) =>
        http.SendAsync(Authorised(HttpMethod.Get, $"/api/agent/actions?wait={wait}"), ct);

    public async Task<IReadOnlyList<AgentActionBody>> ActionsAsync(int wait = 0, CancellationToken ct = default)
    {
        using var response = await PollAsync(wait, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<AgentActionsBody>(Json, ct))!.Actions;
    }

    public Task<HttpResponseMessage> ReportAsync(Guid actionId, string status = "completed", string? detail = null, string? temporaryPassword = null)
    {
        var request = Authorised(HttpMethod.Post, $"/api/agent/actions/{actionId}/outcome");
        request.Content = JsonContent.Create(new { status, detail, temporaryPassword });
        return http.SendAsync(request);
    }

    /// <summary>One round of the agent's loop: poll (waiting up to <paramref name="wait"/> s) and carry out what came.</summary>
    public async Task<IReadOnlyList<AgentActionBody>> RunOnceAsync(int wait = 5)
    {
        var actions = await ActionsAsync(wait);
        foreach (var action in actions)
        {
            using var reported = await ReportAsync(
                action.Id, "completed", $"{action.Kind} done", action.Kind == "ResetPassword" ? TemporaryPassword : null);
            reported.StatusCode.ShouldBe(HttpStatusCode.NoContent, await reported.Content.ReadAsStringAsync());
        }

        return actions;
    }

    public void Dispose() => http.Dispose();

    private HttpRequestMessage Authorised(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Device", Credential ?? "none");
        return request;
    }
}

public sealed record AgentEnrolledBody(Guid DeviceId, string Credential);

public sealed record AgentActionsBody(IReadOnlyList<AgentActionBody> Actions);

public sealed record AgentActionBody(Guid Id, string Kind, string? Package, DateTimeOffset RequestedAt);

public sealed record EnrolmentKeyBody(Guid CustomerId, string EnrolmentKey, DateTimeOffset CreatedAt);
