using System.Text;
using System.Xml.Linq;
using ValeoErp.Application.EInvoicing.Reading;
using Xunit.Abstractions;

namespace ValeoErp.Tests.EInvoicing;

/// <summary>The product's own validation (no Java, used at posting and import) agrees with the official artefacts:
/// every positive sample of the XRechnung testsuite passes, and every mutant is refused by both with the same rule.</summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static string Kit => XRechnungKit.Directory();

    public static IEnumerable<object[]> Samples() =>
        Directory.EnumerateFiles(Path.Combine(XRechnungKit.Directory(), "testsuite"), "*.xml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(XRechnungKit.Directory(), "samples", "cen-en16931"), "*.xml"))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetRelativePath(XRechnungKit.Directory(), f) });

    [Fact]
    public void Every_positive_sample_of_the_official_testsuite_is_valid_in_the_product()
    {
        var samples = Samples().Select(s => (string)s[0]).ToList();
        samples.Count(s => s.StartsWith("testsuite", StringComparison.Ordinal)).Should().Be(86, "the kit holds the 86 samples of the XRechnung testsuite 2026-01-31");
        var failures = new StringBuilder();
        foreach (var sample in samples)
        {
            var report = EInvoiceValidator.Validate(File.ReadAllBytes(Path.Combine(Kit, sample)));
            if (!report.IsValid)
                failures.AppendLine($"{sample} ({report.Profile}): " + string.Join("; ", report.Errors.Select(e => $"{e.Rule} {e.Message}")));
        }
        output.WriteLine($"{samples.Count} official samples checked by the product ({samples.Count(s => s.StartsWith("testsuite", StringComparison.Ordinal))} testsuite, {samples.Count(s => s.StartsWith("samples", StringComparison.Ordinal))} CEN examples)");
        failures.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Every_mutant_is_refused_by_the_product_with_the_rule_it_breaks()
    {
        var mutants = Mutants.All();
        mutants.Should().HaveCountGreaterThanOrEqualTo(10);
        foreach (var m in mutants)
        {
            var report = EInvoiceValidator.Validate(Bytes(m));
            report.IsValid.Should().BeFalse(m.Name);
            report.Errors.Select(e => e.Rule).Should().Contain(m.Rule, $"{m.Name}: {string.Join("; ", report.Errors.Select(e => $"{e.Rule} {e.Message}"))}");
        }
    }

    [Fact]
    public void Every_mutant_is_refused_by_the_official_kit_with_the_same_rule()
    {
        var folder = Path.Combine(Path.GetTempPath(), "valeo-mutants-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var mutants = Mutants.All();
        foreach (var m in mutants) File.WriteAllBytes(Path.Combine(folder, m.Name + ".xml"), Bytes(m));

        var run = XRechnungKit.Validate(Kit, "-q", folder);
        output.WriteLine(run.StdOut);
        run.ExitCode.Should().Be(1, $"every mutant is INVALID (exit 2 means the kit could not run: `bash {Kit}/install.sh`)\n{run.StdErr}");
        var lines = run.StdOut.Split('\n').Where(l => l.StartsWith("RESULT:", StringComparison.Ordinal)).ToList();
        foreach (var m in mutants)
        {
            var line = lines.SingleOrDefault(l => l.Contains($"/{m.Name}.xml ", StringComparison.Ordinal));
            line.Should().NotBeNull($"the kit reports on {m.Name}");
            line!.Should().StartWith("RESULT: INVALID", m.Name);
            var kit = FailedRules(line!);
            kit.Should().Contain(m.Rule, $"{m.Name}: the kit names the rule the mutant breaks\n{line}");
            // Beyond the one rule: the product refuses for exactly the rules the kit does.
            var product = EInvoiceValidator.Validate(Bytes(m)).Errors.Select(e => e.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
            product.Should().BeEquivalentTo(kit, $"{m.Name}: the product's errors equal the kit's\n{line}");
            output.WriteLine($"{m.Name}: product and kit refuse with {string.Join(" ", product)}");
        }
        output.WriteLine($"{mutants.Count} mutants: refused by the product and by the kit with the same rules");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The ids after "failed:" on a RESULT line (up to "warned:" / "info:").</summary>
    private static IReadOnlyList<string> FailedRules(string line)
    {
        var at = line.IndexOf(" failed: ", StringComparison.Ordinal);
        if (at < 0) return [];
        return line[(at + 9)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(t => t is not ("warned:" or "info:")).ToList();
    }

    private static byte[] Bytes(Mutant m)
    {
        var document = XDocument.Load(Path.Combine(Kit, m.Sample), LoadOptions.PreserveWhitespace);
        m.Break(document);
        using var buffer = new MemoryStream();
        document.Save(buffer);
        return buffer.ToArray();
    }
}
