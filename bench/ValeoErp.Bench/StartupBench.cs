using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// Start-up and idle memory (issue 13, acceptance 5): the published host on a seeded store against a bare ASP.NET Core
/// app (this program with <c>bare-app</c>), each started as its own process; time from process start to the first 200,
/// and resident memory after 3 s of idle. Median of the runs.
/// </summary>
static class Startup
{
    public sealed record Figures(double ErpMs, double BareMs, double ErpMb, double BareMb, double FirstStartMs)
    {
        public void Print()
        {
            Console.WriteLine($"start-up to first 200 (median): ERP on a seeded store {ErpMs:0} ms, bare app {BareMs:0} ms = {ErpMs / BareMs:0.00} x " +
                              $"(first start, migrate + seed: {FirstStartMs:0} ms)");
            Console.WriteLine($"idle memory (RSS after 3 s): ERP {ErpMb:0} MB, bare app {BareMb:0} MB = {ErpMb / BareMb:0.00} x");
        }
    }

    public static async Task<Figures> Measure(string hostDll, int runs)
    {
        var data = Path.Combine(Path.GetTempPath(), "valeo-pbench-start", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            var bareDll = typeof(Startup).Assembly.Location;
            var first = await Once(hostDll, "/api/healthz", data, idle: false);
            var erp = new List<(double Ms, double Mb)>();
            var bare = new List<(double Ms, double Mb)>();
            for (var i = 0; i < runs; i++)
            {
                bare.Add(await Once(bareDll, "/x/1", data, idle: true, "bare-app"));
                erp.Add(await Once(hostDll, "/api/healthz", data, idle: true));
            }
            static double Median(IEnumerable<double> xs) { var a = xs.Order().ToArray(); return a[a.Length / 2]; }
            var figures = new Figures(Median(erp.Select(e => e.Ms)), Median(bare.Select(b => b.Ms)),
                Median(erp.Select(e => e.Mb)), Median(bare.Select(b => b.Mb)), first.Ms);
            Console.WriteLine($"\n[f] start-up, {runs} runs each: ERP {string.Join(" ", erp.Select(e => $"{e.Ms:0}"))} ms, " +
                              $"bare {string.Join(" ", bare.Select(b => $"{b.Ms:0}"))} ms; RSS ERP {string.Join(" ", erp.Select(e => $"{e.Mb:0}"))} MB, " +
                              $"bare {string.Join(" ", bare.Select(b => $"{b.Mb:0}"))} MB");
            return figures;
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    private static async Task<(double Ms, double Mb)> Once(string dll, string probePath, string data, bool idle, string? mode = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        if (mode is not null) info.ArgumentList.Add(mode);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);
        info.Environment["Storage__DataDirectory"] = data;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var probe = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"{dll} exited with {process.ExitCode}");
                try
                {
                    using var r = await probe.GetAsync(probePath);
                    if (r.IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                if (watch.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{dll} did not answer {probePath}");
                await Task.Delay(5);
            }
            var ms = watch.Elapsed.TotalMilliseconds;
            if (!idle) return (ms, 0);
            await Task.Delay(3000);
            return (ms, ResidentMb(process.Id));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static double ResidentMb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).First();
}

/// <summary>The bare app of the start-up comparison: ASP.NET Core's default builder and one JSON endpoint.</summary>
static class BareApp
{
    public static async Task Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/x/{id}", (string id) => Results.Json(new { id, number = 1042, name = "Hof Meyer GbR" }));
        await app.RunAsync();
    }
}
