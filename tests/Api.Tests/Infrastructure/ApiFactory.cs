using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Ticketing.Api.Hosting;
using Ticketing.TestInfrastructure;

namespace Ticketing.Api.Tests.Infrastructure;

/// <summary>
/// The API in-process against a database of its own, cloned from the run's migrated template, and a data folder of its
/// own (attachments, mail pickup) that is deleted with it. One per test class (an xunit class fixture), so classes run
/// in parallel.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"ticketing-api-{Guid.NewGuid():N}");

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Ticketing", ConnectionString);
        builder.UseSetting("Ticketing:DataFolder", DataFolder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
