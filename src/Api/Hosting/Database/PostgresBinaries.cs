namespace Ticketing.Api.Hosting.Database;

/// <summary>
/// Locates the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>) on this machine: a configured
/// folder first, then <c>PATH</c>, then the Debian/Ubuntu layout <c>/usr/lib/postgresql/*/bin</c>
/// (highest version wins).
/// </summary>
public static class PostgresBinaries
{
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them " +
        "(Debian/Ubuntu: 'apt-get install postgresql'; they land in /usr/lib/postgresql/<version>/bin), " +
        "point 'Ticketing:Postgres:BinDirectory' at the folder that holds them, " +
        "or set 'ConnectionStrings:Ticketing' to use an existing PostgreSQL server instead.";

    public static string Locate(string? configuredFolder)
    {
        foreach (var candidate in Candidates(configuredFolder))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(InstallHint);
    }

    private static IEnumerable<string> Candidates(string? configuredFolder)
    {
        if (!string.IsNullOrWhiteSpace(configuredFolder))
        {
            yield return configuredFolder;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return folder;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.GetDirectories(debianRoot)
                .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .OrderByDescending(x => x.version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }
    }
}
