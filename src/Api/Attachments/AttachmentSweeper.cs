using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Ticketing.Api.Attachments;

/// <summary>
/// Deletes stored attachment bytes that nothing live names once they are older than the grace period (ADR 0019): the
/// files of uploads whose command then failed (validation, conflict), of deleted tickets, and of removed article files.
/// Files are read from disk lazily and checked against the database in batches. Safe with several nodes: a file is
/// moved aside before it is deleted, so a second node finds nothing to do, and it is deleted only if it is still old
/// and still unreferenced once out of reach; an upload of the same bytes renews the file's age or stores a new copy.
/// </summary>
public sealed class AttachmentSweeper(
    FileSystemAttachmentStore store, NpgsqlDataSource dataSource, IOptions<AttachmentOptions> options, ILogger<AttachmentSweeper> logger)
{
    public const int BatchSize = 500;

    // A file is named by a live ticket's timeline (the reply that carries it; a Taskfire mirror names it on both
    // tickets) or by a knowledge-base article. Per hash, the GIN index on the timeline's attachments answers.
    private const string ReferencedSql = """
        select h
        from unnest($1::text[]) h
        where exists (
                select from ticket_timeline t join ticket_details d on d.id = t.ticket_id
                where t.attachments @> jsonb_build_array(jsonb_build_object('sha256', h)) and d.deleted_at is null)
           or exists (select from kb_article_files f where f.sha256 = h)
        """;

    /// <summary>One sweep as of <paramref name="asOf"/>; returns how many files it deleted.</summary>
    public async Task<int> SweepAsync(DateTimeOffset asOf, CancellationToken ct)
    {
        var cutoff = (asOf - options.Value.OrphanGracePeriod).UtcDateTime;
        var deleted = store.DeleteAbandonedUploads(cutoff);
        foreach (var batch in store.StoredBefore(cutoff).Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var referenced = await ReferencedAsync(batch, ct);
            var setAside = new List<(string Sha256, string Path)>();
            foreach (var sha256 in batch.Where(h => !referenced.Contains(h)))
            {
                if (store.SetAside(sha256, cutoff) is { } path)
                {
                    setAside.Add((sha256, path));
                }
            }

            if (setAside.Count == 0)
            {
                continue;
            }

            // Asked again now the files are out of reach: a command that committed since the first look keeps its file.
            var stillReferenced = await ReferencedAsync([.. setAside.Select(f => f.Sha256)], ct);
            foreach (var (sha256, path) in setAside)
            {
                if (stillReferenced.Contains(sha256))
                {
                    store.Restore(sha256, path);
                }
                else
                {
                    FileSystemAttachmentStore.Discard(path);
                    deleted++;
                }
            }
        }

        if (deleted > 0)
        {
            logger.LogInformation("Attachment sweep deleted {Count} orphaned file(s)", deleted);
        }

        return deleted;
    }

    private async Task<HashSet<string>> ReferencedAsync(string[] hashes, CancellationToken ct)
    {
        await using var query = dataSource.CreateCommand(ReferencedSql);
        query.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = hashes });
        await using var reader = await query.ExecuteReaderAsync(ct);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            referenced.Add(reader.GetString(0));
        }

        return referenced;
    }
}
