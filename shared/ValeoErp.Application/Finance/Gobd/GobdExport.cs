using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Finance.Gobd;

/// <summary>
/// The data an auditor asks for (GoBD Datenträgerüberlassung, GET /api/v1/exports/gobd): one zip with index.xml in
/// the GDPdU description standard, its DTD beside it, and the CSV tables it describes for a period - accounts,
/// journal lines, partners, documents with their lines, open items and the audit log. Written by hand: no served
/// library writes the description standard.
/// </summary>
public sealed class GobdExport(Ledger ledger, Journal journal, CompanyProfiles profiles, IRecordStore store)
{
    public const string Dtd = "gdpdu-01-09-2004.dtd";
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public async Task<Result<ExportFile>> Export(string? from, string? to, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var start = Orders.ParseDate(errors, "from", from, required: true);
        var end = Orders.ParseDate(errors, "to", to, required: true);
        if (start is { } s && end is { } e)
        {
            if (e < s) errors.Add("to", "must not be before from.");
            else if (e.Year - s.Year > 10) errors.Add("to", "an export covers at most ten fiscal years.");
        }
        if (errors.Any) return errors.ToError();
        var (first, last) = (start!.Value, end!.Value);
        bool InPeriod(LocalDate date) => date >= first && date <= last;

        var accounts = new GobdTable("sachkonten.csv", "Sachkonten", "Kontenplan (SKR03) des Mandanten",
        [
            new("Konto", "Kontonummer", GobdType.Text, Key: true), new("Bezeichnung", "Kontobezeichnung", GobdType.Text),
            new("Kontoart", "Aktiv, Passiv, Ertrag, Aufwand, Steuer, Eigenkapital", GobdType.Text),
            new("Automatikkonto", "J: DATEV-Automatikkonto (Umsatzsteuer aus dem Konto)", GobdType.Text),
        ]);
        foreach (var a in (await ledger.All<Account>(Scope.Master, AccountResource.Instance.RecordType, ct)).OrderBy(a => a.Number, StringComparer.Ordinal))
            accounts.Add(a.Number, a.Name, a.Kind.ToString(), a.AutomaticVat ? "J" : "N");

        var partners = new GobdTable("geschaeftspartner.csv", "Geschaeftspartner", "Kunden und Lieferanten",
        [
            new("PartnerId", "Interne Kennung", GobdType.Text, Key: true), new("Nummer", "Partnernummer", GobdType.Number),
            new("Name", "Name", GobdType.Text), new("Strasse", "Straße", GobdType.Text), new("PLZ", "Postleitzahl", GobdType.Text),
            new("Ort", "Ort", GobdType.Text), new("Land", "Land (ISO 3166)", GobdType.Text), new("UStIdNr", "Umsatzsteuer-Identifikationsnummer", GobdType.Text),
            new("Steuernummer", "Steuernummer", GobdType.Text), new("Rollen", "Kunde, Lieferant", GobdType.Text),
            new("Debitorenkonto", "Personenkonto als Kunde", GobdType.Number), new("Kreditorenkonto", "Personenkonto als Lieferant", GobdType.Number),
        ]);
        foreach (var p in (await ledger.All<Partner>(Scope.Master, PartnerResource.Customers.RecordType, ct)).OrderBy(p => p.Number))
            partners.Add(p.Id, p.Number, p.Name, p.Address.Street, p.Address.PostalCode, p.Address.City, p.Address.Country, p.VatId, p.TaxNumber,
                string.Join(", ", p.Roles), p.DebtorAccount, p.CreditorAccount);

        var bookings = new GobdTable("buchungen.csv", "Buchungen", "Journal: jede Zeile einer Buchung mit Soll oder Haben",
        [
            new("BuchungId", "Kennung der Buchung", GobdType.Text, Key: true), new("Zeile", "Zeile der Buchung", GobdType.Number, Key: true),
            new("Buchungsdatum", "Datum", GobdType.Date), new("Belegnummer", "Belegnummer", GobdType.Text), new("BelegId", "Kennung des Belegs", GobdType.Text),
            new("Buchungstext", "Buchungstext", GobdType.Text), new("Konto", "Konto", GobdType.Text), new("Soll", "Betrag im Soll (EUR)", GobdType.Number, 2),
            new("Haben", "Betrag im Haben (EUR)", GobdType.Number, 2), new("Steuercode", "Steuerschlüssel der Zeile", GobdType.Text),
            new("ErfasstVon", "Benutzer", GobdType.Text), new("ErfasstAm", "Zeitpunkt der Buchung (UTC, ISO 8601)", GobdType.Text),
            new("StornoVon", "Kennung der stornierten Buchung", GobdType.Text),
        ], [("Konto", "Sachkonten")]);
        string? continuation = null;
        do
        {
            var page = await journal.List($"{first:yyyy-MM-dd}", $"{last:yyyy-MM-dd}", 500, continuation, ct);
            if (!page.IsSuccess) return page.Error!;
            foreach (var entry in page.Value.Items)
                for (var i = 0; i < entry.Lines.Count; i++)
                {
                    var line = entry.Lines[i];
                    bookings.Add(entry.Id, i + 1, entry.Date, entry.DocumentNumber, entry.DocumentId, entry.Description, line.Account,
                        line.Debit, line.Credit, line.TaxCode, entry.PostedBy, entry.PostedAt.ToString(), entry.ReversalOf);
                }
            continuation = page.Value.Continuation;
        } while (continuation is not null);

        var documents = new GobdTable("belege.csv", "Belege", "Angebote, Aufträge, Lieferscheine, Rechnungen, Gutschriften, Bestellungen, Wareneingänge",
        [
            new("BelegId", "Kennung des Belegs", GobdType.Text, Key: true), new("Belegart", "Art", GobdType.Text), new("Belegnummer", "Nummer", GobdType.Text),
            new("Belegdatum", "Datum", GobdType.Date), new("Leistungsdatum", "Liefer- oder Leistungsdatum", GobdType.Date),
            new("PartnerId", "Kunde oder Lieferant", GobdType.Text), new("Status", "Status", GobdType.Text),
            new("Netto", "Nettobetrag (EUR)", GobdType.Number, 2), new("Steuer", "Umsatzsteuer (EUR)", GobdType.Number, 2),
            new("Brutto", "Bruttobetrag (EUR)", GobdType.Number, 2), new("Gutschriftsverfahren", "J: Gutschrift nach §14 (2) UStG", GobdType.Text),
            new("BuchungId", "Buchung des Belegs", GobdType.Text),
        ], [("PartnerId", "Geschaeftspartner")]);
        var lines = new GobdTable("belegpositionen.csv", "Belegpositionen", "Positionen der Belege",
        [
            new("BelegId", "Kennung des Belegs", GobdType.Text, Key: true), new("Position", "Positionsnummer", GobdType.Number, Key: true),
            new("ArtikelId", "Artikel", GobdType.Text), new("Beschreibung", "Text der Position", GobdType.Text),
            new("Menge", "Menge", GobdType.Number, 3), new("Einheit", "Einheit", GobdType.Text), new("Einzelpreis", "Nettopreis je Einheit (EUR)", GobdType.Number, 4),
            new("Steuersatz", "Umsatzsteuersatz (%)", GobdType.Number, 2), new("Netto", "Nettobetrag der Position (EUR)", GobdType.Number, 2),
        ], [("BelegId", "Belege")]);
        var openItems = new GobdTable("offene_posten.csv", "OffenePosten", "Forderungen und Verbindlichkeiten mit Zahlungen",
        [
            new("OpId", "Kennung", GobdType.Text, Key: true), new("Art", "Forderung oder Verbindlichkeit", GobdType.Text),
            new("PartnerId", "Kunde oder Lieferant", GobdType.Text), new("BelegId", "Beleg", GobdType.Text), new("Belegnummer", "Belegnummer", GobdType.Text),
            new("Belegdatum", "Belegdatum", GobdType.Date), new("Faellig", "Fälligkeit", GobdType.Date), new("Betrag", "Betrag (EUR)", GobdType.Number, 2),
            new("Offen", "Offener Betrag (EUR)", GobdType.Number, 2),
        ], [("PartnerId", "Geschaeftspartner")]);
        for (var year = first.Year; year <= last.Year; year++)
        {
            foreach (var d in (await ledger.All<TradeDocument>(Scope.Year(year), DocumentStore.Type, ct))
                         .Where(d => InPeriod(d.DocumentDate)).OrderBy(d => d.DocumentDate).ThenBy(d => d.Id, StringComparer.Ordinal))
            {
                documents.Add(d.Id, DocumentStore.KindLabel(d.Kind), d.Number, d.DocumentDate, d.DeliveryDate, d.PartnerId, d.Status.ToString(),
                    d.NetTotal, d.TaxTotal, d.GrossTotal, d.SelfBilled ? "J" : "N", d.JournalEntryId);
                foreach (var l in d.Lines)
                    lines.Add(d.Id, l.LineNo, l.ArticleId, l.Description, l.Quantity, l.Unit.ToString(), l.UnitPrice, l.Rate, l.Net);
            }
            foreach (var o in (await ledger.All<OpenItem>(Scope.Year(year), Books.OpenItemType, ct)).Where(o => InPeriod(o.DocumentDate)).OrderBy(o => o.DocumentDate))
                openItems.Add(o.Id, o.Side.ToString(), o.PartnerId, o.DocumentId, o.DocumentNumber, o.DocumentDate, o.DueDate, o.Amount, o.OpenAmount);
        }

        var audit = new GobdTable("protokoll.csv", "Protokoll", "Änderungsprotokoll (wer, wann, was, vorher, nachher)",
        [
            new("Sequenz", "Laufende Nummer", GobdType.Number, Key: true), new("Zeitpunkt", "Zeitpunkt (UTC, ISO 8601)", GobdType.Text),
            new("Benutzer", "Benutzer", GobdType.Text), new("Aktion", "Aktion", GobdType.Text), new("Objektart", "Art des Datensatzes", GobdType.Text),
            new("ObjektId", "Kennung des Datensatzes", GobdType.Text), new("Vorher", "Zustand vorher (JSON)", GobdType.Text),
            new("Nachher", "Zustand nachher (JSON)", GobdType.Text), new("Korrelation", "Kennung des Vorgangs", GobdType.Text),
        ]);
        continuation = null;
        var erased = await Privacy.DataSubjectErasure.Erased(ledger, ct); // as the audit log view shows them
        do
        {
            var page = await store.ListAudit(ledger.Tenant, null, 500, continuation, ct);
            foreach (var r in page.Items.Where(r => InPeriod(r.Entry.At.InZone(Berlin).Date)))
                audit.Add(r.Sequence, r.Entry.At.ToString(), r.Entry.Actor, r.Entry.Action, r.Entry.EntityType, r.Entry.EntityId,
                    Privacy.DataSubjectErasure.Redact(r.Entry.Before, erased), Privacy.DataSubjectErasure.Redact(r.Entry.After, erased), r.Entry.CorrelationId);
            continuation = page.Continuation;
        } while (continuation is not null);

        GobdTable[] tables = [accounts, partners, bookings, documents, lines, openItems, audit];
        var company = (await profiles.Get(ct))?.Value;
        var index = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XDocumentType("DataSet", null, Dtd, null),
            new XElement("DataSet",
                new XElement("Version", "1.0"),
                new XElement("DataSupplier",
                    new XElement("Name", company?.LegalName ?? ledger.Tenant.Value),
                    new XElement("Location", company is null ? "-" : $"{company.Address.Street}, {company.Address.PostalCode} {company.Address.City}"),
                    new XElement("Comment", $"VALEO ERP, Datenträgerüberlassung {first:dd.MM.yyyy} bis {last:dd.MM.yyyy}")),
                new XElement("Media",
                    new XElement("Name", "Datenträger 1"),
                    tables.Select(t => t.Describe(first, last)))));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            // A fixed time in every entry, so the same period gives the same archive.
            var stamp = new DateTimeOffset(last.Year, last.Month, last.Day, 0, 0, 0, TimeSpan.Zero);
            void Put(string name, byte[] bytes)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                using var target = entry.Open();
                target.Write(bytes);
            }
            Put("index.xml", IndexBytes(index));
            Put(Dtd, DtdBytes());
            foreach (var t in tables) Put(t.File, t.Csv());
        }
        return new ExportFile($"gobd_{first:yyyyMMdd}_{last:yyyyMMdd}.zip", "application/zip", zip.ToArray());
    }

    private static byte[] IndexBytes(XDocument index)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings
        {
            Encoding = new System.Text.UTF8Encoding(false), Indent = true, NewLineChars = "\r\n", NewLineHandling = NewLineHandling.Entitize,
        }))
            index.Save(writer);
        return buffer.ToArray();
    }

    public static byte[] DtdBytes()
    {
        using var resource = typeof(GobdExport).Assembly.GetManifestResourceStream(Dtd)
            ?? throw new InvalidOperationException($"{Dtd} is not embedded.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }
}
