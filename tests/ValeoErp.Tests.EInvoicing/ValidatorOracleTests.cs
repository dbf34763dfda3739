using System.Text;
using ValeoErp.Application.EInvoicing;
using Xunit.Abstractions;

namespace ValeoErp.Tests.EInvoicing;

/// <summary>Oracle: every case, written as UBL and as CII, must be VALID for the XRechnung 3.0 validator kit.</summary>
public sealed class ValidatorOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void All_cases_in_both_syntaxes_are_valid_XRechnung()
    {
        var kit = XRechnungKit.Directory();
        File.Exists(Path.Combine(kit, "validate.sh")).Should().BeTrue(
            $"the XRechnung validator kit must exist at {kit} (shared/validators/xrechnung; on a fresh Debian machine run `bash {kit}/install.sh` for Java, Saxon and xmllint)");

        // VALEO_EINVOICE_OUT keeps the written files (e.g. as a CI artefact); otherwise a temp folder, deleted when VALID.
        var keep = Environment.GetEnvironmentVariable("VALEO_EINVOICE_OUT");
        var folder = string.IsNullOrEmpty(keep)
            ? Path.Combine(Path.GetTempPath(), "valeo-einvoicing-" + Guid.NewGuid().ToString("N")[..8])
            : Path.GetFullPath(keep);
        System.IO.Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var (name, invoice) in EInvoiceCases.All())
        {
            var ubl = Path.Combine(folder, name + "-ubl.xml");
            var cii = Path.Combine(folder, name + "-cii.xml");
            UblWriter.Write(invoice).Save(ubl);
            CiiWriter.Write(invoice).Save(cii);
            files.Add(ubl);
            files.Add(cii);
            // ZUGFeRD/Factur-X EN 16931: the PDF as the product renders it; its XML taken out with pdfdetach, as a recipient would.
            var pdf = Path.Combine(folder, name + "-zugferd.pdf");
            File.WriteAllBytes(pdf, ZugferdPdf.Render(invoice));
            var embedded = Path.Combine(folder, name + "-zugferd-factur-x.xml");
            var detach = PdfDetach(pdf, embedded);
            detach.Should().Be(0, $"pdfdetach finds factur-x.xml in {pdf} (poppler-utils: `bash {kit}/install.sh --pdf`)");
            files.Add(embedded);
        }
        files.Should().HaveCountGreaterThanOrEqualTo(28);
        output.WriteLine($"{files.Count} files: {files.Count(f => f.EndsWith("-ubl.xml", StringComparison.Ordinal))} UBL, {files.Count(f => f.EndsWith("-cii.xml", StringComparison.Ordinal))} CII, {files.Count(f => f.EndsWith("-factur-x.xml", StringComparison.Ordinal))} taken out of ZUGFeRD PDFs");

        // The product's own verdict (what posting and import use) on every file: VALID, like the kit's below.
        foreach (var file in files)
        {
            var report = Application.EInvoicing.Reading.EInvoiceValidator.Validate(File.ReadAllBytes(file));
            report.Errors.Should().BeEmpty($"the product judges {Path.GetFileName(file)} valid");
        }

        var run = XRechnungKit.Validate(kit, "-q", folder);
        output.WriteLine($"validate.sh -q on {files.Count} files: exit {run.ExitCode} in {run.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(run.StdOut);
        run.ExitCode.Should().NotBe(2,
            $"validate.sh could not run (missing Java/Saxon/xmllint? run `bash {kit}/install.sh`):\n{run.StdOut}\n{run.StdErr}");

        var results = run.StdOut.Split('\n').Where(l => l.StartsWith("RESULT:", StringComparison.Ordinal)).ToList();
        var invalid = results.Where(l => !l.StartsWith("RESULT: VALID ", StringComparison.Ordinal)).ToList();
        var missing = files.Where(f => !results.Any(r => r.Contains(Path.GetFileName(f), StringComparison.Ordinal))).ToList();

        var message = new StringBuilder();
        if (invalid.Count > 0 || missing.Count > 0 || run.ExitCode != 0)
        {
            message.AppendLine($"kit exit {run.ExitCode}; files kept in {folder}");
            invalid.ForEach(l => message.AppendLine(l));
            missing.ForEach(f => message.AppendLine("NO RESULT for " + f));
            // Details (one line per message) for the failing files only.
            var failing = files.Where(f => invalid.Any(l => l.Contains(Path.GetFileName(f), StringComparison.Ordinal))).ToArray();
            if (failing.Length > 0) message.AppendLine(XRechnungKit.Validate(kit, failing).StdOut);
            message.AppendLine(run.StdErr);
        }
        else if (string.IsNullOrEmpty(keep))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        invalid.Should().BeEmpty(message.ToString());
        missing.Should().BeEmpty(message.ToString());
        run.ExitCode.Should().Be(0, message.ToString());
        results.Should().HaveCount(files.Count, message.ToString());
    }

    /// <summary>pdfdetach -savefile factur-x.xml -o OUT PDF (poppler-utils); returns its exit code.</summary>
    private static int PdfDetach(string pdf, string output)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("pdfdetach") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-savefile", "factur-x.xml", "-o", output, pdf }) psi.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(psi)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
