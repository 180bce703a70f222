namespace Ticketing.Api.Hosting.Database;

/// <summary>Settings of a PostgreSQL cluster that Ticketing starts and stops itself.</summary>
public sealed class EmbeddedPostgresOptions
{
    /// <summary>Folder holding the cluster (its <c>data</c> sub-folder, log and credentials).</summary>
    public required string RootFolder { get; init; }

    /// <summary>Folder with <c>initdb</c> and <c>pg_ctl</c>; found automatically when null.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>
    /// False only for throw-away clusters (tests, benchmarks of the code path): turns fsync and
    /// full-page writes off. The API's default cluster holds the user's data and is always durable.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>Extra <c>-c name=value</c> server settings.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
