using System.Globalization;
using Npgsql;
using Ticketing.Api.Hosting.Database;
using Ticketing.Projections.Rebuilds;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Operator commands run instead of the web server: <c>projections list</c> (each read model's last rebuild),
/// <c>projections rebuild NAME</c> (the same online rebuild as <c>POST /api/admin/projections/NAME/rebuild</c>, run in
/// the foreground), e.g. <c>dotnet run --project src/Api -- projections rebuild ticket_list</c>, and
/// <c>import-legacy-events</c> (copies the old event store's log into Marten's, see <see cref="LegacyEventImport"/>).
/// </summary>
public static class CommandLine
{
    public static bool IsCodeGeneration(string[] args) => args.Length > 0 && args[0] == "codegen";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "projections" or LegacyEventImport.CommandName;

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        switch (args)
        {
            case [_, "list"]:
                var states = await RebuildStatus.AllAsync(services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None);
                output.WriteLine("read model | last rebuild | started | finished | events");
                foreach (var name in ReadModelRebuilder.Names)
                {
                    var last = states.GetValueOrDefault(name);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name} | {last?.State ?? "never"} | {last?.StartedAt.ToString("O") ?? "-"} | {last?.FinishedAt?.ToString("O") ?? "-"} | {last?.EventsDone ?? 0}"));
                }

                return 0;
            case [_, "rebuild", var name] when ReadModelRebuilder.Names.Contains(name):
                var outcome = await services.GetRequiredService<ReadModelRebuilder>().RebuildAsync(name, null, CancellationToken.None);
                output.WriteLine(outcome == RebuildOutcome.Completed
                    ? $"Rebuilt {name}."
                    : $"A rebuild of {name} is already running elsewhere.");
                return outcome == RebuildOutcome.Completed ? 0 : 1;
            case [LegacyEventImport.CommandName]:
                var import = new LegacyEventImport(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ReadModelRebuilder>());
                return (await import.RunAsync(output, CancellationToken.None)).ExitCode;
            default:
                output.WriteLine($"Unknown command '{string.Join(' ', args)}'. Use: projections list | projections rebuild {string.Join('|', ReadModelRebuilder.Names)} | {LegacyEventImport.CommandName}");
                return 2;
        }
    }
}
