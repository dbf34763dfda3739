using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Documents;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Functions.Auth;

namespace ValeoErp.Functions.Http;

/// <summary>The PDF of a document as the customer (or the farmer, for a Gutschrift) receives it.</summary>
public static class DocumentPrints
{
    public static RouteGroupBuilder MapPdf(this RouteGroupBuilder group, DocumentKind kind, string readScope)
    {
        group.MapGet("{id}/pdf", async (string id, DocumentQueries queries, CompanyProfiles profiles, MasterData data, Ledger ledger,
                IConfiguration configuration, HttpContext http, CancellationToken ct) =>
            {
                if (await queries.Get(kind, id, ct) is not { IsSuccess: true } found) return Problems.From(new NotFound(DocumentStore.Describe(kind), id));
                var document = found.Value.Value;
                if (document.Number is null)
                    return Problems.From(new RuleBroken("document-not-posted", "A document is printed with its number: post it first."));
                if (document.Kind == DocumentKind.PurchaseInvoice && !document.SelfBilled)
                    return Problems.From(new RuleBroken("not-issued", "A supplier's invoice is theirs; only a self-billed credit note (Gutschrift) is printed here."));
                if (await profiles.Get(ct) is not { } company)
                    return Problems.From(new RuleBroken("company-profile-missing", "Set the company profile (PUT /api/v1/settings/company) to print documents."));
                var partner = await data.Get(kind.IsPurchase() ? PartnerResource.Suppliers : PartnerResource.Customers, document.PartnerId, ct);
                if (!partner.IsSuccess) return Problems.From(partner.Error!);
                (string, NodaTime.LocalDate)? corrected = null;
                if (document.Kind == DocumentKind.SalesCreditNote && document.OriginId is { } origin
                    && await DocumentStore.Load(ledger, origin, ct) is { IsSuccess: true } invoice && invoice.Value.Value.Number is { } number)
                    corrected = (number, invoice.Value.Value.DocumentDate);
                var verifyBase = configuration["Documents:PublicBaseUrl"] ?? $"{http.Request.Scheme}://{http.Request.Host}";
                var url = document.VerificationCode is { } code ? $"{verifyBase.TrimEnd('/')}/api/v1/verify/{code}" : null;
                var pdf = PdfRenderer.Render(PrintMapping.From(document, company.Value, partner.Value.Value, url, corrected));
                return Results.File(pdf, "application/pdf", $"{document.Number}.pdf");
            })
            .WithName($"Get{Contract.Pascal(DocumentStore.Describe(kind))}Pdf")
            .WithSummary("The document as PDF: §14 UStG details, German formats, paginated; issued documents carry the verification QR code")
            .RequireScope(readScope).Produces<byte[]>(StatusCodes.Status200OK, "application/pdf").NotFound()
            .Conflicts("document-not-posted", "not-issued", "company-profile-missing");
        return group;
    }
}
