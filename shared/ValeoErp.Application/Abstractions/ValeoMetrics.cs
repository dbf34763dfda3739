using System.Diagnostics.Metrics;

namespace ValeoErp.Application.Abstractions;

/// <summary>
/// The business series of the app (System.Diagnostics.Metrics, so the domain side needs no telemetry library): the
/// OpenTelemetry SDK collects the meter and serves it at /metrics (local) or exports it (OTLP, Azure Monitor).
/// </summary>
public static class ValeoMetrics
{
    public const string MeterName = "ValeoErp";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Postings =
        Meter.CreateCounter<long>("valeo.postings", "{entry}", "Journal entries committed to the books");

    public static readonly Histogram<double> OutboxLag =
        Meter.CreateHistogram<double>("valeo.outbox.lag", "s", "Time from an event's commit to its publication on the bus");

    public static readonly Counter<long> DeadLetters =
        Meter.CreateCounter<long>("valeo.dead_letters", "{message}", "Messages dead-lettered after their last delivery attempt");

    public static readonly Counter<long> OrchestrationsStarted =
        Meter.CreateCounter<long>("valeo.orchestrations.started", "{instance}", "Process instances started, by kind");

    public static readonly Counter<long> OrchestrationSignals =
        Meter.CreateCounter<long>("valeo.orchestrations.signals", "{event}", "Events raised on running process instances, by kind");
}
