using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>
/// Issue 15, acceptance 1: a month of mixed business exports to DATEV EXTF; the file is read back field by field
/// against DATEV's format description, and what DATEV books from it (gross rows split at their rate) equals the journal.
/// </summary>
public sealed class DatevExportTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    private const string From = "2026-03-01", To = "2026-03-31";

    private static object Company(bool withDatev) => new
    {
        legalName = "Landhandel Ammerland GmbH",
        address = new { street = "Raiffeisenstraße 1", postalCode = "26655", city = "Westerstede", country = "DE" },
        vatId = "DE136695976",
        bankAccounts = new[] { new { iban = "DE02120300000000202051" } },
        contact = new { name = "Frauke Oltmanns", phone = "+49 4488 5500", email = "rechnung@landhandel-ammerland.de" },
        datev = withDatev ? new { consultantNumber = 29098, clientNumber = 55003 } : null,
    };

    internal static async Task SetCompany(Trade trade, bool withDatev)
    {
        var current = await trade.Admin.GetAsync("/api/v1/settings/company");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/settings/company") { Content = JsonContent.Create(Company(withDatev)) };
        request.Headers.TryAddWithoutValidation("If-Match", current.StatusCode == HttpStatusCode.OK ? current.Headers.ETag!.Tag : "\"0\"");
        (await trade.Admin.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>March 2026: sales at 19 % and 7 % paid with Skonto, a credit note, a supplier invoice, a §24 Gutschrift, an intra-EU sale.</summary>
    internal static async Task<Trade> AMonthOfBusiness(ValeoApp app, string tenant)
    {
        var trade = await Open(app, tenant);
        await SetCompany(trade, withDatev: true);
        await trade.Stock(trade.Fertiliser, 100m);
        await trade.Stock(trade.Seed, 200m);

        var mixed = await trade.SellAndPost("2026-03-02", Line(trade.Fertiliser, 12.5m), Line(trade.Seed, 20m));
        var gross = mixed.GetProperty("grossTotal").GetDecimal();
        var discount = Math.Round(gross * 0.02m, 2, MidpointRounding.AwayFromZero);
        (await trade.Created("/api/v1/payments", new { openItemId = mixed.GetProperty("openItemId").GetString(), amount = gross - discount, date = "2026-03-10" }))
            .GetProperty("discount").GetDecimal().Should().Be(discount);

        var seedOnly = await trade.SellAndPost("2026-03-05", Line(trade.Seed, 10m));
        var note = await trade.Created($"/api/v1/sales-invoices/{seedOnly.GetProperty("id").GetString()}/credit-notes",
            new { reason = "Sack beschädigt", date = "2026-03-09", lines = new[] { new { lineNo = 1, quantity = 2m } } });
        await trade.Ok($"/api/v1/credit-notes/{note.GetProperty("id").GetString()}/post");

        var supplier = await trade.Created("/api/v1/suppliers", new
        {
            name = "Düngerwerk Nord GmbH", address = new { street = "Hafenstraße 9", postalCode = "26135", city = "Oldenburg" },
            vatId = "DE136695976", paymentTerms = new { netDays = 30, discountDays = 10, discountPercent = 3m },
        });
        await Purchase(trade, supplier.GetProperty("id").GetString()!, trade.Fertiliser, 24m, 250m, "2026-03-03");
        await Purchase(trade, trade.Farmer, trade.Wheat, 25.34m, 201.50m, "2026-03-12"); // §24: a Gutschrift at 7.8 %

        var dutch = await trade.Created("/api/v1/customers", new
        {
            name = "Boerderij de Vries", address = new { street = "Dorpsstraat 5", postalCode = "7901 AB", city = "Hoogeveen", country = "NL" },
            taxTreatment = "euReverseCharge", vatId = "NL123456789B01",
        });
        await trade.Declaration(dutch.GetProperty("id").GetString()!, "Pieter de Vries, paspoort NX1234567");
        var order = await trade.Created("/api/v1/sales-orders", new
        {
            customerId = dutch.GetProperty("id").GetString(), orderDate = "2026-03-20", lines = new[] { Line(trade.Fertiliser, 10m) },
        });
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-20" });
        var invoice = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-20" });
        await trade.Ok($"/api/v1/sales-invoices/{invoice.GetProperty("id").GetString()}/post");
        return trade;
    }

    private static async Task Purchase(Trade trade, string supplierId, string article, decimal quantity, decimal price, string date)
    {
        var order = await trade.Created("/api/v1/purchase-orders", new { supplierId, orderDate = date, lines = new[] { Line(article, quantity, price) } });
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/purchase-orders/{id}/submit");
        await trade.Created($"/api/v1/purchase-orders/{id}/receipts", new { date });
        var draft = await trade.Created($"/api/v1/purchase-orders/{id}/invoices", new { invoiceDate = date, externalReference = "L-" + date });
        await trade.Ok($"/api/v1/purchase-invoices/{draft.GetProperty("id").GetString()}/post");
    }

    private static async Task<byte[]> Export(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/exports/datev?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentType.CharSet.Should().Be("windows-1252");
        response.Content.Headers.ContentDisposition!.FileName.Should().StartWith("EXTF_").And.EndWith(".csv");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static readonly Encoding Ansi = Ansi1252();

    private static Encoding Ansi1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>A DATEV line: fields separated by ';', text in quotes with inner quotes doubled.</summary>
    private static List<(string Value, bool Quoted)> Fields(string line)
    {
        var fields = new List<(string, bool)>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"') { text.Append('"'); i += 2; }
                    else if (line[i] == '"') { i++; break; }
                    else text.Append(line[i++]);
                }
                fields.Add((text.ToString(), true));
            }
            else
            {
                var end = line.IndexOf(';', i);
                fields.Add((end < 0 ? line[i..] : line[i..end], false));
                i = end < 0 ? line.Length : end;
            }
            if (i >= line.Length) return fields;
            line[i].Should().Be(';');
            i++;
            if (i == line.Length) { fields.Add(("", false)); return fields; }
        }
    }

    private static List<string> Lines(byte[] file)
    {
        var text = Ansi.GetString(file);
        text.Should().EndWith("\r\n");
        text.Replace("\r\n", "").Should().NotContain("\n").And.NotContain("\r", "every line ends with CR LF");
        return [.. text.Split("\r\n")[..^1]];
    }

    [Fact]
    public async Task AMonthOfMixedBusiness_ExportsAsDatevReadsIt_AndBooksWhatTheJournalBooks()
    {
        var trade = await AMonthOfBusiness(app, "datev-month");
        var file = await Export(trade.Client, $"from={From}&to={To}");
        var lines = Lines(file);

        // Line 1: the header, 31 fields (header version 700, Buchungsstapel format version 13).
        var header = Fields(lines[0]);
        header.Should().HaveCount(31);
        header[0].Should().Be(("EXTF", true));
        (header[1].Value, header[2].Value, header[3], header[4].Value).Should().Be(("700", "21", ("Buchungsstapel", true), "13"));
        header[5].Value.Should().MatchRegex("^20[0-9]{15}$", "created: YYYYMMDDHHMMSSFFF (the last posting's time)");
        header[7].Value.Length.Should().BeLessThanOrEqualTo(2);
        header[8].Value.Length.Should().BeLessThanOrEqualTo(25);
        (header[10].Value, header[11].Value).Should().Be(("29098", "55003"), "Beraternummer and Mandantennummer from the company profile");
        (header[12].Value, header[13].Value, header[14].Value, header[15].Value).Should().Be(("20260101", "4", "20260301", "20260331"));
        header[16].Value.Length.Should().BeLessThanOrEqualTo(30);
        (header[18].Value, header[19].Value, header[20].Value, header[21]).Should().Be(("1", "0", "0", ("EUR", true)));
        header[26].Should().Be(("03", true), "SKR03");

        // Line 2: the 125 column names of format version 13.
        var columns = Fields(lines[1]).Select(f => f.Value).ToList();
        columns.Should().HaveCount(125);
        columns.Take(14).Should().Equal("Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Kurs", "Basis-Umsatz",
            "WKZ Basis-Umsatz", "Konto", "Gegenkonto (ohne BU-Schlüssel)", "BU-Schlüssel", "Belegdatum", "Belegfeld 1", "Belegfeld 2", "Skonto", "Buchungstext");
        (columns[39], columns[113], columns[114], columns[124]).Should().Be(("EU-Land u. UStID (Bestimmung)", "Festschreibung", "Leistungsdatum", "Abw. Skontokonto"));

        var chart = (await trade.Client.All("/api/v1/accounts")).ToDictionary(a => a.GetProperty("number").GetString()!, a => a.GetProperty("automaticVat").GetBoolean());
        var rows = lines.Skip(2).Select(Fields).ToList();
        rows.Should().HaveCountGreaterThan(8);
        var datev = new Dictionary<(string Account, char Side), decimal>();
        void Add(string account, char side, decimal amount) => datev[(account, side)] = datev.GetValueOrDefault((account, side)) + amount;
        foreach (var row in rows)
        {
            row.Should().HaveCount(125);
            row[0].Quoted.Should().BeFalse();
            row[0].Value.Should().MatchRegex(@"^\d{1,10},\d{2}$", "Umsatz: decimal comma, no thousands separator");
            var amount = decimal.Parse(row[0].Value.Replace(",", "."), CultureInfo.InvariantCulture);
            amount.Should().BePositive();
            row[1].Quoted.Should().BeTrue();
            row[1].Value.Should().BeOneOf("S", "H");
            row[2].Should().Be(("EUR", true));
            row[6].Value.Should().MatchRegex(@"^\d{1,9}$");
            row[7].Value.Should().MatchRegex(@"^\d{1,9}$");
            row[8].Quoted.Should().BeTrue();
            row[8].Value.Should().MatchRegex(@"^\d{0,4}$");
            row[9].Value.Should().MatchRegex(@"^(0[1-9]|[12][0-9]|3[01])03$", "Belegdatum DDMM within the batch's March");
            row[10].Quoted.Should().BeTrue();
            row[10].Value.Should().MatchRegex(@"^[A-Za-z0-9$&%*+\-/]{1,36}$", "Belegfeld 1: the document number in DATEV's characters");
            row[12].Value.Should().BeEmpty("Skonto goes out as its own booking on the discount account");
            row[13].Quoted.Should().BeTrue();
            row[13].Value.Length.Should().BeInRange(1, 60);
            row[113].Value.Should().Be("0");
            foreach (var account in new[] { row[6].Value, row[7].Value })
                if (chart.GetValueOrDefault(account)) row[8].Value.Should().BeEmpty($"{account} is an automatic account");

            // What DATEV books: the Konto on its side; the Gegenkonto on the other, a gross amount split at its rate.
            var side = row[1].Value[0];
            var other = side == 'S' ? 'H' : 'S';
            Add(Collective(row[6].Value), side, amount);
            var (rate, vatAccount) = Rate(row[7].Value, row[8].Value, chart);
            var tax = rate == 0m ? 0m : Math.Round(amount * rate / (100m + rate), 2, MidpointRounding.AwayFromZero);
            Add(Collective(row[7].Value), other, amount - tax);
            if (tax != 0m) Add(vatAccount!, other, tax);
        }

        var journal = new Dictionary<(string Account, char Side), decimal>();
        foreach (var entry in await trade.Client.All($"/api/v1/journal-entries?from={From}&to={To}"))
            foreach (var line in entry.GetProperty("lines").EnumerateArray())
            {
                var account = line.GetProperty("account").GetString()!;
                var (debit, credit) = (line.GetProperty("debit").GetDecimal(), line.GetProperty("credit").GetDecimal());
                if (debit != 0m) journal[(account, 'S')] = journal.GetValueOrDefault((account, 'S')) + debit;
                if (credit != 0m) journal[(account, 'H')] = journal.GetValueOrDefault((account, 'H')) + credit;
            }
        datev.Should().BeEquivalentTo(journal, "the sum of Umsatz per account and side, as DATEV books it, equals the journal");

        // The parts a tax advisor looks for.
        rows.Should().Contain(r => r[7].Value == "8736" && r[8].Value == "", "the Skonto granted, gross on its automatic account");
        rows.Should().Contain(r => r[7].Value == "8125" && r[39].Value == "NL123456789B01", "the intra-EU delivery with the customer's VAT id");
        rows.Should().Contain(r => r[7].Value == "3540" && r[8].Value == "", "the §24 Gutschrift: net without a key ...");
        rows.Should().Contain(r => r[7].Value == "1588", "... and its flat-rate input VAT as its own row");
        rows.Where(r => r[6].Value.Length == 5).Select(r => r[6].Value[0]).Should().Contain(['1', '7'], "debtors 1xxxx and creditors 7xxxx");
        rows.Should().Contain(r => r[10].Value.StartsWith("RK-2026-", StringComparison.Ordinal) && r[1].Value == "H", "the credit note reduces the receivable");

        // The same period again: the same bytes.
        (await Export(trade.Client, $"from={From}&to={To}")).Should().Equal(file);
    }

    private static string Collective(string account) =>
        account.Length == 5 ? account[0] == '7' ? "1600" : "1400" : account;

    /// <summary>The rate DATEV applies to a Gegenkonto: the automatic account's own, or the BU key's.</summary>
    private static (decimal Rate, string? VatAccount) Rate(string account, string key, IReadOnlyDictionary<string, bool> chart) =>
        key switch
        {
            "3" => (19m, "1776"), "2" => (7m, "1771"), "9" => (19m, "1576"), "8" => (7m, "1571"),
            _ when !chart.GetValueOrDefault(account) => (0m, null),
            _ => account switch
            {
                "8400" or "8736" => (19m, "1776"),
                "8300" or "8731" => (7m, "1771"),
                "3400" or "3736" => (19m, "1576"),
                "3300" or "3731" => (7m, "1571"),
                _ => (0m, null),
            },
        };

    [Fact]
    public async Task HandingAMonthOver_ClosesIt_LocksTheBatch_AndRecordsTheFilesHash()
    {
        var trade = await Open(app, "datev-handover");
        await SetCompany(trade, withDatev: true);
        await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 100m));
        var response = await trade.Client.PostAsJsonAsync("/api/v1/exports/datev/handovers", new { period = "2026-03" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var handover = await response.Json();
        var file = await Export(trade.Client, response.Headers.Location!.ToString().Split('?')[1]);
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)).Should().Be(handover.GetProperty("sha256").GetString());
        var lines = Lines(file);
        Fields(lines[0])[20].Value.Should().Be("1", "Festschreibung in the header");
        lines.Skip(2).Select(Fields).Should().OnlyContain(r => r[113].Value == "1");

        var late = await trade.Order("2026-03-20", Line(trade.Diesel, 5m));
        var id = late.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date = "2026-03-20" });
        var invoice = await trade.Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = "2026-03-20" });
        var refused = await trade.Client.PostAsJsonAsync($"/api/v1/sales-invoices/{invoice.GetProperty("id").GetString()}/post", new { });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict, "the month was handed over: no more postings");
        (await Export(trade.Client, $"from={From}&to={To}")).Should().Equal(file, "the handed-over month does not change");

        (await trade.Client.PostAsJsonAsync("/api/v1/exports/datev/handovers", new { period = "2026-03" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var list = await trade.Get("/api/v1/exports/datev/handovers?year=2026");
        list.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("period").GetString()).Should().Equal("2026-03");
    }

    [Fact]
    public async Task TheTenantsKeyTable_DecidesTheKey_ForLinesOnAccountsWithoutAutomatic()
    {
        var trade = await Open(app, "datev-keys");
        await SetCompany(trade, withDatev: true);
        await Purchase(trade, trade.Farmer, trade.Wheat, 10m, 200m, "2026-03-12"); // §24 Gutschrift: 3540 net + 1588 flat-rate VAT
        var current = await trade.Admin.GetAsync("/api/v1/settings/datev-keys");
        (await current.Json()).GetProperty("keys").GetProperty("19-output").GetString().Should().Be("3");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/settings/datev-keys")
        {
            Content = JsonContent.Create(new { keys = new Dictionary<string, string?> { ["19-output"] = "3", ["7-output"] = "2", ["19-input"] = "9", ["7-input"] = "8", ["flat-rate-input"] = "100" } }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        (await trade.Admin.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        var rows = Lines(await Export(trade.Client, $"from={From}&to={To}")).Skip(2).Select(Fields).ToList();
        var gutschrift = rows.Single(r => r[7].Value == "3540");
        (gutschrift[0].Value, gutschrift[8].Value).Should().Be(("2156,00", "100"), "gross 2.000,00 + 7,8 % with the advisor's key");
        rows.Should().NotContain(r => r[7].Value == "1588", "the flat-rate VAT is folded into the keyed row");

        var bad = new HttpRequestMessage(HttpMethod.Put, "/api/v1/settings/datev-keys") { Content = JsonContent.Create(new { keys = new { unknown = "1", } }) };
        bad.Headers.TryAddWithoutValidation("If-Match", "*");
        (await trade.Admin.SendAsync(bad)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AccountNames_ExportAsKontenbeschriftungen()
    {
        var trade = await Open(app, "datev-accounts");
        await SetCompany(trade, withDatev: true);
        var lines = Lines(await Export(trade.Client, $"from={From}&to={To}&kind=accounts"));
        var header = Fields(lines[0]);
        (header[2].Value, header[3].Value, header[4].Value).Should().Be(("20", "Kontenbeschriftungen", "3"));
        Fields(lines[1]).Select(f => f.Value).Should().Equal("Konto", "Kontobeschriftung", "SprachId", "Kontenbeschriftung lang");
        var rows = lines.Skip(2).Select(Fields).ToList();
        rows.Should().Contain(r => r[0].Value == "8400" && r[1].Value == "Erlöse 19 % USt" && r[2].Value == "de-DE");
        rows.Should().OnlyContain(r => r.Count == 4 && r[1].Value.Length <= 40 && !r[0].Quoted && r[1].Quoted);
    }

    [Fact]
    public async Task Partners_ExportAsDebitorenKreditoren_OneRowPerPersonalAccount()
    {
        var trade = await AMonthOfBusiness(app, "datev-partners");
        var lines = Lines(await Export(trade.Client, $"from={From}&to={To}&kind=partners"));
        var header = Fields(lines[0]);
        header.Should().HaveCount(31);
        (header[2].Value, header[3].Value, header[4].Value, header[14].Value, header[15].Value).Should().Be(("16", "Debitoren/Kreditoren", "5", "", ""));
        var columns = Fields(lines[1]).Select(f => f.Value).ToList();
        columns.Should().HaveCount(254);
        columns.Take(10).Should().Equal("Konto", "Name (Adressattyp Unternehmen)", "Unternehmensgegenstand", "Name (Adressattyp natürl. Person)",
            "Vorname (Adressattyp natürl. Person)", "Name (Adressattyp keine Angabe)", "Adressattyp", "Kurzbezeichnung", "EU-Land", "EU-UStID");
        var rows = lines.Skip(2).Select(Fields).ToList();
        rows.Should().OnlyContain(r => r.Count == 254 && Regex.IsMatch(r[0].Value, "^[17][0-9]{4}$") && r[1].Value.Length <= 50 && r[7].Value.Length <= 15
            && r[6].Value == "2" && r[14].Value == "STR" && r[15].Value.Length <= 36 && r[17].Value.Length <= 10 && r[18].Value.Length <= 30);
        var janssen = rows.Single(r => r[1].Value == "Hof Janssen GbR");
        janssen[0].Value.Should().StartWith("1");
        (janssen[15].Value, janssen[17].Value, janssen[18].Value, janssen[19].Value).Should().Be(("Dorfstraße 3", "26655", "Westerstede", ""));
        rows.Single(r => r[1].Value == "Landwirt Hinrichs")[0].Value.Should().StartWith("7", "a supplier's creditor account");
        var dutch = rows.Single(r => r[1].Value == "Boerderij de Vries");
        (dutch[8].Value, dutch[9].Value, dutch[19].Value).Should().Be(("NL", "123456789B01", "NL"));
        rows.Select(r => r[0].Value).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Export_WithoutTheDatevNumbers_Is409_AndARangeOverTwoYearsIs400()
    {
        var trade = await Open(app, "datev-refused");
        await SetCompany(trade, withDatev: false);
        var missing = await trade.Client.GetAsync($"/api/v1/exports/datev?from={From}&to={To}");
        missing.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await missing.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:datev-numbers-missing");

        var twoYears = await trade.Client.GetAsync("/api/v1/exports/datev?from=2025-12-01&to=2026-01-31");
        twoYears.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await twoYears.Json()).GetProperty("errors").TryGetProperty("to", out _).Should().BeTrue();
        var viewer = await app.ClientFor("datev-refused", "vera", "viewer");
        (await viewer.GetAsync($"/api/v1/exports/datev?from={From}&to={To}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
