using System.Globalization;
using System.Text;
using NodaTime;

namespace ValeoErp.Domain.Finance;

/// <summary>One row of a DATEV Buchungsstapel: the amount always positive, S/H for <see cref="Account"/>.</summary>
public sealed record DatevBooking(decimal Amount, char Side, string Account, string ContraAccount, string? TaxKey,
    LocalDate DocumentDate, string DocumentField1, string Text, string? EuVatId = null);

/// <summary>The header's facts (DATEV format description, header version 700).</summary>
public sealed record DatevHeader(int Category, string FormatName, int FormatVersion, Instant Created, string ExportedBy,
    int Consultant, int Client, LocalDate FiscalYearStart, int AccountLength, LocalDate? From, LocalDate? To,
    string Description, bool Locked);

/// <summary>What the export needs to know about the tenant's chart and mapping.</summary>
public sealed record DatevChart(
    IReadOnlySet<string> AutomaticAccounts,
    IReadOnlySet<string> VatAccounts,
    IReadOnlyDictionary<string, string> VatAccountOfTaxCode,
    IReadOnlyDictionary<string, string> TaxKeys,
    IReadOnlySet<string> EuDeliveryAccounts)
{
    /// <summary>DATEV's keys for the tax codes our postings carry (SKR03: 3/2 output, 9/8 input). The §24 input
    /// rate has no fixed-rate key: without one in the tenant's table its net and its VAT go out as separate rows.</summary>
    public static IReadOnlyDictionary<string, string> DefaultKeys { get; } = new Dictionary<string, string>
    {
        ["19-output"] = "3", ["7-output"] = "2", ["19-input"] = "9", ["7-input"] = "8",
    };

    public static DatevChart From(IEnumerable<Account> chart, PostingAccounts accounts, IReadOnlyDictionary<string, string>? keys = null)
    {
        var vatOf = new Dictionary<string, string>(StringComparer.Ordinal);
        void Map(string code, IReadOnlyDictionary<VatRateCode, string> map, VatRateCode rate)
        {
            if (map.TryGetValue(rate, out var account)) vatOf[code] = account;
        }
        Map("19-output", accounts.OutputVat, VatRateCode.Standard);
        Map("7-output", accounts.OutputVat, VatRateCode.Reduced);
        Map("19-input", accounts.InputVat, VatRateCode.Standard);
        Map("7-input", accounts.InputVat, VatRateCode.Reduced);
        Map("flat-rate-input", accounts.InputVat, VatRateCode.FlatRateFarmer);
        return new DatevChart(
            chart.Where(a => a.AutomaticVat).Select(a => a.Number).ToHashSet(StringComparer.Ordinal),
            accounts.OutputVat.Values.Concat(accounts.InputVat.Values).ToHashSet(StringComparer.Ordinal),
            vatOf, keys ?? DefaultKeys,
            accounts.Revenue.TryGetValue(VatRateCode.Zero, out var taxFree) ? new HashSet<string>(StringComparer.Ordinal) { taxFree } : new HashSet<string>());
    }
}

/// <summary>
/// DATEV-Format (EXTF, header version 700): the Buchungsstapel (category 21, format version 13) from journal
/// entries, and the account names (category 20, "Kontenbeschriftungen", version 3). Written by hand: no served
/// library writes DATEV's format. Text only; <see cref="Encode"/> gives the bytes DATEV reads (Windows-1252).
/// </summary>
public static class Datev
{
    public const int BookingsCategory = 21, BookingsVersion = 13, AccountNamesCategory = 20, AccountNamesVersion = 3;
    public const int TextLength = 60, DocumentFieldLength = 36;

    /// <summary>Line 2 of a Buchungsstapel, format version 13: 125 columns in DATEV's spelling.</summary>
    public static IReadOnlyList<string> BookingColumns { get; } = BuildBookingColumns();

    public static IReadOnlyList<string> AccountNameColumns { get; } = ["Konto", "Kontobeschriftung", "SprachId", "Kontenbeschriftung lang"];

    private static string[] BuildBookingColumns()
    {
        var columns = new List<string>
        {
            "Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Kurs", "Basis-Umsatz", "WKZ Basis-Umsatz",
            "Konto", "Gegenkonto (ohne BU-Schlüssel)", "BU-Schlüssel", "Belegdatum", "Belegfeld 1", "Belegfeld 2", "Skonto",
            "Buchungstext", "Postensperre", "Diverse Adressnummer", "Geschäftspartnerbank", "Sachverhalt", "Zinssperre", "Beleglink",
        };
        for (var i = 1; i <= 8; i++) { columns.Add($"Beleginfo - Art {i}"); columns.Add($"Beleginfo - Inhalt {i}"); }
        columns.AddRange(
        [
            "KOST1 - Kostenstelle", "KOST2 - Kostenstelle", "Kost-Menge", "EU-Land u. UStID (Bestimmung)", "EU-Steuersatz (Bestimmung)",
            "Abw. Versteuerungsart", "Sachverhalt L+L", "Funktionsergänzung L+L", "BU 49 Hauptfunktionstyp", "BU 49 Hauptfunktionsnummer",
            "BU 49 Funktionsergänzung",
        ]);
        for (var i = 1; i <= 20; i++) { columns.Add($"Zusatzinformation - Art {i}"); columns.Add($"Zusatzinformation- Inhalt {i}"); }
        columns.AddRange(
        [
            "Stück", "Gewicht", "Zahlweise", "Forderungsart", "Veranlagungsjahr", "Zugeordnete Fälligkeit", "Skontotyp", "Auftragsnummer",
            "Buchungstyp", "USt-Schlüssel (Anzahlungen)", "EU-Land (Anzahlungen)", "Sachverhalt L+L (Anzahlungen)", "EU-Steuersatz (Anzahlungen)",
            "Erlöskonto (Anzahlungen)", "Herkunft-Kz", "Leerfeld", "KOST-Datum", "SEPA-Mandatsreferenz", "Skontosperre", "Gesellschaftername",
            "Beteiligtennummer", "Identifikationsnummer", "Zeichnernummer", "Postensperre bis", "Bezeichnung SoBil-Sachverhalt",
            "Kennzeichen SoBil-Buchung", "Festschreibung", "Leistungsdatum", "Datum Zuord. Steuerperiode", "Fälligkeit", "Generalumkehr (GU)",
            "Steuersatz", "Land", "Abrechnungsreferenz", "BVV-Position", "EU-Land u. UStID (Ursprung)", "EU-Steuersatz (Ursprung)",
            "Abw. Skontokonto",
        ]);
        return [.. columns];
    }

    /// <summary>
    /// The rows of one journal entry. The counter line (receivables or payables, named by the partner's personal
    /// account; otherwise the entry's only line on its side) is the Konto of every row, each other line its
    /// Gegenkonto. A line that carries VAT goes out gross with the VAT line of its rate folded in - with no key on an
    /// automatic account, with the tenant's key otherwise; without a key its VAT line stays a row of its own.
    /// </summary>
    public static IReadOnlyList<DatevBooking> Bookings(JournalEntry entry, DatevChart chart, IReadOnlySet<string> partnerAccounts,
        string? personalAccount, string? euVatId = null)
    {
        var lines = entry.Lines.ToList();
        var counterIndex = lines.FindIndex(l => partnerAccounts.Contains(l.Account));
        if (counterIndex < 0)
        {
            var debits = lines.Where(l => l.Debit > 0).ToList();
            var credits = lines.Where(l => l.Credit > 0).ToList();
            counterIndex = lines.IndexOf(debits.Count == 1 ? debits[0] : credits.Count == 1 ? credits[0] : lines[0]);
        }
        var counter = lines[counterIndex];
        var konto = partnerAccounts.Contains(counter.Account) && personalAccount is not null ? personalAccount : counter.Account;

        // VAT lines folded into the line that carries the tax (one per VAT account and side).
        var folded = new HashSet<int>();
        var gross = new Dictionary<int, decimal>();
        var keys = new Dictionary<int, string?>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i == counterIndex || line.TaxCode is null) continue;
            var automatic = chart.AutomaticAccounts.Contains(line.Account);
            var key = automatic ? null : chart.TaxKeys.GetValueOrDefault(line.TaxCode);
            if (!automatic && key is null) continue; // no key: net and VAT stay separate rows
            keys[i] = key;
            if (!chart.VatAccountOfTaxCode.TryGetValue(line.TaxCode, out var vatAccount)) continue;
            var debit = line.Debit > 0;
            var vatIndex = lines.FindIndex(l => l.Account == vatAccount && (l.Debit > 0) == debit && !folded.Contains(lines.IndexOf(l)));
            if (vatIndex < 0 || vatIndex == counterIndex) continue;
            folded.Add(vatIndex);
            gross[i] = Amount(lines[vatIndex]);
        }

        var rows = new List<DatevBooking>();
        var text = Cut(entry.Description, TextLength);
        var document = DocumentField(entry.DocumentNumber);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == counterIndex || folded.Contains(i)) continue;
            var line = lines[i];
            var amount = Amount(line) + gross.GetValueOrDefault(i);
            // S/H is the Konto's side: the opposite of the Gegenkonto line's side.
            var side = line.Debit > 0 ? 'H' : 'S';
            // The customer's VAT id goes with a tax-free intra-EU delivery (column "EU-Land u. UStID").
            rows.Add(new DatevBooking(amount, side, konto, line.Account, keys.GetValueOrDefault(i), entry.Date, document, text,
                chart.EuDeliveryAccounts.Contains(line.Account) ? euVatId : null));
        }
        return rows;
    }

    private static decimal Amount(JournalLine line) => line.Debit > 0 ? line.Debit : line.Credit;

    /// <summary>Belegfeld 1 takes letters, digits and $ &amp; % * + - / only, at most 36.</summary>
    public static string DocumentField(string number)
    {
        var kept = new StringBuilder();
        foreach (var c in number)
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '$' or '&' or '%' or '*' or '+' or '-' or '/')
                kept.Append(c);
        return Cut(kept.ToString(), DocumentFieldLength);
    }

    private static string Cut(string text, int length)
    {
        var single = text.Replace('\r', ' ').Replace('\n', ' ');
        return single.Length <= length ? single : single[..length];
    }

    public static string Header(DatevHeader h)
    {
        var fields = new string?[31];
        fields[0] = Quote("EXTF");
        fields[1] = "700";
        fields[2] = h.Category.ToString(CultureInfo.InvariantCulture);
        fields[3] = Quote(h.FormatName);
        fields[4] = h.FormatVersion.ToString(CultureInfo.InvariantCulture);
        fields[5] = h.Created.InUtc().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        fields[7] = Quote("RE");
        fields[8] = Quote(Cut(h.ExportedBy, 25));
        fields[9] = Quote("");
        fields[10] = h.Consultant.ToString(CultureInfo.InvariantCulture);
        fields[11] = h.Client.ToString(CultureInfo.InvariantCulture);
        fields[12] = Date(h.FiscalYearStart);
        fields[13] = h.AccountLength.ToString(CultureInfo.InvariantCulture);
        fields[14] = h.From is { } from ? Date(from) : null;
        fields[15] = h.To is { } to ? Date(to) : null;
        fields[16] = Quote(Cut(h.Description, 30));
        fields[17] = Quote("");
        if (h.Category == BookingsCategory)
        {
            fields[18] = "1";          // Finanzbuchführung
            fields[19] = "0";          // independent of the accounting purpose
            fields[20] = h.Locked ? "1" : "0";
            fields[21] = Quote("EUR");
        }
        fields[23] = Quote("");
        fields[26] = Quote("03");      // SKR03
        fields[29] = Quote("");
        fields[30] = Quote("");
        return string.Join(';', fields.Select(f => f ?? ""));
    }

    private static string Date(LocalDate date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Row(DatevBooking b, bool locked)
    {
        var fields = new string?[BookingColumns.Count];
        fields[0] = b.Amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');
        fields[1] = Quote(b.Side.ToString());
        fields[2] = Quote("EUR");
        fields[6] = b.Account;
        fields[7] = b.ContraAccount;
        fields[8] = Quote(b.TaxKey ?? "");
        fields[9] = b.DocumentDate.ToString("ddMM", CultureInfo.InvariantCulture);
        fields[10] = Quote(b.DocumentField1);
        fields[11] = Quote("");
        fields[13] = Quote(b.Text);
        fields[39] = Quote(b.EuVatId ?? "");
        fields[113] = locked ? "1" : "0";
        return string.Join(';', fields.Select(f => f ?? ""));
    }

    /// <summary>A whole Buchungsstapel: header, column names, rows; CRLF after every line.</summary>
    public static string Bookings(DatevHeader header, IEnumerable<DatevBooking> rows)
    {
        var text = new StringBuilder();
        text.Append(Header(header)).Append("\r\n");
        text.Append(string.Join(';', BookingColumns)).Append("\r\n");
        foreach (var row in rows) text.Append(Row(row, header.Locked)).Append("\r\n");
        return text.ToString();
    }

    /// <summary>Kontenbeschriftungen: one row per account of the chart.</summary>
    public static string AccountNames(DatevHeader header, IEnumerable<Account> accounts)
    {
        var text = new StringBuilder();
        text.Append(Header(header)).Append("\r\n");
        text.Append(string.Join(';', AccountNameColumns)).Append("\r\n");
        foreach (var a in accounts.OrderBy(a => a.Number, StringComparer.Ordinal))
            text.Append(a.Number).Append(';').Append(Quote(Cut(a.Name, 40))).Append(';').Append(Quote("de-DE")).Append(';')
                .Append(Quote(Cut(a.Name, 300))).Append("\r\n");
        return text.ToString();
    }

    /// <summary>Text in double quotes, inner quotes doubled, no ; ambiguity.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>Windows-1252, as DATEV reads EXTF files by default; characters it lacks become '?'.</summary>
    public static byte[] Encode(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }
}
