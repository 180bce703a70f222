using Microsoft.AspNetCore.Hosting;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// An identity host with a data folder of its own and optional key-ring settings; with a connection string it is
/// a restart of an earlier host on that database (no new database). Call <see cref="InitializeAsync"/> first.
/// </summary>
public sealed class KeyRingFactory(string dataFolder, IReadOnlyDictionary<string, string>? settings = null, string? connectionString = null, string environment = "Testing")
    : IdentityApiFactory
{
    public string Database => connectionString ?? ConnectionString;

    public override Task InitializeAsync() => connectionString is null ? base.InitializeAsync() : Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Ticketing", Database);
        builder.UseSetting("Ticketing:DataFolder", dataFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
