using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ticketing.Api.Tests.Platform;

/// <summary>
/// Telemetry switched on in a test host, with in-memory exporters for its spans and metrics. The sources are
/// process-wide, so spans of other hosts running at the same time may be captured too: checks filter by trace or by
/// values only their test knows.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly LockedCollection<Activity> spans = new();
    private readonly LockedCollection<Metric> metrics = new();

    public IReadOnlyList<Activity> Spans() => spans.Snapshot();

    /// <summary>
    /// The one span <paramref name="match"/> finds, waiting for it: a request's server span ends after its response has
    /// been sent, so a client that has the response may look before the span is exported.
    /// </summary>
    public async Task<Activity> SpanAsync(Func<Activity, bool> match, string what)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = Spans().Where(match).ToList();
            if (found.Count == 1)
            {
                return found[0];
            }

            if (found.Count > 1 || DateTime.UtcNow > deadline)
            {
                throw new Shouldly.ShouldAssertException($"Expected one span of {what} within 10 s, found {found.Count}.");
            }

            await Task.Delay(20);
        }
    }

    public IReadOnlyList<string> MetricNames() => [.. metrics.Snapshot().Select(m => m.Name).Distinct()];

    /// <summary>Every value a span shows: its name, its status text, its tags' and its events' tags' values.</summary>
    public static IEnumerable<string> Values(Activity span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return span.TagObjects.Select(t => t.Value?.ToString() ?? "")
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString() ?? "")))
            .Append(span.DisplayName).Append(span.StatusDescription ?? "");
    }

    public void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Ticketing:Telemetry:Enabled", "true");
        builder.ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        });
    }

    /// <summary>The exporters add from the threads that end spans; the tests read a copy.</summary>
    private sealed class LockedCollection<T> : Collection<T>
    {
        private readonly Lock gate = new();

        public IReadOnlyList<T> Snapshot()
        {
            lock (gate)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (gate)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void ClearItems()
        {
            lock (gate)
            {
                base.ClearItems();
            }
        }
    }
}
