using System.Diagnostics;

namespace ValeoErp.Tests.EInvoicing;

/// <summary>Runs the offline XRechnung validator kit (../shared/validators/xrechnung relative to the folder
/// holding ValeoErp.sln).</summary>
public static class XRechnungKit
{
    public sealed record Run(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed);

    public static string Directory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ValeoErp.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("ValeoErp.sln not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "validators", "xrechnung"));
    }

    public static Run Validate(string kit, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(kit, "validate.sh"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("bash could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("validate.sh did not finish within 5 minutes");
        }
        return new Run(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }
}
