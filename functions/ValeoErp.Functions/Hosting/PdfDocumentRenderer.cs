using ValeoErp.Application.Documents;
using ValeoErp.Documents;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Functions.Hosting;

/// <summary>
/// The PDF library behind <see cref="IDocumentRenderer"/>. The QR code leads to <c>Documents:PublicBaseUrl</c> (the
/// address customers reach: API Management in Azure); archived PDFs keep it, so set it before the first posting.
/// </summary>
public sealed class PdfDocumentRenderer(IConfiguration configuration) : IDocumentRenderer
{
    public const string BaseUrlSetting = "Documents:PublicBaseUrl";

    public byte[] Pdf(TradeDocument document, CompanyProfile company, Partner partner, (string Number, NodaTime.LocalDate Date)? corrected,
        byte[]? facturX = null)
    {
        var baseUrl = (configuration[BaseUrlSetting] ?? "http://localhost:7071").TrimEnd('/');
        var url = document.VerificationCode is { } code ? $"{baseUrl}/api/v1/verify/{code}" : null;
        return PdfRenderer.Render(PrintMapping.From(document, company, partner, url, corrected), facturX);
    }
}
