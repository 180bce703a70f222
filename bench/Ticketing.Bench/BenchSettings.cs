using System.Globalization;

namespace Ticketing.Bench;

/// <summary>Command-line settings: <c>--quick</c> shortens every phase; <c>--only a,b</c> picks scenarios.</summary>
public sealed record BenchSettings(TimeSpan Duration, TimeSpan WarmUp, int Writers, IReadOnlySet<string> Only, string ResultsFolder)
{
    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seconds = Value(args, "--seconds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : quick ? 3 : 10;
        return new BenchSettings(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(quick ? 1 : 2), 8, only,
            Value(args, "--results") ?? Path.Combine("bench", "results"));
    }

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
