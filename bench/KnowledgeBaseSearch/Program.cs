using System.Globalization;
using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Api.KnowledgeBase.Search;
using Ticketing.Bench.KnowledgeBaseSearch;
using Ticketing.Api.Hosting.Database;

// Knowledge-base search latency: an embedded cluster of its own (durable, as the API runs it), the API's
// migrations, a seeded knowledge base, then closed-loop portal searches. See README.md.
var settings = BenchSettings.Parse(args);
var culture = CultureInfo.InvariantCulture;
var root = Path.Combine(Path.GetTempPath(), $"ticketing-kb-bench-{Guid.NewGuid():N}"[..32]);
Console.WriteLine(string.Create(culture, $"Settings: {settings}; {(settings.Connection is null ? $"cluster in {root}" : "existing database")}"));
try
{
    await using var cluster = settings.Connection is null
        ? await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootFolder = root, Durable = true })
        : null;
    if (cluster is not null)
    {
        await cluster.EnsureDatabaseAsync("kb_bench");
    }

    var builder = new NpgsqlDataSourceBuilder(settings.Connection ?? cluster!.ConnectionString("kb_bench"));
    builder.ConnectionStringBuilder.MaxPoolSize = settings.Clients * 2;
    // As the API's data source (TicketingDatabase): prepared server-side from the second use.
    builder.ConnectionStringBuilder.MaxAutoPrepare = settings.AutoPrepare;
    builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
    await using var dataSource = builder.Build();
    await TicketingDatabase.MigrateAsync(dataSource);

    var corpus = new Corpus(settings.Seed, settings.LegacyCorpus);
    var (customers, seeding) = await Seeder.SeedAsync(dataSource, settings, corpus);
    await using (var size = dataSource.CreateCommand(
        "select count(*), pg_size_pretty(pg_total_relation_size('kb_articles')), pg_size_pretty(pg_relation_size('kb_articles_search_idx')) from kb_articles"))
    await using (var reader = await size.ExecuteReaderAsync())
    {
        await reader.ReadAsync();
        Console.WriteLine(string.Create(culture,
            $"Seeded {reader.GetInt64(0)} articles in {seeding.TotalSeconds:F0} s (table with TOAST and indexes {reader.GetString(1)}, GIN index {reader.GetString(2)})"));
    }

    await ExplainAsync(dataSource, customers[0], "printer");
    await ExplainAsync(dataSource, customers[0], "click");
    if (settings.Seconds == 0)
    {
        return;
    }

    await SearchLoad.WarmUpAsync(dataSource, corpus, customers, settings.WarmupQueries, settings.Seed);
    var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
    var result = await SearchLoad.RunAsync(dataSource, corpus, customers, settings.Clients, TimeSpan.FromSeconds(settings.Seconds), settings.Seed);
    Console.WriteLine(string.Create(culture, $"""

        Portal search, {settings.Articles} articles, {settings.Clients} concurrent clients, {result.Elapsed.TotalSeconds:F0} s:
          queries      {result.Queries} ({result.Queries / result.Elapsed.TotalSeconds:F0}/s)
          median       {result.Percentile(0.50):F2} ms
          p90          {result.Percentile(0.90):F2} ms
          p99          {result.Percentile(0.99):F2} ms
          max          {result.SortedMilliseconds[^1]:F2} ms
          hits/query   {result.AverageHits:F1} (page of 10; {result.ZeroHitShare:P0} of queries found nothing)
        {string.Concat(result.SortedMillisecondsByKind.Select(k =>
            $"  {k.Key,-12} {k.Value.Length,6} queries: median {LoadResult.Percentile(k.Value, 0.5):F2} ms, p99 {LoadResult.Percentile(k.Value, 0.99):F2} ms, max {(k.Value.Length == 0 ? double.NaN : k.Value[^1]):F2} ms\n"))}
          machine      {Environment.ProcessorCount} cores; /proc/loadavg before: {loadBefore}, after: {File.ReadAllText("/proc/loadavg").Trim()}
        """));
}
finally
{
    if (Directory.Exists(root))
    {
        Directory.Delete(root, recursive: true);
    }
}

// The plan of a topic query and of a broad one (in every language), so a regression to ranking every match shows.
static async Task ExplainAsync(NpgsqlDataSource dataSource, Guid customer, string query)
{
    await using var command = ArticleSearch.CreateCommand(dataSource, PortalVisibility.ArticleVisible, customer, new SearchParameters { Q = query });
    command.CommandText = "explain (analyze, buffers, costs off) " + command.CommandText;
    await using var reader = await command.ExecuteReaderAsync();
    Console.WriteLine($"\nPlan of a search for '{query}':");
    while (await reader.ReadAsync())
    {
        Console.WriteLine("  " + reader.GetString(0));
    }
}
