using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;

/// <summary>
/// Posting benchmark (issue 13): the real host over HTTP next to two bare baselines, in one run.
/// a) an ERP-shaped SQLite transaction (7 rows in 5 tables, WAL, synchronous=FULL, one thread): tx/s;
/// b) a bare minimal API (GET /x/{id}, small JSON) in this process, 8 clients: requests/s;
/// c) the published host as a child process on a free port with an empty data directory: closed loop of
///    order -> submit -> delivery -> invoice -> post with 1/4/8/16 clients, then the time the outbox/bus needs to drain;
/// d) GET customer by id, 8 clients; e) open loop at a fixed rate, 80 % reads / 20 % order drafts.
/// Usage: posting &lt;ValeoErp.Functions.dll&gt; [seconds-per-level=15] [get-seconds=10] [open-rate=200] [open-seconds=20] [levels=1,4,8,16]
/// BENCH_ARTICLE=services uses a services article (no stock movement at delivery); the default is a stocked goods article.
/// </summary>
static class PostingBench
{
    private static readonly string[] Steps = ["order", "submit", "delivery", "invoice", "post"];

    public static async Task Run(string[] args)
    {
        if (args.Length < 1) throw new ArgumentException("usage: posting <ValeoErp.Functions.dll> [seconds-per-level] [get-seconds] [open-rate] [open-seconds] [levels]");
        var hostDll = Path.GetFullPath(args[0]);
        var seconds = args.Length > 1 ? double.Parse(args[1]) : 15;
        var getSeconds = args.Length > 2 ? double.Parse(args[2]) : 10;
        var openRate = args.Length > 3 ? int.Parse(args[3]) : 200;
        var openSeconds = args.Length > 4 ? double.Parse(args[4]) : 20;
        var levels = args.Length > 5 ? args[5].Split(',').Select(int.Parse).ToArray() : [1, 4, 8, 16];
        var services = Environment.GetEnvironmentVariable("BENCH_ARTICLE") == "services";
        Console.WriteLine($"posting bench: {seconds} s per level, levels {string.Join(",", levels)}, GET {getSeconds} s, open loop {openRate}/s for {openSeconds} s, " +
                          $"article {(services ? "services (no stock)" : "goods with stock")}, " +
                          $"{(Environment.GetEnvironmentVariable("BENCH_PROFILE") == "0" ? "no company profile (no PDF/e-invoice archive at posting)" : "company profile set (PDF + e-invoice archived at posting)")}, " +
                          $"{Environment.ProcessorCount} cores");

        // a) bare SQLite
        var sqliteTx = BareSqlite(Math.Min(seconds, 10));

        // b) bare minimal API
        var bareApi = await BareApi(getSeconds);

        // c) d) e) the ERP
        await using var host = await ErpHost.Start(hostDll);
        using var client = Client(host.BaseUrl);
        var setup = await Setup(client, services);
        Console.WriteLine($"\n[c] ERP host pid {host.Pid} on {host.BaseUrl}, data {host.DataDirectory}");
        Console.WriteLine($"    master data: customer {setup.CustomerId}, article {setup.ArticleId}; setup drain {await host.Drain(TimeSpan.FromMinutes(2)):0.00} s");

        // warm-up: a few chains so the JIT has seen every path, then let the background work settle
        var warm = await ClosedLoop(client, setup, 2, 3);
        Console.WriteLine($"    warm-up: {warm.Postings} postings, drain {await host.Drain(TimeSpan.FromMinutes(2)):0.00} s");

        var results = new List<LevelResult>();
        foreach (var clients in levels)
        {
            var level = await Level(host, client, setup, clients, seconds);
            results.Add(level);
            level.Print();
        }

        // d) GET customer by id, 8 clients
        var get = await LoadClient.Run(8, getSeconds, async (_, stats) =>
            await stats.Time("get customer", () => client.GetAsync($"/api/v1/customers/{setup.CustomerId}")));
        Console.WriteLine($"\n[d] ERP GET /api/v1/customers/{{id}}, 8 clients, {getSeconds} s: {get.Rate("get customer"):0} req/s, " +
                          $"p50 {get.P("get customer", 0.5):0.00} ms, p99 {get.P("get customer", 0.99):0.00} ms, errors {get.ErrorCount}");
        Console.WriteLine($"    bare API (b) for comparison: {bareApi.Rate("get x"):0} req/s, p99 {bareApi.P("get x", 0.99):0.00} ms");

        // e) open loop on a store holding at least 1,000 posted invoices (issue 13, acceptance 4)
        var invoices = results.SelectMany(r => r.Run.InvoiceIds).Concat(warm.InvoiceIds).ToList();
        if (invoices.Count < 1000)
        {
            var fill = await Fill(client, setup, 1000 - invoices.Count);
            invoices.AddRange(fill.InvoiceIds);
            Console.WriteLine($"\n    topped up to {invoices.Count} posted invoices ({fill.Postings} more), drain {await host.Drain(TimeSpan.FromMinutes(5)):0.00} s");
        }
        var openInvoices = invoices.Count;
        var open = await OpenLoop(client, setup, invoices.ToArray(), openRate, openSeconds);
        var openDrain = await host.Drain(TimeSpan.FromMinutes(5));
        Console.WriteLine($"\n[e] open loop {openRate} req/s for {openSeconds} s on {invoices.Count} posted invoices (80 % GET customer/article/invoice by id, " +
                          "20 % create order draft); latency from the scheduled send time");
        open.Print();
        Console.WriteLine($"    drain after the open loop: {openDrain:0.00} s");

        // g) growth (BENCH_GROW=10000): fill the store to that many posted invoices, then the 8-client level again
        LevelResult? grown = null;
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_GROW"), out var grow) && grow > invoices.Count)
        {
            var watchFill = Stopwatch.StartNew();
            var fill = await Fill(client, setup, grow - invoices.Count);
            invoices.AddRange(fill.InvoiceIds);
            Console.WriteLine($"\n[g] filled to {invoices.Count} posted invoices in {watchFill.Elapsed.TotalSeconds:0} s, drain {await host.Drain(TimeSpan.FromMinutes(15)):0.00} s");
            grown = await Level(host, client, setup, 8, seconds);
            grown.Print();
        }

        // f) start-up and idle memory: the published host on a seeded store against a bare app, same machine, same hour
        host.StopAndCollect();
        var startup = await Startup.Measure(hostDll, 5);

        // summary
        var at8 = results.FirstOrDefault(r => r.Clients == 8) ?? results[^1];
        Console.WriteLine("\n==================== summary (issue 13) ====================");
        Console.WriteLine($"bare SQLite tx (7 rows / 5 tables, WAL, FULL, 1 thread): {sqliteTx:0} tx/s");
        Console.WriteLine($"bare minimal API GET /x/{{id}}, 8 clients:              {bareApi.Rate("get x"):0} req/s, p99 {bareApi.P("get x", 0.99):0.00} ms");
        Console.WriteLine("clients  postings/s  +drain/s  req/s   CPU%(1 core)  CPU ms/posting  backlog@end  drain s  events/posting  errors");
        foreach (var r in results)
            Console.WriteLine($"{r.Clients,7}  {r.PostingsPerSecond,10:0.0}  {r.PostingsWithDrain,8:0.0}  {r.Run.Requests / r.Run.Seconds,5:0}   {r.CpuPercent,12:0}  {r.CpuMsPerPosting,14:0.0}  {r.Backlog,11}  {r.Drain,7:0.00}  {r.EventsPerPosting,14:0.0}  {r.Run.ErrorCount,6}");
        Console.WriteLine($"ERP postings/s at {at8.Clients} clients incl. drain: {at8.PostingsWithDrain:0.0} = {100 * at8.PostingsWithDrain / sqliteTx:0.00} % of the bare SQLite tx rate");
        Console.WriteLine($"ERP GET customer by id, 8 clients: {get.Rate("get customer"):0} req/s (p99 {get.P("get customer", 0.99):0.00} ms) = " +
                          $"{100 * get.Rate("get customer") / bareApi.Rate("get x"):0.0} % of the bare API");
        Console.WriteLine($"open loop {openRate}/s on {openInvoices} posted invoices: p50 {open.P("all", 0.5):0.0} ms, p99 {open.P("all", 0.99):0.0} ms, errors {open.ErrorCount}");
        if (grown is not null)
        {
            Console.WriteLine($"with {invoices.Count} posted invoices, 8 clients: {grown.PostingsPerSecond:0.0} postings/s ({100 * grown.PostingsPerSecond / at8.PostingsPerSecond:0} % of fresh), " +
                              $"incl. drain {grown.PostingsWithDrain:0.0} ({100 * grown.PostingsWithDrain / at8.PostingsWithDrain:0} % of fresh)");
            foreach (var step in Steps)
                Console.WriteLine($"    {step,-9} p99 fresh {at8.Run.P(step, 0.99),6:0.0} ms, grown {grown.Run.P(step, 0.99),6:0.0} ms");
        }
        startup.Print();
        Console.WriteLine($"server log: {host.FailLines} 'fail'/'crit' lines (first: {host.FirstFail ?? "none"})");
        Console.WriteLine($"5xx answers over the whole run: {results.Sum(r => r.Run.ServerErrors) + get.ServerErrors + open.ServerErrors}");
        Console.WriteLine("note: load client and server share the same cores; on a shared 2-core machine the figures are noisy.");
    }

    // ---------------------------------------------------------------- a) bare SQLite

    private static double BareSqlite(double seconds)
    {
        var dir = Path.Combine(Path.GetTempPath(), "valeo-pbench-sqlite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "bare.db"), Pooling = false }.ToString());
            c.Open();
            Exec(c, """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                CREATE TABLE invoice (id TEXT PRIMARY KEY, number TEXT NOT NULL, customer TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE invoice_line (invoice TEXT NOT NULL, line INTEGER NOT NULL, article TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (invoice, line)) WITHOUT ROWID;
                CREATE TABLE journal_line (entry TEXT NOT NULL, line INTEGER NOT NULL, account INTEGER NOT NULL, debit TEXT NOT NULL, credit TEXT NOT NULL, PRIMARY KEY (entry, line)) WITHOUT ROWID;
                CREATE TABLE open_item (id TEXT PRIMARY KEY, customer TEXT NOT NULL, amount TEXT NOT NULL, due TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, published_at TEXT);
                """);
            var payload = "{\"customer\":\"Hof Meyer GbR\",\"address\":{\"street\":\"Dorfstraße 12\",\"postalCode\":\"26655\",\"city\":\"Westerstede\"}," +
                          "\"lines\":[{\"article\":\"B-1\",\"quantity\":2,\"unitPrice\":39.90,\"net\":79.80}],\"netTotal\":79.80,\"taxTotal\":15.16,\"grossTotal\":94.96," +
                          "\"history\":[{\"from\":\"draft\",\"to\":\"posted\",\"by\":\"alice\",\"at\":\"2026-03-02T10:00:00Z\"}]}";
            using var cmd = c.CreateCommand();
            var n = 0;
            void Tx()
            {
                using var tx = c.BeginTransaction();
                cmd.Transaction = tx;
                var id = Guid.NewGuid().ToString("N");
                cmd.Parameters.Clear();
                cmd.Parameters.AddWithValue("$id", id);
                cmd.Parameters.AddWithValue("$n", $"RE-2026-{n:000000}");
                cmd.Parameters.AddWithValue("$data", payload);
                cmd.CommandText = """
                    INSERT INTO invoice VALUES ($id, $n, 'c1', $data);
                    INSERT INTO invoice_line VALUES ($id, 1, 'a1', $data);
                    INSERT INTO invoice_line VALUES ($id, 2, 'a2', $data);
                    INSERT INTO journal_line VALUES ($id, 1, 11042, '94.96', '0');
                    INSERT INTO journal_line VALUES ($id, 2, 8400, '0', '94.96');
                    INSERT INTO open_item VALUES ($id, 'c1', '94.96', '2026-04-01');
                    INSERT INTO outbox (id, type, data) VALUES ($id, 'salesInvoice.posted', $data);
                    """;
                cmd.ExecuteNonQuery();
                tx.Commit();
                n++;
            }
            for (var i = 0; i < 200; i++) Tx(); // warm-up
            n = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < seconds) Tx();
            var rate = n / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"\n[a] bare SQLite: {n} transactions (7 rows in 5 tables, WAL, synchronous=FULL, 1 thread) in {watch.Elapsed.TotalSeconds:0.0} s: {rate:0} tx/s, {1000 / rate:0.000} ms/tx");
            return rate;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    // ---------------------------------------------------------------- b) bare minimal API

    private static async Task<LoadStats> BareApi(double seconds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/x/{id}", (string id) => Results.Json(new BareCustomer(id, 1042, "Hof Meyer GbR", "26655", "Westerstede")));
        await app.StartAsync();
        using var client = Client(app.Urls.First());
        await LoadClient.Run(8, 1, async (_, w) => await w.Time("get x", () => client.GetAsync("/x/c-1042"))); // warm-up
        var stats = await LoadClient.Run(8, seconds, async (_, s) => await s.Time("get x", () => client.GetAsync("/x/c-1042")));
        Console.WriteLine($"\n[b] bare minimal API GET /x/{{id}}, 8 clients, {seconds} s: {stats.Rate("get x"):0} req/s, p50 {stats.P("get x", 0.5):0.00} ms, " +
                          $"p99 {stats.P("get x", 0.99):0.00} ms, errors {stats.ErrorCount}");
        await app.StopAsync();
        return stats;
    }

    private sealed record BareCustomer(string Id, int Number, string Name, string PostalCode, string City);

    // ---------------------------------------------------------------- c) the ERP

    private static HttpClient Client(string baseUrl) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(120),
    };

    private sealed record SetupData(string CustomerId, string ArticleId, string OrderDate);

    private static async Task<SetupData> Setup(HttpClient client, bool services)
    {
        var token = await Json(await client.PostAsync("/api/v1/dev/token",
            Body("""{"tenantId":"bench","userId":"alice","roles":["admin"]}""")), "accessToken");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (Environment.GetEnvironmentVariable("BENCH_PROFILE") != "0")
        {
            // With a company profile every posting renders its PDF and e-invoice into the archive, as a real tenant's does.
            using var profile = new HttpRequestMessage(HttpMethod.Put, "/api/v1/settings/company") { Content = Body("""
                {"legalName":"Landhandel Ammerland GmbH","address":{"street":"Raiffeisenstraße 1","postalCode":"26655","city":"Westerstede","country":"DE"},
                 "vatId":"DE136695976","taxNumber":"64/211/01234","register":{"court":"Amtsgericht Oldenburg","number":"HRB 123456"},
                 "managingDirectors":["Hinrich Janssen"],"bankAccounts":[{"iban":"DE02120300000000202051","bic":"BYLADEM1001","bankName":"Raiffeisenbank Ammerland"}],
                 "contact":{"name":"Frauke Oltmanns","phone":"+49 4488 5500","email":"rechnung@landhandel-ammerland.de"},
                 "electronicAddress":"rechnung@landhandel-ammerland.de"}
                """) };
            profile.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var set = await client.SendAsync(profile);
            if (!set.IsSuccessStatusCode) throw new InvalidOperationException($"company profile: {(int)set.StatusCode} {await set.Content.ReadAsStringAsync()}");
        }
        var customer = await Json(await client.PostAsync("/api/v1/customers", Body("""
            {"name":"Hof Meyer GbR","address":{"street":"Dorfstraße 12","postalCode":"26655","city":"Westerstede","country":"DE"},
             "taxTreatment":"domestic","paymentTerms":{"netDays":30,"discountDays":14,"discountPercent":2}}
            """)), "id");
        var article = await Json(await client.PostAsync("/api/v1/articles", Body(services
            ? """{"number":"S-1","name":"Lohnarbeit Pflügen","unit":"piece","category":"services","vatCategory":"standard","salesPrice":39.90}"""
            : """{"number":"B-1","name":"Weidezaunlitze 400 m","unit":"piece","category":"shopGoods","vatCategory":"standard","salesPrice":39.90,"purchasePrice":25}""")), "id");
        if (!services)
            await Json(await client.PostAsync("/api/v1/stock-movements",
                Body($$"""{"articleId":"{{article}}","quantity":100000000,"kind":"correction","reason":"bench stock"}""")), "id");
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        return new SetupData(customer, article, today.ToString("yyyy-MM-dd", null));
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> Json(HttpResponseMessage response, string property)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.GetProperty(property).GetString()!;
        }
    }

    private static async Task<LoadStats> ClosedLoop(HttpClient client, SetupData setup, int clients, double seconds) =>
        await LoadClient.Run(clients, seconds, async (_, stats) =>
        {
            var order = await stats.TimeId("order", () => client.PostAsync("/api/v1/sales-orders", Body(
                $$"""{"customerId":"{{setup.CustomerId}}","orderDate":"{{setup.OrderDate}}","lines":[{"articleId":"{{setup.ArticleId}}","quantity":2}]}""")));
            if (order is null) return;
            if (!await stats.Time("submit", () => client.PostAsync($"/api/v1/sales-orders/{order}/submit", null))) return;
            if (!await stats.Time("delivery", () => client.PostAsync($"/api/v1/sales-orders/{order}/deliveries", Body("{}")))) return;
            var invoice = await stats.TimeId("invoice", () => client.PostAsync($"/api/v1/sales-orders/{order}/invoices", Body("{}")));
            if (invoice is null) return;
            if (await stats.Time("post", () => client.PostAsync($"/api/v1/sales-invoices/{invoice}/post", null)))
            {
                stats.Postings++;
                stats.InvoiceIds.Add(invoice);
            }
        });

    private static async Task<LevelResult> Level(ErpHost host, HttpClient client, SetupData setup, int clients, double seconds)
    {
        var cpu0 = host.CpuSeconds();
        var seq0 = host.OutboxSeq();
        var r = await ClosedLoop(client, setup, clients, seconds);
        var cpuLoad = host.CpuSeconds() - cpu0;
        var backlog = host.Backlog();
        var drain = await host.Drain(TimeSpan.FromMinutes(5));
        var cpuAll = host.CpuSeconds() - cpu0;
        return new LevelResult(clients, r, cpuLoad, cpuAll, backlog, drain, host.OutboxSeq() - seq0);
    }

    /// <summary>Posts chains with 8 clients until <paramref name="postings"/> more invoices are posted.</summary>
    private static async Task<LoadStats> Fill(HttpClient client, SetupData setup, int postings)
    {
        var all = new LoadStats();
        while (all.Postings < postings)
        {
            var seconds = Math.Clamp((postings - all.Postings) / 25.0, 2, 30);
            var part = await ClosedLoop(client, setup, 8, seconds);
            all.Postings += part.Postings;
            foreach (var id in part.InvoiceIds) all.InvoiceIds.Add(id);
            if (part.Postings == 0) throw new InvalidOperationException("filling the store posts nothing: " + string.Join(", ", part.Errors.Keys));
        }
        return all;
    }

    private sealed record LevelResult(int Clients, LoadStats Run, double CpuLoad, double CpuAll, long Backlog, double Drain, long Events)
    {
        public double PostingsPerSecond => Run.Postings / Run.Seconds;
        public double PostingsWithDrain => Run.Postings / (Run.Seconds + Drain);
        public double CpuPercent => 100 * CpuLoad / Run.Seconds;
        public double CpuMsPerPosting => Run.Postings == 0 ? 0 : 1000 * CpuAll / Run.Postings;
        public double EventsPerPosting => Run.Postings == 0 ? 0 : (double)Events / Run.Postings;

        public void Print()
        {
            Console.WriteLine($"\n  {Clients} client(s), {Run.Seconds:0.0} s: {Run.Postings} postings = {PostingsPerSecond:0.0} postings/s, {Run.Requests / Run.Seconds:0} req/s, " +
                              $"errors {Run.ErrorCount} (5xx {Run.ServerErrors})");
            foreach (var step in Steps)
                Console.WriteLine($"    {step,-9} n {Run.Count(step),6}  p50 {Run.P(step, 0.5),7:0.0} ms  p99 {Run.P(step, 0.99),7:0.0} ms  max {Run.P(step, 1),7:0.0} ms");
            Console.WriteLine($"    server CPU during load {CpuPercent:0} % of one core; {CpuMsPerPosting:0.0} CPU ms per posting incl. drain; " +
                              $"{Events} outbox events ({EventsPerPosting:0.0}/posting)");
            Console.WriteLine($"    backlog at end of load {Backlog} (outbox unpublished + bus active); drain {Drain:0.00} s; " +
                              $"postings/s incl. drain {PostingsWithDrain:0.0}");
            foreach (var (key, count) in Run.Errors.OrderBy(e => e.Key)) Console.WriteLine($"    error {key}: {count}");
        }
    }

    // ---------------------------------------------------------------- e) open loop

    private static async Task<LoadStats> OpenLoop(HttpClient client, SetupData setup, string[] invoices, int rate, double seconds)
    {
        var stats = new LoadStats { Seconds = seconds };
        var pending = new List<Task>();
        var random = new Random(13);
        var watch = Stopwatch.StartNew();
        var total = (int)(rate * seconds);
        for (var i = 0; i < total; i++)
        {
            var due = (double)i / rate;
            while (watch.Elapsed.TotalSeconds < due)
            {
                var wait = due - watch.Elapsed.TotalSeconds;
                if (wait > 0.002) await Task.Delay(TimeSpan.FromSeconds(wait - 0.001));
                else Thread.SpinWait(50);
            }
            var pick = random.Next(100);
            var (kind, send) = pick switch
            {
                < 27 => ("get customer", (Func<Task<HttpResponseMessage>>)(() => client.GetAsync($"/api/v1/customers/{setup.CustomerId}"))),
                < 54 => ("get article", () => client.GetAsync($"/api/v1/articles/{setup.ArticleId}")),
                < 80 when invoices.Length > 0 => ("get invoice", () => client.GetAsync($"/api/v1/sales-invoices/{invoices[random.Next(invoices.Length)]}")),
                < 80 => ("get customer", () => client.GetAsync($"/api/v1/customers/{setup.CustomerId}")),
                _ => ("create draft", () => client.PostAsync("/api/v1/sales-orders", Body(
                    $$"""{"customerId":"{{setup.CustomerId}}","orderDate":"{{setup.OrderDate}}","lines":[{"articleId":"{{setup.ArticleId}}","quantity":1}]}"""))),
            };
            var scheduled = due;
            pending.Add(Task.Run(async () =>
            {
                var ok = false;
                try
                {
                    using var response = await send();
                    await response.Content.LoadIntoBufferAsync();
                    ok = response.IsSuccessStatusCode;
                    if (!ok) stats.Error($"{kind} {(int)response.StatusCode}", (int)response.StatusCode >= 500);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    stats.Error($"{kind} {e.GetType().Name}", true);
                }
                var latency = (watch.Elapsed.TotalSeconds - scheduled) * 1000;
                stats.Add(kind, latency, ok);
                stats.Add("all", latency, ok);
            }));
        }
        var sendEnd = watch.Elapsed.TotalSeconds;
        await Task.WhenAll(pending);
        stats.Seconds = sendEnd;
        stats.Requests = total;
        Console.WriteLine($"    sent {total} requests in {sendEnd:0.00} s ({total / sendEnd:0} req/s offered), all answered after {watch.Elapsed.TotalSeconds:0.00} s");
        return stats;
    }
}

/// <summary>Per-run latencies (ms) by request kind, request and error counts; thread-safe enough for the closed and open loop.</summary>
sealed class LoadStats
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    public readonly ConcurrentDictionary<string, int> Errors = new();
    public readonly ConcurrentBag<string> InvoiceIds = [];
    private int _postings, _requests, _serverErrors;
    public double Seconds { get; set; }
    public int Postings { get => _postings; set => _postings = value; }
    public int Requests { get => _requests; set => _requests = value; }
    public int ServerErrors => _serverErrors;
    public int ErrorCount => Errors.Values.Sum();

    public void Add(string kind, double ms, bool ok)
    {
        if (ok) _latencies.GetOrAdd(kind, _ => []).Add(ms);
    }

    public void Error(string key, bool server)
    {
        Errors.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (server) Interlocked.Increment(ref _serverErrors);
    }

    public void Merge(LoadStats other)
    {
        foreach (var (kind, values) in other._latencies)
        {
            var bag = _latencies.GetOrAdd(kind, _ => []);
            foreach (var v in values) bag.Add(v);
        }
        foreach (var (key, n) in other.Errors) Errors.AddOrUpdate(key, n, (_, m) => m + n);
        foreach (var id in other.InvoiceIds) InvoiceIds.Add(id);
        _postings += other._postings;
        _requests += other._requests;
        _serverErrors += other._serverErrors;
    }

    /// <summary>Open-loop report: per kind n, p50, p99, max; errors by kind and status.</summary>
    public void Print()
    {
        foreach (var kind in _latencies.Keys.Order())
            Console.WriteLine($"    {kind,-13} n {Count(kind),6}  p50 {P(kind, 0.5),7:0.0} ms  p99 {P(kind, 0.99),7:0.0} ms  max {P(kind, 1),7:0.0} ms");
        Console.WriteLine($"    errors {ErrorCount} (5xx or transport {ServerErrors})");
        foreach (var (key, count) in Errors.OrderBy(e => e.Key)) Console.WriteLine($"    error {key}: {count}");
    }

    public int Count(string kind) => _latencies.TryGetValue(kind, out var bag) ? bag.Count : 0;
    public double Rate(string kind) => Count(kind) / Seconds;

    public double P(string kind, double q)
    {
        if (!_latencies.TryGetValue(kind, out var bag) || bag.IsEmpty) return double.NaN;
        var sorted = bag.ToArray();
        Array.Sort(sorted);
        return sorted[Math.Max(0, (int)Math.Ceiling(sorted.Length * q) - 1)];
    }

    /// <summary>Sends, reads the whole answer, records the latency; false (and an error) unless 2xx.</summary>
    public async Task<bool> Time(string kind, Func<Task<HttpResponseMessage>> send) => await Send(kind, send, null) is not null;

    /// <summary>As <see cref="Time"/>, returning the answer's "id".</summary>
    public Task<string?> TimeId(string kind, Func<Task<HttpResponseMessage>> send) => Send(kind, send, "id");

    private async Task<string?> Send(string kind, Func<Task<HttpResponseMessage>> send, string? property)
    {
        Interlocked.Increment(ref _requests);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var type = "";
                if (status is 409 or 422 or 400)
                    try { using var doc = JsonDocument.Parse(body); type = doc.RootElement.TryGetProperty("type", out var t) ? " " + t.GetString() : ""; }
                    catch (JsonException) { }
                Error($"{kind} {status}{type}", status >= 500);
                return null;
            }
            Add(kind, ms, true);
            if (property is null) return "";
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty(property).GetString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Error($"{kind} {e.GetType().Name}", true);
            return null;
        }
    }
}

static class LoadClient
{
    /// <summary>Closed loop: <paramref name="clients"/> workers each repeat <paramref name="iteration"/> until the time is up.</summary>
    public static async Task<LoadStats> Run(int clients, double seconds, Func<int, LoadStats, Task> iteration)
    {
        var perClient = Enumerable.Range(0, clients).Select(_ => new LoadStats()).ToArray();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(perClient.Select((stats, i) => Task.Run(async () =>
        {
            while (watch.Elapsed.TotalSeconds < seconds) await iteration(i, stats);
        })));
        var total = new LoadStats { Seconds = watch.Elapsed.TotalSeconds };
        foreach (var s in perClient) total.Merge(s);
        return total;
    }
}

/// <summary>The published host as a child process: free port, empty data directory, log to a file.</summary>
sealed class ErpHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _readOnly;
    private int _failLines;
    private static readonly long TicksPerSecond = 100; // USER_HZ on Linux

    public string BaseUrl { get; }
    public string DataDirectory { get; }
    public int Pid => _process.Id;
    public int FailLines => _failLines;
    public string? FirstFail { get; private set; }

    private ErpHost(Process process, string baseUrl, string dataDirectory, StreamWriter log)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        _log = log;
        _readOnly = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "valeo.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 5,
        }.ToString();
    }

    public static async Task<ErpHost> Start(string hostDll)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var data = Path.Combine(Path.GetTempPath(), "valeo-pbench-host", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll, "--urls", url },
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Storage__DataDirectory"] = data;
        info.Environment["Seed__Demo"] = "false";
        info.Environment["RateLimits__ApiPerMinute"] = "0"; // the benchmark measures throughput, not the limiter
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the host");
        var log = new StreamWriter(Path.Combine(data, "host.log")) { AutoFlush = true };
        var host = new ErpHost(process, url, data, log);
        process.OutputDataReceived += (_, e) => host.Line(e.Data);
        process.ErrorDataReceived += (_, e) => host.Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"host exited with {process.ExitCode}; see {data}/host.log");
            try
            {
                using var r = await probe.GetAsync("/api/healthz");
                if (r.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (watch.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("host did not answer /api/healthz");
            await Task.Delay(20);
        }
        Console.WriteLine($"\n    host answered /api/healthz {watch.Elapsed.TotalSeconds:0.0} s after start");
        return host;
    }

    private bool _closed;

    private void Line(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_closed) return;
            _log.WriteLine(line);
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                _failLines++;
                FirstFail ??= line;
            }
            else if (FirstFail is not null && FirstFail.Length < 400 && !line.StartsWith("info:", StringComparison.Ordinal) && !line.StartsWith("warn:", StringComparison.Ordinal))
                FirstFail += " | " + line.Trim();
        }
    }

    /// <summary>utime + stime of the server process from /proc/&lt;pid&gt;/stat, in seconds.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from 3 (state) on
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / (double)TicksPerSecond;
    }

    /// <summary>Unpublished outbox rows (not scheduled for later) plus bus messages still to deliver, read-only from the file.</summary>
    public long Backlog()
    {
        using var c = new SqliteConnection(_readOnly);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL AND not_before IS NULL)
                 + (SELECT count(*) FROM bus_messages WHERE state = 'active')
            """;
        return (long)cmd.ExecuteScalar()!;
    }

    public long OutboxSeq()
    {
        using var c = new SqliteConnection(_readOnly);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT coalesce(max(seq), 0) FROM outbox";
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Seconds until the backlog is empty (polled every 25 ms).</summary>
    public async Task<double> Drain(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (Backlog() > 0)
        {
            if (watch.Elapsed > limit) return double.PositiveInfinity;
            await Task.Delay(25);
        }
        return watch.Elapsed.TotalSeconds;
    }

    public void StopAndCollect()
    {
        if (_process.HasExited) return;
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        StopAndCollect();
        _process.Dispose();
        await Task.Yield();
        lock (_log) { _closed = true; _log.Dispose(); }
        if (Environment.GetEnvironmentVariable("BENCH_KEEP") is null)
            try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}
