using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Tenants;
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
                var issued = await Issued(queries, kind, id, ct);
                if (!issued.IsSuccess) return Problems.From(issued.Error!);
                var document = issued.Value;
                if (document.Archive?.FirstOrDefault(f => f.Kind == ArchivedFile.Pdf) is { } archived)
                    return await archive.Read(archived, ct) is { } bytes
                        ? Results.File(bytes, archived.ContentType, $"{document.Number}.pdf")
                        : Problems.From(new RuleBroken("archive-mismatch", $"The archived PDF of {document.Number} does not match its recorded SHA-256."));
                var parties = await Parties(document, profiles, data, ct);
                if (!parties.IsSuccess) return Problems.From(parties.Error!);
                var pdf = renderer.Pdf(document, parties.Value.Company, parties.Value.Partner, await einvoices.Corrected(document, ct));
                return Results.File(pdf, "application/pdf", $"{document.Number}.pdf");
            })
            .WithName($"Get{Contract.Pascal(DocumentStore.Describe(kind))}Pdf")
            .WithSummary("The document as PDF: §14 UStG details, German formats, paginated; issued documents carry the verification QR code")
            .RequireScope(readScope).Produces<Stream>(StatusCodes.Status200OK, "application/pdf").NotFound()
            .Conflicts("document-not-posted", "not-issued", "company-profile-missing", "archive-mismatch");
        return group;
    }

    /// <summary>ZUGFeRD/Factur-X (profile EN 16931): the PDF with its CII embedded as factur-x.xml, for posted issued documents.</summary>
    public static RouteGroupBuilder MapZugferd(this RouteGroupBuilder group, DocumentKind kind, string readScope)
    {
        group.MapGet("{id}/zugferd", async (string id, DocumentQueries queries, CompanyProfiles profiles, MasterData data,
                Application.EInvoicing.EInvoices einvoices, IDocumentRenderer renderer, CancellationToken ct) =>
            {
                var issued = await Issued(queries, kind, id, ct);
                if (!issued.IsSuccess) return Problems.From(issued.Error!);
                var document = issued.Value;
                var parties = await Parties(document, profiles, data, ct);
                if (!parties.IsSuccess) return Problems.From(parties.Error!);
                var built = await einvoices.Build(document, ct);
                if (!built.IsSuccess) return Problems.From(built.Error!);
                var cii = Application.EInvoicing.EInvoices.Write(built.Value with { Specification = Application.EInvoicing.EInvoice.En16931 },
                    Application.EInvoicing.EInvoiceSyntax.Cii);
                var pdf = renderer.Pdf(document, parties.Value.Company, parties.Value.Partner, await einvoices.Corrected(document, ct), cii);
                return Results.File(pdf, "application/pdf", $"{document.Number}-zugferd.pdf");
            })
            .WithName($"Get{Contract.Pascal(DocumentStore.Describe(kind))}Zugferd")
            .WithSummary("ZUGFeRD/Factur-X (profile EN 16931) of the posted document: the PDF with its CII embedded as factur-x.xml")
            .RequireScope(readScope).Produces<Stream>(StatusCodes.Status200OK, "application/pdf").NotFound()
            .Conflicts("document-not-posted", "not-issued", "company-profile-missing", "einvoice-invalid");
        return group;
    }

    /// <summary>
    /// What every output of a document needs first: it exists, it has its number (invoices get theirs at posting)
    /// and the tenant issued it (a supplier's own invoice is theirs to print; a Gutschrift is ours).
    /// </summary>
    public static async Task<Result<TradeDocument>> Issued(DocumentQueries queries, DocumentKind kind, string id, CancellationToken ct)
    {
        if (await queries.Get(kind, id, ct) is not { IsSuccess: true } found) return new NotFound(DocumentStore.Describe(kind), id);
        var document = found.Value.Value;
        if (document.Number is null) return new RuleBroken("document-not-posted", "The document has no number yet: post it first.");
        if (document.Kind == DocumentKind.PurchaseInvoice && !document.SelfBilled)
            return new RuleBroken("not-issued", "A supplier's invoice is theirs; only a self-billed credit note (Gutschrift) is issued here.");
        return document;
    }

    /// <summary>The company the document is issued under and its partner.</summary>
    private static async Task<Result<(CompanyProfile Company, Domain.Partners.Partner Partner)>> Parties(TradeDocument document,
        CompanyProfiles profiles, MasterData data, CancellationToken ct)
    {
        if (await profiles.Get(ct) is not { } company)
            return new RuleBroken("company-profile-missing", "Set the company profile (PUT /api/v1/settings/company) to print documents.");
        var partner = await data.Get(document.Kind.IsPurchase() ? PartnerResource.Suppliers : PartnerResource.Customers, document.PartnerId, ct);
        return partner.IsSuccess ? (company.Value, partner.Value.Value) : partner.Error!;
    }
}
