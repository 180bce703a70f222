using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Npgsql;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>
/// The built API (<c>dotnet Ticketing.Api.dll</c>) as a child process on a loopback port: its own data folder (the
/// mail pickup folder lives there), its own Npgsql application name (so <c>pg_stat_activity</c> tells nodes apart),
/// stdout and stderr captured to <see cref="LogFile"/>. <see cref="Kill"/> is SIGKILL; dispose kills what is left.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    public const string AdminEmail = "resilience-admin@msp.example";
    public const string AdminPassword = "Resilience-admin-2026!";

    private readonly Process process;
    private readonly StreamWriter log;

    private ApiNode(string name, Process process, StreamWriter log, string logFile, Uri baseAddress, string dataFolder)
    {
        Name = name;
        this.process = process;
        this.log = log;
        LogFile = logFile;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
    }

    public string Name { get; }

    /// <summary>The Npgsql application name of this node's connections.</summary>
    public string ApplicationName => $"ticketing-{Name}";

    public Uri BaseAddress { get; }

    public string DataFolder { get; }

    public string PickupFolder => Path.Combine(DataFolder, "mail-pickup");

    public string LogFile { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts a node and waits (up to 2 minutes) until <c>/health/ready</c> answers 200.</summary>
    public static async Task<ApiNode> StartAsync(
        string name, string connectionString, string dataFolder, IReadOnlyDictionary<string, string>? settings = null)
    {
        Directory.CreateDirectory(dataFolder);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ApiDll() },
            WorkingDirectory = Path.GetDirectoryName(ApiDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ConnectionStrings__Ticketing"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = $"ticketing-{name}" }.ConnectionString,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Ticketing__DataFolder"] = dataFolder,
                ["Ticketing__Admin__Email"] = AdminEmail,
                ["Ticketing__Admin__Password"] = AdminPassword,
                ["Ticketing__Auth__RateLimitPermits"] = "1000",
                ["Ticketing__Auth__AccountRateLimitPermits"] = "1000",
                ["Ticketing__DataProtection__CertificatePath"] = KeyRingCertificateFile.Path,
                ["Logging__LogLevel__Default"] = "Information",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var logFile = Path.Combine(dataFolder, $"{name}-{DateTime.UtcNow:HHmmssfff}.log");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new ApiNode(name, process, log, logFile, new Uri($"http://127.0.0.1:{port}"), dataFolder);
        try
        {
            await node.WaitUntilReadyAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, connections dropped by the kernel.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(30_000);
        }
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string LogTail(int lines = 60)
    {
        lock (log)
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"--- {Name} ({LogFile}) ---\n" + string.Join('\n', all.TakeLast(lines));
        }
    }

    /// <summary>How many lines of the log contain <paramref name="text"/>.</summary>
    public int LogLinesContaining(string text)
    {
        lock (log)
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"API node {Name} exited with {process.ExitCode} before it was ready.\n{LogTail()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"API node {Name} was not ready within 2 minutes.\n{LogTail()}");
            }

            await Task.Delay(50);
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The node was disposed while its last lines were in flight.
            }
        }
    }

    /// <summary>The API built by this project's reference, in the same configuration as the tests.</summary>
    private static string ApiDll()
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testFolder.Name;
        var configuration = testFolder.Parent!.Name;
        for (var dir = testFolder; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ticketing.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Api", "bin", configuration, framework, "Ticketing.Api.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"The API is not built: {dll}");
            }
        }

        throw new InvalidOperationException("Ticketing.sln not found above the test folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        await Task.Yield();
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }
}
