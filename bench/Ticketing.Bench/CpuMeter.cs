using System.Globalization;

namespace Ticketing.Bench;

/// <summary>
/// CPU time (user + system, from <c>/proc/PID/stat</c>) spent by the API process, the PostgreSQL cluster (the postmaster
/// and its live children) and this load generator over a phase. Divided by the requests, it says which process a
/// command's cost lands in; unlike wall-clock figures it barely moves when other work shares the machine.
/// </summary>
public sealed class CpuMeter(int apiPid, string postgresDataFolder)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public sealed record Sample(double Api, double Postgres, double Generator);

    public Sample Take()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(postgresDataFolder, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        double postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } s && (pid == postmaster || s.ParentPid == postmaster))
            {
                postgres += s.Seconds;
            }
        }

        return new Sample(Stat(apiPid)?.Seconds ?? 0, postgres, Stat(Environment.ProcessId)?.Seconds ?? 0);
    }

    private static (int ParentPid, double Seconds)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (parent, ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // the process ended while we looked
        }
    }
}
