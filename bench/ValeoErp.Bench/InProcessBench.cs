using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Functions.Triggers;

/// <summary>
/// The posting chain in-process (issue 13): the same application handlers the endpoints call (order, submit,
/// delivery, invoice, post), on the embedded store, without HTTP, JSON bodies, middleware or the endpoint filters.
/// Next to bench/posting.sh's figures this shows what the HTTP pipeline costs. The background work the chain triggers
/// is drained afterwards by the local trigger runner and timed on its own.
/// Usage: bash bench/posting-inprocess.sh [seconds=15] [workers=8]
/// </summary>
// WebApplicationFactory finds the host's entry point through any type of its assembly; LocalTriggerRunner is one
// (this program has a Program class of its own).
static class InProcessBench
{
    private static readonly string[] Steps = ["order", "submit", "delivery", "invoice", "post"];

    public static async Task Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0]) : 15;
        var workers = args.Length > 1 ? int.Parse(args[1]) : 8;
        var data = Path.Combine(Path.GetTempPath(), "valeo-pbench-inproc", Guid.NewGuid().ToString("N"));
        // The host's content root is this program's output folder (messaging.json and the function folders are copied there).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VALEOERP_FUNCTIONS", AppContext.BaseDirectory);
        await using var factory = new WebApplicationFactory<LocalTriggerRunner>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Storage:DataDirectory", data);
            b.UseSetting("Seed:Demo", "false");
            b.UseSetting("Triggers:Local:Enabled", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseEnvironment("Production");
        });
        try
        {
            var (customer, article) = await Setup(factory);
            var runner = factory.Services.GetRequiredService<LocalTriggerRunner>();
            runner.UseClient(factory.CreateClient());
            await runner.Drain();
            var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", null);
            Console.WriteLine($"in-process posting chain: {workers} workers, {seconds} s, company profile set, data {data}");

            await Chains(factory, customer, article, today, 2, 3); // warm-up
            await runner.Drain();

            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var stats = await Chains(factory, customer, article, today, workers, seconds);
            process.Refresh();
            var cpuChains = (process.TotalProcessorTime - cpu0).TotalMilliseconds;
            var drainWatch = Stopwatch.StartNew();
            var drained = await runner.Drain();
            process.Refresh();
            var cpuAll = (process.TotalProcessorTime - cpu0).TotalMilliseconds;
            Console.WriteLine($"  {stats.Postings} postings in {seconds} s = {stats.Postings / seconds:0.0} postings/s; errors {stats.ErrorCount}");
            foreach (var step in Steps)
                Console.WriteLine($"    {step,-9} n {stats.Count(step),6}  p50 {stats.P(step, 0.5),7:0.00} ms  p99 {stats.P(step, 0.99),7:0.00} ms");
            Console.WriteLine($"  CPU ms per posting: {cpuChains / Math.Max(1, stats.Postings):0.0} in the chain (handlers, store, events), " +
                              $"{(cpuAll - cpuChains) / Math.Max(1, stats.Postings):0.0} in the background drain ({drained} messages in {drainWatch.Elapsed.TotalSeconds:0.00} s, " +
                              "delivered over in-memory HTTP), of this process incl. the load loop");
            foreach (var (key, count) in stats.Errors) Console.WriteLine($"    error {key}: {count}");
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    private static async Task<(string Customer, string Article)> Setup(WebApplicationFactory<LocalTriggerRunner> factory)
    {
        var client = factory.CreateClient();
        var token = await client.PostAsJsonAsync("/api/v1/dev/token", new { tenantId = "bench", userId = "alice", roles = new[] { "admin" } });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        using var profile = new HttpRequestMessage(HttpMethod.Put, "/api/v1/settings/company")
        {
            Content = JsonContent.Create(new
            {
                legalName = "Landhandel Ammerland GmbH",
                address = new { street = "Raiffeisenstraße 1", postalCode = "26655", city = "Westerstede", country = "DE" },
                vatId = "DE136695976", taxNumber = "64/211/01234", register = new { court = "Amtsgericht Oldenburg", number = "HRB 123456" },
                managingDirectors = new[] { "Hinrich Janssen" },
                bankAccounts = new[] { new { iban = "DE02120300000000202051", bic = "BYLADEM1001", bankName = "Raiffeisenbank Ammerland" } },
                contact = new { name = "Frauke Oltmanns", phone = "+49 4488 5500", email = "rechnung@landhandel-ammerland.de" },
                electronicAddress = "rechnung@landhandel-ammerland.de",
            }),
        };
        profile.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        (await client.SendAsync(profile)).EnsureSuccessStatusCode();
        async Task<string> Create(string path, object body)
        {
            var response = await client.PostAsJsonAsync(path, body);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {json}");
            return json.GetProperty("id").GetString()!;
        }
        var customer = await Create("/api/v1/customers", new
        {
            name = "Hof Meyer GbR", address = new { street = "Dorfstraße 12", postalCode = "26655", city = "Westerstede", country = "DE" },
            taxTreatment = "domestic", paymentTerms = new { netDays = 30, discountDays = 14, discountPercent = 2 },
        });
        var article = await Create("/api/v1/articles", new
        {
            number = "B-1", name = "Weidezaunlitze 400 m", unit = "piece", category = "shopGoods", vatCategory = "standard", salesPrice = 39.90, purchasePrice = 25,
        });
        await Create("/api/v1/stock-movements", new { articleId = article, quantity = 100000000, kind = "correction", reason = "bench stock" });
        return (customer, article);
    }

    private static Task<LoadStats> Chains(WebApplicationFactory<LocalTriggerRunner> factory, string customer, string article, string today, int workers, double seconds) =>
        LoadClient.Run(workers, seconds, async (_, stats) =>
        {
            async Task<string?> Step(string kind, Func<IServiceProvider, Task<Result<DocumentOutcome>>> run)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<RequestContext>().Actor =
                    new Actor(TenantId.Parse("bench").Value, "alice", ValeoErp.Functions.Auth.Scopes.All.ToHashSet());
                var watch = Stopwatch.StartNew();
                var result = await run(scope.ServiceProvider);
                stats.Add(kind, watch.Elapsed.TotalMilliseconds, result.IsSuccess);
                if (!result.IsSuccess) stats.Error($"{kind} {result.Error!.Code}", false);
                return result.IsSuccess ? result.Value!.Document.Id : null;
            }
            var order = await Step("order", sp => sp.GetRequiredService<Orders>().Create(DocumentKind.SalesOrder,
                new OrderInput(customer, null, today, null, [new OrderLineInput(article, 2)]), default));
            if (order is null) return;
            if (await Step("submit", sp => sp.GetRequiredService<Workflow>().Submit(order, DocumentKind.SalesOrder, null, default)) is null) return;
            if (await Step("delivery", sp => sp.GetRequiredService<Fulfilment>().Handle(false, order, new FulfilInput(null, null, null), default)) is null) return;
            var invoice = await Step("invoice", sp => sp.GetRequiredService<Invoicing>().FromOrder(false, order, new InvoiceInput(null, null), default));
            if (invoice is null) return;
            if (await Step("post", sp => sp.GetRequiredService<Posting>().Post(invoice, DocumentKind.SalesInvoice, default)) is not null)
                stats.Postings++;
        });
}
