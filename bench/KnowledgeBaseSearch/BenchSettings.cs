using System.Globalization;

namespace Ticketing.Bench.KnowledgeBaseSearch;

/// <summary>
/// Command-line settings: <c>--articles N --customers N --clients N --seconds N --warmup N --seed N --auto-prepare N</c>.
/// <c>--auto-prepare</c> 0 (the default) is how the API's data source runs today: every search is planned afresh.
/// </summary>
public sealed record BenchSettings(int Articles, int Customers, int Clients, int Seconds, int WarmupQueries, int Seed, int AutoPrepare)
{
    public static BenchSettings Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchSettings(
            Value("--articles", 100_000), Value("--customers", 200), Value("--clients", 16), Value("--seconds", 60),
            Value("--warmup", 500), Value("--seed", 42), Value("--auto-prepare", 0));
    }
}
