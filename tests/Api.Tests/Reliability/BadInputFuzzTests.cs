using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ticketing.Api.Tests.Tickets;
using Xunit.Abstractions;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>
/// Issue item 4: at least 10,000 malformed requests over every endpoint the host maps. Each must be refused with a 4xx
/// problem details document (never a 5xx, never a 2xx), and the database must not change at all.
/// </summary>
public sealed class BadInputFuzzTests(FuzzApiFactory api, ITestOutputHelper output) : IClassFixture<FuzzApiFactory>
{
    private const int Requests = 10_500;
    private const int DefaultSeed = 20_261_122;
    private const string SeedVariable = "TICKETING_FUZZ_SEED";
    private const string RequestsVariable = "TICKETING_FUZZ_REQUESTS";

    [Fact]
    public async Task Ten_thousand_malformed_requests_on_every_endpoint_get_problem_details_never_a_5xx_and_change_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        Report($"fuzz: seed {seed} (set {SeedVariable} to run another)");
        var world = await FuzzWorld.BuildAsync(api);
        var targets = FuzzTargets.Discover(api.Services);
        targets.Count.ShouldBeGreaterThan(0, "no endpoint found to fuzz");
        var escapeMarker = $"fuzz-escape-{seed}";
        var generator = new MalformedRequests(world, new Random(seed), escapeMarker);
        var unfuzzable = targets.Where(t => generator.FaultsFor(t).Count == 0).ToList();
        unfuzzable.ShouldBeEmpty($"endpoints with no fault to inject: {string.Join(", ", unfuzzable)}");
        var requests = int.TryParse(Environment.GetEnvironmentVariable(RequestsVariable), CultureInfo.InvariantCulture, out var asked) ? asked : Requests;
        var cases = Enumerable.Range(0, requests).Select(i => generator.Next(targets[i % targets.Count])).ToList();

        var before = await DatabaseFingerprint.TakeAsync(api);
        var eventsBefore = await api.EventCountAsync();
        // Parallel load: a plain HttpClient on the test server, since Alba's per-scenario set-up and assertions would
        // distort 10,000 requests at 8 in flight; each answer is still read into a typed problem below.
        using var client = api.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        var outcomes = new ConcurrentBag<FuzzOutcome>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (fuzz, ct) => outcomes.Add(await SendAsync(client, fuzz, ct)));
        clock.Stop();
        var after = await DatabaseFingerprint.TakeAsync(api);
        var eventsAfter = await api.EventCountAsync();

        Report($"fuzz: {outcomes.Count} malformed requests over {targets.Count} endpoints in {clock.ElapsedMilliseconds} ms; {outcomes.Select(o => o.Case.Fault).Distinct().Count()} fault classes injected");
        ReportByFault(outcomes);
        ReportByTarget(outcomes);
        var serverErrors = outcomes.Where(o => o.Status >= 500 || o.Status < 0).ToList();
        // DELETE of something that does not exist may answer 204 (idempotent, RFC 9110 9.3.5); the fingerprint shows it deleted nothing.
        var idempotentDeletes = outcomes.Where(o => o.Status == 204 && o.Case is { Fault: "route.unknown-id", Target.Method: "DELETE" }).ToList();
        var accepted = outcomes.Where(o => o.Status is >= 200 and < 300).Except(idempotentDeletes).ToList();
        var notProblems = outcomes.Where(o => o.Defect is not null && o.Status is >= 400 and < 500).ToList();
        var changedTables = before.Where(t => after.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key}: {t.Value} -> {after.GetValueOrDefault(t.Key)}").ToList();
        Report($"fuzz: 5xx {serverErrors.Count}, 2xx {accepted.Count} (+{idempotentDeletes.Count} idempotent 204s on DELETE of an unknown id: {string.Join(", ", idempotentDeletes.Select(o => o.Case.Target.ToString()).Distinct())}), 4xx without problem details {notProblems.Count}, 429 {outcomes.Count(o => o.Status == 429)}");
        Report($"fuzz: events {eventsBefore} before, {eventsAfter} after (lost or added: {Math.Abs(eventsAfter - eventsBefore)}); tables fingerprinted {before.Count}, changed {changedTables.Count}");

        foreach (var (what, offenders) in new[] { ("5xx", serverErrors), ("malformed requests accepted", accepted), ("4xx without problem details", notProblems) })
        {
            if (offenders.Count > 0)
            {
                Report(Offenders(what, offenders));
            }
        }

        serverErrors.Count.ShouldBe(0, Offenders("5xx", serverErrors) + "\nserver errors logged:\n" + string.Join("\n", ErrorLog()));
        accepted.Count.ShouldBe(0, Offenders("malformed requests accepted", accepted));
        notProblems.Count.ShouldBe(0, Offenders("4xx without problem details", notProblems));
        eventsAfter.ShouldBe(eventsBefore);
        changedTables.ShouldBeEmpty(string.Join("\n", changedTables));
        EscapedFiles(escapeMarker).ShouldBeEmpty("an upload's file name wrote outside the attachment store");
        outcomes.Count.ShouldBeGreaterThanOrEqualTo(10_000, $"{RequestsVariable} may lower the count only to replay a failure");
    }

    private static async Task<FuzzOutcome> SendAsync(HttpClient client, FuzzCase fuzz, CancellationToken ct)
    {
        try
        {
            using var request = fuzz.Build();
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return new FuzzOutcome(fuzz, (int)response.StatusCode, ProblemDefect(response, body), body);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new FuzzOutcome(fuzz, -1, "the server threw", e.ToString());
        }
    }

    /// <summary>Null when the answer is an RFC 9457 document whose <c>status</c> is the response's; else what is wrong.</summary>
    private static string? ProblemDefect(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"content type '{response.Content.Headers.ContentType}'";
        }

        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return "body is not JSON";
        }

        try
        {
            var problem = JsonSerializer.Deserialize<FuzzedProblem>(body, ApiUserScenarios.Contract);
            return problem is not null && problem.Status == status ? null : "type, title or status missing or wrong";
        }
        catch (JsonException)
        {
            return "type, title or status missing or wrong";
        }
    }

    /// <summary>What every refusal must carry, whatever the endpoint (RFC 9457's type, title and status).</summary>
    private sealed record FuzzedProblem(string Type, string Title, int Status);

    private void ReportByFault(IEnumerable<FuzzOutcome> outcomes)
    {
        foreach (var fault in outcomes.GroupBy(o => o.Case.Fault).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", fault.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}"));
            Report($"  {fault.Key,-24} {fault.Count(),5}  {statuses}");
        }
    }

    private void ReportByTarget(IEnumerable<FuzzOutcome> outcomes)
    {
        var perTarget = outcomes.GroupBy(o => o.Case.Target.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        Report($"  per endpoint: {string.Join("; ", perTarget)}");
    }

    private static string Offenders(string what, List<FuzzOutcome> offenders) =>
        $"{offenders.Count} {what}:\n" + string.Join("\n", offenders
            .GroupBy(o => (o.Case.Target.ToString(), o.Case.Fault, o.Status))
            .Select(g => $"{g.Key.Item1} [{g.Key.Fault}] -> {g.Key.Status} x{g.Count()}: {g.First().Case.Detail} => {Snippet(g.First().Body)}")
            .Take(60));

    private IEnumerable<string> ErrorLog() => api.Logs.Lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal))
        .Select(line => string.Join(" | ", line.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(3)))
        .Select(line => line.Length <= 400 ? line : line[..400]).Distinct().Take(40);

    private static string Snippet(string body) => body.Length <= 300 ? body : body[..300] + "...";

    private List<string> EscapedFiles(string marker)
    {
        var roots = new[] { Path.GetTempPath(), "/tmp", api.DataFolder }.Where(Directory.Exists).Distinct();
        return [.. roots.SelectMany(root => Directory.EnumerateFiles(root, $"*{marker}*", root == api.DataFolder ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly))];
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private sealed record FuzzOutcome(FuzzCase Case, int Status, string? Defect, string Body)
    {
        public override string ToString() => $"{Case.Target} [{Case.Fault}] {Case.Detail} -> {Status}";
    }
}
