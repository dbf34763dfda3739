using OpenTelemetry.Trace;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ValeoErp.Functions.Triggers;

namespace ValeoErp.Tests.Support;

/// <summary>An app whose clock the test moves, and helpers to drive the local trigger runner and look into the store.</summary>
public class ClockedApp : ValeoApp
{
    public FixedClock Clock { get; } = new(Instant.FromUtc(2026, 11, 22, 9, 0));

    /// <summary>Settings on top of the test defaults, e.g. another orchestration engine.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
        });
    }

    /// <summary>Every span the app's OpenTelemetry tracer exported (all apps of the test process share the listeners: filter by trace id).</summary>
    public SpanLog Spans { get; } = new();

    public LocalTriggerRunner Runner()
    {
        var runner = Services.GetRequiredService<LocalTriggerRunner>();
        runner.UseClient(CreateClient());
        return runner;
    }

    public ConsumerFaults Faults => Services.GetRequiredService<ConsumerFaults>();

    public List<string> Column(string sql) => Column(DataDirectory, sql);

    public int Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "valeo.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public static List<string> Column(string directory, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "valeo.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return rows;
    }
}

/// <summary>A second process on the same data directory: the restart after a crash.</summary>
public sealed class RestartedApp(string directory) : ClockedApp
{
    public override string DataDirectory => directory;
}

/// <summary>A thread-safe list for the in-memory exporter, which exports from whatever thread ends a span.</summary>
public sealed class SpanLog : System.Collections.ObjectModel.Collection<System.Diagnostics.Activity>
{
    private readonly Lock _gate = new();

    protected override void InsertItem(int index, System.Diagnostics.Activity item)
    {
        lock (_gate) base.InsertItem(index, item);
    }

    public System.Diagnostics.Activity[] Snapshot()
    {
        lock (_gate) return [.. this];
    }
}
