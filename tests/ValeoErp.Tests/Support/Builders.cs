using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Tests.Support;

/// <summary>Test data builders: <c>ADocument().WithLine(...).Build()</c>.</summary>
public sealed class DocumentBuilder
{
    private readonly List<DocumentLine> _lines = [];
    private DocumentKind _kind = DocumentKind.SalesInvoice;
    private TaxTreatment _treatment = TaxTreatment.Domestic;
    private LocalDate _date = new(2026, 3, 2);
    private string _number = "RE-2026-000001";

    public static DocumentBuilder ADocument() => new();

    public DocumentBuilder Kind(DocumentKind kind) { _kind = kind; return this; }
    public DocumentBuilder FlatRateFarmer() { _treatment = TaxTreatment.FlatRateFarmer; return this; }
    public DocumentBuilder Dated(LocalDate date) { _date = date; return this; }

    public DocumentBuilder WithLine(decimal quantity, decimal price, VatRateCode code = VatRateCode.Standard, decimal? rate = null)
    {
        var percent = rate ?? code switch { VatRateCode.Standard => 19m, VatRateCode.Reduced => 7m, _ => 0m };
        _lines.Add(new DocumentLine(_lines.Count + 1, "a", "A-1", "Artikel", ArticleUnit.Piece, quantity, price, code, percent,
            Totals.LineNet(quantity, price)));
        return this;
    }

    public TradeDocument Build()
    {
        var partner = new Partner
        {
            Id = "p1", Number = 1, Roles = [PartnerRole.Customer], Name = "Hof Test", TaxTreatment = _treatment,
            Address = new Address("Weg 1", "26655", "Westerstede", "DE"), PaymentTerms = new PaymentTerms(30, 14, 2m),
        };
        return TradeDocument.Draft("d1", _kind, partner, _date, _date, _lines, "creator", Instant.FromUtc(2026, 3, 2, 8, 0))
            .Numbered(_number);
    }
}
