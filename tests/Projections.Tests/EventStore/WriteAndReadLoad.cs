using System.Collections.Concurrent;
using Marten;
using Npgsql;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.Tests.Facts;
using static Ticketing.Projections.Tests.ReadModelDatabase;

namespace Ticketing.Projections.Tests.EventStore;

/// <summary>
/// Writers appending through Marten as the command path does (new tickets with <c>StartStream</c>, replies and status
/// changes with <c>FetchForWriting</c>) and readers counting <c>ticket_list</c>, until stopped. Progress is counted, not
/// timed: the load starts once some appends went through and stops once more went through after the rebuild ended.
/// </summary>
internal sealed class WriteAndReadLoad(ReadModelDatabase db, int writers, int readers)
{
    private const int Warmup = 20;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<Guid> created = [];
    private readonly ConcurrentQueue<Exception> readFailures = [];
    private readonly List<Task> writerTasks = [];
    private readonly List<Task> readerTasks = [];
    private volatile TaskCompletionSource progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int target = Warmup;
    private int appends;
    private int appendedDuring;
    private int shrank;
    private volatile bool rebuilding;

    public IReadOnlyCollection<Exception> ReadFailures => readFailures;

    public int ReadsThatShrank => shrank;

    public async Task StartAsync()
    {
        writerTasks.AddRange(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(new Random(w)))));
        readerTasks.AddRange(Enumerable.Range(0, readers).Select(_ => Task.Run(ReadAsync)));
        await ProgressAsync();
    }

    public void RebuildStarted() => rebuilding = true;

    public void RebuildEnded()
    {
        rebuilding = false;
        progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref target, Volatile.Read(ref appends) + Warmup);
    }

    /// <summary>Waits for more appends, stops everyone, rethrows a writer's failure; returns the tickets created and the appends made during the rebuild.</summary>
    public async Task<(Guid[] Created, int AppendedDuring)> StopAsync()
    {
        await ProgressAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writerTasks.Concat(readerTasks));
        stop.Dispose();
        return ([.. created], appendedDuring);
    }

    // A writer that failed ends the wait too, so its exception surfaces instead of a hang.
    private async Task ProgressAsync() => await Task.WhenAny(progress.Task, Task.WhenAny(writerTasks));

    private async Task WriteAsync(Random random)
    {
        var mine = new List<Guid>();
        var customer = Guid.CreateVersion7();
        while (!stop.IsCancellationRequested)
        {
            await using var session = db.Store.LightweightSession();
            var id = mine.Count == 0 || random.Next(3) == 0 ? Guid.CreateVersion7() : mine[random.Next(mine.Count)];
            if (!mine.Contains(id))
            {
                session.Events.StartStream<Ticket>(id, Stamped(session, Created(id, customer, T0.AddMinutes(random.Next(10_000)))));
            }
            else
            {
                var stream = await session.Events.FetchForWriting<Ticket>(id);
                stream.AppendOne(Stamped(session, random.Next(2) == 0
                    ? Reply(id, "more")
                    : new TicketStatusChanged(id, "open", "waiting", StatusCategory.Pending, Tech, T0.AddHours(2))));
            }

            await session.SaveChangesAsync();
            if (!mine.Contains(id))
            {
                mine.Add(id);
                created.Add(id);
            }

            if (rebuilding)
            {
                Interlocked.Increment(ref appendedDuring);
            }

            if (Interlocked.Increment(ref appends) >= Volatile.Read(ref target))
            {
                progress.TrySetResult();
            }
        }
    }

    private async Task ReadAsync()
    {
        var last = 0L;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var command = db.DataSource.CreateCommand("select count(*) from ticket_list");
                var count = (long)(await command.ExecuteScalarAsync())!;
                if (count < last)
                {
                    Interlocked.Increment(ref shrank);
                }

                last = Math.Max(last, count);
            }
            catch (NpgsqlException e)
            {
                readFailures.Enqueue(e);
            }
        }
    }
}
