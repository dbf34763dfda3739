using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ValeoErp.Tests.Browser;

/// <summary>
/// The real host on a free loopback port with a fresh embedded store (seeded demo tenant), and one Chromium.
/// VALEO_HOST_DIR points at a published host (scripts/package.sh layout or dotnet publish output); otherwise the
/// build output of functions/ValeoErp.Functions is started.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    private Process? _host;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "valeo-browser-" + Guid.NewGuid().ToString("N")[..8]);
    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public List<string> HostLog { get; } = [];

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "host.json"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("host.json not found");
        }
    }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var published = Environment.GetEnvironmentVariable("VALEO_HOST_DIR");
        var dir = published ?? Path.Combine(RepoRoot, "functions/ValeoErp.Functions/bin/Debug/net10.0");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        psi.ArgumentList.Add(Path.Combine(dir, "ValeoErp.Functions.dll"));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(BaseUrl);
        psi.Environment["Storage__DataDirectory"] = _data;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["RateLimits__ApiPerMinute"] = "0"; // the load report creates 10,000 articles as one user
        _host = Process.Start(psi)!;
        _host.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (HostLog) HostLog.Add(e.Data); };
        _host.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (HostLog) HostLog.Add(e.Data); };
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                var ready = await http.GetAsync(BaseUrl + "/api/readyz");
                if (ready.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (i < 300) { }
            if (_host.HasExited) throw new InvalidOperationException("host exited: " + string.Join("\n", HostLog));
            await Task.Delay(200);
        }
        // Expectations wait up to 15 s (Playwright's default is 5 s): on a loaded 2-core CI machine a WebAssembly page
        // can take longer than that to render after navigation.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    /// <summary>A token straight from the API, for changes "made elsewhere" while a page is open.</summary>
    public async Task<HttpClient> Api(string user, params string[] roles)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var response = await http.PostAsJsonAsync("/api/v1/dev/token", new { tenantId = "demo", userId = user, roles });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_host is { HasExited: false }) { _host.Kill(entireProcessTree: true); await _host.WaitForExitAsync(); }
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

[CollectionDefinition("host")]
public sealed class HostCollection : ICollectionFixture<HostFixture>;
