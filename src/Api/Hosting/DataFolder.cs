namespace Ticketing.Api.Hosting;

/// <summary>
/// Where a node keeps its files (the embedded PostgreSQL cluster, attachments, the mail pickup folder): the folder set
/// in <c>Ticketing:DataFolder</c>, or by default <c>ticketing</c> in the user's local data folder
/// (<c>$XDG_DATA_HOME/ticketing</c>, usually <c>~/.local/share/ticketing</c> on Linux), so the API finds the same data
/// whether it is started with <c>dotnet run --project src/Api</c> (whose working folder is the project's) or from the
/// built DLL anywhere. A relative configured folder is taken from the working folder, as any path on a command line.
/// </summary>
/// <remarks>
/// Run as root, the default is <see cref="RootDefault"/> instead: the embedded cluster runs as the <c>postgres</c> user
/// (PostgreSQL refuses root), and root's home is usually closed to other users (mode 700), so a cluster under
/// <c>/root/.local/share</c> cannot even be initialised. A root whose home folder already holds a cluster keeps it.
/// </remarks>
public static class DataFolder
{
    public const string Setting = "Ticketing:DataFolder";

    /// <summary>The default folder of a node run as root: the system's place for a service's state.</summary>
    public const string RootDefault = "/var/lib/ticketing";

    public static string Root(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[Setting];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Default(RunsAsRoot, Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)) : configured);
    }

    /// <summary>A named folder under <see cref="Root"/> (<c>postgres</c>, <c>attachments</c>, <c>mail-pickup</c>).</summary>
    public static string Of(IConfiguration configuration, string name) => Path.Combine(Root(configuration), name);

    /// <summary>The folder used when none is configured, for a user that is root or not, whose local data folder is <paramref name="localData"/>.</summary>
    public static string Default(bool root, string localData)
    {
        var home = Path.Combine(localData, "ticketing");
        return root && !File.Exists(Path.Combine(home, "postgres", "data", "PG_VERSION")) ? RootDefault : home;
    }

    /// <summary>Whether this process runs as root (the embedded cluster then runs as the <c>postgres</c> user).</summary>
    public static bool RunsAsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}
