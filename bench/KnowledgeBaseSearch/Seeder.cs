using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Ticketing.Bench.KnowledgeBaseSearch;

/// <summary>
/// Loads customers and a knowledge base straight into the tables with binary COPY (the API would take hours
/// for 100,000 articles, and the bench measures search, not authoring). The searchable text is the generated
/// plain text itself, as the API would store it for Markdown without markup. 20 categories (5 of them for 20
/// chosen customers each), 10 sections each, 90 % of articles published, 10 % limited to 1-3 customers.
/// </summary>
public static class Seeder
{
    public static async Task<(Guid[] Customers, TimeSpan Took)> SeedAsync(NpgsqlDataSource dataSource, BenchSettings settings, Corpus corpus)
    {
        var clock = Stopwatch.StartNew();
        await using (var existing = dataSource.CreateCommand("select coalesce(array_agg(id order by id), '{}') from customers where exists (select 1 from kb_articles)"))
        {
            // An existing database (--connection) that is seeded already: search what is there.
            if (await existing.ExecuteScalarAsync() is Guid[] { Length: > 0 } seeded)
            {
                return (seeded, clock.Elapsed);
            }
        }

        var random = new Random(settings.Seed);
        var now = DateTime.UtcNow;
        var customers = Enumerable.Range(0, settings.Customers).Select(_ => Guid.CreateVersion7()).ToArray();
        var categories = Enumerable.Range(0, 20).Select(i => (Id: Guid.CreateVersion7(), Chosen: i % 4 == 3)).ToArray();
        var sections = categories.SelectMany(c => Enumerable.Range(0, 10).Select(_ => (Id: Guid.CreateVersion7(), Category: c.Id))).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync();
        await CopyAsync(connection, "customers (id, name, time_zone, ticketing_portal_enabled, knowledge_base_enabled, created_at, updated_at)",
            customers.Select((id, i) => new object[] { id, $"Customer {i}", "Europe/Zurich", true, true, now, now }));
        await CopyAsync(connection, "kb_categories (id, name, visible_to_all, created_at, updated_at)",
            categories.Select((c, i) => new object[] { c.Id, $"Category {i}", !c.Chosen, now, now }));
        await CopyAsync(connection, "kb_category_customers (category_id, customer_id)",
            categories.Where(c => c.Chosen).SelectMany(c => customers.OrderBy(_ => random.Next()).Take(20).Select(customer => new object[] { c.Id, customer })));
        await CopyAsync(connection, "kb_sections (id, category_id, name, created_at, updated_at)",
            sections.Select((s, i) => new object[] { s.Id, s.Category, $"Section {i}", now, now }));

        // One GIN build after the load is far cheaper than maintaining the indexes row by row during it.
        await ExecuteAsync(connection, "drop index kb_articles_search_idx");
        await ExecuteAsync(connection, "drop index kb_articles_title_search_idx");
        var restricted = new List<object[]>();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            copy kb_articles (id, section_id, title, body_markdown, body_text, keywords, language, published, visible_to_all, created_at, updated_at)
            from stdin (format binary)
            """))
        {
            for (var i = 0; i < settings.Articles; i++)
            {
                var id = Guid.CreateVersion7();
                var language = corpus.PickLanguage(random);
                var (title, keywords, body) = corpus.Article(random, language);
                var visibleToAll = random.NextDouble() >= 0.1;
                if (!visibleToAll)
                {
                    restricted.AddRange(customers.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Select(c => new object[] { id, c }));
                }

                var modified = now.AddMinutes(-random.Next(500_000));
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(sections[random.Next(sections.Length)].Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(title, NpgsqlDbType.Text);
                await writer.WriteAsync(body, NpgsqlDbType.Text);
                await writer.WriteAsync(body, NpgsqlDbType.Text);
                await writer.WriteAsync(keywords, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(language, NpgsqlDbType.Text);
                await writer.WriteAsync(random.NextDouble() < 0.9, NpgsqlDbType.Boolean);
                await writer.WriteAsync(visibleToAll, NpgsqlDbType.Boolean);
                await writer.WriteAsync(modified, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(modified, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await CopyAsync(connection, "kb_article_customers (article_id, customer_id)", restricted);
        await ExecuteAsync(connection, "create index kb_articles_search_idx on kb_articles using gin (search_vector)");
        await ExecuteAsync(connection, "create index kb_articles_title_search_idx on kb_articles using gin (title_vector)");
        await ExecuteAsync(connection, "vacuum analyze");
        return (customers, clock.Elapsed);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string target, IEnumerable<object[]> rows)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"copy {target} from stdin (format binary)");
        foreach (var row in rows)
        {
            await writer.WriteRowAsync(CancellationToken.None, row);
        }

        await writer.CompleteAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
