namespace Ticketing.Api.Hosting;

/// <summary>
/// Where a node keeps its files (the embedded PostgreSQL cluster, attachments, the mail pickup folder): the folder set
/// in <c>Ticketing:DataFolder</c>, or by default <c>ticketing</c> in the user's local data folder
/// (<c>$XDG_DATA_HOME/ticketing</c>, usually <c>~/.local/share/ticketing</c> on Linux), so the API finds the same data
/// whether it is started with <c>dotnet run --project src/Api</c> (whose working folder is the project's) or from the
/// built DLL anywhere. A relative configured folder is taken from the working folder, as any path on a command line.
/// </summary>
public static class DataFolder
{
    public const string Setting = "Ticketing:DataFolder";

    public static string Root(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[Setting];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ticketing")
            : configured);
    }

    /// <summary>A named folder under <see cref="Root"/> (<c>postgres</c>, <c>attachments</c>, <c>mail-pickup</c>).</summary>
    public static string Of(IConfiguration configuration, string name) => Path.Combine(Root(configuration), name);
}
