using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Ticketing.Application.Telemetry;

namespace Ticketing.Api.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry (issue 20, ADR 0021): traces of HTTP requests, Wolverine handlers and messages, Marten and every
/// Npgsql statement, and outgoing mail; metrics of requests, commands refused for conflicts, sign-in failures and
/// lockouts, mail, Wolverine's own, and the message store's depth, age and dead letters. Exported over OTLP when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal endpoint) is set, to the console when
/// <c>OTEL_TRACES_EXPORTER</c>/<c>OTEL_METRICS_EXPORTER</c>/<c>OTEL_LOGS_EXPORTER</c> name <c>console</c>; with none of
/// them (or <c>Ticketing:Telemetry:Enabled</c>) set, nothing is collected, so nothing costs CPU on the request path.
/// </summary>
public static class TicketingTelemetry
{
    public const string ServiceName = "ticketing-api";

    /// <summary>Sources whose spans are collected: ours, Wolverine's, Marten's (Npgsql and ASP.NET Core are instrumented).</summary>
    public static readonly string[] Sources = [TicketingMetrics.Name, "Wolverine", "Marten"];

    public static WebApplicationBuilder AddTicketingTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        // Every log line written inside a request or a handled message names its trace and span (the console's simple
        // and JSON formatters print the scope; an OTLP log record carries them natively).
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>(options => options.IncludeScopes = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otlpTraces = otlp || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
        var otlpMetrics = otlp || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
        var otlpLogs = otlp || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"]);
        var consoleTraces = Names(configuration["OTEL_TRACES_EXPORTER"], "console");
        var consoleMetrics = Names(configuration["OTEL_METRICS_EXPORTER"], "console");
        var consoleLogs = Names(configuration["OTEL_LOGS_EXPORTER"], "console");
        var forced = configuration.GetValue("Ticketing:Telemetry:Enabled", false);
        var traces = forced || otlpTraces || consoleTraces;
        var metrics = forced || otlpMetrics || consoleMetrics;
        if (!traces && !metrics && !otlpLogs && !consoleLogs)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName));
        if (traces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(options =>
                        // Probes every few seconds would drown the traces that matter.
                        options.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                    .AddNpgsql()
                    .AddSource(Sources);
                if (otlpTraces)
                {
                    tracing.AddOtlpExporter();
                }

                if (consoleTraces)
                {
                    tracing.AddConsoleExporter();
                }
            });
        }

        if (metrics)
        {
            builder.Services.AddHostedService<MessageStoreGauges>();
            telemetry.WithMetrics(meters =>
            {
                meters.AddAspNetCoreInstrumentation()
                    .AddMeter(TicketingMetrics.Name, MessageStoreGauges.MeterName, "Wolverine:*");
                if (otlpMetrics)
                {
                    meters.AddOtlpExporter();
                }

                if (consoleMetrics)
                {
                    meters.AddConsoleExporter();
                }
            });
        }

        if (otlpLogs || consoleLogs)
        {
            telemetry.WithLogging(logging =>
            {
                if (otlpLogs)
                {
                    logging.AddOtlpExporter();
                }

                if (consoleLogs)
                {
                    logging.AddConsoleExporter();
                }
            });
        }

        return builder;
    }

    private static bool Names(string? list, string exporter) =>
        list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(exporter, StringComparer.OrdinalIgnoreCase) == true;
}
