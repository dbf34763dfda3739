using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>The host with a log sink that keeps every message the configured levels let through.</summary>
public sealed class LoggedApp : ValeoApp
{
    public ConcurrentQueue<string> Messages { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new Sink(Messages)));
    }

    private sealed class Sink(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(category, messages);
        public void Dispose() { }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format) =>
            messages.Enqueue($"{level} {category}: {format(state, error)} {error}");
    }
}

/// <summary>Issue 15: personal data never appears in the logs, whatever the request carries (names, addresses, e-mail, search terms).</summary>
public sealed class PersonalDataLogTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task CustomersContactsSearchAndGdprRequests_LeaveNoPersonalDataInTheLogs()
    {
        var admin = await app.ClientFor("log-privacy", "admin", "admin");
        var created = await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Hof Vertraulich-Meyerdierks", address = new { street = "Geheimweg 7", postalCode = "26160", city = "Bad Zwischenahn" },
            email = "meyerdierks@vertraulich.example",
        });
        var id = (await created.Json()).GetProperty("id").GetString();
        await admin.PostAsJsonAsync("/api/v1/contacts", new { partnerId = id, name = "Imke Meyerdierks", email = "imke@vertraulich.example" });
        await admin.GetAsync("/api/v1/search?q=Meyerdierks");
        await admin.GetAsync("/api/v1/customers?q=Meyerdierks&format=csv");
        await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Meyerdierks ohne Adresse" }); // refused: 400
        await admin.GetAsync($"/api/v1/gdpr/export/{id}");
        await admin.PostAsJsonAsync($"/api/v1/gdpr/erase/{id}", new { reason = "Antrag Meyerdierks" });

        app.Messages.Should().NotBeEmpty("the sink sees the host's log");
        foreach (var personal in new[] { "Meyerdierks", "Geheimweg", "Zwischenahn", "vertraulich.example" })
            app.Messages.Should().NotContain(m => m.Contains(personal, StringComparison.OrdinalIgnoreCase), personal);
    }
}
