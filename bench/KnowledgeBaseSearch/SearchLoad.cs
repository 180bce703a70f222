using System.Diagnostics;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Api.KnowledgeBase.Search;
using Ticketing.Application.Identity;

namespace Ticketing.Bench.KnowledgeBaseSearch;

/// <summary>What one run measured, over all queries and per kind of query.</summary>
public sealed record LoadResult(
    int Queries, TimeSpan Elapsed, double[] SortedMilliseconds, double AverageHits, double ZeroHitShare,
    IReadOnlyDictionary<QueryKind, double[]> SortedMillisecondsByKind)
{
    public double Percentile(double p) => Percentile(SortedMilliseconds, p);

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
}

/// <summary>
/// Closed-loop clients, each a contact of a random customer running the portal search exactly as the endpoint
/// does (the knowledge-base-enabled check, then <see cref="ArticleSearch"/> with the portal visibility rule and
/// the default page of 10 with snippets), timed from the first SQL command to the last row read. HTTP is left
/// out: it adds the same constant to every figure.
/// </summary>
public static class SearchLoad
{
    public static async Task<LoadResult> RunAsync(
        NpgsqlDataSource dataSource, Corpus corpus, Guid[] customers, int clients, TimeSpan duration, int seed)
    {
        var latencies = new List<(double Milliseconds, QueryKind Kind)>[clients];
        var hits = new long[clients];
        var zeroHits = new long[clients];
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(seed * 1000 + client);
            latencies[client] = [];
            while (stop.Elapsed < duration)
            {
                var (elapsed, count, kind) = await OneAsync(dataSource, corpus, customers, random);
                latencies[client].Add((elapsed, kind));
                hits[client] += count;
                zeroHits[client] += count == 0 ? 1 : 0;
            }
        }));
        var elapsedTotal = stop.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        var byKind = Enum.GetValues<QueryKind>().ToDictionary(k => k, k => all.Where(l => l.Kind == k).Select(l => l.Milliseconds).Order().ToArray());
        return new LoadResult(
            all.Length, elapsedTotal, [.. all.Select(l => l.Milliseconds).Order()], hits.Sum() / (double)all.Length, zeroHits.Sum() / (double)all.Length, byKind);
    }

    // The API's settings defaults (configuration only): the knowledge base is on for all unless a saved setting says otherwise.
    private static readonly SettingsDefaults Defaults = new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
        .AddOptions()
        .AddSingleton<SettingsDefaults>()
        .BuildServiceProvider()
        .GetRequiredService<SettingsDefaults>();

    public static async Task WarmUpAsync(NpgsqlDataSource dataSource, Corpus corpus, Guid[] customers, int queries, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < queries; i++)
        {
            await OneAsync(dataSource, corpus, customers, random);
        }
    }

    public static ((string Text, QueryKind Kind) Query, Guid Customer) Sample(Corpus corpus, Guid[] customers, Random random) =>
        (corpus.Query(random, corpus.PickLanguage(random)), customers[random.Next(customers.Length)]);

    private static async Task<(double Milliseconds, int Hits, QueryKind Kind)> OneAsync(
        NpgsqlDataSource dataSource, Corpus corpus, Guid[] customers, Random random)
    {
        var ((query, kind), customer) = Sample(corpus, customers, random);
        var contact = CurrentUserClaims.Principal(Guid.CreateVersion7(), Roles.Contact, customer, Guid.CreateVersion7(), Guid.CreateVersion7());
        var started = Stopwatch.GetTimestamp();
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(contact, dataSource, Defaults, CancellationToken.None);
        var page = await ArticleSearch.SearchAsync(
            dataSource, PortalVisibility.ArticleVisible, customerId, new SearchParameters { Q = query }, CancellationToken.None);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, page.Items.Count, kind);
    }
}
