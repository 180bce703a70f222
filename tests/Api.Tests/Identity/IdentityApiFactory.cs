using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Ticketing.Api.Tests.Infrastructure;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// The API with a configured first administrator, a generous auth rate limit (one host serves a whole test class)
/// and every log line captured at trace level.
/// </summary>
public class IdentityApiFactory : ApiFactory
{
    public const string AdminEmail = "admin@msp.test";
    public const string AdminPassword = "Adm1n-Passw0rd!";

    public CapturingLoggerProvider Logs { get; } = new();

    protected virtual int RateLimitPermits => 100_000;

    protected virtual int AccountRateLimitPermits => RateLimitPermits;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Admin:Email", AdminEmail);
        builder.UseSetting("Ticketing:Admin:Password", AdminPassword);
        builder.UseSetting("Ticketing:Auth:RateLimitPermits", RateLimitPermits.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Ticketing:Auth:AccountRateLimitPermits", AccountRateLimitPermits.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureLogging(logging => logging
            .AddProvider(Logs)
            .AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }
}

/// <summary>An identity host whose clock only moves when a test advances it.</summary>
public class ClockedIdentityApiFactory : IdentityApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>An identity host with a tight auth rate limit.</summary>
public class RateLimitedIdentityApiFactory : IdentityApiFactory
{
    public const int Permits = 3;

    protected override int RateLimitPermits => Permits;
}

/// <summary>A second API node on the database and data folder of another factory (no new database, no migrations of its own).</summary>
public sealed class SecondNodeFactory(ApiFactory first) : IdentityApiFactory
{
    public override Task InitializeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Ticketing", first.ConnectionString);
        // Nodes of one deployment share the key-ring certificate (ADR 0016); here, the first node's generated one.
        builder.UseSetting("Ticketing:DataFolder", first.DataFolder);
    }
}

/// <summary>Keeps every formatted log message (with its exception and state values) for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
