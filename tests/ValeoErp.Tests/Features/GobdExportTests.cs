using Microsoft.Extensions.DependencyInjection;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>
/// Issue 15, acceptance 2: the auditors' export is a zip whose index.xml is valid against the GDPdU DTD beside it
/// (here with .NET's DTD validation; .ci/run also runs xmllint on it) and whose CSV files have the declared columns.
/// With VALEO_GOBD_OUT set the zip is kept for that check.
/// </summary>
public sealed class GobdExportTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task AMonthOfBusiness_ExportsAsAValidGdpduDataSet_WithEveryDeclaredColumn()
    {
        var trade = await DatevExportTests.AMonthOfBusiness(app, "gobd-month");
        // From the month of business to today: the audit log holds the rows of when it was recorded (now).
        var now = app.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant();
        var to = now.Plus(NodaTime.Duration.FromDays(1)).InUtc().Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var response = await trade.Client.GetAsync($"/api/v1/exports/gobd?from=2026-03-01&to={to}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (Environment.GetEnvironmentVariable("VALEO_GOBD_OUT") is { Length: > 0 } folder)
            await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(folder).FullName, "gobd-2026-03.zip"), bytes);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var files = zip.Entries.ToDictionary(e => e.FullName, e => { using var s = e.Open(); using var m = new MemoryStream(); s.CopyTo(m); return m.ToArray(); });
        files.Keys.Should().Contain(["index.xml", "gdpdu-01-09-2004.dtd"], "index.xml and the DTD at the root of the medium");

        // index.xml against the DTD it names (the DTD read from the zip, nothing from the network).
        var problems = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, ValidationType = ValidationType.DTD, XmlResolver = new FromZip(files) };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        using (var reader = XmlReader.Create(new MemoryStream(files["index.xml"]), settings, "file:///medium/index.xml"))
            while (reader.Read()) { }
        problems.Should().BeEmpty();

        var index = XDocument.Load(new MemoryStream(files["index.xml"]));
        var tables = index.Descendants("Table").ToList();
        tables.Select(t => t.Element("Name")!.Value).Should().BeEquivalentTo(
            ["Sachkonten", "Geschaeftspartner", "Buchungen", "Belege", "Belegpositionen", "OffenePosten", "Protokoll"]);
        foreach (var table in tables)
        {
            var url = table.Element("URL")!.Value;
            files.Should().ContainKey(url);
            var declared = table.Element("VariableLength")!.Elements().Where(e => e.Name.LocalName is "VariablePrimaryKey" or "VariableColumn").ToList();
            var lines = Encoding.UTF8.GetString(files[url]).Split("\r\n")[..^1];
            Csv.Fields(lines[0]).Should().Equal(declared.Select(c => c.Element("Name")!.Value), $"{url}: the heading names the declared columns in order");
            lines.Length.Should().BeGreaterThan(1, $"{url} has rows for the period");
            foreach (var line in lines.Skip(1))
            {
                var fields = Csv.Fields(line);
                fields.Should().HaveCount(declared.Count, url);
                for (var i = 0; i < declared.Count; i++)
                {
                    var column = declared[i];
                    if (fields[i].Length == 0) continue;
                    if (column.Element("Numeric") is { } numeric)
                        fields[i].Should().MatchRegex(Accuracy(int.Parse(numeric.Element("Accuracy")!.Value)), $"{url} {column.Element("Name")!.Value}");
                    else if (column.Element("Date") is not null)
                        fields[i].Should().MatchRegex(@"^\d{2}\.\d{2}\.\d{4}$");
                    else
                        fields[i].Length.Should().BeLessThanOrEqualTo(int.Parse(column.Element("MaxLength")!.Value));
                }
            }
        }

        // The journal in the export is the journal of the month: debit equals credit and the posted amounts.
        var bookings = Encoding.UTF8.GetString(files["buchungen.csv"]).Split("\r\n")[1..^1].Select(Csv.Fields).ToList();
        decimal Sum(int column) => bookings.Sum(b => b[column].Length == 0 ? 0m : decimal.Parse(b[column].Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture));
        var heading = Csv.Fields(Encoding.UTF8.GetString(files["buchungen.csv"]).Split("\r\n")[0]);
        var (debit, credit) = (Sum(heading.IndexOf("Soll")), Sum(heading.IndexOf("Haben")));
        debit.Should().Be(credit).And.BePositive();
        var journal = await trade.Client.All($"/api/v1/journal-entries?from=2026-03-01&to={to}");
        debit.Should().Be(journal.Sum(e => e.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("debit").GetDecimal())));
    }

    private static string Accuracy(int decimals) => decimals == 0 ? @"^-?\d+$" : $@"^-?\d+,\d{{{decimals}}}$";


    private sealed class FromZip(IReadOnlyDictionary<string, byte[]> files) : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn) =>
            new MemoryStream(files[Path.GetFileName(absoluteUri.LocalPath)]);
    }
}
