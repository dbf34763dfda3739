using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Hosting;
using ValeoErp.Tests.Support;
using Xunit.Abstractions;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>The host without the per-user rate limit: the test creates 10,000 articles as one user.</summary>
public sealed class UnlimitedApp : ValeoApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:ApiPerMinute", "0");
    }
}

/// <summary>Issue 15, acceptance 5: list resources as CSV and XLSX, read back as a spreadsheet reader reads them.</summary>
public sealed class ListExportTests(UnlimitedApp app, ITestOutputHelper output) : IClassFixture<UnlimitedApp>
{
    [Fact]
    public async Task TenThousandArticles_ExportAsCsvAndXlsx_WithGermanHeadingsAndRealNumbers()
    {
        var admin = await app.ClientFor("export-10k", "admin", "admin");
        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var created = await admin.PostAsJsonAsync("/api/v1/articles", new
            {
                number = $"LX-{i:00000}", name = $"Listenartikel {i}; \"Sorte\" {i % 7}", unit = "sack", category = "seed", vatCategory = "reduced",
                salesPrice = 10m + i % 100 / 100m,
            }, ct);
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        });

        var clock = Stopwatch.StartNew();
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await admin.SendAsync(csvRequest);
        var csvTime = clock.ElapsedMilliseconds;
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName.Should().EndWith(".csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(Encoding.UTF8.GetPreamble(), "a BOM, so Excel reads UTF-8");
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[..^1];
        var heading = Csv.Fields(lines[0]);
        heading.Should().StartWith(["ID", "Nummer", "Name"]).And.Contain(["Einheit", "Warengruppe", "Verkaufspreis"]);
        lines.Should().HaveCount(10_001);
        var rows = lines.Skip(1).Select(Csv.Fields).ToList();
        rows.Should().OnlyContain(r => r.Count == heading.Count);
        var row42 = rows.Single(r => r[heading.IndexOf("Nummer")] == "LX-00042");
        row42[heading.IndexOf("Name")].Should().Be("Listenartikel 42; \"Sorte\" 0", "quotes and separators survive");
        row42[heading.IndexOf("Verkaufspreis")].Should().Be("10,42", "decimal comma, as a German spreadsheet reads numbers");

        clock.Restart();
        var xlsx = await admin.GetAsync("/api/v1/articles?format=xlsx");
        var xlsxTime = clock.ElapsedMilliseconds;
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var workbook = await xlsx.Content.ReadAsByteArrayAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        sheet.Should().HaveCount(10_001);
        var titles = sheet[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        titles.Should().Equal(heading);
        var price = titles.IndexOf("Verkaufspreis");
        var number = titles.IndexOf("Nummer");
        foreach (var r in sheet.Skip(1))
        {
            var cells = r.Elements<Cell>().ToList();
            cells[price].DataType!.Value.Should().Be(CellValues.Number);
            cells[number].DataType!.Value.Should().Be(CellValues.InlineString);
        }
        var x42 = sheet.Skip(1).Single(r => r.Elements<Cell>().ElementAt(number).InnerText == "LX-00042").Elements<Cell>().ToList();
        decimal.Parse(x42[price].CellValue!.Text, CultureInfo.InvariantCulture).Should().Be(10.42m);
        output.WriteLine($"10,000 articles: CSV {bytes.Length / 1024} KB in {csvTime} ms, XLSX {workbook.Length / 1024} KB in {xlsxTime} ms (every page fetched and written)");
    }

    [Fact]
    public async Task Journal_AsCsv_KeepsTheListsFilters_AndWritesGermanDates()
    {
        var trade = await Open(app, "export-journal");
        await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 100m));
        await trade.SellAndPost("2026-04-02", Line(trade.Diesel, 50m));
        var response = await trade.Client.GetAsync("/api/v1/journal-entries?from=2026-03-01&to=2026-03-31&format=csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n")[..^1];
        var heading = Csv.Fields(lines[0]);
        heading.Should().Contain(["Datum", "Belegnummer", "Text", "Soll", "Haben"]);
        lines.Skip(1).Select(l => Csv.Fields(l)[heading.IndexOf("Datum")]).Should().Equal(["02.03.2026"], "only March, as the list's filter says");
        Csv.Fields(lines[1])[heading.IndexOf("Soll")].Should().Be("164,10", "100 l x 1,379 + 19 %, decimal comma");

        var bad = await trade.Client.GetAsync("/api/v1/journal-entries?from=2026-04-01&to=2026-03-01&format=csv");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a bad filter is a problem, not an empty file");
        bad.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

}
