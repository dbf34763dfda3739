using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Functions.Http;

/// <summary>
/// Every list resource as a file for a spreadsheet: <c>Accept: text/csv</c> or <c>?format=csv</c> gives CSV the way
/// German Excel reads it (UTF-8 with BOM, ';', decimal comma, dates 02.03.2026), <c>?format=xlsx</c> an Excel workbook
/// with real numbers and dates. The same filters as the list; every page is fetched (at most 100,000 rows). German
/// column names; nested objects become "Adresse Straße" columns, lists their JSON text.
/// </summary>
/// <summary>Marks a list that can be downloaded whole as CSV or XLSX; the OpenAPI document gets its format parameter.</summary>
public sealed record ExportableList(string FileName);

public static partial class ListExports
{
    public const string Csv = "text/csv", Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int MaxRows = 100_000;

    public static RouteHandlerBuilder Exportable(this RouteHandlerBuilder builder, string fileName)
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (Format(http.Request) is not { } format) return await next(context);
            var parameters = http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
            var limit = Array.FindIndex(parameters, p => p.Name == "limit");
            var continuation = Array.FindIndex(parameters, p => p.Name == "continuation");
            var rows = new List<JsonElement>();
            string? next_ = null;
            do
            {
                if (limit >= 0) context.Arguments[limit] = (int?)Paging.MaxLimit;
                if (continuation >= 0) context.Arguments[continuation] = next_;
                var result = await next(context);
                if (result is not IValueHttpResult { Value: { } value } || Page(value) is not var (items, more)) return result;
                rows.AddRange(items);
                next_ = continuation >= 0 ? more : null;
                if (rows.Count > MaxRows)
                    return Problems.Problem(StatusCodes.Status422UnprocessableEntity, "export-too-large", "Export too large",
                        $"More than {MaxRows:N0} rows: narrow the list with its filters.");
            } while (next_ is not null);
            var table = Table.From(rows);
            return format == Xlsx
                ? Results.File(table.Xlsx(), Xlsx, $"{fileName}.xlsx")
                : Results.File(table.Csv(), $"{Csv}; charset=utf-8", $"{fileName}.csv");
        });
        // The OpenAPI document adds the two file types to the list's 200 answer (ContractDocument).
        return builder.ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithMetadata(new ExportableList(fileName));
    }

    private static string? Format(HttpRequest request)
    {
        var format = request.Query["format"].ToString();
        if (format.Equals("xlsx", StringComparison.OrdinalIgnoreCase)) return Xlsx;
        if (format.Equals("csv", StringComparison.OrdinalIgnoreCase)) return Csv;
        return request.Headers.Accept.ToString().Contains(Csv, StringComparison.OrdinalIgnoreCase) ? Csv : null;
    }

    /// <summary>The items and continuation of a list answer, as JSON the way the API writes them.</summary>
    private static (List<JsonElement> Items, string? Continuation)? Page(object value)
    {
        var json = JsonSerializer.SerializeToElement(value, value.GetType(), ValeoJson.Options);
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array) return null;
        var continuation = json.TryGetProperty("continuation", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return ([.. items.EnumerateArray()], continuation);
    }

    private sealed class Table
    {
        private readonly List<string> _columns = [];
        private readonly List<Dictionary<string, JsonElement>> _rows = [];

        public static Table From(IEnumerable<JsonElement> items)
        {
            var table = new Table();
            foreach (var item in items)
            {
                var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                Flatten(item, "", row);
                foreach (var key in row.Keys.Where(k => !table._columns.Contains(k))) table._columns.Add(key);
                table._rows.Add(row);
            }
            return table;
        }

        private static void Flatten(JsonElement value, string prefix, Dictionary<string, JsonElement> row)
        {
            if (value.ValueKind == JsonValueKind.Object && (prefix.Length == 0 || prefix.Count(c => c == '.') < 1))
                foreach (var p in value.EnumerateObject()) Flatten(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}", row);
            else row[prefix] = value;
        }

        private static string Heading(string key) => string.Join(" ", key.Split('.').Select(k => Names.GetValueOrDefault(k, k)));

        public byte[] Csv()
        {
            var text = new StringBuilder();
            text.Append(string.Join(';', _columns.Select(c => Quote(Heading(c))))).Append("\r\n");
            foreach (var row in _rows)
                text.Append(string.Join(';', _columns.Select(c => row.TryGetValue(c, out var v) ? CsvValue(v) : ""))).Append("\r\n");
            return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
        }

        private static string CsvValue(JsonElement v) => v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDecimal().ToString(CultureInfo.InvariantCulture).Replace('.', ','),
            JsonValueKind.True => "ja",
            JsonValueKind.False => "nein",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            JsonValueKind.String when IsoDate(v.GetString()!) is { } date => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            JsonValueKind.String => Quote(v.GetString()!),
            _ => Quote(v.GetRawText()),
        };

        private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

        private static DateTime? IsoDate(string text) =>
            DateOnlyPattern().IsMatch(text) && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

        public byte[] Xlsx()
        {
            using var stream = new MemoryStream();
            using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                workbook.Workbook = new Workbook();
                var styles = workbook.AddNewPart<WorkbookStylesPart>();
                // Style 1: a date (built-in format 14, shown as 02.03.2026 by a German Excel); style 2: the bold heading.
                styles.Stylesheet = new Stylesheet(
                    new Fonts(new Font(), new Font(new Bold())),
                    new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                    new Borders(new Border()),
                    new CellFormats(
                        new CellFormat(),
                        new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                        new CellFormat { FontId = 1, ApplyFont = true }));
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(new Row(_columns.Select(c => Text(Heading(c), style: 2))));
                foreach (var row in _rows)
                    data.Append(new Row(_columns.Select(c => row.TryGetValue(c, out var v) ? Cell(v) : new Cell())));
                sheetPart.Worksheet = new Worksheet(
                    new Columns(_columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Clamp(Heading(c).Length + 4, 10, 40), CustomWidth = true })),
                    data);
                workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Liste" }));
            }
            return stream.ToArray();
        }

        private static Cell Cell(JsonElement v) => v.ValueKind switch
        {
            JsonValueKind.Number => new Cell { CellValue = new CellValue(v.GetDecimal()), DataType = CellValues.Number },
            JsonValueKind.True or JsonValueKind.False => new Cell { CellValue = new CellValue(v.GetBoolean()), DataType = CellValues.Boolean },
            JsonValueKind.Null or JsonValueKind.Undefined => new Cell(),
            JsonValueKind.String when IsoDate(v.GetString()!) is { } date =>
                new Cell { CellValue = new CellValue(date.ToOADate().ToString(CultureInfo.InvariantCulture)), StyleIndex = 1 },
            JsonValueKind.String => Text(v.GetString()!),
            _ => Text(v.GetRawText()),
        };

        private static Cell Text(string text, uint style = 0) =>
            new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DateOnlyPattern();

    /// <summary>German column names for the API's property names (others keep theirs).</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["id"] = "ID", ["number"] = "Nummer", ["name"] = "Name", ["ean"] = "EAN", ["unit"] = "Einheit", ["category"] = "Warengruppe",
        ["vatCategory"] = "Steuerkategorie", ["salesPrice"] = "Verkaufspreis", ["purchasePrice"] = "Einkaufspreis", ["compliance"] = "Vorgaben",
        ["nutrients"] = "Nährstoffe", ["lotTracking"] = "Chargenpflicht", ["allowNegativeStock"] = "Negativbestand erlaubt",
        ["minimumStock"] = "Meldebestand", ["lotSize"] = "Bestellmenge", ["preferredSupplierId"] = "Bevorzugter Lieferant",
        ["roles"] = "Rollen", ["address"] = "Adresse", ["street"] = "Straße", ["postalCode"] = "PLZ", ["city"] = "Ort", ["country"] = "Land",
        ["vatId"] = "USt-IdNr.", ["taxNumber"] = "Steuernummer", ["email"] = "E-Mail", ["phone"] = "Telefon", ["taxTreatment"] = "Besteuerung",
        ["paymentTerms"] = "Zahlungsbedingungen", ["netDays"] = "Zahlungsziel (Tage)", ["discountDays"] = "Skontofrist (Tage)",
        ["discountPercent"] = "Skonto %", ["eInvoiceAddress"] = "E-Rechnungsadresse", ["bankAccount"] = "Bankverbindung", ["iban"] = "IBAN",
        ["bic"] = "BIC", ["buyerReference"] = "Leitweg-ID", ["eInvoiceFormat"] = "E-Rechnungsformat", ["debtorAccount"] = "Debitorenkonto",
        ["creditorAccount"] = "Kreditorenkonto", ["type"] = "Typ", ["kind"] = "Art", ["partnerId"] = "Partner-ID", ["partnerNumber"] = "Partnernummer",
        ["partnerName"] = "Partner", ["customerId"] = "Kunden-ID", ["supplierId"] = "Lieferanten-ID", ["documentDate"] = "Belegdatum",
        ["quoteDate"] = "Angebotsdatum", ["orderDate"] = "Auftragsdatum", ["invoiceDate"] = "Rechnungsdatum", ["deliveryDate"] = "Lieferdatum",
        ["lines"] = "Positionen", ["netTotal"] = "Netto", ["taxTotal"] = "USt", ["grossTotal"] = "Brutto", ["taxBreakdown"] = "Steuersätze",
        ["status"] = "Status", ["createdBy"] = "Erfasst von", ["history"] = "Verlauf", ["selfBilled"] = "Gutschriftsverfahren",
        ["dueDate"] = "Fällig am", ["discountDate"] = "Skonto bis", ["openItemId"] = "OP-ID", ["journalEntryId"] = "Buchungs-ID",
        ["warehouseId"] = "Lager-ID", ["externalReference"] = "Fremdbelegnummer", ["originId"] = "Herkunft", ["year"] = "Jahr",
        ["date"] = "Datum", ["documentNumber"] = "Belegnummer", ["documentId"] = "Beleg-ID", ["description"] = "Text", ["postedBy"] = "Gebucht von",
        ["postedAt"] = "Gebucht am", ["reversalOf"] = "Storno von", ["reversedBy"] = "Storniert durch", ["debitTotal"] = "Soll", ["creditTotal"] = "Haben",
        ["side"] = "Seite", ["amount"] = "Betrag", ["openAmount"] = "Offen", ["isOpen"] = "Offen?", ["articleId"] = "Artikel-ID", ["quantity"] = "Menge",
        ["reason"] = "Grund", ["by"] = "Von", ["at"] = "Zeitpunkt", ["sequence"] = "Nr.", ["actor"] = "Benutzer", ["action"] = "Aktion",
        ["entityType"] = "Objektart", ["entityId"] = "Objekt-ID", ["before"] = "Vorher", ["after"] = "Nachher", ["correlationId"] = "Vorgang",
        ["code"] = "Kürzel", ["isDefault"] = "Standard", ["position"] = "Funktion",
    };
}
