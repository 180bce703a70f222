using System.Diagnostics;
using System.Globalization;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster for one test alone, because the test stops it: the shared test cluster must stay up for the
/// other classes. Stopped with <c>pg_ctl stop -m fast|immediate</c> and started again on the same port, as an operator's
/// restart would. Lives in <c>/tmp/ticketing-tests-*</c> with an <c>owner.pid</c>, so a run that died leaves nothing
/// running for long (the shared cluster's start-up removes such leftovers).
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgres server;
    private readonly string root;
    private readonly string bin = PostgresBinaries.Locate(null);
    private bool running = true;

    private OwnPostgres(EmbeddedPostgres server, string root)
    {
        this.server = server;
        this.root = root;
    }

    public string ConnectionString => server.ConnectionString("ticketing");

    public static async Task<OwnPostgres> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"ticketing-tests-{Guid.NewGuid():N}"[..28]);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        // Durable like a production server: with the test clusters' synchronous_commit=off an immediate stop loses
        // commits already acknowledged to clients (measured: 3 of them), which is the setting's documented trade-off.
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootFolder = root, Durable = true });
        await server.EnsureDatabaseAsync("ticketing");
        return new OwnPostgres(server, root);
    }

    /// <summary><c>pg_ctl stop -m {mode}</c>: "fast" ends sessions with 57P01, "immediate" kills the server as a crash would.</summary>
    public async Task StopAsync(string mode)
    {
        await PgCtlAsync("-D", server.DataFolder, "-m", mode, "-w", "stop");
        running = false;
    }

    /// <summary>Starts the stopped cluster again on its old port (after crash recovery when it was stopped immediately).</summary>
    public async Task StartAgainAsync()
    {
        await PgCtlAsync("-D", server.DataFolder, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port.ToString(CultureInfo.InvariantCulture)}", "start");
        running = true;
    }

    private async Task PgCtlAsync(params string[] arguments)
    {
        var pgCtl = Path.Combine(bin, "pg_ctl");
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", pgCtl } }
            : new ProcessStartInfo(pgCtl);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A cluster the test left stopped needs no stopping.
        if (running)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next run's clean-up.
        }
    }
}
