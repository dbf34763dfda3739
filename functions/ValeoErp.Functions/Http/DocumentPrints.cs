using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Functions.Auth;

namespace ValeoErp.Functions.Http;

/// <summary>The PDF of a document as the customer (or the farmer, for a Gutschrift) receives it.</summary>
public static class DocumentPrints
{
    public static RouteGroupBuilder MapPdf(this RouteGroupBuilder group, DocumentKind kind, string readScope)
    {
        group.MapGet("{id}/pdf", async (string id, DocumentQueries queries, CompanyProfiles profiles, MasterData data,
                Application.EInvoicing.EInvoices einvoices, DocumentArchive archive, IDocumentRenderer renderer, CancellationToken ct) =>
            {
                if (await queries.Get(kind, id, ct) is not { IsSuccess: true } found) return Problems.From(new NotFound(DocumentStore.Describe(kind), id));
                var document = found.Value.Value;
                if (document.Archive?.FirstOrDefault(f => f.Kind == ArchivedFile.Pdf) is { } archived)
                    return await archive.Read(archived, ct) is { } bytes
                        ? Results.File(bytes, archived.ContentType, $"{document.Number}.pdf")
                        : Problems.From(new RuleBroken("archive-mismatch", $"The archived PDF of {document.Number} does not match its recorded SHA-256."));
                if (document.Number is null)
                    return Problems.From(new RuleBroken("document-not-posted", "A document is printed with its number: post it first."));
                if (document.Kind == DocumentKind.PurchaseInvoice && !document.SelfBilled)
                    return Problems.From(new RuleBroken("not-issued", "A supplier's invoice is theirs; only a self-billed credit note (Gutschrift) is printed here."));
                if (await profiles.Get(ct) is not { } company)
                    return Problems.From(new RuleBroken("company-profile-missing", "Set the company profile (PUT /api/v1/settings/company) to print documents."));
                var partner = await data.Get(kind.IsPurchase() ? PartnerResource.Suppliers : PartnerResource.Customers, document.PartnerId, ct);
                if (!partner.IsSuccess) return Problems.From(partner.Error!);
                var pdf = renderer.Pdf(document, company.Value, partner.Value.Value, await einvoices.Corrected(document, ct));
                return Results.File(pdf, "application/pdf", $"{document.Number}.pdf");
            })
            .WithName($"Get{Contract.Pascal(DocumentStore.Describe(kind))}Pdf")
            .WithSummary("The document as PDF: §14 UStG details, German formats, paginated; issued documents carry the verification QR code")
            .RequireScope(readScope).Produces<byte[]>(StatusCodes.Status200OK, "application/pdf").NotFound()
            .Conflicts("document-not-posted", "not-issued", "company-profile-missing", "archive-mismatch");
        return group;
    }

    /// <summary>ZUGFeRD/Factur-X (profile EN 16931): the PDF with its CII embedded as factur-x.xml, for posted issued documents.</summary>
    public static RouteGroupBuilder MapZugferd(this RouteGroupBuilder group, DocumentKind kind, string readScope)
    {
        group.MapGet("{id}/zugferd", async (string id, DocumentQueries queries, CompanyProfiles profiles, MasterData data,
                Application.EInvoicing.EInvoices einvoices, IDocumentRenderer renderer, CancellationToken ct) =>
            {
                if (await queries.Get(kind, id, ct) is not { IsSuccess: true } found) return Problems.From(new NotFound(DocumentStore.Describe(kind), id));
                var document = found.Value.Value;
                if (document.Status != DocumentStatus.Posted)
                    return Problems.From(new RuleBroken("document-not-posted", "An e-invoice exists once the document is posted (it needs its number)."));
                if (!Verification.IsIssued(document))
                    return Problems.From(new RuleBroken("not-issued", "A supplier's invoice is theirs; only a self-billed credit note (Gutschrift) is issued here."));
                if (await profiles.Get(ct) is not { } company)
                    return Problems.From(new RuleBroken("company-profile-missing", "Set the company profile (PUT /api/v1/settings/company) to print documents."));
                var partner = await data.Get(kind.IsPurchase() ? PartnerResource.Suppliers : PartnerResource.Customers, document.PartnerId, ct);
                if (!partner.IsSuccess) return Problems.From(partner.Error!);
                var built = await einvoices.Build(document, ct);
                if (!built.IsSuccess) return Problems.From(built.Error!);
                var cii = Application.EInvoicing.EInvoices.Write(built.Value with { Specification = Application.EInvoicing.EInvoice.En16931 },
                    Application.EInvoicing.EInvoiceSyntax.Cii);
                var pdf = renderer.Pdf(document, company.Value, partner.Value.Value, await einvoices.Corrected(document, ct), cii);
                return Results.File(pdf, "application/pdf", $"{document.Number}-zugferd.pdf");
            })
            .WithName($"Get{Contract.Pascal(DocumentStore.Describe(kind))}Zugferd")
            .WithSummary("ZUGFeRD/Factur-X (profile EN 16931) of the posted document: the PDF with its CII embedded as factur-x.xml")
            .RequireScope(readScope).Produces<byte[]>(StatusCodes.Status200OK, "application/pdf").NotFound()
            .Conflicts("document-not-posted", "not-issued", "company-profile-missing", "einvoice-invalid");
        return group;
    }
}
