using System.Globalization;
using System.Text;
using NodaTime;

namespace ValeoErp.Domain.Finance;

/// <summary>One row of a DATEV Buchungsstapel: the amount always positive, S/H for <see cref="Account"/>.</summary>
public sealed record DatevBooking(decimal Amount, char Side, string Account, string ContraAccount, string? TaxKey,
    LocalDate DocumentDate, string DocumentField1, string Text, string? EuVatId = null);

/// <summary>A customer's or supplier's personal account as Debitoren/Kreditoren lists it.</summary>
public sealed record DatevPartner(string Account, string Name, string? VatId, string Street, string PostalCode, string City, string Country);

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

    public const int PartnersCategory = 16, PartnersVersion = 5;

    /// <summary>Line 2 of Debitoren/Kreditoren, format version 5: 254 columns in the spelling of DATEV's sample file.</summary>
    public static IReadOnlyList<string> PartnerColumns { get; } = PartnerColumnNames.Split(';');

    private const string PartnerColumnNames = "Konto;Name (Adressattyp Unternehmen);Unternehmensgegenstand;Name (Adressattyp natürl. Person);Vorname (Adressattyp natürl. Person);Name (Adressattyp keine Angabe);Adressattyp;Kurzbezeichnung;EU-Land;EU-UStID;Anrede;Titel/Akad. Grad;Adelstitel;Namensvorsatz;Adressart;Straße;Postfach;Postleitzahl;Ort;Land;Versandzusatz;Adresszusatz;Abweichende Anrede;Abw. Zustellbezeichnung 1;Abw. Zustellbezeichnung 2;Kennz. Korrespondenzadresse;Adresse Gültig von;Adresse Gültig bis;Telefon;Bemerkung (Telefon);Telefon GL;Bemerkung (Telefon GL);E-Mail;Bemerkung (E-Mail);Internet;Bemerkung (Internet);Fax;Bemerkung (Fax);Sonstige;Bemerkung (Sonstige);Bankleitzahl 1;Bankbezeichnung 1;Bank-Kontonummer 1;Länderkennzeichen 1;IBAN-Nr. 1;Leerfeld;SWIFT-Code 1;Abw. Kontoinhaber 1;Kennz. Hauptbankverb. 1;Bankverb 1 Gültig von;Bankverb 1 Gültig bis;Bankleitzahl 2;Bankbezeichnung 2;Bank-Kontonummer 2;Länderkennzeichen 2;IBAN-Nr. 2;Leerfeld;SWIFT-Code 2;Abw. Kontoinhaber 2;Kennz. Hauptbankverb. 2;Bankverb 2 Gültig von;Bankverb 2 Gültig bis;Bankleitzahl 3;Bankbezeichnung 3;Bank-Kontonummer 3;Länderkennzeichen 3;IBAN-Nr. 3;Leerfeld;SWIFT-Code 3;Abw. Kontoinhaber 3;Kennz. Hauptbankverb. 3;Bankverb 3 Gültig von;Bankverb 3 Gültig bis;Bankleitzahl 4;Bankbezeichnung 4;Bank-Kontonummer 4;Länderkennzeichen 4;IBAN-Nr. 4;Leerfeld;SWIFT-Code 4;Abw. Kontoinhaber 4;Kennz. Hauptbankverb. 4;Bankverb 4 Gültig von;Bankverb 4 Gültig bis;Bankleitzahl 5;Bankbezeichnung 5;Bank-Kontonummer 5;Länderkennzeichen 5;IBAN-Nr. 5;Leerfeld;SWIFT-Code 5;Abw. Kontoinhaber 5;Kennz. Hauptbankverb. 5;Bankverb 5 Gültig von;Bankverb 5 Gültig bis;Leerfeld;Briefanrede;Grußformel;Kunden-/Lief.-Nr.;Steuernummer;Sprache;Ansprechpartner;Vertreter;Sachbearbeiter;Diverse-Konto;Ausgabeziel;Währungssteuerung;Kreditlimit (Debitor);Zahlungsbedingung;Fälligkeit in Tagen (Debitor);Skonto in Prozent (Debitor);Kreditoren-Ziel 1 Tg.;Kreditoren-Skonto 1 %;Kreditoren-Ziel 2 Tg.;Kreditoren-Skonto 2 %;Kreditoren-Ziel 3 Brutto Tg.;Kreditoren-Ziel 4 Tg.;Kreditoren-Skonto 4 %;Kreditoren-Ziel 5 Tg.;Kreditoren-Skonto 5 %;Mahnung;Kontoauszug;Mahntext 1;Mahntext 2;Mahntext 3;Kontoauszugstext;Mahnlimit Betrag;Mahnlimit %;Zinsberechnung;Mahnzinssatz 1;Mahnzinssatz 2;Mahnzinssatz 3;Lastschrift;Leerfeld;Mandantenbank;Zahlungsträger;Indiv. Feld 1;Indiv. Feld 2;Indiv. Feld 3;Indiv. Feld 4;Indiv. Feld 5;Indiv. Feld 6;Indiv. Feld 7;Indiv. Feld 8;Indiv. Feld 9;Indiv. Feld 10;Indiv. Feld 11;Indiv. Feld 12;Indiv. Feld 13;Indiv. Feld 14;Indiv. Feld 15;Abweichende Anrede (Rechnungsadresse);Adressart (Rechnungsadresse);Straße (Rechnungsadresse);Postfach (Rechnungsadresse);Postleitzahl (Rechnungsadresse);Ort (Rechnungsadresse);Land (Rechnungsadresse);Versandzusatz (Rechnungsadresse);Adresszusatz (Rechnungsadresse);Abw. Zustellbezeichnung 1 (Rechnungsadresse);Abw. Zustellbezeichnung 2 (Rechnungsadresse);Adresse Gültig von (Rechnungsadresse);Adresse Gültig bis (Rechnungsadresse);Bankleitzahl 6;Bankbezeichnung 6;Bank-Kontonummer 6;Länderkennzeichen 6;IBAN-Nr. 6;Leerfeld;SWIFT-Code 6;Abw. Kontoinhaber 6;Kennz. Hauptbankverb. 6;Bankverb 6 Gültig von;Bankverb 6 Gültig bis;Bankleitzahl 7;Bankbezeichnung 7;Bank-Kontonummer 7;Länderkennzeichen 7;IBAN-Nr. 7;Leerfeld;SWIFT-Code 7;Abw. Kontoinhaber 7;Kennz. Hauptbankverb. 7;Bankverb 7 Gültig von;Bankverb 7 Gültig bis;Bankleitzahl 8;Bankbezeichnung 8;Bank-Kontonummer 8;Länderkennzeichen 8;IBAN-Nr. 8;Leerfeld;SWIFT-Code 8;Abw. Kontoinhaber 8;Kennz. Hauptbankverb. 8;Bankverb 8 Gültig von;Bankverb 8 Gültig bis;Bankleitzahl 9;Bankbezeichnung 9;Bank-Kontonummer 9;Länderkennzeichen 9;IBAN-Nr. 9;Leerfeld;SWIFT-Code 9;Abw. Kontoinhaber 9;Kennz. Hauptbankverb. 9;Bankverb 9 Gültig von;Bankverb 9 Gültig bis;Bankleitzahl 10;Bankbezeichnung 10;Bank-Kontonummer 10;Länderkennzeichen 10;IBAN-Nr. 10;Leerfeld;SWIFT-Code 10;Abw. Kontoinhaber 10;Kennz. Hauptbankverb. 10;Bankverb 10 Gültig von;Bankverb 10 Gültig bis;Nummer Fremdsystem;Insolvent;SEPA-Mandatsreferenz 1;SEPA-Mandatsreferenz 2;SEPA-Mandatsreferenz 3;SEPA-Mandatsreferenz 4;SEPA-Mandatsreferenz 5;SEPA-Mandatsreferenz 6;SEPA-Mandatsreferenz 7;SEPA-Mandatsreferenz 8;SEPA-Mandatsreferenz 9;SEPA-Mandatsreferenz 10;Verknüpftes OPOS-Konto;Mahnsperre bis;Lastschriftsperre bis;Zahlungssperre bis;Gebührenberechnung;Mahngebühr 1;Mahngebühr 2;Mahngebühr 3;Pauschalenberechnung;Verzugspauschale 1;Verzugspauschale 2;Verzugspauschale 3;Alternativer Suchname;Status;Anschrift manuell geändert (Korrespondenzadresse);Anschrift individuell (Korrespondenzadresse);Anschrift manuell geändert (Rechnungsadresse);Anschrift individuell (Rechnungsadresse);Fristberechnung bei Debitor;Mahnfrist 1;Mahnfrist 2;Mahnfrist 3;Letzte Frist";

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
            "Erlöskonto (Anzahlungen)", "Herkunft-Kz", "Buchungs GUID", "KOST-Datum", "SEPA-Mandatsreferenz", "Skontosperre", "Gesellschaftername",
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

    /// <summary>
    /// Debitoren/Kreditoren: one row per personal account (a farmer who buys and sells has both), the company as
    /// address type 2, the VAT id split into country and number as DATEV keeps them.
    /// </summary>
    public static string Partners(DatevHeader header, IEnumerable<DatevPartner> partners)
    {
        var text = new StringBuilder();
        text.Append(Header(header)).Append("\r\n");
        text.Append(string.Join(';', PartnerColumns)).Append("\r\n");
        foreach (var p in partners.OrderBy(p => p.Account, StringComparer.Ordinal))
        {
            var fields = new string?[PartnerColumns.Count];
            fields[0] = p.Account;
            fields[1] = Quote(Cut(p.Name, 50));
            fields[6] = Quote("2");
            fields[7] = Quote(Cut(p.Name, 15));
            if (p.VatId is { Length: > 2 } vat)
            {
                fields[8] = Quote(vat[..2]);
                fields[9] = Quote(Cut(vat[2..], 13));
            }
            fields[14] = Quote("STR");
            fields[15] = Quote(Cut(p.Street, 36));
            fields[17] = Quote(Cut(p.PostalCode, 10));
            fields[18] = Quote(Cut(p.City, 30));
            fields[19] = Quote(p.Country == "DE" ? "" : p.Country);
            text.Append(string.Join(';', fields.Select(f => f ?? ""))).Append("\r\n");
        }
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
