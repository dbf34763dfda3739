using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ValeoErp.Tests.Contract;

/// <summary>
/// Seeded robustness test: thousands of malformed requests against every write operation of the served OpenAPI
/// document and the anonymous endpoints. None may answer 5xx, every 4xx is an RFC 9457 problem document, no
/// mutated write answers 2xx, and the embedded store is byte-for-byte unchanged afterwards.
/// Seed: <c>VALEO_FUZZ_SEED</c> (default <see cref="DefaultSeed"/>); the seed is printed with every failure.
/// </summary>
public sealed class MalformedInputTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20260415;
    private const int Target = 6000;
    private const int MinimumRequests = 5000;
    private const int Parallelism = 4;

    /// <summary>Operations no malformed request can reach: they take no input at all, or they never end.</summary>
    private static readonly Dictionary<string, string> Excluded = new()
    {
        ["POST /api/v1/admin/backups"] = "takes no input (no id, no body, no query): every request to it is a valid one",
        ["GET /api/v1/events/stream"] = "a server-sent event stream that only ends when the client leaves",
    };

    private static readonly HashSet<string> AnonymousTemplates = ["/api/healthz", "/api/readyz", "/api/v1/dev/token", "/api/openapi/{documentName}.json", "/api/v1/verify/{code}"];

    [Fact]
    public async Task MalformedInput_NeverAnswers5xx_AlwaysAnswersProblems_AndLeavesTheStoreUnchanged()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("VALEO_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var clock = Stopwatch.StartNew();
        using var app = new MalformedInputApp();
        var anonymous = app.CreateClient();
        var admin = await app.Admin();

        var openApi = JsonNode.Parse(await anonymous.GetStringAsync("/api/openapi/v1.json"))!;
        var document = new ApiDocument(openApi, AnonymousTemplates);
        var operations = document.Operations.Where(o => !Excluded.ContainsKey(o.ToString())).ToList();
        operations.Add(new ApiOperation("GET", "/api/openapi/{documentName}.json", [("documentName", "path", null)], null, false, true));
        Excluded.Keys.Should().BeSubsetOf(document.Operations.Select(o => o.ToString()), "the exclusion list names only operations that exist");

        var realIds = await RealIds(admin, document);
        output.WriteLine($"real ids: {string.Join(", ", realIds.Select(p => $"{p.Key}={p.Value}"))}");

        var database = Path.Combine(app.DataDirectory, "valeo.db");
        var before = StoreSnapshot.Take(database);
        output.WriteLine($"setup (host start, OpenAPI, real ids, drafts, snapshot): {clock.Elapsed.TotalSeconds:F1} s");

        var cases = new MalformedInputGenerator(document, realIds, seed).Generate(operations, Target);
        var results = new ConcurrentBag<Outcome>();
        var sending = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, ct) =>
            results.Add(await Send(c.Operation.Anonymous ? anonymous : admin, c, ct)));
        sending.Stop();

        var after = StoreSnapshot.Take(database);
        var storeChanges = before.Differences(after);
        var failures = results.Select(r => (Outcome: r, Reason: Judge(r))).Where(f => f.Reason is not null).ToList();

        var report = Report(seed, cases, results, failures!, storeChanges, app.Logs, sending.Elapsed, clock.Elapsed, operations);
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "malformed-input-report.txt"), report);

        results.Count.Should().BeGreaterThanOrEqualTo(MinimumRequests, "the harness sends at least {0} requests", MinimumRequests);
        if (failures.Count > 0 || storeChanges.Count > 0) Assert.Fail(report);
    }

    private sealed record Outcome(FuzzCase Case, int Status, string? ContentType, string Body, string? ClientError, TimeSpan Took);

    private static async Task<Outcome> Send(HttpClient client, FuzzCase c, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Url);
        request.Headers.TryAddWithoutValidation(MalformedInputApp.CaseHeader, c.Id.ToString());
        foreach (var (name, value) in c.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            if (c.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
        }
        var took = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return new Outcome(c, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, null, took.Elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new Outcome(c, 0, null, "", $"{e.GetType().Name}: {e.Message}", took.Elapsed);
        }
    }

    /// <summary>Null when the answer is acceptable; otherwise what is wrong with it.</summary>
    private static string? Judge(Outcome o)
    {
        if (o.ClientError is not null) return "no answer (exception in the test host)";
        if (o.Status >= 500) return "5xx";
        if (o.Status is >= 200 and < 300 && o.Case.Method is "POST" or "PUT" or "DELETE" or "PATCH") return "2xx for a malformed write";
        if (o.Status is < 400 or >= 500) return null;
        // 405 comes from routing (no operation answers it); 400, 401, 403, 413 and 415 may come from the host
        // before the operation; everything else must be in the operation's declared responses.
        if (o.Case.Operation.Declared.Count > 0 && !o.Case.Operation.Declared.Contains(o.Status) && o.Status is not (405 or 413 or 415))
            return $"{o.Status} is not declared for this operation";
        if (o.ContentType != "application/problem+json") return $"4xx with Content-Type {o.ContentType ?? "(none)"}";
        try
        {
            using var json = JsonDocument.Parse(o.Body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "4xx problem body is not an object";
            var missing = new[] { "type", "title", "status" }.Where(p => !root.TryGetProperty(p, out _)).ToList();
            if (missing.Count > 0) return $"4xx problem without {string.Join(", ", missing)}";
            if (root.GetProperty("status").ValueKind != JsonValueKind.Number || root.GetProperty("status").GetInt32() != o.Status)
                return "4xx problem whose status differs from the HTTP status";
            return null;
        }
        catch (JsonException)
        {
            return "4xx problem body is not JSON";
        }
    }

    /// <summary>A real id per collection (first list item), plus draft documents created for the {id} routes.</summary>
    private async Task<Dictionary<string, string>> RealIds(HttpClient admin, ApiDocument document)
    {
        var ids = new Dictionary<string, string> { ["/api/openapi"] = "v1" };
        foreach (var list in document.Operations.Where(o => o.Method == "GET" && !o.Template.Contains('{') && o.Parameters.Any(p => p.Name == "limit")))
        {
            var response = await admin.GetAsync($"{list.Template}?limit=1");
            if (!response.IsSuccessStatusCode) continue;
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (page.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0)
            {
                var first = items[0];
                var id = first.TryGetProperty("id", out var i) ? i.GetString() : first.TryGetProperty("documentType", out var d) ? d.GetString() : null;
                if (id is not null) ids[list.Template] = id;
            }
        }
        const string today = "2026-03-02"; // fixed: the drafts do not depend on the machine's clock
        if (ids.TryGetValue("/api/v1/articles", out var article))
        {
            var lines = new[] { new { articleId = article, quantity = 1m } };
            if (ids.TryGetValue("/api/v1/customers", out var customer))
            {
                await Draft(admin, ids, "/api/v1/sales-orders", new { customerId = customer, orderDate = today, lines });
                await Draft(admin, ids, "/api/v1/sales-quotes", new { customerId = customer, orderDate = today, lines });
            }
            if (ids.TryGetValue("/api/v1/suppliers", out var supplier))
                await Draft(admin, ids, "/api/v1/purchase-orders", new { supplierId = supplier, orderDate = today, lines });
        }
        return ids;
    }

    private async Task Draft(HttpClient admin, Dictionary<string, string> ids, string path, object body)
    {
        var response = await admin.PostAsJsonAsync(path, body);
        if (response.IsSuccessStatusCode) ids[path] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        else output.WriteLine($"setup: POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static string Report(int seed, List<FuzzCase> cases, IReadOnlyCollection<Outcome> results, List<(Outcome Outcome, string Reason)> failures,
        IReadOnlyList<string> storeChanges, LogCapture logs, TimeSpan sending, TimeSpan total, List<ApiOperation> operations)
    {
        var text = new StringBuilder();
        var writes = operations.Count(o => o.IsWrite);
        text.AppendLine($"Malformed input: seed {seed}, {results.Count:N0} requests ({results.Count(r => r.Case.Method is "POST" or "PUT" or "DELETE" or "PATCH"):N0} writes) " +
                        $"over {operations.Count} operations ({writes} write operations, anonymous: {string.Join(", ", AnonymousTemplates)}), " +
                        $"sent in {sending.TotalSeconds:F1} s ({total.TotalSeconds:F1} s with setup).");
        text.AppendLine($"Excluded: {string.Join("; ", Excluded.Select(e => $"{e.Key} ({e.Value})"))}.");
        text.AppendLine("Statuses: " + string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        text.AppendLine("Mutations: " + string.Join(", ", cases.GroupBy(c => c.Mutation).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        text.AppendLine($"Requests with a real id: {cases.Count(c => c.RealId):N0}.");
        text.AppendLine("Time per mutation (sum of request times): " + string.Join(", ", results.GroupBy(r => r.Case.Mutation)
            .OrderByDescending(g => g.Sum(r => r.Took.TotalMilliseconds)).Select(g => $"{g.Key} {g.Sum(r => r.Took.TotalSeconds):F1} s")));
        text.AppendLine();
        text.AppendLine(storeChanges.Count == 0 ? "Store: unchanged (row counts and SHA-256 of every table)." : "STORE CHANGED:");
        foreach (var line in storeChanges) text.AppendLine("  " + line);

        var groups = failures.GroupBy(f => (f.Reason, f.Outcome.Case.Method, f.Outcome.Case.Operation.Template, f.Outcome.Status))
            .OrderBy(g => g.Key.Reason).ThenBy(g => g.Key.Template).ThenBy(g => g.Key.Method).ToList();
        text.AppendLine();
        text.AppendLine($"{failures.Count:N0} failing requests in {groups.Count} distinct (reason, method, route, status):");
        foreach (var group in groups)
        {
            var sample = group.OrderBy(f => f.Outcome.Case.Body?.Length ?? 0).First().Outcome;
            text.AppendLine($"- [{group.Key.Reason}] {group.Key.Method} {group.Key.Template} -> {group.Key.Status} ×{group.Count()} " +
                            $"(mutations: {string.Join(", ", group.Select(f => f.Outcome.Case.Mutation).Distinct().Order())})");
            text.AppendLine($"    sample #{sample.Case.Id}: {sample.Case.Method} {Trim(sample.Case.Url, 160)} [{sample.Case.Detail}]");
            text.AppendLine($"    request body: {sample.Case.BodySample}");
            text.AppendLine($"    answer: {sample.ContentType ?? "(no content type)"} {Trim(sample.ClientError ?? sample.Body, 300)}");
            var exceptions = group.SelectMany(f => logs.ByCase.TryGetValue(f.Outcome.Case.Id.ToString(), out var l) ? l : [])
                .Where(l => l.ExceptionType is not null)
                .GroupBy(l => (l.ExceptionType, l.StackTop)).Select(g => g.First()).Take(3).ToList();
            foreach (var e in exceptions)
                text.AppendLine($"    exception: {e.ExceptionType}: {e.ExceptionMessage}\n      at {e.StackTop}");
        }
        return text.ToString();
    }

    private static string Trim(string s, int n) => s.Length > n ? s[..n] + "…" : s;
}
