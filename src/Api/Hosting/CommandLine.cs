using System.Globalization;
using Ticketing.EventStore.Projections;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Operator commands run instead of the web server: <c>projections list</c> (checkpoint and lag of every async
/// projection) and <c>projections rebuild NAME</c>, e.g. <c>dotnet run --project src/Api -- projections list</c>.
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "projections";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        var admin = services.GetRequiredService<ProjectionAdmin>();
        switch (args)
        {
            case [_, "list"]:
                output.WriteLine("projection | checkpoint (tx, seq) | lag (events) | oldest unprocessed | dead letters | held by this node");
                foreach (var status in await admin.ListAsync())
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{status.Name} | ({status.Checkpoint.TxId}, {status.Checkpoint.Seq}) | {status.Lag} | {status.OldestUnprocessedAge?.ToString() ?? "-"} | {status.DeadLetters} | {status.HeldByThisNode}"));
                }

                return 0;
            case [_, "rebuild", var name]:
                var result = await admin.RebuildAsync(name);
                if (result.NotYetReplayed > 0)
                {
                    output.WriteLine($"Partly rebuilt {result.Name}: {result.EventsReplayed} events replayed, {result.NotYetReplayed} held back by a transaction open elsewhere; the live runner continues.");
                    return 1;
                }

                output.WriteLine(result.ReplayedHere
                    ? $"Rebuilt {result.Name}: {result.EventsReplayed} events replayed."
                    : $"Reset {result.Name}; the node that runs it is replaying the log.");
                return 0;
            default:
                output.WriteLine($"Unknown command '{string.Join(' ', args)}'. Use: projections list | projections rebuild NAME");
                return 2;
        }
    }
}
