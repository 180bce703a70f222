using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Ticketing.Api.Hosting.Database;

/// <summary>
/// A PostgreSQL cluster run from the machine's server binaries in a folder of ours: initialised once,
/// started on a free loopback port, password-protected (scram), stopped on dispose. As root it runs the
/// binaries as the <c>postgres</c> user (PostgreSQL refuses root) and hands that user the folder.
/// A server already running on the folder (left by a crashed process) is reused, not restarted.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private readonly EmbeddedPostgresOptions _options;
    private readonly string _bin;
    private readonly bool _asPostgresUser = Hosting.DataFolder.RunsAsRoot;
    private bool _owned;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, string bin)
    {
        _options = options;
        _bin = bin;
    }

    public int Port { get; private set; }

    public string DataFolder => Path.Combine(_options.RootFolder, "data");

    private string CredentialsFile => Path.Combine(_options.RootFolder, "superuser.credentials");

    /// <summary>Initialises the cluster if needed and starts it.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken ct = default)
    {
        var server = new EmbeddedPostgres(options, PostgresBinaries.Locate(options.BinDirectory));
        await server.InitialiseAsync(ct);
        await server.StartServerAsync(ct);
        return server;
    }

    /// <summary>Connection string for <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = File.ReadAllText(CredentialsFile).Trim(),
        Database = database,
    }.ConnectionString;

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task InitialiseAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_options.RootFolder);
        if (File.Exists(Path.Combine(DataFolder, "PG_VERSION")))
        {
            return;
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var passwordFile = Path.Combine(_options.RootFolder, "initdb.pw");
        await File.WriteAllTextAsync(passwordFile, password, ct);
        try
        {
            await GiveFolderToServerUserAsync(ct);
            await RunAsync("initdb", ["-D", DataFolder, "-U", SuperUser, "--pwfile", passwordFile,
                "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"], ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        await File.AppendAllLinesAsync(Path.Combine(DataFolder, "postgresql.conf"), ServerSettings(), ct);
        await File.WriteAllTextAsync(CredentialsFile, password, ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(CredentialsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private IEnumerable<string> ServerSettings()
    {
        var settings = new Dictionary<string, string>
        {
            ["listen_addresses"] = "'127.0.0.1'",
            ["unix_socket_directories"] = "''",
            ["max_connections"] = "300",
            ["shared_buffers"] = "'256MB'",
            ["logging_collector"] = "off",
        };
        if (!_options.Durable)
        {
            settings["fsync"] = "off";
            settings["synchronous_commit"] = "off";
            settings["full_page_writes"] = "off";
        }

        foreach (var (name, value) in _options.Settings)
        {
            settings[name] = value;
        }

        return settings.Select(s => $"{s.Key} = {s.Value}").Prepend("# Ticketing embedded cluster");
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        if (RunningPort() is { } running)
        {
            Port = running;
            await WaitUntilAcceptingAsync(ct);
            return;
        }

        Port = FreeLoopbackPort();
        var log = Path.Combine(_options.RootFolder, "server.log");
        await GiveFolderToServerUserAsync(ct);
        await RunAsync("pg_ctl", ["-D", DataFolder, "-l", log, "-w",
            "-t", ((int)_options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "-o", $"-p {Port}", "start"], ct);
        _owned = true;
        await WaitUntilAcceptingAsync(ct);
    }

    /// <summary>The port of a server already running on this data folder, read from postmaster.pid.</summary>
    private int? RunningPort()
    {
        var pidFile = Path.Combine(DataFolder, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
        {
            return null;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (ArgumentException)
        {
            return null; // stale pid file: the server is not running, pg_ctl start cleans it up
        }
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
                await connection.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task GiveFolderToServerUserAsync(CancellationToken ct)
    {
        if (!_asPostgresUser)
        {
            return;
        }

        await ServerProcess.RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", _options.RootFolder], ct);
        try
        {
            // Owning the folder is not enough: the server user must also pass through every folder above it.
            await ServerProcess.RunAsync("runuser", ["-u", SuperUser, "--", "test", "-w", _options.RootFolder, "-a", "-x", _options.RootFolder], ct);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The '{SuperUser}' user, which runs the embedded PostgreSQL server, cannot reach {_options.RootFolder}: a folder above it " +
                $"is closed to other users (root's home usually is). Set {Hosting.DataFolder.Setting} to a folder it can reach, such as {Hosting.DataFolder.RootDefault}.");
        }
    }

    private Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var executable = Path.Combine(_bin, tool);
        return _asPostgresUser
            ? ServerProcess.RunAsync("runuser", ["-u", SuperUser, "--", executable, .. arguments], ct)
            : ServerProcess.RunAsync(executable, arguments, ct);
    }

    /// <summary>Stops the server if this instance started it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_owned)
        {
            return;
        }

        _owned = false;
        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"], CancellationToken.None);
    }
}
