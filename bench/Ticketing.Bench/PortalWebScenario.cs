using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ticketing.Bench;

/// <summary>
/// Issue 17: the portal's ticket list page (<c>/portal/tickets</c>, Razor Pages, cookie) beside the list endpoint
/// (<c>GET /api/portal/tickets</c>, bearer token) in the same run, for the primary contact of a 10,000-ticket company in
/// 1,000,000 tickets, at 32 clients over HTTP against the real API process. The customer and its 50 contacts are made
/// through the API; the tickets are the <c>portal</c> scenario's log (binary COPY, <see cref="PortalLogSeeder"/>) with
/// that customer and those contacts, and <c>portal_tickets</c> is rebuilt from it. Both sides list 20 tickets (the page's
/// size), whole company, no filter: first page and page 50 by cursor. The phases run in ABBA order (endpoint, page,
/// page, endpoint), so a machine whose speed drifts favours neither; each side's figures are over both of its phases.
/// The budget: the page costs at most 1.5 times the endpoint. With <c>--api TREE</c> both API processes are that tree's
/// build (side-by-side.sh runs the scenario against the old and the new API).
/// </summary>
public static partial class PortalWebScenario
{
    private const int Clients = 32;
    private const int PageSize = 20;

    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results, string work)
    {
        var tickets = settings.PortalTickets;
        var dataFolder = Path.Combine(work, "portalweb-data");
        Guid customer;
        var contacts = new List<Guid>();
        string login, password;
        await using (var api = await ApiProcess.StartAsync(connectionString, dataFolder, settings.ApiTree))
        {
            using var client = new ApiClient(api.BaseAddress);
            await client.SignInAsTechnicianAsync();
            customer = await client.CreateCustomerAsync(0, knowledgeBase: true);
            (var primary, login, password) = await client.CreatePortalContactAsync(customer, 1, primary: true);
            contacts.Add(primary);
            for (var i = 2; i <= PortalLogSeeder.Contacts; i++)
            {
                contacts.Add((await client.CreatePortalContactAsync(customer, i, primary: false)).Id);
            }
        }

        var seeding = Stopwatch.StartNew();
        // The COPY of a million events and the rebuild outlast Npgsql's 30 s command timeout on a busy machine.
        var dataSource = BenchDatabase.ApiLikeDataSource(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 1800 }.ConnectionString);
        await using (dataSource)
        {
            using var store = BenchDatabase.ApiStore(dataSource);
            var streams = await PortalLogSeeder.SeedAsync(dataSource, store, tickets, customer, contacts);
            Console.WriteLine($"Seeded {tickets:N0} TicketCreated events into mt_events by COPY in {seeding.Elapsed.TotalSeconds:0} s");
            await MartenLogWriter.VerifyAsync(dataSource, store, [streams[0], streams[streams.Count / 2], streams[^1]]);
            await RebuildScenario.RebuildAsync(dataSource, store, "portal_tickets", "portal_tickets");
            await using var analyze = dataSource.CreateCommand("analyze");
            await analyze.ExecuteNonQueryAsync();
        }

        // A fresh API process on the seeded database: nothing it cached before the seeding is left.
        await using var server = await ApiProcess.StartAsync(connectionString, dataFolder, settings.ApiTree);
        using var endpoint = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false })
        {
            BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60),
        };
        using var token = await endpoint.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { login, password });
        token.EnsureSuccessStatusCode();
        endpoint.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        using var page = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false,
        })
        {
            BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60),
        };
        await SignInThroughPageAsync(page, login, password);

        // The cursor of page 50, walked through the endpoint (the page's next link carries the same cursor).
        string? cursor = null;
        var reached = 1;
        for (; reached < 50; reached++)
        {
            var next = (await GetJsonAsync(endpoint, EndpointPath(cursor))).GetProperty("nextCursor");
            if (next.ValueKind != JsonValueKind.String)
            {
                break;
            }

            cursor = next.GetString();
        }

        var cpu = new CpuMeter(server.ProcessId, Path.Combine(work, "data"));
        var common = $"{Clients} concurrent clients over HTTP, primary contact (whole company), {tickets:N0} tickets, company has " +
            $"{tickets / 100:N0}, {PageSize} per page; API child process (Release, Production); {settings.Duration.TotalSeconds:0.#} s warm-up per side, then ABBA order, 2 x {settings.Duration.TotalSeconds / 2:0.#} s per side";
        foreach (var (name, at, pageNumber) in new[] { ("first page", (string?)null, 1), ("page 50 by cursor", cursor, reached) })
        {
            var setting = pageNumber == 50 || at is null ? common : $"{common}; the company has only {pageNumber} pages, so page {pageNumber}";
            var endpointPath = EndpointPath(at);
            var pagePath = PagePath(at);
            var (endpointBytes, pageBytes) = await CheckAsync(endpoint, endpointPath, page, pagePath);
            results.Add($"portal list endpoint: {name}", "response body", endpointBytes, "bytes", $"GET /api/portal/tickets?limit={PageSize} (JSON); {setting}");
            results.Add($"portal list page: {name}", "response body", pageBytes, "bytes", $"GET /portal/tickets (HTML); {setting}");
            // Warm-up of both for a whole phase each (the page's pipeline has far more code for the tiered JIT to
            // optimise than the endpoint's: with 2 s, the first measured page phases ran partly unoptimised), then
            // endpoint, page, page, endpoint.
            await LoadRunner.RunAsync(Clients, settings.Duration, (_, _) => GetAsync(endpoint, endpointPath));
            await LoadRunner.RunAsync(Clients, settings.Duration, (_, _) => GetAsync(page, pagePath));
            var half = settings.Duration / 2;
            var cpuEndpoint = 0.0;
            var cpuPage = 0.0;
            var before = cpu.Take();
            var e1 = await LoadRunner.RunAsync(Clients, half, (_, _) => GetAsync(endpoint, endpointPath));
            var middle = cpu.Take();
            cpuEndpoint += middle.Api - before.Api;
            var p1 = await LoadRunner.RunAsync(Clients, half, (_, _) => GetAsync(page, pagePath));
            var p2 = await LoadRunner.RunAsync(Clients, half, (_, _) => GetAsync(page, pagePath));
            before = cpu.Take();
            cpuPage += before.Api - middle.Api;
            var e2 = await LoadRunner.RunAsync(Clients, half, (_, _) => GetAsync(endpoint, endpointPath));
            cpuEndpoint += cpu.Take().Api - before.Api;
            var api = LoadRunner.Merge(e1, e2);
            var web = LoadRunner.Merge(p1, p2);
            Report(results, $"portal list endpoint: {name}", api, cpuEndpoint, $"GET /api/portal/tickets?limit={PageSize}; {setting}");
            Report(results, $"portal list page: {name}", web, cpuPage, $"GET /portal/tickets (HTML, cookie); {setting}");
            var ratio = $"page / endpoint, same run; budget 1.5 (issue 17)";
            results.Add($"portal list page / endpoint: {name}", "p50 ratio", web.P50Ms / api.P50Ms, "x", ratio);
            results.Add($"portal list page / endpoint: {name}", "p99 ratio", web.P99Ms / api.P99Ms, "x", ratio);
            results.Add($"portal list page / endpoint: {name}", "requests/s ratio (endpoint / page)", api.PerSecond / web.PerSecond, "x", ratio);
            results.Add($"portal list page / endpoint: {name}", "api cpu per request ratio",
                cpuPage / Math.Max(1, web.Operations) / (cpuEndpoint / Math.Max(1, api.Operations)), "x", ratio);
        }
    }

    private static string EndpointPath(string? cursor) =>
        $"/api/portal/tickets?limit={PageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");

    private static string PagePath(string? cursor) => "/portal/tickets" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}");

    private static void Report(BenchResults results, string scenario, LoadFigures f, double apiCpuSeconds, string setting)
    {
        results.Add(scenario, "p50", f.P50Ms, "ms", setting);
        results.Add(scenario, "p99", f.P99Ms, "ms", setting);
        results.Add(scenario, "requests/s", f.PerSecond, "req/s", setting);
        results.Add(scenario, "errors", f.Errors, "count", setting);
        results.Add(scenario, "cpu per request: api", apiCpuSeconds * 1000 / Math.Max(1, f.Operations), "ms",
            "CPU seconds of the API process (user + system, /proc) over the side's phases divided by its requests");
    }

    /// <summary>Signs in through the sign-in page as a browser does: its form's antiforgery token, then the POST; keeps the cookie.</summary>
    private static async Task SignInThroughPageAsync(HttpClient page, string login, string password)
    {
        var form = await page.GetStringAsync(new Uri("/portal/sign-in", UriKind.Relative));
        var antiforgery = AntiforgeryField().Match(form);
        if (!antiforgery.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery field.");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = login, ["password"] = password, ["__antiforgery"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value),
        });
        using var response = await page.PostAsync(new Uri("/portal/sign-in", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in through the page answered {(int)response.StatusCode}, not a redirect.");
        }
    }

    /// <summary>Both sides list the same tickets before they are measured: the page shows the endpoint's titles.</summary>
    /// <summary>Both list the same tickets (the page shows the endpoint's titles); returns each side's body size in bytes.</summary>
    private static async Task<(long Endpoint, long Page)> CheckAsync(HttpClient endpoint, string endpointPath, HttpClient page, string pagePath)
    {
        using var json = await endpoint.GetAsync(new Uri(endpointPath, UriKind.Relative));
        json.EnsureSuccessStatusCode();
        var body = await json.Content.ReadAsByteArrayAsync();
        using var document = JsonDocument.Parse(body);
        var items = document.RootElement.GetProperty("items");
        if (items.GetArrayLength() == 0)
        {
            throw new InvalidOperationException("The endpoint listed no ticket.");
        }

        using var response = await page.GetAsync(new Uri(pagePath, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The list page answered {(int)response.StatusCode}.");
        }

        foreach (var item in items.EnumerateArray())
        {
            if (!html.Contains(WebUtility.HtmlEncode(item.GetProperty("title").GetString()!), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The list page lacks the endpoint's ticket '{item.GetProperty("title")}'.");
            }
        }

        return (body.LongLength, System.Text.Encoding.UTF8.GetByteCount(html));
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>One request, its whole body read (the page's HTML, the endpoint's JSON); anything but 200 is an error.</summary>
    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {path}");
        }
    }

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
