using System.Globalization;

namespace Ticketing.Bench;

/// <summary>
/// Command-line settings: <c>--quick</c> shortens every phase (a smoke run: figures are not comparable), <c>--only a,b</c>
/// picks scenarios, <c>--seconds N</c> sets timed phases, <c>--requests N</c> the HTTP phases, <c>--events N</c> the
/// rebuild log, <c>--tickets N</c> the portal list's database, <c>--sql-profile</c> records pg_stat_statements over the first reply phase,
/// <c>--mails N</c> the mails the lag scenario measures, <c>--api DIR</c> the tree whose API build the HTTP scenarios run (default: this one).
/// </summary>
public sealed record BenchSettings(
    TimeSpan Duration, TimeSpan WarmUp, int Writers, int Requests, int RebuildEvents, int PortalTickets, IReadOnlySet<string> Only,
    string ResultsFolder, bool ProfileSql, int Mails, string? ApiTree, bool Quick)
{
    public static readonly string[] Scenarios = ["append", "http", "memory", "lag", "rebuild", "portal", "chain", "portalweb"];

    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unknown = only.Except(Scenarios, StringComparer.OrdinalIgnoreCase).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Scenarios)}.");
        }

        return new BenchSettings(
            TimeSpan.FromSeconds(Int(args, "--seconds") ?? (quick ? 3 : 10)),
            TimeSpan.FromSeconds(quick ? 1 : 2),
            8,
            Int(args, "--requests") ?? (quick ? 1_000 : 10_000),
            Int(args, "--events") ?? (quick ? 50_000 : 300_000),
            Int(args, "--tickets") ?? (quick ? 100_000 : 1_000_000),
            only,
            Value(args, "--results") ?? Path.Combine(RepositoryRoot(), "bench", "results"),
            args.Contains("--sql-profile"),
            Int(args, "--mails") ?? (quick ? 40 : 200),
            Value(args, "--api") is { } api ? Path.GetFullPath(api) : null,
            quick);
    }

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    /// <summary>The HTTP load also carries the memory measurements (cold start, peak working set).</summary>
    public bool RunsHttp => Runs("http") || Runs("memory");

    private static int? Int(string[] args, string name) => Value(args, name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : null;

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    // `dotnet run --project` starts in the project's folder; results belong in the repository's bench/results.
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Ticketing.sln")))
            {
                return folder.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
