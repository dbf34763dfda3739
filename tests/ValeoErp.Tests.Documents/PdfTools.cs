using System.Diagnostics;

namespace ValeoErp.Tests.Documents;

/// <summary>
/// Runs poppler-utils and zbar-tools. A missing tool fails the test with the Debian package to install:
/// the checks are the point of these tests, so they are never skipped.
/// </summary>
internal static class PdfTools
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "valeo-documents-tests")).FullName;

    public static string Save(string name, byte[] pdf)
    {
        var path = Path.Combine(Folder, name + ".pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>The text of every page (pdftotext -layout separates pages with a form feed).</summary>
    public static string[] TextPages(string pdf)
    {
        var text = Run("pdftotext", "poppler-utils", "-layout", "-enc", "UTF-8", pdf, "-");
        return text.Split('\f').Where((page, i) => i == 0 || page.Trim().Length > 0).ToArray();
    }

    public static string PagePng(string pdf, int page, int dpi, string outputPrefix)
    {
        Run("pdftoppm", "poppler-utils", "-png", "-r", dpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), "-singlefile", pdf, outputPrefix);
        return outputPrefix + ".png";
    }

    public static string DecodeQr(string png) => Run("zbarimg", "zbar-tools", "--raw", "-q", png).Trim();

    private static string Run(string tool, string package, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is missing: install it with `apt-get install -y {package}` ({e.Message}).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
            return stdout.Result;
        }
    }
}
