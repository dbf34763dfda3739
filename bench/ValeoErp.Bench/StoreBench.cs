using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Storage.Sqlite;

/// <summary>
/// Store benchmark (issue 13): a year holding N documents (orders, delivery notes, invoices, a third each, over 200
/// partners) and their flow edges, written through the record store as the application writes them. Then times
/// (median of repeated runs) the queries an invoice creation and the document lists make: the flow walk
/// (successors of an order, then of each delivery note), a label page, a label page with a rare second label, a
/// deep keyset page, and the commit of one invoice with its two edges, audit and event. Prints one line per query.
/// </summary>
static class StoreBench
{
    private static readonly TenantId Tenant = TenantId.Parse("bench").Value;
    private static readonly Scope Year = Scope.Year(2026);

    public static async Task Run(int documents)
    {
        var directory = Path.Combine(Path.GetTempPath(), "valeo-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var db = new SqliteDatabase(directory);
            await db.Migrate(SystemClock.Instance, default);
            var store = new SqliteRecordStore(db);
            var chains = documents / 3;
            var seed = Stopwatch.StartNew();
            for (var batch = 0; batch < chains; batch += 10)
            {
                var changes = new ChangeSet();
                for (var c = batch; c < Math.Min(chains, batch + 10); c++)
                {
                    var date = new LocalDate(2026, 1, 1).PlusDays(c * 365 / chains);
                    var partner = $"P{c % 200:000}";
                    Document(changes, $"so-{c:00000}", "salesOrder", partner, "open", date);
                    Document(changes, $"dn-{c:00000}", "deliveryNote", partner, "posted", date);
                    Document(changes, $"si-{c:00000}", "salesInvoice", partner, c % 5 == 0 ? "draft" : "posted", date);
                    Edge(changes, $"so-{c:00000}", $"dn-{c:00000}", date);
                    Edge(changes, $"so-{c:00000}", $"si-{c:00000}", date);
                    Edge(changes, $"dn-{c:00000}", $"si-{c:00000}", date);
                }
                await store.Commit(Tenant, Year, changes, default);
            }
            Console.WriteLine($"seeded {chains * 3} documents and {chains * 3} flow edges in {seed.Elapsed.TotalSeconds:0.0} s");

            var rare = chains / 2;
            await Time("flow walk (successors of an order, then of each delivery note)", async () =>
            {
                foreach (var edge in await All(store, "flow", $"from:so-{rare:00000}"))
                    if (edge.Id.Contains(">dn-")) await All(store, "flow", $"from:{edge.Id.Split('>')[1]}");
            });
            await Time("label query: flow edges to one invoice", () => All(store, "flow", $"to:si-{rare:00000}"));
            await Time("list page: 50 sales invoices", () => store.List(Tenant, Year, new RecordQuery("document", 50, Label: "salesInvoice"), default));
            await Time("list page: 50 sales invoices of one partner, status draft", () => store.List(Tenant, Year,
                new RecordQuery("document", 50, Label: "salesInvoice") { MoreLabels = ["partner:P007", "status:draft"] }, default));
            await Time("list page: draft invoices in December", () => store.List(Tenant, Year,
                new RecordQuery("document", 50, Label: "status:draft", KeyFrom: "2026-12-01", KeyTo: "2026-12-31|\uffff"), default));
            var deep = await store.List(Tenant, Year, new RecordQuery("document", 2000, Label: "salesInvoice"), default);
            await Time("list page: 50 sales invoices after 2,000 (continuation)", () => store.List(Tenant, Year,
                new RecordQuery("document", 50, deep.Continuation, "salesInvoice"), default));
            var next = chains;
            await Time("commit: one invoice with two flow edges, audit and event", async () =>
            {
                var changes = new ChangeSet();
                var date = new LocalDate(2026, 12, 31);
                Document(changes, $"si-{next:00000}", "salesInvoice", "P001", "draft", date);
                Edge(changes, $"so-{rare:00000}", $"si-{next:00000}", date);
                Edge(changes, $"dn-{rare:00000}", $"si-{next:00000}", date);
                changes.Audit.Add(new AuditEntry(SystemClock.Instance.GetCurrentInstant(), "bench", "salesInvoice.created", "document", $"si-{next}", null, "{}", null));
                changes.Events.Add(new OutboxMessage(Guid.NewGuid().ToString("N"), "salesInvoice.created", $"document/si-{next}",
                    SystemClock.Instance.GetCurrentInstant(), null, null, "{}"));
                next++;
                await store.Commit(Tenant, Year, changes, default);
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { /* temp folder */ }
        }
    }

    private static void Document(ChangeSet changes, string id, string kind, string partner, string status, LocalDate date) =>
        changes.Writes.Add(new CreateRecord("document", id, $$"""{"id":"{{id}}","kind":"{{kind}}","partnerId":"{{partner}}","lines":[{"article":"A-1","qty":3,"price":"12.50"}]}""",
            new RecordIndex($"{date:yyyy-MM-dd}|{id}", $"{id} {partner}", [kind, $"partner:{partner}", $"status:{status}"])));

    private static void Edge(ChangeSet changes, string from, string to, LocalDate date) =>
        changes.Writes.Add(new CreateRecord("flow", $"{from}>{to}", $$"""{"from":"{{from}}","to":"{{to}}"}""",
            new RecordIndex($"{date:yyyy-MM-dd}|{to}", "", [$"from:{from}", $"to:{to}"])));

    private static async Task<List<StoredRecord>> All(SqliteRecordStore store, string type, string label)
    {
        var all = new List<StoredRecord>();
        string? continuation = null;
        do
        {
            var page = await store.List(Tenant, Year, new RecordQuery(type, 200, continuation, label), default);
            all.AddRange(page.Items);
            continuation = page.Continuation;
        } while (continuation is not null);
        return all;
    }

    private static async Task Time(string name, Func<Task> run)
    {
        for (var i = 0; i < 5; i++) await run(); // warm-up: JIT, page cache
        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        while (samples.Count < 20 || (total.Elapsed < TimeSpan.FromSeconds(2) && samples.Count < 500))
        {
            var watch = Stopwatch.StartNew();
            await run();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        Console.WriteLine($"{name}: median {samples[samples.Count / 2]:0.000} ms, p90 {samples[samples.Count * 9 / 10]:0.000} ms ({samples.Count} runs)");
    }
}
