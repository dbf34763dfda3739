using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ValeoErp.Functions.Triggers;

namespace ValeoErp.Tests.Support;

/// <summary>An app whose clock the test moves, and helpers to drive the local trigger runner and look into the store.</summary>
public class ClockedApp : ValeoApp
{
    public FixedClock Clock { get; } = new(Instant.FromUtc(2026, 11, 22, 9, 0));

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IClock>(Clock));
    }

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
