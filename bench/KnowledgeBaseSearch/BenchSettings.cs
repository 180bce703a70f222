using System.Globalization;

namespace Ticketing.Bench.KnowledgeBaseSearch;

/// <summary>
/// Command-line settings: <c>--articles N --customers N --clients N --seconds N --warmup N --seed N --auto-prepare N
/// --connection "Host=..." --legacy-corpus</c>. <c>--auto-prepare</c> defaults to what the API's data source runs with
/// (<c>TicketingDatabase</c>: Max Auto Prepare 64 after 2 uses); 0 plans every search afresh. <c>--connection</c>
/// uses an existing database instead of a throw-away embedded cluster (seeded only if it has no articles yet), so
/// plans can be studied with psql on the same data; <c>--seconds 0</c> then only seeds and prints the plans.
/// <c>--legacy-corpus</c> seeds and queries as the first version did (see <see cref="Corpus"/>), to compare code
/// on the same data as earlier figures.
/// </summary>
public sealed record BenchSettings(
    int Articles, int Customers, int Clients, int Seconds, int WarmupQueries, int Seed, int AutoPrepare, string? Connection, bool LegacyCorpus)
{
    public static BenchSettings Parse(string[] args)
    {
        string? Text(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Value(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new BenchSettings(
            Value("--articles", 100_000), Value("--customers", 200), Value("--clients", 16), Value("--seconds", 60),
            Value("--warmup", 500), Value("--seed", 42), Value("--auto-prepare", 64), Text("--connection"),
            args.Contains("--legacy-corpus"));
    }
}
