using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ticketing.Bench;

/// <summary>
/// The real API as a child process (<c>dotnet src/Api/bin/Release/net10.0/Ticketing.Api.dll</c>, built by this project's
/// reference) on a loopback port, pointed at the bench database, with a configured administrator. Separate from the
/// load generator so its memory and CPU are its own.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;

    private ApiProcess(Process process, Uri baseAddress, TimeSpan coldStart)
    {
        this.process = process;
        BaseAddress = baseAddress;
        ColdStart = coldStart;
    }

    public const string AdminEmail = "bench-admin@msp.example";
    public const string AdminPassword = "Bench-admin-2026!";

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>From process start to the first 200 of <c>/health/ready</c> (database already running and migrated).</summary>
    public TimeSpan ColdStart { get; }

    /// <summary>
    /// Starts the API built in <paramref name="apiTree"/> (default: this repository; <c>--api DIR</c> runs another
    /// revision's build, e.g. the old side of <c>bench/side-by-side.sh</c>), with <paramref name="environment"/> added
    /// to its settings.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(
        string connectionString, string dataFolder, string? apiTree = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(apiTree ?? RepositoryRoot(), "src", "Api", "bin", "Release", "net10.0", "Ticketing.Api.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the API first (dotnet build -c Release src/Api): {dll} is missing.");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Ticketing"] = connectionString,
                ["Ticketing__Admin__Email"] = AdminEmail,
                ["Ticketing__Admin__Password"] = AdminPassword,
                ["Ticketing__DataFolder"] = dataFolder,
                ["Ticketing__DataProtection__CertificatePath"] = KeyRingCertificateFile.Path,
                ["Ticketing__Auth__AccountRateLimitPermits"] = "20",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"  api: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new ApiProcess(process, baseAddress, clock.Elapsed);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still starting up behind the listener.
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The API was not ready within 2 minutes.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Peak resident set (VmHWM) of the API process so far, in MiB, from /proc.</summary>
    public double PeakWorkingSetMiB() => ProcStatusKiB("VmHWM:") / 1024.0;

    public double WorkingSetMiB() => ProcStatusKiB("VmRSS:") / 1024.0;

    private long ProcStatusKiB(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ticketing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Ticketing.sln not found above the bench's folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
