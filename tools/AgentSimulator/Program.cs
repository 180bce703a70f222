using System.Net.Http.Headers;
using System.Net.Http.Json;

// A device agent that speaks only the HTTP contract of ADR 0030 and pretends to act: it enrols with the customer's
// enrolment key, long-polls for actions and reports each one completed (a password reset with a made-up temporary
// password, which the server texts to the contact).
//   dotnet run --project tools/AgentSimulator -- BASE-URL ENROLMENT-KEY AGENT-ID [Windows|MacOs|Linux] [NAME]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: AgentSimulator BASE-URL ENROLMENT-KEY AGENT-ID [Windows|MacOs|Linux] [NAME]");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(args[0]), Timeout = TimeSpan.FromSeconds(90) };
var os = args.Length > 3 ? args[3] : "Windows";
var name = args.Length > 4 ? args[4] : Environment.MachineName;
using var enrol = await http.PostAsJsonAsync("/api/agent/enrol", new { enrolmentKey = args[1], agentId = args[2], name, os });
if (!enrol.IsSuccessStatusCode)
{
    Console.Error.WriteLine($"enrolment refused: {(int)enrol.StatusCode} {await enrol.Content.ReadAsStringAsync()}");
    return 1;
}

var enrolled = (await enrol.Content.ReadFromJsonAsync<Enrolled>())!;
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", enrolled.Credential);
Console.WriteLine($"enrolled as device {enrolled.DeviceId}; polling for actions (Ctrl+C stops)");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var done = new HashSet<Guid>();
while (!stop.IsCancellationRequested)
{
    Pending? pending;
    try
    {
        pending = await http.GetFromJsonAsync<Pending>("/api/agent/actions?wait=25", stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }

    foreach (var action in pending!.Actions.Where(a => done.Add(a.Id)))
    {
        Console.WriteLine($"{DateTimeOffset.Now:T} {action.Kind} {action.Package}");
        var password = action.Kind == "ResetPassword" ? $"Tmp-{Guid.NewGuid():N}"[..14] : null;
        using var reported = await http.PostAsJsonAsync(
            $"/api/agent/actions/{action.Id}/outcome", new { status = "completed", detail = $"simulated {action.Kind}", temporaryPassword = password });
        Console.WriteLine($"  reported: {(int)reported.StatusCode}");
    }
}

return 0;

internal sealed record Enrolled(Guid DeviceId, string Credential);

internal sealed record Pending(IReadOnlyList<PendingAction> Actions);

internal sealed record PendingAction(Guid Id, string Kind, string? Package);
