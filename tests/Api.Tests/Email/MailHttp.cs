using System.Diagnostics;
using MimeKit;
using Npgsql;
using Ticketing.Api.Email.Delivery;
using Ticketing.Api.Tests.Infrastructure;

namespace Ticketing.Api.Tests.Email;

/// <summary>Reading the outbox and the pickup folder, with bounded polls for the delivery worker (the outbox rows are written with the events).</summary>
public static class MailHttp
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The outbox rows of <paramref name="kind"/> to <paramref name="recipient"/>: id and status, oldest first.</summary>
    public static async Task<List<(Guid Id, string Status)>> OutboxAsync(this ApiFactory api, string recipient, string kind)
    {
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "select id, status from mail_outbox where lower(recipient) = lower($1) and kind = $2 order by created_at, id");
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Waits until <paramref name="count"/> mails of the kind to the recipient are sent; returns them, oldest first.</summary>
    public static async Task<List<Guid>> SentMailsAsync(this ApiFactory api, string recipient, string kind, int count = 1)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var rows = await api.OutboxAsync(recipient, kind);
            if (rows.Count(r => r.Status == "sent") >= count || clock.Elapsed > Patience)
            {
                rows.Count(r => r.Status == "sent").ShouldBe(count, $"sent {kind} mails to {recipient} within {Patience}");
                return [.. rows.Where(r => r.Status == "sent").Select(r => r.Id)];
            }

            await Task.Delay(100);
        }
    }

    public static string MailFile(this EmailApiFactory api, Guid outboxId) =>
        Path.Combine(api.PickupFolder, PickupFolderTransport.FileName(outboxId));

    public static async Task<MimeMessage> PickedUpAsync(this EmailApiFactory api, Guid outboxId)
    {
        File.Exists(api.MailFile(outboxId)).ShouldBeTrue($"pickup file of outbox row {outboxId}");
        await using var stream = File.OpenRead(api.MailFile(outboxId));
        return await MimeMessage.LoadAsync(stream);
    }

    /// <summary>All pickup files of one outbox row (a re-send must replace, never add).</summary>
    public static string[] FilesOf(this EmailApiFactory api, Guid outboxId) =>
        Directory.Exists(api.PickupFolder) ? Directory.GetFiles(api.PickupFolder, $"*{outboxId:N}*") : [];
}
