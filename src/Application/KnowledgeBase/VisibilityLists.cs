using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase;

/// <summary>
/// The chosen-customers lists of categories and articles. Replaced as a whole on every write, inside the
/// caller's transaction; an unknown customer id fails the foreign key and the whole write rolls back.
/// </summary>
internal static class VisibilityLists
{
    public static Task ReplaceCategoryCustomersAsync(NpgsqlConnection connection, Guid categoryId, IReadOnlyCollection<Guid> customerIds, CancellationToken ct) =>
        ReplaceAsync(connection, "kb_category_customers", "category_id", categoryId, customerIds, ct);

    public static Task ReplaceArticleCustomersAsync(NpgsqlConnection connection, Guid articleId, IReadOnlyCollection<Guid> customerIds, CancellationToken ct) =>
        ReplaceAsync(connection, "kb_article_customers", "article_id", articleId, customerIds, ct);

    private static async Task ReplaceAsync(
        NpgsqlConnection connection, string table, string ownerColumn, Guid ownerId, IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        await using var delete = connection.Sql($"delete from {table} where {ownerColumn} = $1").With(ownerId);
        await delete.ExecuteNonQueryAsync(ct);
        if (customerIds.Count == 0)
        {
            return;
        }

        await using var insert = connection.Sql($"insert into {table} ({ownerColumn}, customer_id) select $1, unnest($2::uuid[])")
            .With(ownerId).WithUuids(customerIds);
        await insert.ExecuteNonQueryAsync(ct);
    }
}
