using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ValeoErp.Tests.Processes;

/// <summary>
/// Issue 16, acceptance 1: the real host as its own process, killed (SIGKILL) while orchestrations are mid-flight and
/// started again on the same data folder. Every instance completes exactly once: no reservation is made twice, no
/// proposal orders twice.
/// </summary>
public sealed class KillAndRestartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "valeo-kill", Guid.NewGuid().ToString("N"));
    private HostProcess? _host;

    [Fact]
    public async Task HardKillsMidOrchestration_ThenRestart_CompleteEveryInstanceExactlyOnce()
    {
        _host = await HostProcess.Start(_data);
        var admin = await _host.Client("kill", "alice", "admin");
        var article = await Id(admin, "/api/v1/articles", new
        {
            number = "KA-1", name = "Kalkammonsalpeter", unit = "t", category = "fertiliser", vatCategory = "standard", salesPrice = 10m, purchasePrice = 8m,
        });
        var customer = await Id(admin, "/api/v1/customers", new
        {
            name = "Hof Janssen GbR", address = new { street = "Dorfstraße 3", postalCode = "26655", city = "Westerstede" },
        });
        (await admin.PostAsJsonAsync("/api/v1/stock-movements", new { articleId = article, quantity = 1000m, kind = "correction", reason = "Inventur" }))
            .EnsureSuccessStatusCode();

        // Three rounds: submit orders, kill the process a little later (the outbox relay, the o2c starts and the
        // reservation activities are running), start it again.
        var orders = new List<(string Id, decimal Quantity)>();
        var kills = 0;
        foreach (var delay in new[] { 150, 400, 900 })
        {
            for (var i = 1; i <= 6; i++)
            {
                var quantity = orders.Count + 1m;
                var id = await Id(admin, "/api/v1/sales-orders", new
                {
                    customerId = customer, orderDate = "2026-03-02", lines = new[] { new { articleId = article, quantity } },
                });
                (await admin.PostAsync($"/api/v1/sales-orders/{id}/submit", null)).EnsureSuccessStatusCode();
                orders.Add((id, quantity));
            }
            await Task.Delay(delay);
            _host.Kill();
            kills++;
            _host = await HostProcess.Start(_data);
            admin = await _host.Client("kill", "alice", "admin");
        }

        var expected = orders.Sum(o => o.Quantity);
        var processes = await Until(admin, async () =>
        {
            var items = await All(admin, "/api/v1/processes?kind=orderToCash&year=2026");
            return items.Count == orders.Count && items.All(p => p.GetProperty("state").GetString() == "approved") ? items : null;
        });
        processes.Select(p => p.GetProperty("subjectId").GetString()).Should().BeEquivalentTo(orders.Select(o => o.Id), "one process per order");
        var stock = (await Get(admin, $"/api/v1/stock?articleId={article}")).EnumerateArray().ToList();
        stock.Sum(l => l.GetProperty("reserved").GetDecimal()).Should().Be(expected,
            $"{kills} kills mid-flight: each order's {orders.Count} reservations made exactly once ({expected} t)");
    }

    [Fact]
    public async Task HardKillRightAfterApprovingAProposal_ThenRestart_OrdersOnce()
    {
        _host = await HostProcess.Start(_data);
        var admin = await _host.Client("kill-po", "alice", "admin");
        var supplier = await Id(admin, "/api/v1/suppliers", new
        {
            name = "Düngerwerk Nord GmbH", address = new { street = "Hafenstraße 9", postalCode = "26135", city = "Oldenburg" },
        });
        var article = await Id(admin, "/api/v1/articles", new
        {
            number = "DU-9", name = "Harnstoff 46 % N", unit = "t", category = "fertiliser", vatCategory = "standard", salesPrice = 420m,
            purchasePrice = 360m, minimumStock = 10m, lotSize = 25m, preferredSupplierId = supplier,
        });
        foreach (var quantity in new[] { 12m, -3m }) // 9 t: below the reorder point of 10 t
            (await admin.PostAsJsonAsync("/api/v1/stock-movements", new { articleId = article, quantity, kind = "correction", reason = "Inventur" }))
                .EnsureSuccessStatusCode();
        var proposal = await Until(admin, async () => (await All(admin, "/api/v1/processes?kind=reorder&year=2026"))
            .FirstOrDefault(p => p.GetProperty("state").GetString() == "awaitingApproval") is { ValueKind: JsonValueKind.Object } p ? p : (JsonElement?)null);
        var processId = proposal!.Value.GetProperty("id").GetString();

        // The approval is sent and the process killed a moment later: before the decision was raised, while the
        // orchestration orders, or after. Whatever the moment, after the restart (and one more approval if the first
        // never arrived) there is exactly one purchase order.
        var approving = admin.PostAsync($"/api/v1/processes/{processId}/approve", null);
        await Task.WhenAny(approving, Task.Delay(40));
        _host.Kill();
        try { await approving; } catch (HttpRequestException) { /* the process died under the request */ }
        _host = await HostProcess.Start(_data);
        admin = await _host.Client("kill-po", "alice", "admin");
        var after = await Get(admin, $"/api/v1/processes/{processId}");
        var decided = after.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("event").GetString() == "proposal.approved");
        if (after.GetProperty("state").GetString() == "awaitingApproval" && !decided)
            (await admin.PostAsync($"/api/v1/processes/{processId}/approve", null)).StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Accepted);

        var ordered = await Until(admin, async () => (await Get(admin, $"/api/v1/processes/{processId}")) is var p
            && p.GetProperty("state").GetString() == "ordered" ? p : (JsonElement?)null);
        var purchaseOrders = await All(admin, "/api/v1/purchase-orders");
        purchaseOrders.Should().ContainSingle("the activity may run twice, the order is made once");
        purchaseOrders[0].GetProperty("id").GetString().Should().Be(ordered!.Value.GetProperty("resultId").GetString());
    }

    public void Dispose()
    {
        _host?.Kill();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private static async Task<T> Until<T>(HttpClient client, Func<Task<T?>> probe)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } done) return done;
            if (waited.Elapsed.TotalSeconds > 90) throw new TimeoutException($"Not settled within 90 s ({client.BaseAddress}).");
            await Task.Delay(200);
        }
    }

    private static async Task<string> Id(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> Get(HttpClient client, string path) =>
        await (await client.GetAsync(path)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<List<JsonElement>> All(HttpClient client, string path)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var page = await Get(client, path + (path.Contains('?') ? '&' : '?') + "limit=200" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}"));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.GetProperty("continuation").ValueKind == JsonValueKind.Null ? null : page.GetProperty("continuation").GetString();
        } while (continuation is not null);
        return items;
    }

    /// <summary>The built host (functions/ValeoErp.Functions/bin) as a child process on a data folder, local shape.</summary>
    private sealed class HostProcess
    {
        private readonly Process _process;
        private readonly List<string> _log = [];

        private HostProcess(Process process, string url)
        {
            _process = process;
            Url = url;
        }

        public string Url { get; }

        public static async Task<HostProcess> Start(string data)
        {
            var port = FreePort();
            var url = $"http://127.0.0.1:{port}";
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "host.json"))) root = root.Parent;
            var dir = Path.Combine(root!.FullName, "functions/ValeoErp.Functions/bin", configuration, "net10.0");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            psi.ArgumentList.Add(Path.Combine(dir, "ValeoErp.Functions.dll"));
            psi.ArgumentList.Add("--urls");
            psi.ArgumentList.Add(url);
            psi.Environment["Storage__DataDirectory"] = data;
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            psi.Environment["Seed__Demo"] = "false";
            psi.Environment["RateLimits__ApiPerMinute"] = "0";
            psi.Environment["Triggers__Local__StartDelay"] = "00:00:00";
            var host = new HostProcess(Process.Start(psi)!, url);
            host._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (host._log) host._log.Add(e.Data); };
            host._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (host._log) host._log.Add(e.Data); };
            host._process.BeginOutputReadLine();
            host._process.BeginErrorReadLine();
            using var http = new HttpClient();
            for (var i = 0; ; i++)
            {
                try
                {
                    if ((await http.GetAsync(url + "/api/readyz")).IsSuccessStatusCode) return host;
                }
                catch (HttpRequestException) when (i < 300) { }
                if (host._process.HasExited) throw new InvalidOperationException("The host exited: " + string.Join("\n", host._log));
                await Task.Delay(100);
            }
        }

        public async Task<HttpClient> Client(string tenant, string user, params string[] roles)
        {
            var http = new HttpClient { BaseAddress = new Uri(Url) };
            var response = await http.PostAsJsonAsync("/api/v1/dev/token", new { tenantId = tenant, userId = user, roles });
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }

        /// <summary>SIGKILL: no shutdown, no flush, no lease released.</summary>
        public void Kill()
        {
            if (_process.HasExited) return;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
