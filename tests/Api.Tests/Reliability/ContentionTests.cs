using System.Diagnostics;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;
using Wolverine.Tracking;
using Xunit.Abstractions;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>
/// Issue item 1: 64 technicians' clients write to ONE ticket at once, round after round. Every request carries a marker
/// of its own (a reply text, or a status no other request names), so the stream proves what happened to each one.
/// </summary>
public sealed class ContentionTests(ContentionApiFactory api, ITestOutputHelper output) : IClassFixture<ContentionApiFactory>
{
    private const int Writers = 64;
    private const int Rounds = 6;
    private const int Technicians = 8;

    [Fact]
    public async Task Sixty_four_concurrent_writers_on_one_ticket_lose_nothing_duplicate_nothing_and_the_read_models_equal_a_rebuild()
    {
        var admin = await api.SignInAdminAsync();
        var customerId = await admin.CreateCustomerAsync();
        var contact = await admin.CreateContactAsync(customerId);
        var technicians = new List<ApiUser>();
        for (var t = 0; t < Technicians; t++)
        {
            technicians.Add(await api.SignInStaffAsync());
        }

        var ticketId = (await technicians[0].CreateTicketAsync(customerId, "Contended ticket", contact.Id)).Id;
        var writers = Enumerable.Range(0, Writers).Select(w => technicians[w % Technicians]).ToArray();

        var clock = Stopwatch.StartNew();
        var attempts = new List<ContendedWrite>();
        // Tracked until every notice and mail the rounds set off is handled; the writes that lose throw (409/412), so
        // handler exceptions are expected here and the mail counts below judge the messages.
        var session = await api.TrackedAsync(
            async () =>
            {
                for (var round = 0; round < Rounds; round++)
                {
                    attempts.AddRange(await RunRoundAsync(writers, ticketId, round));
                }

                clock.Stop();
            },
            timeout: TimeSpan.FromMinutes(5),
            assertNoExceptions: false);

        Report($"contention: {attempts.Count} requests ({Writers} writers x {Rounds} rounds) in {clock.ElapsedMilliseconds} ms");
        foreach (var kind in Enum.GetValues<WriteKind>())
        {
            var ofKind = attempts.Where(a => a.Kind == kind).ToList();
            Report($"  {kind,-22} {ofKind.Count,4} sent: 2xx {ofKind.Count(a => a.Succeeded),4}, 409 {ofKind.Count(a => a.Status == 409),4}, 412 {ofKind.Count(a => a.Status == 412),4}");
        }

        var unexpected = attempts.Where(a => a.Status is not (200 or 409 or 412)).ToList();
        unexpected.ShouldBeEmpty(string.Join("\n", unexpected.Select(a => $"{a.Kind} {a.Marker}: {a.Status} {a.Body}")));

        var stream = await ReadStreamAsync(ticketId);
        Report($"  stream: {stream.Count} events, versions {stream[0].Version}..{stream[^1].Version}");
        stream.Select(e => e.Version).ShouldBe(Enumerable.Range(1, stream.Count).Select(v => (long)v));
        stream.Select(e => e.Sequence).ShouldBe(stream.Select(e => e.Sequence).Distinct().Order());
        // The stream's own row: no endpoint shows it apart from the ETag checked below.
        (await api.ScalarAsync<long>("select version from mt_streams where id = $1", ticketId)).ShouldBe(stream.Count);

        var byMarker = stream.Where(e => e.Marker is not null).ToLookup(e => e.Marker!);
        var lost = attempts.Where(a => a.Succeeded && byMarker[a.Marker].Count() != 1).ToList();
        var ghosts = attempts.Where(a => !a.Succeeded && byMarker[a.Marker].Any()).ToList();
        var misplaced = attempts.Where(a => a.Succeeded && byMarker[a.Marker].Count() == 1 && byMarker[a.Marker].Single().Version != a.Version).ToList();
        Report($"  2xx without exactly one event: {lost.Count}; 409/412 with an event: {ghosts.Count}; 2xx answering another version: {misplaced.Count}");
        lost.ShouldBeEmpty(string.Join("\n", lost.Select(a => $"{a.Marker}: {byMarker[a.Marker].Count()} events")));
        ghosts.ShouldBeEmpty(string.Join("\n", ghosts.Select(a => $"{a.Marker} answered {a.Status} but is in the stream")));
        misplaced.ShouldBeEmpty(string.Join("\n", misplaced.Select(a => $"{a.Marker} answered version {a.Version}")));
        stream.Count.ShouldBe(1 + attempts.Count(a => a.Succeeded), "the creation plus one event per 2xx and nothing else");

        (await ETagAsync(writers[0], ticketId)).ShouldBe($"\"{stream.Count}\"");
        NotificationsWentOutOnce(stream, attempts, contact.Email, session);
        await ReadModelsEqualAFreshRebuildAsync(stream.Count);
    }

    private static async Task<List<ContendedWrite>> RunRoundAsync(ApiUser[] writers, Guid ticketId, int round)
    {
        var roundETag = await ETagAsync(writers[0], ticketId);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var n = (round * Writers) + w;
            var kind = (WriteKind)(w % 4);
            var client = writers[w];
            await go.Task;

            // Half the conditional writers use the ETag read at the round's start (stale once anyone lands), half read their own.
            var ifMatch = kind is WriteKind.ReplyWithIfMatch or WriteKind.StatusWithIfMatch
                ? (w / 4 % 2 == 0 ? roundETag : await ETagAsync(client, ticketId))
                : null;
            var (marker, response) = kind is WriteKind.ReplyWithoutIfMatch or WriteKind.ReplyWithIfMatch
                ? await ReplyAsync(client, ticketId, n, ifMatch)
                : await StatusAsync(client, ticketId, n, ifMatch);
            var status = (int)response.Status();
            var version = status is >= 200 and < 300 ? response.ReadAs<CommandResult>().Version : 0;
            return new ContendedWrite(kind, marker, status, version, response.ReadAsText());
        })).ToList();
        go.SetResult();
        return [.. await Task.WhenAll(writes)];
    }

    private static async Task<(string Marker, IScenarioResult Response)> ReplyAsync(ApiUser client, Guid ticketId, int n, string? ifMatch)
    {
        var marker = $"contended reply {n} {Guid.NewGuid():N}";
        var visibility = n % 3 == 0 ? "Internal" : "Public";
        return (marker, await ContendedCommandAsync(client, ticketId, "replies", new { body = marker, visibility }, ifMatch));
    }

    private static async Task<(string Marker, IScenarioResult Response)> StatusAsync(ApiUser client, Guid ticketId, int n, string? ifMatch)
    {
        var marker = ContentionApiFactory.MarkerStatus(n);
        return (marker, await ContendedCommandAsync(client, ticketId, "status", new { status = marker }, ifMatch));
    }

    /// <summary>A ticket command whatever its answer (2xx, 409 or 412 are all expected); the round reads the status afterwards.</summary>
    private static Task<IScenarioResult> ContendedCommandAsync(ApiUser client, Guid ticketId, string action, object body, string? ifMatch) =>
        client.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/api/tickets/{ticketId}/{action}");
            if (ifMatch is not null)
            {
                s.WithRequestHeader("If-Match", ifMatch);
            }

            s.IgnoreStatusCode();
        });

    private static async Task<string> ETagAsync(ApiUser client, Guid ticketId) =>
        (await client.Scenario(s => s.Get.Url($"/api/tickets/{ticketId}"))).ETag();

    /// <summary>
    /// Exactly one mail went out per stored public reply and status change (its notice was stored by the append's
    /// transaction, ADR 0017), and none for the writes that lost: every mail to the contact names a stored event as its
    /// cause. The tracked session has handled every mail the rounds caused, and the pickup folder holds the same ones.
    /// </summary>
    private void NotificationsWentOutOnce(List<StreamEvent> stream, List<ContendedWrite> attempts, string email, ITrackedSession session)
    {
        var notifying = stream.Where(e => e.Type.Contains("status", StringComparison.OrdinalIgnoreCase) || e.PublicReply).Select(e => e.EventId).ToHashSet();
        var causes = api.PickedUpMails(email).Where(m => m.Kind is "reply_posted" or "status_changed")
            .Select(m => Guid.Parse(m.Message.Headers[Ticketing.Api.Email.Delivery.MailComposer.CauseHeader]!)).ToList();
        session.MailsSent(email).Where(m => m.Kind is "reply_posted" or "status_changed").Select(m => m.CausedBy!.Value)
            .ShouldBe(causes, ignoreOrder: true, "the mails the tracked rounds sent are the ones in the pickup folder");
        var queued = causes.Count(notifying.Contains);
        Report($"  notifications: {notifying.Count} notifying events, {queued} mails sent for them, {causes.Count} to the contact in all, {attempts.Count(a => a.Succeeded)} 2xx");
        causes.Distinct().Count().ShouldBe(causes.Count, "one mail per event");
        queued.ShouldBe(notifying.Count);
        causes.Count.ShouldBe(notifying.Count, "a write that answered 409/412 must not have sent a mail");
    }

    private async Task ReadModelsEqualAFreshRebuildAsync(int streamEvents)
    {
        var live = await ReadModelRebuild.SnapshotAsync(api);
        var clock = Stopwatch.StartNew();
        var replayed = await ReadModelRebuild.RebuildInlineAsync(api);
        var rebuilt = await ReadModelRebuild.SnapshotAsync(api);
        Report($"  rebuild of {string.Join(", ", replayed.Select(r => $"{r.Key} ({r.Value} events)"))} in {clock.ElapsedMilliseconds} ms");
        foreach (var (table, rows) in live)
        {
            Report($"  {table}: {rows.Split('\n').Length} live rows, rebuilt rows identical: {rows == rebuilt[table]}");
            // This test writes tickets only: the devices read model is rebuilt and compared too, but may be empty.
            if (table is not ("devices" or "device_actions"))
            {
                rows.Length.ShouldBeGreaterThan(0, table);
            }

            rebuilt[table].ShouldBe(rows, $"{table} differs from its rebuild at {ReadModelRebuild.FirstDifference(rows, rebuilt[table])}");
        }

        replayed.Values.ShouldAllBe(n => n >= streamEvents);
    }

    // The markers are in the events' data, which no endpoint shows (the audit history lists types and versions only).
    private async Task<List<StreamEvent>> ReadStreamAsync(Guid ticketId)
    {
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            select seq_id, id, version, type, coalesce(data->>'body', data->>'toStatusId'), lower(coalesce(data->>'visibility', '')) = 'public'
            from mt_events where stream_id = $1 order by version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ticketId });
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<StreamEvent>();
        while (await reader.ReadAsync())
        {
            events.Add(new StreamEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5)));
        }

        return events;
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private enum WriteKind
    {
        ReplyWithoutIfMatch,
        ReplyWithIfMatch,
        StatusWithIfMatch,
        StatusWithoutIfMatch,
    }

    private sealed record ContendedWrite(WriteKind Kind, string Marker, int Status, long Version, string Body)
    {
        public bool Succeeded => Status is >= 200 and < 300;
    }

    private sealed record StreamEvent(long Sequence, Guid EventId, long Version, string Type, string? Marker, bool PublicReply);
}
