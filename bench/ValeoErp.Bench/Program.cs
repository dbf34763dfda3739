using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Functions.Triggers;
using ValeoErp.Storage.Sqlite;

// Relay benchmark (issue 4, acceptance 7): events committed to the outbox are relayed to the local bus and
// delivered as host-shaped envelopes over HTTP to a trivial consumer, by the same runner the local shape uses.
// Prints events/s (median of the runs) with N events pre-committed, and the p99 commit-to-consumer latency
// while events are committed at a steady rate.
if (args.Length > 0 && args[0] == "search")
{
    await SearchBench.Run(args.Length > 1 ? int.Parse(args[1]) : 100_000);
    return;
}
if (args.Length > 0 && args[0] == "bare-app")
{
    await BareApp.Run(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "posting-inprocess")
{
    await InProcessBench.Run(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "posting")
{
    await PostingBench.Run(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "store")
{
    await StoreBench.Run(args.Length > 1 ? int.Parse(args[1]) : 10_000);
    return;
}
if (args.Length > 0 && args[0] == "orchestrations")
{
    await OrchestrationBench.Run(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "documents")
{
    await DocumentsBench.Run(args.Length > 1 ? int.Parse(args[1]) : 1000, args.Length > 2 ? int.Parse(args[2]) : 1);
    return;
}
var runs = args.Length > 0 ? int.Parse(args[0]) : 5;
var events = args.Length > 1 ? int.Parse(args[1]) : 10_000;

var throughputs = new List<double>();
var p99s = new List<double>();
for (var run = 1; run <= runs; run++)
{
    await using var bench = await Bench.Start();
    throughputs.Add(await bench.Throughput(events));
    p99s.Add(await bench.Latency(rate: 1000, seconds: 3));
    Console.WriteLine($"run {run}: {throughputs[^1]:0} events/s, p99 latency {p99s[^1]:0.0} ms (at 1000 events/s)");
}
throughputs.Sort();
p99s.Sort();
Console.WriteLine($"median throughput: {throughputs[runs / 2]:0} events/s over {events} events; median p99 relay latency: {p99s[runs / 2]:0.0} ms");

sealed class Bench : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "valeo-bench", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, double> _delivered = new();
    private WebApplication _sink = null!;
    private SqliteRecordStore _store = null!;
    private LocalTriggerRunner _runner = null!;
    private static readonly TenantId Tenant = TenantId.Parse("bench").Value;

    public static async Task<Bench> Start()
    {
        var bench = new Bench();
        await bench.Init();
        return bench;
    }

    private async Task Init()
    {
        var db = new SqliteDatabase(_directory);
        await db.Migrate(SystemClock.Instance, default);
        _store = new SqliteRecordStore(db);
        var messaging = new MessagingModel([new TopicModel(Envelopes.Topic, true,
            [new SubscriptionModel("bench", 10, [new RuleModel("ping", "bench.ping")])])]);
        var catalog = new FunctionCatalog([new FunctionDefinition("BenchSink", "serviceBusTrigger", "message", null, Envelopes.Topic, "bench", null, null, null)]);
        var bus = new SqliteLocalBus(db, messaging, SystemClock.Instance);
        _runner = new LocalTriggerRunner(new SqliteOutbox(db), bus, bus, messaging, catalog, SystemClock.Instance, NullLogger<LocalTriggerRunner>.Instance, [])
        {
            MaxParallelDeliveries = 16,
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _sink = builder.Build();
        _sink.MapPost("/BenchSink", async (HttpContext http) =>
        {
            var envelope = TriggerEnvelope.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync());
            var e = envelope.Binding("message")!.Deserialize<EventEnvelope>(ValeoJson.Options)!;
            _delivered.TryAdd(e.Id, (SystemClock.Instance.GetCurrentInstant() - e.Time).TotalMilliseconds);
            return Results.Json(TriggerResponse.Ok("ok"));
        });
        await _sink.StartAsync();
        _runner.UseClient(new HttpClient { BaseAddress = new Uri(_sink.Urls.First()) });
    }

    /// <summary>N events already in the outbox: how fast does the backbone empty it?</summary>
    public async Task<double> Throughput(int count)
    {
        for (var i = 0; i < count; i += 100) await Commit(Math.Min(100, count - i));
        var watch = Stopwatch.StartNew();
        while (_delivered.Count < count) await _runner.Drain();
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Events committed at a steady rate while the runner loops: p99 from commit to the consumer.</summary>
    public async Task<double> Latency(int rate, int seconds)
    {
        _delivered.Clear();
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                if (await _runner.Relay(default) + await _runner.Deliver(default) == 0) await Task.Delay(1);
        });
        var total = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var due = (int)(watch.Elapsed.TotalSeconds * rate) - total;
            if (due > 0) { await Commit(due); total += due; }
            else await Task.Delay(1);
        }
        while (_delivered.Count < total) await Task.Delay(5);
        stop.Cancel();
        await loop;
        var latencies = _delivered.Values.Order().ToArray();
        double P(double q) => latencies[(int)Math.Ceiling(latencies.Length * q) - 1];
        if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") is not null)
            Console.WriteLine($"  p50 {P(0.5):0.0} ms, p90 {P(0.9):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0.0} ms, n {latencies.Length}");
        return P(0.99);
    }

    private Task Commit(int count)
    {
        var changes = new ChangeSet();
        var now = SystemClock.Instance.GetCurrentInstant();
        for (var i = 0; i < count; i++)
            changes.Events.Add(new OutboxMessage(Guid.NewGuid().ToString("N"), "bench.ping", "bench/1", now, null, null, "{\"n\":1}"));
        return _store.Commit(Tenant, Scope.Master, changes, default);
    }

    public async ValueTask DisposeAsync()
    {
        await _sink.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, true); } catch (IOException) { }
    }
}

/// <summary>Search latency (issue 5, acceptance 3): p95 of German queries over N articles of one tenant on FTS5.</summary>
static class SearchBench
{
    public static async Task Run(int articles)
    {
        var directory = Path.Combine(Path.GetTempPath(), "valeo-bench-search", Guid.NewGuid().ToString("N"));
        var db = new SqliteDatabase(directory);
        await db.Migrate(SystemClock.Instance, default);
        var index = new Fts5SearchIndex(db);
        var tenant = TenantId.Parse("bench").Value;
        var other = TenantId.Parse("other").Value;
        string[] kinds = ["Kalkammonsalpeter KAS 27 % N", "Volldünger NPK 15-15-15", "Harnstoff 46 % N", "Winterweizen Z-Saatgut",
            "Milchleistungsfutter 18/4", "Agrardiesel", "Weidezaunlitze 400 m", "Kornkali 40 % K2O", "Herbizid Glyphosat 360 g/l", "Gummistiefel Gr. 43"];
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < articles; start += 2000)
            await index.Upsert(tenant, Enumerable.Range(start, Math.Min(2000, articles - start)).Select(i =>
                new SearchDocument("article", $"a{i}", $"A-{i:000000} {kinds[i % kinds.Length]} Charge {i % 997}", "fertiliser",
                    [$"A-{i:000000}", $"40{i:0000000000}"])).ToArray(), default);
        await index.Upsert(other, Enumerable.Range(0, 1000).Select(i => new SearchDocument("partner", $"p{i}", $"Hof {i}", $"26655 Westerstede",
            ["Hauptstraße 1", "26655"])).ToArray(), default);
        Console.WriteLine($"indexed {articles} articles in {watch.Elapsed.TotalSeconds:0.0} s");

        string[] queries = ["Dünger", "dunger", "duenger", "Strasse", "KAS 27", "salpeter", "26655", "A-012345", "glyphosat"];
        var all = new HashSet<string> { "article", "partner", "document" };
        var timings = new List<double>();
        foreach (var q in queries) await index.Query(tenant, q, all, 20, default); // warm-up
        for (var round = 0; round < 50; round++)
            foreach (var q in queries)
            {
                var t = Stopwatch.StartNew();
                var hits = await index.Query(tenant, q, all, 20, default);
                timings.Add(t.Elapsed.TotalMilliseconds);
                if (hits.Any(h => h.Kind == "partner")) throw new InvalidOperationException("another tenant's record was returned");
            }
        timings.Sort();
        double P(double q) => timings[(int)Math.Ceiling(timings.Count * q) - 1];
        Console.WriteLine($"{timings.Count} queries over {articles} articles: p50 {P(0.5):0.0} ms, p95 {P(0.95):0.0} ms, max {timings[^1]:0.0} ms");
        foreach (var q in queries)
        {
            var t = Stopwatch.StartNew();
            var n = (await index.Query(tenant, q, all, 20, default)).Count;
            Console.WriteLine($"  {q,-10} {n,3} hits in {t.Elapsed.TotalMilliseconds:0.0} ms");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, true);
    }
}
