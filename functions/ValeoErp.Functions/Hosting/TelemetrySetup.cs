using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Functions.Hosting;

/// <summary>
/// OpenTelemetry for traces and metrics: ASP.NET Core, HttpClient and runtime instrumentation plus our own sources
/// (triggers, processes, the Durable Task engine) and meters. Exporters: OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set;
/// Azure Monitor only in the Azure shape with APPLICATIONINSIGHTS_CONNECTION_STRING (it calls the network at start, so
/// never in tests or CI); Prometheus at /metrics in the local shape.
/// </summary>
public static class TelemetrySetup
{
    public static readonly string[] Sources = ["ValeoErp.Triggers", "ValeoErp.Processes", "DurableTask.Core", "Azure.Messaging.ServiceBus.*"];

    public static readonly string[] Meters = [ValeoMetrics.MeterName, CosmosStorage.MeterName];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder, RuntimeShape shape)
    {
        // Log records carry the trace and span of the request or message they belong to (the correlation in the
        // exporters); personal data stays out by the log levels and message templates (PersonalDataLogTests).
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddOpenTelemetry(o => o.IncludeScopes = true);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("valeo-erp", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t.AddSource(Sources).AddAspNetCoreInstrumentation(o => o.Filter = http => !IsQuiet(http.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(m =>
            {
                m.AddMeter(Meters).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (shape == RuntimeShape.Local) m.AddPrometheusExporter();
            });
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();
        if (shape == RuntimeShape.Azure && !string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"])) otel.UseAzureMonitor();
        return builder;
    }

    /// <summary>Prometheus text format of the meters above, for a local scraper; the Azure shape exports instead.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app, RuntimeShape shape)
    {
        if (shape == RuntimeShape.Local) app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    private static bool IsQuiet(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/api/healthz");
}
