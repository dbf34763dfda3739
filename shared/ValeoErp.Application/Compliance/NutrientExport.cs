using System.Globalization;
using System.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Finance;
using ValeoErp.Application.Finance.Gobd;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Compliance;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Compliance;

/// <summary>
/// The delivered nutrients per farm and year (<c>GET /api/v1/exports/nutrients?year=</c>) for the farmer's fertiliser
/// filing (Lower Saxony ENNI and similar, due 31 March): every issued delivery note of the year with fertiliser on it,
/// summed per farm and article by <see cref="DeliveredNutrients"/>. Layout and its reasons: docs/adr/0017.
/// CSV as German Excel reads it (UTF-8 with BOM, ';', decimal comma, dd.MM.yyyy), written with the GoBD table writer.
/// </summary>
public sealed class NutrientExport(Ledger ledger, MasterData data)
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const string ArticleRow = "Artikel", FarmTotalRow = "Summe Betrieb", NotConvertedSection = "Nicht umgerechnet";

    public async Task<Result<ExportFile>> Export(string? year, string? partnerId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(year)) errors.Add("year", "is required (YYYY).");
        else if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
            errors.Add("year", "must be a year between 2000 and 2100.");
        if (errors.Any) return errors.ToError();
        var filingYear = int.Parse(year!, CultureInfo.InvariantCulture);
        Partner? only = null;
        if (!string.IsNullOrWhiteSpace(partnerId))
        {
            var found = await data.Get(PartnerResource.Customers, partnerId, ct);
            if (!found.IsSuccess) return found.Error!;
            only = found.Value.Value;
        }

        var statement = DeliveredNutrients.Sum(filingYear, await Lines(filingYear, only?.Id, ct));
        var farms = only is not null
            ? new Dictionary<string, Partner>(StringComparer.Ordinal) { [only.Id] = only }
            : (await ledger.All<Partner>(Scope.Master, PartnerResource.Customers.RecordType, ct)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var name = only is null ? $"Naehrstoffe_{filingYear}.csv" : $"Naehrstoffe_{filingYear}_{only.Number}.csv";
        return new ExportFile(name, ContentType, Csv(statement, farms));
    }

    /// <summary>The fertiliser lines of the year's issued delivery notes (delivery notes are final: there is no cancelled one).</summary>
    private async Task<List<DeliveredFertiliser>> Lines(int year, string? partnerId, CancellationToken ct)
    {
        var articles = (await ledger.All<Article>(Scope.Master, ArticleResource.Instance.RecordType, ct))
            .Where(a => a.Category == ArticleCategory.Fertiliser).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var label = partnerId is null ? DocumentStore.KindLabel(DocumentKind.DeliveryNote) : $"partner:{partnerId}";
        var notes = await ledger.All<TradeDocument>(Scope.Year(year), DocumentStore.Type, ct, label);
        return [.. notes
            .Where(d => d.Kind == DocumentKind.DeliveryNote && d.Status == DocumentStatus.Posted && d.DocumentDate.Year == year)
            .SelectMany(d => d.Lines.Where(l => articles.ContainsKey(l.ArticleId)).Select(l => (Note: d, Line: l, Article: articles[l.ArticleId])))
            .Select(x => new DeliveredFertiliser(x.Note.PartnerId, x.Note.Number ?? x.Note.Id, x.Note.DocumentDate, x.Line.LineNo, x.Article.Id,
                x.Article.Number, x.Article.Name, x.Line.Unit, x.Line.Quantity, x.Article.Nutrients))];
    }

    private static byte[] Csv(NutrientStatement statement, IReadOnlyDictionary<string, Partner> farms)
    {
        var table = new GobdTable("naehrstoffe.csv", "Nährstoffe", "Gelieferte Nährstoffe je Betrieb und Artikel",
        [
            new("Jahr", "Kalenderjahr der Lieferungen", GobdType.Number), new("Kundennummer", "Kundennummer des Betriebs", GobdType.Number),
            new("Betrieb", "Name des Betriebs", GobdType.Text), new("Anschrift", "Straße, PLZ Ort", GobdType.Text),
            new("Zeilenart", $"{ArticleRow} oder {FarmTotalRow}", GobdType.Text), new("Artikelnummer", "Artikelnummer", GobdType.Text),
            new("Artikel", "Artikelbezeichnung", GobdType.Text),
            new("N %", "Stickstoffgehalt in % der Masse", GobdType.Number, 2), new("P2O5 %", "Phosphatgehalt in % der Masse", GobdType.Number, 2),
            new("K2O %", "Kaliumoxidgehalt in % der Masse", GobdType.Number, 2),
            new("Menge kg", "Gelieferte Masse in kg", GobdType.Number, 2), new("N kg", "Stickstoff in kg", GobdType.Number, 2),
            new("P2O5 kg", "Phosphat in kg", GobdType.Number, 2), new("K2O kg", "Kaliumoxid in kg", GobdType.Number, 2),
            new("Lieferscheine", "Lieferscheinnummern, durch Komma getrennt", GobdType.Text),
        ]);
        foreach (var farm in statement.Farms.OrderBy(f => Number(farms, f.PartnerId)))
        {
            var (number, name, address) = Farm(farms, farm.PartnerId);
            foreach (var a in farm.Articles)
                table.Add(statement.Year, number, name, address, ArticleRow, a.ArticleNumber, a.Description, a.Content.N, a.Content.P2O5, a.Content.K2O,
                    a.Amounts.Kg, a.Amounts.N, a.Amounts.P2O5, a.Amounts.K2O, string.Join(", ", a.DeliveryNotes));
            table.Add(statement.Year, number, name, address, FarmTotalRow, null, FarmTotalRow, null, null, null,
                farm.Total.Kg, farm.Total.N, farm.Total.P2O5, farm.Total.K2O, string.Join(", ", farm.DeliveryNotes));
        }
        var bytes = new List<byte>(Encoding.UTF8.GetPreamble());
        bytes.AddRange(table.Csv());
        if (statement.NotConverted.Count > 0)
        {
            // Second section, after an empty line: lines the export could not turn into kg or nutrients, for the farmer to add by hand.
            var rest = new GobdTable("nicht-umgerechnet.csv", NotConvertedSection, "Lieferscheinzeilen ohne Umrechnung in kg",
            [
                new(NotConvertedSection, "Abschnitt", GobdType.Text), new("Kundennummer", "Kundennummer des Betriebs", GobdType.Number),
                new("Betrieb", "Name des Betriebs", GobdType.Text), new("Lieferschein", "Lieferscheinnummer", GobdType.Text),
                new("Datum", "Lieferdatum", GobdType.Date), new("Position", "Zeile des Lieferscheins", GobdType.Number),
                new("Artikelnummer", "Artikelnummer", GobdType.Text), new("Artikel", "Artikelbezeichnung", GobdType.Text),
                new("Menge", "Menge in der Einheit des Lieferscheins", GobdType.Number, 3), new("Einheit", "Einheit", GobdType.Text),
                new("Grund", "Warum nicht umgerechnet", GobdType.Text),
            ]);
            foreach (var u in statement.NotConverted)
            {
                var (number, name, _) = Farm(farms, u.Line.PartnerId);
                rest.Add(NotConvertedSection, number, name, u.Line.DeliveryNote, u.Line.Date, u.Line.LineNo, u.Line.ArticleNumber, u.Line.Description,
                    u.Line.Quantity, Unit(u.Line.Unit), u.Reason);
            }
            bytes.AddRange("\r\n"u8.ToArray());
            bytes.AddRange(rest.Csv());
        }
        return [.. bytes];
    }

    private static int Number(IReadOnlyDictionary<string, Partner> farms, string id) => farms.TryGetValue(id, out var p) ? p.Number : int.MaxValue;

    private static (int? Number, string Name, string Address) Farm(IReadOnlyDictionary<string, Partner> farms, string id) =>
        farms.TryGetValue(id, out var p)
            ? (p.Number, p.Name, $"{p.Address.Street}, {p.Address.PostalCode} {p.Address.City}{(p.Address.Country == "DE" ? "" : ", " + p.Address.Country)}")
            : (null, id, "");

    private static string Unit(ArticleUnit unit) => unit switch
    {
        ArticleUnit.T => "t", ArticleUnit.Kg => "kg", ArticleUnit.L => "l", ArticleUnit.Piece => "Stück", ArticleUnit.Sack => "Sack",
        _ => unit.ToString(),
    };
}
