using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Ticketing.Api.Hosting;
using Ticketing.TestInfrastructure;

namespace Ticketing.Api.Tests.Infrastructure;

/// <summary>
/// The API in-process against a database of its own, cloned from the run's migrated template.
/// One per test class (an xunit class fixture), so classes run in parallel.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Ticketing", ConnectionString);
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
