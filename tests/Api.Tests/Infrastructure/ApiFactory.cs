using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Ticketing.TestInfrastructure;

namespace Ticketing.Api.Tests.Infrastructure;

/// <summary>
/// The API in-process as an Alba host (<see cref="AlbaHost.For{T}(Action{IWebHostBuilder}, IAlbaExtension[])"/>) against a
/// database of its own, cloned from the run's migrated template, and a data folder of its own (attachments, mail
/// pickup) that is deleted with it. One per test class (an xunit class fixture), so classes run in parallel. Tests
/// run Alba scenarios on <see cref="Host"/>; <see cref="CreateClient"/> (a plain <see cref="HttpClient"/>) remains only for
/// the fuzz test's parallel load, where Alba's per-scenario set-up would distort the run.
/// </summary>
public class ApiFactory : IAsyncLifetime, IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private IAlbaHost? _host;

    public string ConnectionString { get; protected set; } = "";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"ticketing-api-{Guid.NewGuid():N}");

    /// <summary>The running host; started by the fixture (or on first use by a factory a test made itself).</summary>
    public IAlbaHost Host => _host ?? Task.Run(StartAsync).GetAwaiter().GetResult();

    public IServiceProvider Services => Host.Services;

    public TestServer Server => Host.Server;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
    }

    /// <summary>Starts the host once; later calls return it.</summary>
    public async Task<IAlbaHost> StartAsync()
    {
        await _starting.WaitAsync();
        try
        {
            return _host ??= await AlbaHost.For<Program>(ConfigureWebHost);
        }
        finally
        {
            _starting.Release();
        }
    }

    public HttpClient CreateClient() => Host.Server.CreateClient();

    /// <summary>Runs an Alba scenario against the host.</summary>
    public Task<IScenarioResult> Scenario(Action<Scenario> configure) => Host.Scenario(configure);

    protected virtual void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Ticketing", ConnectionString);
        builder.UseSetting("Ticketing:DataFolder", DataFolder);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }

        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }

        _starting.Dispose();
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
