using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>
/// <c>--merge</c>, run by <c>bench/side-by-side.sh</c>: reads the <c>latest.json</c> files of an old and a new harness run
/// (each side may come in parts, e.g. the HTTP load and the log scenarios run separately) and writes
/// <c>side-by-side.md</c> and <c>side-by-side.json</c>: one row per figure with old, new and new/old, then every figure
/// of both sides as recorded. Figures are matched by scenario and metric; where the new harness names a figure
/// differently (one rebuild path instead of two), the row says which old figure it is compared with.
/// </summary>
/// <remarks>
/// Usage: <c>--merge --old a.json[,b.json] --new c.json[,d.json] [--out DIR] [--old-label TEXT] [--new-label TEXT] [--note TEXT]</c>.
/// A missing file or figure shows as "–" (a side that failed); the merge itself never fails on missing figures.
/// </remarks>
public static class SideBySide
{
    private sealed record Figure(string Scenario, string Metric, double Value, string Unit, string Settings);

    private sealed record Side(string Label, IReadOnlyList<string> Files, IReadOnlyList<string> Missing, IReadOnlyList<string> Machines, IReadOnlyList<Figure> Figures)
    {
        public double? Find(string scenario, string metric) =>
            Figures.FirstOrDefault(f => f.Scenario == scenario && f.Metric == metric)?.Value;

        public IEnumerable<double> All(string scenario, string metric) =>
            Figures.Where(f => f.Scenario == scenario && f.Metric == metric).Select(f => f.Value);
    }

    /// <summary>A row: how to read the figure on each side (null: that side has no such figure).</summary>
    private sealed record Row(string Label, string Unit, string Better, Func<Side, double?> Old, Func<Side, double?> New);

    private static readonly int[] ReplyClients = [8, 16, 32, 128];

    private static readonly string[] PortalLists =
    [
        "portal list: first page",
        "portal list: page 50 by cursor",
        "portal list: first page, priority & type filter",
        "portal list: page 50, priority & type filter",
        "portal list: first page, title contains 'vpn'",
        "portal list: first page, scope=mine",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var old = await ReadSideAsync(Value(args, "--old-label") ?? "old", List(args, "--old"));
        var @new = await ReadSideAsync(Value(args, "--new-label") ?? "new", List(args, "--new"));
        var folder = Value(args, "--out") ?? Path.Combine("bench", "results");
        var note = Value(args, "--note");
        // A row neither side has (scenarios left out, e.g. side-by-side.sh --no-logs) is left out too.
        var rows = Rows().Where(r => r.Old(old) is not null || r.New(@new) is not null).Select(r => new
        {
            figure = r.Label,
            unit = r.Unit,
            better = r.Better,
            old = r.Old(old),
            @new = r.New(@new),
            ratio = Ratio(r.Old(old), r.New(@new)),
        }).ToArray();

        Directory.CreateDirectory(folder);
        var json = new
        {
            writtenAt = DateTimeOffset.UtcNow,
            note,
            old = new { label = old.Label, files = old.Files, missing = old.Missing, machines = old.Machines },
            @new = new { label = @new.Label, files = @new.Files, missing = @new.Missing, machines = @new.Machines },
            rows,
            oldFigures = old.Figures,
            newFigures = @new.Figures,
        };
        await File.WriteAllTextAsync(Path.Combine(folder, "side-by-side.json"),
            JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));

        var md = new StringBuilder()
            .AppendLine("# Benchmark side by side (one run: old and new on the same machine and cluster settings)").AppendLine();
        if (!string.IsNullOrWhiteSpace(note))
        {
            md.AppendLine(note).AppendLine();
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"- old: {old.Label}; {Describe(old)}")
            .AppendLine(CultureInfo.InvariantCulture, $"- new: {@new.Label}; {Describe(@new)}")
            .AppendLine(CultureInfo.InvariantCulture, $"- written {DateTimeOffset.UtcNow:u}")
            .AppendLine()
            .AppendLine("The pgbench row is each side's own physical limit, measured in that side's run: a difference between its two values is")
            .AppendLine("machine drift between the halves, not a change in the code; the `ratio to pgbench` rows divide it out.")
            .AppendLine()
            .AppendLine("| figure | unit | better | old | new | new/old |")
            .AppendLine("| --- | --- | --- | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.figure} | {r.unit} | {r.better} | {Format(r.old)} | {Format(r.@new)} | {(r.ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–")} |");
        }

        var failures = old.Figures.Concat(@new.Figures).Where(f => f.Metric == "failed").ToArray();
        if (failures.Length > 0 || old.Missing.Count > 0 || @new.Missing.Count > 0)
        {
            md.AppendLine().AppendLine("## Missing or failed").AppendLine();
            foreach (var f in old.Missing.Select(m => $"old: no results at {m}").Concat(@new.Missing.Select(m => $"new: no results at {m}")))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {f}");
            }

            foreach (var f in old.Figures.Where(f => f.Metric == "failed").Select(f => $"old: {f.Scenario}: {f.Settings}")
                .Concat(@new.Figures.Where(f => f.Metric == "failed").Select(f => $"new: {f.Scenario}: {f.Settings}")))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {f}");
            }
        }

        md.AppendLine().AppendLine("Every figure of both sides, with its settings, is in `side-by-side.json` (`oldFigures`, `newFigures`).");
        await File.WriteAllTextAsync(Path.Combine(folder, "side-by-side.md"), md.ToString());
        Console.WriteLine(md.ToString());
        Console.WriteLine($"Written {Path.GetFullPath(Path.Combine(folder, "side-by-side.md"))} and side-by-side.json");
        return 0;
    }

    private static double? SecondPgbench(Side side) =>
        side.All("pgbench insert event-sized row", "transactions/s").Skip(1).Cast<double?>().FirstOrDefault();

    private static IEnumerable<Row> Rows()
    {
        const string higher = "higher";
        const string lower = "lower";
        static Row Same(string label, string unit, string better, string scenario, string metric) =>
            new(label, unit, better, s => s.Find(scenario, metric), s => s.Find(scenario, metric));

        yield return Same("pgbench insert, 8 clients (the side's append run)", "tps", higher, "pgbench insert event-sized row", "transactions/s");
        // side-by-side.sh runs the HTTP load apart from the append scenario; each run measures its own pgbench.
        yield return new Row("pgbench insert, 8 clients (the side's HTTP run)", "tps", higher, SecondPgbench, SecondPgbench);
        yield return Same("append: events/s (1 event per append, new stream, 8 writers)", "events/s", higher, "event store append", "appends/s");
        yield return Same("append: p99", "ms", lower, "event store append", "p99");
        yield return Same("append: ratio to pgbench", "x", higher, "event store append", "ratio to pgbench");

        foreach (var (phase, label) in new[] { ("http create ticket", "create ticket @16") }
            .Concat(ReplyClients.Select(c => ($"http post reply @{c}", $"reply @{c}"))))
        {
            yield return Same($"{label}: requests/s", "req/s", higher, phase, "requests/s");
            yield return Same($"{label}: p99", "ms", lower, phase, "p99");
            yield return Same($"{label}: ratio to pgbench", "x", higher, phase, "ratio to pgbench");
            yield return Same($"{label}: CPU per request, API", "ms", lower, phase, "cpu per request: api");
            yield return Same($"{label}: CPU per request, PostgreSQL", "ms", lower, phase, "cpu per request: postgres");
            yield return Same($"{label}: messages queued at phase end", "count", lower, phase, "messages queued at phase end");
        }

        yield return new Row("HTTP errors, all phases", "count", lower, HttpErrors, HttpErrors);
        yield return Same("mail delivery lag (event committed → file in the pickup folder): p50", "ms", lower, "mail delivery lag", "p50");
        yield return Same("mail delivery lag: p99", "ms", lower, "mail delivery lag", "p99");
        yield return Same("mail delivery lag: mails measured (of those sent: missing in the next row)", "count", higher, "mail delivery lag", "mails measured");
        yield return Same("mail delivery lag: mails missing", "count", lower, "mail delivery lag", "mails missing");

        // The old store rebuilt through a set-based batch path (what its CLI ran) and, for comparison, one statement per
        // event; the new one has a single path (ReadModelRebuilder), compared with the old batch path.
        foreach (var model in new[] { "ticket_list", "ticket_details", "portal_tickets" })
        {
            // An old side on Marten already (e85e9f1 and later) has the single path too.
            yield return new Row($"rebuild {model}: events/s (old before Marten: batch path)", "events/s", higher,
                s => s.Find($"rebuild {model}", "batch (unnest) statements") ?? s.Find($"rebuild {model}", "events/s"), s => s.Find($"rebuild {model}", "events/s"));
            if (model != "portal_tickets")
            {
                yield return new Row($"rebuild {model}: old per-event path, for reference", "events/s", higher,
                    s => s.Find($"rebuild {model}", "per-event statements"), _ => null);
            }
        }

        foreach (var list in PortalLists)
        {
            yield return Same($"{list}: p99 @32", "ms", lower, list, "p99");
        }

        yield return Same($"{PortalLists[0]}: requests/s @32", "req/s", higher, PortalLists[0], "requests/s");
        yield return Same($"{PortalLists[0]}: p99, 1 client", "ms", lower, PortalLists[0], "p99, 1 client");
        yield return Same($"{PortalLists[1]}: p99, 1 client", "ms", lower, PortalLists[1], "p99, 1 client");
        // Issue 17: the portal's list page beside the list endpoint (portalweb), each side's ratios from its own run.
        foreach (var phase in new[] { "first page", "page 50 by cursor" })
        {
            var ratios = $"portal list page / endpoint: {phase}";
            yield return Same($"portal page / endpoint, {phase}: p50 ratio", "x", lower, ratios, "p50 ratio");
            yield return Same($"portal page / endpoint, {phase}: p99 ratio", "x", lower, ratios, "p99 ratio");
            yield return Same($"portal page / endpoint, {phase}: API CPU per request ratio", "x", lower, ratios, "api cpu per request ratio");
            yield return Same($"portal page, {phase}: CPU per request, API", "ms", lower, $"portal list page: {phase}", "cpu per request: api");
        }

        yield return Same("API cold start to ready", "ms", lower, "api process", "cold start to ready");
        yield return Same("API peak working set (VmHWM)", "MiB", lower, "api process", "peak working set (VmHWM)");
    }

    private static double? HttpErrors(Side side)
    {
        var errors = side.All("http create ticket", "errors").Concat(ReplyClients.SelectMany(c => side.All($"http post reply @{c}", "errors"))).ToArray();
        return errors.Length == 0 ? null : errors.Sum();
    }

    private static async Task<Side> ReadSideAsync(string label, IReadOnlyList<string> files)
    {
        var figures = new List<Figure>();
        var missing = new List<string>();
        var machines = new List<string>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                missing.Add(file);
                continue;
            }

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var root = document.RootElement;
            if (Property(root, "machine") is { ValueKind: JsonValueKind.String } machine && !machines.Contains(machine.GetString()!))
            {
                machines.Add(machine.GetString()!);
            }

            foreach (var f in Property(root, "figures")?.EnumerateArray() ?? default)
            {
                figures.Add(new Figure(
                    Property(f, "Scenario")?.GetString() ?? "", Property(f, "Metric")?.GetString() ?? "", Property(f, "Value")?.GetDouble() ?? double.NaN,
                    Property(f, "Unit")?.GetString() ?? "", Property(f, "Settings")?.GetString() ?? ""));
            }
        }

        return new Side(label, files, missing, machines, figures);
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static string Describe(Side side) =>
        $"{side.Figures.Count} figures from {side.Files.Count - side.Missing.Count} of {side.Files.Count} result files" +
        (side.Machines.Count > 0 ? $"; {string.Join("; ", side.Machines)}" : "");

    private static double? Ratio(double? old, double? @new) =>
        old is { } o && @new is { } n && o != 0 && double.IsFinite(o) && double.IsFinite(n) ? n / o : null;

    private static string Format(double? value) => value switch
    {
        null => "–",
        { } v when Math.Abs(v) >= 100 => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static IReadOnlyList<string> List(string[] args, string name) =>
        Value(args, name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
